#include "generator.hpp"

#include <algorithm>
#include <cstdio>
#include <unordered_set>

#include "collection.hpp"
#include "core/business_number.hpp"
#include "names.hpp"

namespace sim {

namespace {

constexpr int kOutsidePoolSize = 400;
constexpr int kCorrectionPermille = 30;
constexpr int64_t kSecond = sbfdw::kMicrosPerSecond;

// Exempt industries (면세) are weighted down so 계산서 stay a small share.
int pick_industry(Rng &rng) {
    const auto &all = industries();
    int total = 0;
    for (const Industry &industry : all)
        total += industry.tax_exempt ? 3 : 10;
    int roll = static_cast<int>(rng.below(total));
    for (size_t i = 0; i < all.size(); ++i) {
        roll -= all[i].tax_exempt ? 3 : 10;
        if (roll < 0)
            return static_cast<int>(i);
    }
    return 0;
}

std::string digits(uint64_t value, int width) {
    std::string text(width, '0');
    for (int i = width - 1; i >= 0; --i, value /= 10)
        text[i] = static_cast<char>('0' + value % 10);
    return text;
}

// 3-digit tax office, 2-digit kind (81/86/87 corporations, 01-79 individual businesses),
// 4-digit serial, check digit.
std::string make_business_number(Rng &rng, bool corporation) {
    static const int kCorporateKinds[] = {81, 81, 81, 86, 87};
    std::string nine = digits(rng.between(101, 899), 3) +
                       digits(corporation ? kCorporateKinds[rng.below(5)] : rng.between(1, 79), 2) +
                       digits(rng.between(0, 9999), 4);
    return nine + static_cast<char>('0' + sbfdw::business_number_check_digit(nine));
}

int personal_check_digit(const std::string &twelve) {
    static const int kWeights[12] = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};
    int sum = 0;
    for (int i = 0; i < 12; ++i)
        sum += (twelve[i] - '0') * kWeights[i];
    return (11 - sum % 11) % 10;
}

std::string format_compact_day(Day day) {
    sbfdw::CivilDate date = sbfdw::civil_from_day(day);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d%02d%02d", date.year, date.month, date.day);
    return buffer;
}

// Exact decimal text of value / 10^scale_digits, without trailing zeros ("150" 2 -> "1.5").
std::string format_scaled(int64_t value, int scale_digits) {
    bool negative = value < 0;
    uint64_t magnitude = negative ? static_cast<uint64_t>(-value) : static_cast<uint64_t>(value);
    uint64_t scale = 1;
    for (int i = 0; i < scale_digits; ++i)
        scale *= 10;
    std::string text = std::to_string(magnitude / scale);
    uint64_t fraction = magnitude % scale;
    if (fraction != 0) {
        std::string decimals = digits(fraction, scale_digits);
        decimals.erase(decimals.find_last_not_of('0') + 1);
        text += "." + decimals;
    }
    return negative ? "-" + text : text;
}

// numerator / denominator rounded half away from zero (denominator > 0).
int64_t divide_rounded(int64_t numerator, int64_t denominator) {
    int64_t half = denominator / 2;
    return numerator >= 0 ? (numerator + half) / denominator : -((-numerator + half) / denominator);
}

// 10 % truncated toward zero (절사), per line.
int64_t vat_of(int64_t supply) {
    return supply / 10;
}

bool is_taxable(const std::string &dti_type) {
    // 영세율 (xx02, xx05) and 계산서 (03xx, 04xx) carry no tax.
    std::string kind = dti_type.substr(2);
    return (dti_type[0] == '0' && (dti_type[1] == '1' || dti_type[1] == '2')) && kind != "02" &&
           kind != "05";
}

// Uniform draws squared: small values common, large ones rare, as with real prices and amounts.
int64_t skewed_between(Rng &rng, int64_t lo, int64_t hi) {
    uint64_t u = rng.below(1000);
    return lo + static_cast<int64_t>(static_cast<uint64_t>(hi - lo) * u / 1000 * u / 1000);
}

// Seconds into the day when business documents are sent: mostly office hours.
int64_t time_of_day_seconds(Rng &rng) {
    int roll = static_cast<int>(rng.below(1000));
    if (roll < 850) {
        // Two draws averaged: a peak in the early afternoon rather than a flat day.
        int64_t a = rng.between(9 * 3600, 19 * 3600 - 1);
        int64_t b = rng.between(9 * 3600, 19 * 3600 - 1);
        return (a + b) / 2;
    }
    if (roll < 960)
        return rng.between(19 * 3600, 24 * 3600 - 1);
    return rng.between(0, 9 * 3600 - 1);
}

std::string make_document_number(Rng &rng, Day write_day) {
    switch (rng.below(3)) {
    case 0:
        return "INV-" + format_compact_day(write_day).substr(0, 4) + "-" +
               digits(rng.between(1, 999999), 6);
    case 1:
        return format_compact_day(write_day) + "-" + digits(rng.between(1, 9999), 4);
    default:
        return "SB" + digits(rng.between(0, 99999999), 8);
    }
}

const std::vector<std::string> &item_remarks() {
    static const std::vector<std::string> remarks = {"월합계",    "샘플",     "긴급 납품",
                                                     "부분 납품", "A/S 포함", "선급금 차감"};
    return remarks;
}

const std::vector<std::string> &invoice_remarks() {
    static const std::vector<std::string> remarks = {"월합계 세금계산서", "계약번호 참조",
                                                     "현장: 본사", "결제조건: 익월 말 현금",
                                                     "발주서 번호 기재"};
    return remarks;
}

const char *amendment_reason(int code) {
    switch (code) {
    case 1:
        return "기재사항 착오·정정";
    case 2:
        return "공급가액 변동";
    case 3:
        return "환입";
    case 4:
        return "계약의 해제";
    case 5:
        return "내국신용장 사후개설";
    default:
        return "착오에 의한 이중발급";
    }
}

void sum_items(Invoice &invoice) {
    invoice.supply_amount = 0;
    invoice.tax_amount = 0;
    for (const LineItem &item : invoice.items) {
        invoice.supply_amount += item.supply_amount;
        invoice.tax_amount += item.tax_amount;
    }
    invoice.total_amount = invoice.supply_amount + invoice.tax_amount;
}

LineItem negated(const LineItem &item) {
    LineItem out = item;
    if (!out.quantity.empty())
        out.quantity = out.quantity[0] == '-' ? out.quantity.substr(1) : "-" + out.quantity;
    out.supply_amount = -item.supply_amount;
    out.tax_amount = -item.tax_amount;
    return out;
}

} // namespace

