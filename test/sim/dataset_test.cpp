#include <gtest/gtest.h>

#include <map>
#include <set>

#include "collection.hpp"
#include "core/business_number.hpp"
#include "csv_export.hpp"
#include "dataset.hpp"
#include "generator.hpp"
#include "dataset_test_support.hpp"

namespace sim {
namespace {

using dataset_testing::all_visible;
using dataset_testing::kst;

const Instant kNow = kst("2026-11-27 10:05:00");

Dataset make_dataset(uint64_t seed = 42, Instant now = kNow) {
    Dataset dataset(GeneratorConfig{seed, 3, 20});
    dataset.advance_to(now);
    return dataset;
}

TEST(DatasetTest, SameSeedGivesIdenticalExports) {
    Dataset a = make_dataset(42);
    Dataset b = make_dataset(42);
    EXPECT_EQ(a.export_invoices_csv(kNow), b.export_invoices_csv(kNow));
    EXPECT_EQ(a.export_items_csv(kNow), b.export_items_csv(kNow));
    EXPECT_EQ(a.account().auth_code, b.account().auth_code);
}

TEST(DatasetTest, DifferentSeedGivesDifferentData) {
    Dataset a = make_dataset(42);
    Dataset b = make_dataset(43);
    EXPECT_NE(a.export_invoices_csv(kNow), b.export_invoices_csv(kNow));
    EXPECT_NE(a.account().send_com_regno, b.account().send_com_regno);
    EXPECT_NE(a.account().auth_code, b.account().auth_code);
}

TEST(DatasetTest, ResultDoesNotDependOnTheOrderOfClockAdvances) {
    Dataset direct = make_dataset(42);
    Dataset stepped(GeneratorConfig{42, 3, 20});
    stepped.advance_to(kNow - 200 * sbfdw::kMicrosPerDay);
    stepped.advance_to(kNow - 40 * sbfdw::kMicrosPerDay);
    stepped.advance_to(kNow + 5 * sbfdw::kMicrosPerDay);
    stepped.advance_to(kNow);
    EXPECT_EQ(direct.export_invoices_csv(kNow), stepped.export_invoices_csv(kNow));
    EXPECT_EQ(direct.export_items_csv(kNow), stepped.export_items_csv(kNow));
}

TEST(DatasetTest, AccountIsTheFirstLinkedCompany) {
    Dataset dataset = make_dataset();
    const Account &account = dataset.account();
    ASSERT_EQ(dataset.companies().size(), 3u);
    EXPECT_EQ(account.send_com_regno, dataset.companies()[0].party.regno);
    EXPECT_EQ(account.sb_id.rfind("sbdemo", 0), 0u);
    ASSERT_EQ(account.auth_code.size(), 32u);
    for (char c : account.auth_code)
        EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F')) << account.auth_code;
    EXPECT_NE(dataset.find_company(account.send_com_regno), nullptr);
    EXPECT_EQ(dataset.find_company("1208147522"), nullptr);
}

TEST(DatasetTest, EveryNumberHasAValidCheckDigit) {
    Dataset dataset = make_dataset();
    for (const Company &company : dataset.companies())
        EXPECT_TRUE(sbfdw::is_valid_business_number(company.party.regno)) << company.party.regno;
    int individuals = 0;
    for (const Invoice *invoice : all_visible(dataset, kNow)) {
        EXPECT_TRUE(sbfdw::is_valid_business_number(invoice->supplier.regno))
            << invoice->supplier.regno;
        if (invoice->buyer.regno.size() == 13) {
            ++individuals;
            EXPECT_TRUE(is_valid_personal_number(invoice->buyer.regno)) << invoice->buyer.regno;
        } else {
            EXPECT_TRUE(sbfdw::is_valid_business_number(invoice->buyer.regno))
                << invoice->buyer.regno;
        }
        if (invoice->broker) {
            EXPECT_TRUE(sbfdw::is_valid_business_number(invoice->broker->regno));
        }
    }
    EXPECT_GT(individuals, 0);
}

TEST(DatasetTest, ApprovalNumbersHaveTheNtsShapeAndAreUnique) {
    Dataset dataset = make_dataset();
    std::set<std::string> seen;
    auto invoices = all_visible(dataset, kNow);
    ASSERT_GT(invoices.size(), 3000u);
    for (const Invoice *invoice : invoices) {
        const std::string &id = invoice->issue_id;
        ASSERT_EQ(id.size(), 24u) << id;
        for (char c : id)
            ASSERT_TRUE(c >= '0' && c <= '9') << id;
        std::string issue_date = sbfdw::format_day(sbfdw::kst_day_of(invoice->issued_at));
        EXPECT_EQ(id.substr(0, 8),
                  issue_date.substr(0, 4) + issue_date.substr(5, 2) + issue_date.substr(8, 2));
        EXPECT_EQ(id.substr(8, 2), "41");
        EXPECT_TRUE(seen.insert(id).second) << "duplicate " << id;
    }
}

TEST(DatasetTest, DatesFollowWriteIssueSentOrder) {
    Dataset dataset = make_dataset();
    int late_issues = 0;
    for (const Invoice *invoice : all_visible(dataset, kNow)) {
        Day issue_day = sbfdw::kst_day_of(invoice->issued_at);
        Day sent_day = sbfdw::kst_day_of(invoice->sent_at);
        EXPECT_LE(invoice->write_day, issue_day) << invoice->issue_id;
        EXPECT_LE(invoice->issued_at, invoice->sent_at) << invoice->issue_id;
        EXPECT_TRUE(sent_day == issue_day || sent_day == issue_day + 1) << invoice->issue_id;
        if (invoice->amendment_code.empty()) {
            EXPECT_LE(issue_day - invoice->write_day, 40) << invoice->issue_id;
        }
        if (issue_day - invoice->write_day > 5)
            ++late_issues;
        for (const LineItem &item : invoice->items)
            EXPECT_LE(item.trade_day, invoice->write_day) << invoice->issue_id;
    }
    EXPECT_GT(late_issues, 0);
}

TEST(DatasetTest, LineItemsAddUpToTheHeader) {
    Dataset dataset = make_dataset();
    for (const Invoice *invoice : all_visible(dataset, kNow)) {
        ASSERT_GE(invoice->items.size(), 1u);
        ASSERT_LE(invoice->items.size(), 99u);
        int64_t supply = 0, tax = 0;
        for (size_t i = 0; i < invoice->items.size(); ++i) {
            EXPECT_EQ(invoice->items[i].seq, static_cast<int>(i) + 1);
            supply += invoice->items[i].supply_amount;
            tax += invoice->items[i].tax_amount;
        }
        EXPECT_EQ(supply, invoice->supply_amount) << invoice->issue_id;
        EXPECT_EQ(tax, invoice->tax_amount) << invoice->issue_id;
        EXPECT_EQ(invoice->total_amount, invoice->supply_amount + invoice->tax_amount);
    }
}

TEST(DatasetTest, CorrectionsReferenceAnEarlierOriginalBetweenTheSameParties) {
    Dataset dataset = make_dataset();
    auto invoices = all_visible(dataset, kNow);
    Instant earliest_sent = invoices.front()->sent_at;
    for (const Invoice *invoice : invoices)
        earliest_sent = std::min(earliest_sent, invoice->sent_at);
    int checked = 0, negative = 0;
    for (const Invoice *invoice : invoices) {
        if (invoice->type_code != "02" && invoice->type_code != "04")
            continue;
        ASSERT_FALSE(invoice->amendment_code.empty());
        EXPECT_GE(invoice->amendment_code[0], '1');
        EXPECT_LE(invoice->amendment_code[0], '6');
        ASSERT_EQ(invoice->original_issue_id.size(), 24u);
        if (invoice->supply_amount < 0)
            ++negative;
        // Originals are at most 30 days older, so later corrections must find theirs.
        if (invoice->sent_at < earliest_sent + 31 * sbfdw::kMicrosPerDay)
            continue;
        bool sales = dataset.companies().end() !=
                     std::find_if(dataset.companies().begin(), dataset.companies().end(),
                                  [&](const Company &c) {
                                      return c.party.regno == invoice->supplier.regno;
                                  });
        const std::string &corp = sales ? invoice->supplier.regno : invoice->buyer.regno;
        const Invoice *original =
            dataset.find_visible(corp, sales, invoice->original_issue_id, kNow);
        ASSERT_NE(original, nullptr) << invoice->issue_id << " -> " << invoice->original_issue_id;
        EXPECT_LT(original->issued_at, invoice->issued_at);
        EXPECT_EQ(original->supplier.regno, invoice->supplier.regno);
        EXPECT_EQ(original->buyer.regno, invoice->buyer.regno);
        EXPECT_TRUE(original->amendment_code.empty());
        EXPECT_EQ(original->dti_type.substr(2), invoice->dti_type.substr(2));
        EXPECT_EQ(original->type_code == "01" ? "02" : "04", invoice->type_code);
        ++checked;
    }
    EXPECT_GT(checked, 20);
    EXPECT_GT(negative, 10);
}

TEST(DatasetTest, TypeAndDirectionMixIsRealistic) {
    Dataset dataset = make_dataset();
    std::map<std::string, int> by_type;
    for (const Invoice *invoice : all_visible(dataset, kNow)) {
        ++by_type[invoice->dti_type];
        EXPECT_EQ(invoice->type_code, invoice->dti_type.substr(0, 2));
        EXPECT_TRUE(invoice->tax_demand == "01" || invoice->tax_demand == "02");
        EXPECT_EQ(invoice->purpose_code, invoice->tax_demand);
        EXPECT_EQ(invoice->broker.has_value(), invoice->dti_type.substr(2) == "03");
    }
    int total = 0;
    for (auto &entry : by_type)
        total += entry.second;
    EXPECT_GT(by_type["0101"], total * 7 / 10);
    for (const char *type : {"0102", "0103", "0301", "0201"})
        EXPECT_GT(by_type[type], 0) << type;
    EXPECT_GT(by_type["0401"] + by_type["0202"] + by_type["0203"], 0);

    for (const Company &company : dataset.companies()) {
        Day today = sbfdw::kst_day_of(kNow);
        size_t sales =
            dataset.list(company.party.regno, true, ListDateKind::Sent, today - 120, today, kNow)
                .size();
        size_t purchases =
            dataset.list(company.party.regno, false, ListDateKind::Sent, today - 120, today, kNow)
                .size();
        EXPECT_GT(sales * 10, (sales + purchases) * 35 / 10) << company.party.regno;
        EXPECT_GT(purchases * 10, (sales + purchases) * 35 / 10) << company.party.regno;
    }
}

TEST(DatasetTest, WeekdaysCarryMoreInvoicesThanWeekends) {
    Dataset dataset = make_dataset();
    int weekday = 0, weekend = 0;
    for (const Invoice *invoice : all_visible(dataset, kNow)) {
        int dow = ((sbfdw::kst_day_of(invoice->sent_at) + 3) % 7 + 7) % 7; // 0 = Monday
        (dow < 5 ? weekday : weekend)++;
    }
    // Per day, weekdays carry about four times as many.
    EXPECT_GT(weekday / 5, 2 * (weekend / 2));
}

TEST(DatasetTest, InvoiceBecomesVisibleAtTheNextCollectionRun) {
    Invoice invoice;
    invoice.sent_at = kst("2026-11-27 10:05:00");
    invoice.collected_at = collection_time(invoice.sent_at);
    EXPECT_EQ(invoice.collected_at, kst("2026-11-27 10:20:00"));
    EXPECT_FALSE(Dataset::visible(invoice, kst("2026-11-27 10:19:59")));
    EXPECT_TRUE(Dataset::visible(invoice, kst("2026-11-27 10:20:00")));
    // A run does not see what arrives at its own instant.
    EXPECT_EQ(collection_time(kst("2026-11-27 10:20:00")), kst("2026-11-27 10:40:00"));
    EXPECT_EQ(collection_time(kst("2026-11-27 23:59:59")), kst("2026-11-28 00:00:00"));
}

TEST(DatasetTest, GeneratedCollectionTimesAreRunsAfterSending) {
    Dataset dataset = make_dataset();
    for (const Invoice *invoice : all_visible(dataset, kNow)) {
        EXPECT_EQ(invoice->collected_at % kCollectionInterval, 0);
        EXPECT_GT(invoice->collected_at, invoice->sent_at);
        EXPECT_LE(invoice->collected_at, invoice->sent_at + kCollectionInterval);
        EXPECT_LE(invoice->collected_at, kNow);
    }
}

TEST(DatasetTest, ListHidesInvoicesNotYetCollected) {
    // Between runs the list is frozen; at the run the invoices sent since the last run appear.
    Dataset dataset = make_dataset(42, kst("2026-11-27 14:00:00"));
    const std::string &corp = dataset.companies()[0].party.regno;
    Day today = sbfdw::kst_day_of(kNow);
    auto count_at = [&](const char *when) {
        return dataset.list(corp, true, ListDateKind::Sent, today, today, kst(when)).size() +
               dataset.list(corp, false, ListDateKind::Sent, today, today, kst(when)).size();
    };
    EXPECT_EQ(count_at("2026-11-27 10:00:00"), count_at("2026-11-27 10:19:59"));
    EXPECT_LE(count_at("2026-11-27 10:19:59"), count_at("2026-11-27 10:20:00"));
    EXPECT_LT(count_at("2026-11-27 09:00:00"), count_at("2026-11-27 14:00:00"));
}

TEST(DatasetTest, RetentionPurgesThreeCalendarMonthsAfterCollection) {
    EXPECT_EQ(purge_time(kst("2026-08-27 10:20:00")), kst("2026-11-27 10:20:00"));
    EXPECT_EQ(purge_time(kst("2026-11-30 10:20:00")), kst("2027-02-28 10:20:00"));
    Invoice invoice;
    invoice.collected_at = kst("2026-08-27 10:20:00");
    EXPECT_TRUE(Dataset::visible(invoice, kst("2026-11-27 10:19:59")));
    EXPECT_FALSE(Dataset::visible(invoice, kst("2026-11-27 10:20:00")));

    Dataset dataset = make_dataset();
    auto invoices = all_visible(dataset, kNow);
    const Invoice *oldest = invoices.front();
    for (const Invoice *candidate : invoices)
        if (candidate->collected_at < oldest->collected_at)
            oldest = candidate;
    EXPECT_GE(oldest->collected_at, kst("2026-08-27 10:05:00"));
    EXPECT_LT(oldest->collected_at, kst("2026-08-28 00:00:00"));
    std::string id = oldest->issue_id;
    std::string corp = oldest->buyer.regno;
    bool sales = dataset.find_company(oldest->supplier.regno) != nullptr;
    if (sales)
        corp = oldest->supplier.regno;
    Instant purge = purge_time(oldest->collected_at);
    EXPECT_NE(dataset.find_visible(corp, sales, id, purge - 1), nullptr);
    dataset.advance_to(purge);
    EXPECT_EQ(dataset.find_visible(corp, sales, id, purge), nullptr);
    // Four months on, the old days are gone from memory, not only hidden.
    Instant later = kNow + 130 * sbfdw::kMicrosPerDay;
    dataset.advance_to(later);
    EXPECT_EQ(dataset.find_visible(corp, sales, id, purge - 1), nullptr);
}

TEST(DatasetTest, InvoicesBetweenLinkedCompaniesAppearOnBothSides) {
    Dataset dataset = make_dataset();
    Day today = sbfdw::kst_day_of(kNow);
    int shared = 0;
    for (const Company &supplier : dataset.companies()) {
        for (const Invoice *invoice : dataset.list(supplier.party.regno, true, ListDateKind::Sent,
                                                   today - 120, today, kNow)) {
            EXPECT_EQ(invoice->supplier.regno, supplier.party.regno);
            if (dataset.find_company(invoice->buyer.regno) == nullptr)
                continue;
            ++shared;
            EXPECT_EQ(dataset.find_visible(invoice->buyer.regno, false, invoice->issue_id, kNow),
                      invoice);
            auto purchases = dataset.list(invoice->buyer.regno, false, ListDateKind::Sent,
                                          today - 120, today, kNow);
            EXPECT_NE(std::find(purchases.begin(), purchases.end(), invoice), purchases.end());
        }
        for (const Invoice *invoice : dataset.list(supplier.party.regno, false, ListDateKind::Sent,
                                                   today - 120, today, kNow))
            EXPECT_EQ(invoice->buyer.regno, supplier.party.regno);
    }
    EXPECT_GT(shared, 50);
}

TEST(DatasetTest, ListFiltersByEachDateKindInSentOrder) {
    Dataset dataset = make_dataset();
    const std::string &corp = dataset.companies()[1].party.regno;
    Day today = sbfdw::kst_day_of(kNow);
    auto everything = dataset.list(corp, false, ListDateKind::Sent, today - 120, today, kNow);
    Day from = today - 40, to = today - 20;
    for (ListDateKind kind : {ListDateKind::Write, ListDateKind::Issue, ListDateKind::Sent}) {
        std::vector<const Invoice *> expected;
        for (const Invoice *invoice : everything) {
            Day date = kind == ListDateKind::Write   ? invoice->write_day
                       : kind == ListDateKind::Issue ? sbfdw::kst_day_of(invoice->issued_at)
                                                     : sbfdw::kst_day_of(invoice->sent_at);
            if (date >= from && date <= to)
                expected.push_back(invoice);
        }
        auto listed = dataset.list(corp, false, kind, from, to, kNow);
        EXPECT_EQ(listed, expected) << static_cast<char>(kind);
        EXPECT_GT(listed.size(), 100u);
        for (size_t i = 1; i < listed.size(); ++i) {
            bool ordered = listed[i - 1]->sent_at < listed[i]->sent_at ||
                           (listed[i - 1]->sent_at == listed[i]->sent_at &&
                            listed[i - 1]->issue_id < listed[i]->issue_id);
            EXPECT_TRUE(ordered);
        }
    }
    EXPECT_TRUE(dataset.list("1208147521", true, ListDateKind::Sent, from, to, kNow).empty());
    EXPECT_TRUE(dataset.list(corp, true, ListDateKind::Sent, to, from, kNow).empty());
}

TEST(DatasetTest, FindVisibleChecksCompanyAndDirection) {
    Dataset dataset = make_dataset();
    const std::string &corp = dataset.companies()[0].party.regno;
    Day today = sbfdw::kst_day_of(kNow);
    auto sales = dataset.list(corp, true, ListDateKind::Sent, today - 10, today, kNow);
    const Invoice *invoice = nullptr;
    for (const Invoice *candidate : sales)
        if (dataset.find_company(candidate->buyer.regno) == nullptr)
            invoice = candidate;
    ASSERT_NE(invoice, nullptr);
    EXPECT_EQ(dataset.find_visible(corp, true, invoice->issue_id, kNow), invoice);
    EXPECT_EQ(dataset.find_visible(corp, false, invoice->issue_id, kNow), nullptr);
    EXPECT_EQ(dataset.find_visible(invoice->buyer.regno, false, invoice->issue_id, kNow), nullptr);
    EXPECT_EQ(dataset.find_visible(corp, true, invoice->issue_id, invoice->collected_at - 1),
              nullptr);
    EXPECT_EQ(dataset.find_visible(corp, true, "202611274100000000000000", kNow), nullptr);
}

TEST(DatasetTest, ListAnswersTenThousandRowsInOneCall) {
    Dataset dataset(GeneratorConfig{7, 1, 300});
    dataset.advance_to(kNow);
    const std::string &corp = dataset.companies()[0].party.regno;
    Day today = sbfdw::kst_day_of(kNow);
    size_t rows = dataset.list(corp, true, ListDateKind::Sent, today - 89, today, kNow).size() +
                  dataset.list(corp, false, ListDateKind::Sent, today - 89, today, kNow).size();
    EXPECT_GT(rows, 20000u);
}

std::vector<std::string> lines_of(const std::string &text) {
    std::vector<std::string> lines;
    size_t start = 0;
    for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
        lines.push_back(text.substr(start, end - start));
    return lines;
}

TEST(DatasetTest, InvoicesCsvHasTheAgreedColumnsAndOneRowPerVisibleRow) {
    Dataset dataset = make_dataset();
    auto lines = lines_of(dataset.export_invoices_csv(kNow));
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines[0],
              "corp_num,supbuy_type,issue_id,write_date,issued_at,sent_at,type_code,invoice_type,"
              "purpose_code,document_no,supplier_regno,supplier_ceo_name,supplier_name,"
              "supplier_email,buyer_regno,buyer_ceo_name,buyer_name,buyer_email,supply_amount,"
              "tax_amount,total_amount");
    size_t rows = 0, item_rows = 0;
    Day today = sbfdw::kst_day_of(kNow);
    for (const Company &company : dataset.companies())
        for (bool sales : {false, true})
            for (const Invoice *invoice : dataset.list(
                     company.party.regno, sales, ListDateKind::Sent, today - 120, today, kNow)) {
                ++rows;
                item_rows += invoice->items.size();
            }
    EXPECT_EQ(lines.size(), rows + 1);
    EXPECT_EQ(lines_of(dataset.export_items_csv(kNow)).size(), item_rows + 1);

