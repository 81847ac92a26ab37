#include "dataset.hpp"

#include <algorithm>
#include <map>

#include "collection.hpp"
#include "csv_export.hpp"
#include "generator.hpp"

namespace sim {

namespace {

bool by_sent_then_id(const Invoice *a, const Invoice *b) {
    if (a->sent_at != b->sent_at)
        return a->sent_at < b->sent_at;
    return a->issue_id < b->issue_id;
}

Day date_of_kind(const Invoice &invoice, ListDateKind kind) {
    switch (kind) {
    case ListDateKind::Write:
        return invoice.write_day;
    case ListDateKind::Issue:
        return sbfdw::kst_day_of(invoice.issued_at);
    case ListDateKind::Sent:
        break;
    }
    return sbfdw::kst_day_of(invoice.sent_at);
}

} // namespace

// Invoices are kept per sent day (the generation unit); each linked company has, per direction,
// an index from sent day to that day's invoices in (sent_at, issue_id) order. Since W <= I <= S,
// any range on W or I starts no later than the matching sent days, so every list is one ordered
// walk over sent days from `from` on.
struct Dataset::Impl {
    explicit Impl(const GeneratorConfig &config) : generator(config) {
        companies = generator.companies();
        for (size_t i = 0; i < companies.size(); ++i)
            company_index.emplace(companies[i].party.regno, static_cast<int>(i));
        by_company.resize(companies.size() * 2);
    }

    using DayIndex = std::map<Day, std::vector<const Invoice *>>;

    DayIndex &index_of(int company, bool sales) {
        return by_company[company * 2 + (sales ? 1 : 0)];
    }
    const DayIndex *find_index(const std::string &corp_num, bool sales) const {
        auto found = company_index.find(corp_num);
        if (found == company_index.end())
            return nullptr;
        return &by_company[found->second * 2 + (sales ? 1 : 0)];
    }

    void generate_day(Day day) {
        std::vector<std::unique_ptr<Invoice>> &stored = days[day];
        for (int owner = 0; owner < static_cast<int>(companies.size()); ++owner)
            for (Invoice &invoice : generator.invoices_for_day(day, owner))
                stored.push_back(std::make_unique<Invoice>(std::move(invoice)));
        for (const auto &invoice : stored) {
            by_issue_id.emplace(invoice->issue_id, invoice.get());
            auto supplier = company_index.find(invoice->supplier.regno);
            if (supplier != company_index.end())
                index_of(supplier->second, true)[day].push_back(invoice.get());
            auto buyer = company_index.find(invoice->buyer.regno);
            if (buyer != company_index.end())
                index_of(buyer->second, false)[day].push_back(invoice.get());
        }
        for (DayIndex &index : by_company) {
            auto entry = index.find(day);
            if (entry != index.end())
                std::sort(entry->second.begin(), entry->second.end(), by_sent_then_id);
        }
    }

    void forget_day(Day day) {
        auto stored = days.find(day);
        if (stored == days.end())
            return;
        for (const auto &invoice : stored->second)
            by_issue_id.erase(invoice->issue_id);
        for (DayIndex &index : by_company)
            index.erase(day);
        days.erase(stored);
    }