bool is_valid_personal_number(const std::string &number) {
    if (number.size() != 13)
        return false;
    for (char c : number)
        if (c < '0' || c > '9')
            return false;
    return personal_check_digit(number) == number[12] - '0';
}

Generator::Generator(const GeneratorConfig &config) : config_(config) {
    int company_count = std::clamp(config.companies, 1, kMaxCompanies);
    Rng rng = Rng::derive(config.seed, "world");
    std::unordered_set<std::string> used_numbers;
    auto unique_number = [&](bool corporation) {
        std::string number;
        do
            number = make_business_number(rng, corporation);
        while (!used_numbers.insert(number).second);
        return number;
    };
    auto make_business = [&](bool corporation, int &industry_index) {
        industry_index = pick_industry(rng);
        const Industry &industry = industries()[industry_index];
        Party party;
        party.regno = unique_number(corporation);
        CompanyName name = make_company_name(rng, industry);
        party.name = name.name;
        party.ceo_name = make_person_name(rng).name;
        party.email = make_company_email(rng, name.slug);
        party.address = make_address(rng);
        party.biz_type = std::string(industry.biz_type);
        party.biz_class = std::string(industry.biz_class);
        return party;
    };

    for (int i = 0; i < company_count; ++i) {
        int industry = 0;
        Company company;
        company.party = make_business(true, industry);
        companies_.push_back(company);
        company_industry_.push_back(industry);
    }
    for (int i = 0; i < kOutsidePoolSize; ++i) {
        int industry = 0;
        outside_.push_back(make_business(!rng.chance(250), industry));
        outside_industry_.push_back(industry);
    }

    account_.send_com_regno = companies_[0].party.regno;
    account_.sb_id = "sbdemo" + digits(rng.between(1000, 9999), 4);
    static const char kHex[] = "0123456789ABCDEF";
    for (int half = 0; half < 2; ++half) {
        uint64_t bits = rng.next();
        for (int i = 0; i < 16; ++i, bits >>= 4)
            account_.auth_code += kHex[bits & 0xF];
    }
}