    // Rows sorted by corp_num, then AP before AR.
    for (size_t i = 2; i < lines.size(); ++i)
        EXPECT_LE(lines[i - 1].substr(0, 19), lines[i].substr(0, 19));
    // An empty document number is an empty quoted string, not NULL.
    bool empty_document_no = false;
    for (const std::string &line : lines)
        if (line.find("\"02\",\"\",") != std::string::npos ||
            line.find("\"01\",\"\",") != std::string::npos)
            empty_document_no = true;
    EXPECT_TRUE(empty_document_no);
}

TEST(DatasetTest, CsvRowsCarryTheModelValues) {
    Invoice invoice;
    invoice.issue_id = "202611274112345600000001";
    invoice.write_day = *sbfdw::parse_day("2026-11-26");
    invoice.issued_at = kst("2026-11-27 09:10:11");
    invoice.sent_at = kst("2026-11-27 09:15:00");
    invoice.type_code = "01";
    invoice.dti_type = "0101";
    invoice.tax_demand = "02";
    invoice.supplier = {"1208147521", "(주)\"큰\" 회사, 본점", "김민준", "tax@a.co.kr", "", "", ""};
    invoice.buyer = {"1078674544", "을", "이서연", "", "", "", ""};
    invoice.supply_amount = -1000;
    invoice.tax_amount = -100;
    invoice.total_amount = -1100;
    LineItem item;
    item.trade_day = invoice.write_day;
    item.name = "용역";
    item.supply_amount = -1000;
    item.tax_amount = -100;
    invoice.items.push_back(item);
    std::string row;
    append_invoice_csv_row(row, "1208147521", true, invoice);
    EXPECT_EQ(row, "\"1208147521\",\"AR\",\"202611274112345600000001\",2026-11-26,"
                   "2026-11-27 09:10:11+09,2026-11-27 09:15:00+09,\"01\",\"0101\",\"02\",\"\","
                   "\"1208147521\",\"김민준\",\"(주)\"\"큰\"\" 회사, 본점\",\"tax@a.co.kr\","
                   "\"1078674544\",\"이서연\",\"을\",\"\",-1000,-100,-1100\n");
    std::string items;
    append_item_csv_rows(items, "1078674544", false, invoice);
    EXPECT_EQ(items, "\"1078674544\",\"AP\",\"202611274112345600000001\",2026-11-26,"
                     "2026-11-27 09:10:11+09,2026-11-27 09:15:00+09,1,2026-11-26,\"용역\",,,,"
                     "-1000,-100,\n");
}

} // namespace
} // namespace sim