    Generator generator;
    std::vector<Company> companies;
    std::unordered_map<std::string, int> company_index;
    std::map<Day, std::vector<std::unique_ptr<Invoice>>> days;
    std::vector<DayIndex> by_company; // [company * 2 + sales]
    std::unordered_map<std::string, const Invoice *> by_issue_id;
};

Dataset::Dataset(GeneratorConfig config) : impl_(std::make_unique<Impl>(config)) {}

Dataset::~Dataset() = default;
Dataset::Dataset(Dataset &&) noexcept = default;
Dataset &Dataset::operator=(Dataset &&) noexcept = default;

const GeneratorConfig &Dataset::config() const {
    return impl_->generator.config();
}

const Account &Dataset::account() const {
    return impl_->generator.account();
}

const std::vector<Company> &Dataset::companies() const {
    return impl_->companies;
}

Company *Dataset::find_company(const std::string &regno) {
    auto found = impl_->company_index.find(regno);
    return found == impl_->company_index.end() ? nullptr : &impl_->companies[found->second];
}

void Dataset::advance_to(Instant now) {
    // Days whose every invoice is purged by now are dropped; days that can hold a visible
    // invoice (sent on or before today, not all purged) are generated if missing.
    Day today = sbfdw::kst_day_of(now);
    while (!impl_->days.empty() && day_purge_bound(impl_->days.begin()->first) <= now)
        impl_->forget_day(impl_->days.begin()->first);
    for (Day day = today; day_purge_bound(day) > now; --day)
        if (impl_->days.find(day) == impl_->days.end())
            impl_->generate_day(day);
}

std::vector<const Invoice *> Dataset::list(const std::string &corp_num, bool sales,
                                           ListDateKind kind, Day from, Day to, Instant now) const {
    std::vector<const Invoice *> out;
    const Impl::DayIndex *index = impl_->find_index(corp_num, sales);
    if (index == nullptr || from > to)
        return out;
    auto end = kind == ListDateKind::Sent ? index->upper_bound(to) : index->end();
    for (auto day = index->lower_bound(from); day != end; ++day) {
        for (const Invoice *invoice : day->second) {
            if (!visible(*invoice, now))
                continue;
            Day date = date_of_kind(*invoice, kind);
            if (date >= from && date <= to)
                out.push_back(invoice);
        }
    }
    return out;
}

const Invoice *Dataset::find_visible(const std::string &corp_num, bool sales,
                                     const std::string &issue_id, Instant now) const {
    auto found = impl_->by_issue_id.find(issue_id);
    if (found == impl_->by_issue_id.end() || impl_->company_index.count(corp_num) == 0)
        return nullptr;
    const Invoice *invoice = found->second;
    const std::string &party = sales ? invoice->supplier.regno : invoice->buyer.regno;
    if (party != corp_num || !visible(*invoice, now))
        return nullptr;
    return invoice;
}

bool Dataset::visible(const Invoice &invoice, Instant now) {
    return is_visible(invoice.collected_at, now);
}

namespace {

// Linked companies in regno order, AP before AR, each list in (sent_at, issue_id) order.
template <typename IndexOf, typename AppendRows>
std::string export_csv(const std::vector<Company> &companies, const char *header, Instant now,
                       IndexOf index_of, AppendRows append_rows) {
    std::vector<std::string> regnos;
    for (const Company &company : companies)
        regnos.push_back(company.party.regno);
    std::sort(regnos.begin(), regnos.end());
    std::string out = header;
    for (const std::string &regno : regnos) {
        for (bool sales : {false, true}) {
            for (const auto &day : *index_of(regno, sales))
                for (const Invoice *invoice : day.second)
                    if (Dataset::visible(*invoice, now))
                        append_rows(out, regno, sales, *invoice);
        }
    }
    return out;
}

} // namespace

std::string Dataset::export_invoices_csv(Instant now) const {
    return export_csv(
        impl_->companies, kInvoicesCsvHeader, now,
        [this](const std::string &regno, bool sales) { return impl_->find_index(regno, sales); },
        append_invoice_csv_row);
}

std::string Dataset::export_items_csv(Instant now) const {
    return export_csv(
        impl_->companies, kItemsCsvHeader, now,
        [this](const std::string &regno, bool sales) { return impl_->find_index(regno, sales); },
        append_item_csv_rows);
}

std::string Dataset::export_documents_csv(Instant now) const {
    return export_csv(
        impl_->companies, kDocumentsCsvHeader, now,
        [this](const std::string &regno, bool sales) { return impl_->find_index(regno, sales); },
        append_document_csv_row);
}

} // namespace sim