int Generator::invoice_count(Day day, int owner) const {
    if (config_.invoices_per_day <= 0)
        return 0;
    Rng rng = Rng::derive(config_.seed, "count", day, owner);
    // 1970-01-01 was a Thursday; weekday 0 = Monday. Weekdays carry 5/5.5 of the week's volume.
    int weekday = static_cast<int>(((static_cast<int64_t>(day) + 3) % 7 + 7) % 7);
    int64_t permille = weekday < 5 ? 1273 : 318;
    // Month-end invoices are issued in the first ten days of the following month.
    permille = sbfdw::civil_from_day(day).day <= 10 ? permille * 115 / 100 : permille * 93 / 100;
    // Day-to-day noise of ±30 %.
    permille = permille * rng.between(700, 1300) / 1000;
    int64_t count =
        (config_.invoices_per_day * permille + static_cast<int64_t>(rng.below(1000))) / 1000;
    return static_cast<int>(std::min<int64_t>(count, kMaxInvoicesPerCompanyDay));
}

std::vector<Invoice> Generator::invoices_for_day(Day day, int owner) const {
    int count = invoice_count(day, owner);
    std::vector<Invoice> out;
    out.reserve(count);
    for (int slot = 0; slot < count; ++slot)
        out.push_back(invoice(day, owner, slot));
    return out;
}

Invoice Generator::invoice(Day day, int owner, int slot) const {
    Slot where{day, owner, slot};
    return is_correction_slot(where) ? correction_invoice(where) : original_invoice(where);
}

bool Generator::is_correction_slot(const Slot &slot) const {
    Rng rng = Rng::derive(config_.seed, "kind", slot.day, slot.owner, slot.slot);
    return rng.chance(kCorrectionPermille);
}

// Frequent partners first: a few outside businesses get most of a company's trade.
int Generator::pick_outside_partner(Rng &rng, int owner) const {
    uint64_t u = rng.below(1000);
    uint64_t index = kOutsidePoolSize * u * u / 1000000;
    return static_cast<int>((index + static_cast<uint64_t>(owner) * 37) % kOutsidePoolSize);
}

Party Generator::make_individual(Rng &rng) const {
    Party party;
    PersonName person = make_person_name(rng);
    int year = static_cast<int>(rng.between(1950, 2002));
    sbfdw::CivilDate birth =
        sbfdw::civil_from_day(sbfdw::day_from_civil(year, 1, 1) + static_cast<Day>(rng.below(365)));
    int sex = static_cast<int>(rng.below(2)) + (year >= 2000 ? 3 : 1);
    std::string twelve = digits(birth.year % 100, 2) + digits(birth.month, 2) +
                         digits(birth.day, 2) + digits(sex, 1) + digits(rng.between(0, 99999), 5);
    party.regno = twelve + static_cast<char>('0' + personal_check_digit(twelve));
    party.name = person.name;
    party.ceo_name = person.name;
    if (rng.chance(500))
        party.email = make_personal_email(rng, person);
    if (rng.chance(700))
        party.address = make_address(rng);
    return party;
}

std::string Generator::issue_id(const Slot &slot, const Invoice &invoice) const {
    // The issuing system: stable per supplier, like the ASP a business issues through.
    uint64_t system = hash_combine(config_.seed, hash_text(invoice.supplier.regno)) % 1000000;
    // A bijection of (day mod 10, owner, slot) onto 8 digits: two invoices issued on the same
    // date were sent at most a day apart, so they never share all three.
    uint64_t day_digit = static_cast<uint64_t>((slot.day % 10 + 10) % 10);
    uint64_t n = day_digit * 10000000ull + static_cast<uint64_t>(slot.owner) * 10000ull +
                 static_cast<uint64_t>(slot.slot);
    uint64_t serial = (n * 73939133ull + 21386957ull) % 100000000ull;
    return format_compact_day(sbfdw::kst_day_of(invoice.issued_at)) + "41" + digits(system, 6) +
           digits(serial, 8);
}

Invoice Generator::original_invoice(const Slot &slot) const {
    Rng rng = Rng::derive(config_.seed, "invoice", slot.day, slot.owner, slot.slot);
    Invoice invoice;

    // Parties. Sales to another linked company are owned by the supplier; purchases owned here
    // always come from outside, so no invoice is generated twice.
    bool sales = rng.chance(500);
    int industry_index;
    if (sales) {
        invoice.supplier = companies_[slot.owner].party;
        industry_index = company_industry_[slot.owner];
        int roll = static_cast<int>(rng.below(1000));
        int linked = static_cast<int>(companies_.size());
        if (linked > 1 && roll < 120) {
            int other = static_cast<int>(rng.below(linked - 1));
            if (other >= slot.owner)
                ++other;
            invoice.buyer = companies_[other].party;
        } else if (roll < 160) {
            invoice.buyer = make_individual(rng);
        } else {
            invoice.buyer = outside_[pick_outside_partner(rng, slot.owner)];
        }
    } else {
        invoice.buyer = companies_[slot.owner].party;
        int partner = pick_outside_partner(rng, slot.owner);
        invoice.supplier = outside_[partner];
        industry_index = outside_industry_[partner];
    }
    const Industry &industry = industries()[industry_index];

    // Kind of document.
    if (industry.tax_exempt) {
        invoice.dti_type = rng.chance(900) ? "0301" : "0101";
    } else {
        int roll = static_cast<int>(rng.below(1000));
        invoice.dti_type = roll < 45 ? "0102" : roll < 80 ? "0103" : "0101";
    }
    invoice.type_code = invoice.dti_type.substr(0, 2);
    if (invoice.dti_type == "0103") {
        int broker = pick_outside_partner(rng, slot.owner + 1);
        if (outside_[broker].regno == invoice.supplier.regno ||
            outside_[broker].regno == invoice.buyer.regno)
            broker = (broker + 1) % kOutsidePoolSize;
        invoice.broker = outside_[broker];
    }
    invoice.tax_demand = rng.chance(300) ? "01" : "02";
    invoice.purpose_code = invoice.tax_demand;

    // Times: sent on slot.day; issued minutes before, or the previous day when the issuer's
    // system transmits in a morning batch.
    Instant day_start = sbfdw::kst_day_start(slot.day);
    if (rng.chance(150)) {
        invoice.issued_at =
            sbfdw::kst_day_start(slot.day - 1) + rng.between(9 * 3600, 19 * 3600 - 1) * kSecond;
        invoice.sent_at = day_start + rng.between(300, 9 * 3600) * kSecond;
    } else {
        invoice.sent_at = day_start + time_of_day_seconds(rng) * kSecond;
        invoice.issued_at = invoice.sent_at - rng.between(0, 900) * kSecond;
    }
    invoice.collected_at = collection_time(invoice.sent_at);

    Day issue_day = sbfdw::kst_day_of(invoice.issued_at);
    int issue_dom = sbfdw::civil_from_day(issue_day).day;
    int roll = static_cast<int>(rng.below(1000));
    int back = 0;
    bool month_end = false;
    if (roll < 550) {
        back = 0;
    } else if (roll < 750) {
        back = static_cast<int>(rng.between(1, 3));
    } else if (roll < 900) {
        // A month's deliveries on one invoice dated the last day of the month, issued by the 10th.
        month_end = issue_dom <= 10;
        back = month_end ? issue_dom : static_cast<int>(rng.between(0, 2));
    } else if (roll < 970) {
        back = static_cast<int>(rng.between(4, 14));
    } else {
        back = static_cast<int>(rng.between(15, 40));
    }
    invoice.write_day = issue_day - back;
    int write_dom = sbfdw::civil_from_day(invoice.write_day).day;

    // Line items.
    int item_roll = static_cast<int>(rng.below(1000));
    int item_count = item_roll < 550   ? 1
                     : item_roll < 900 ? static_cast<int>(rng.between(2, 5))
                     : item_roll < 985 ? static_cast<int>(rng.between(6, 20))
                                       : static_cast<int>(rng.between(21, 99));
    bool taxable = is_taxable(invoice.dti_type);
    for (int seq = 1; seq <= item_count; ++seq) {
        const ItemTemplate &kind = rng.pick(industry.items);
        LineItem item;
        item.seq = seq;
        item.trade_day = month_end || rng.chance(100)
                             ? invoice.write_day - static_cast<Day>(rng.below(write_dom))
                             : invoice.write_day;
        item.name = std::string(kind.name);
        item.spec = std::string(kind.spec);
        if (kind.max_quantity == 0) {
            // A lump sum: the amount is stated directly, in round thousands.
            item.supply_amount =
                skewed_between(rng, kind.min_unit_price, kind.max_unit_price) / 1000 * 1000;
        } else {
            // Quantity in hundredths, unit price in tenths: exact decimals. Small quantities are
            // the rule; cheap parts are bought by the hundred, so no line is below 1,000 won.
            int64_t price = skewed_between(rng, kind.min_unit_price, kind.max_unit_price);
            price = price >= 1000 ? price / 100 * 100 : price >= 100 ? price / 10 * 10 : price;
            int64_t price_tenths = price * 10;
            if (price < 1000 && rng.chance(50))
                price_tenths += 5;
            int64_t quantity =
                1 + static_cast<int64_t>(rng.below(1 + rng.below(kind.max_quantity)));
            if (quantity * price < 1000)
                quantity = (1000 / price + 10) / 10 * 10;
            int64_t quantity_hundredths = quantity * 100;
            if (price >= 4000 && rng.chance(100))
                quantity_hundredths = rng.between(1, std::min(kind.max_quantity, 40) * 4) * 25;
            item.quantity = format_scaled(quantity_hundredths, 2);
            item.unit_price = format_scaled(price_tenths, 1);
            item.supply_amount = divide_rounded(quantity_hundredths * price_tenths, 1000);
        }
        item.tax_amount = taxable ? vat_of(item.supply_amount) : 0;
        if (rng.chance(50))
            item.remark = rng.pick(item_remarks());
        invoice.items.push_back(std::move(item));
    }
    sum_items(invoice);

    if (!rng.chance(450))
        invoice.seq_id = make_document_number(rng, invoice.write_day);
    if (month_end)
        invoice.remark = "월합계 세금계산서";
    else if (rng.chance(100))
        invoice.remark = rng.pick(invoice_remarks());
    invoice.issue_id = issue_id(slot, invoice);
    return invoice;
}

Invoice Generator::correction_invoice(const Slot &slot) const {
    Rng rng = Rng::derive(config_.seed, "correction", slot.day, slot.owner, slot.slot);
    Slot original_slot{slot.day - static_cast<Day>(rng.between(2, 30)), slot.owner, -1};
    int candidates = invoice_count(original_slot.day, slot.owner);
    for (int attempt = 0; attempt < 8 && candidates > 0 && original_slot.slot < 0; ++attempt) {
        Slot candidate{original_slot.day, slot.owner, static_cast<int>(rng.below(candidates))};
        if (!is_correction_slot(candidate))
            original_slot = candidate;
    }
    if (original_slot.slot < 0)
        return original_invoice(slot); // nothing to correct that day: an ordinary invoice
    Invoice original = original_invoice(original_slot);

    Invoice invoice;
    invoice.supplier = original.supplier;
    invoice.buyer = original.buyer;
    invoice.broker = original.broker;
    invoice.type_code = original.type_code == "03" ? "04" : "02";
    invoice.dti_type = invoice.type_code + original.dti_type.substr(2);
    invoice.tax_demand = original.tax_demand;
    invoice.purpose_code = original.purpose_code;
    invoice.original_issue_id = original.issue_id;

    int roll = static_cast<int>(rng.below(1000));
    int reason = roll < 200 ? 1 : roll < 450 ? 2 : roll < 600 ? 3 : roll < 900 ? 4 : 6;
    if (original.dti_type == "0102" && rng.chance(300))
        reason = 5;
    invoice.amendment_code = std::to_string(reason);
    invoice.remark = amendment_reason(reason);

    invoice.sent_at = sbfdw::kst_day_start(slot.day) + time_of_day_seconds(rng) * kSecond;
    invoice.issued_at = invoice.sent_at - rng.between(0, 900) * kSecond;
    invoice.collected_at = collection_time(invoice.sent_at);
    Day issue_day = sbfdw::kst_day_of(invoice.issued_at);
    // Errors and double issues keep the original's write date; changes are dated when they happen.
    bool keeps_write_day = reason == 1 || reason == 5 || reason == 6;
    invoice.write_day = keeps_write_day ? original.write_day
                                        : std::max(issue_day - static_cast<Day>(rng.below(3)),
                                                   sbfdw::kst_day_of(original.issued_at));

    bool taxable = is_taxable(invoice.dti_type);
    if (reason == 2) {
        // One line with the change in supply value, usually a reduction.
        LineItem item;
        item.trade_day = invoice.write_day;
        item.name = original.items.front().name + " 공급가액 변동";
        int64_t change = std::max<int64_t>(original.supply_amount * rng.between(1, 20) / 100, 1000);
        item.supply_amount = rng.chance(700) ? -change : change;
        item.tax_amount = taxable ? vat_of(item.supply_amount) : 0;
        invoice.items.push_back(std::move(item));
    } else {
        // Returned goods take back some lines; the other reasons cancel the whole original.
        size_t lines = reason == 3 ? static_cast<size_t>(rng.between(1, original.items.size()))
                                   : original.items.size();
        for (size_t i = 0; i < lines; ++i) {
            LineItem item = negated(original.items[i]);
            if (!keeps_write_day)
                item.trade_day = invoice.write_day;
            invoice.items.push_back(std::move(item));
        }
    }
    for (size_t i = 0; i < invoice.items.size(); ++i)
        invoice.items[i].seq = static_cast<int>(i) + 1;
    sum_items(invoice);
    if (!original.seq_id.empty())
        invoice.seq_id = original.seq_id + "-R" + invoice.amendment_code;
    invoice.issue_id = issue_id(slot, invoice);
    return invoice;
}

} // namespace sim
