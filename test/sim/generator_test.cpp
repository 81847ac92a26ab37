#include <gtest/gtest.h>

#include <map>

#include "dti_xml.hpp"
#include "generator.hpp"
#include "random.hpp"

namespace sim {
namespace {

const Day kDay = sbfdw::day_from_civil(2026, 11, 2); // a Monday

// Exact decimal text as a scaled integer: "1.25" with 2 digits -> 125.
int64_t scaled(const std::string &text, int scale_digits) {
    bool negative = !text.empty() && text[0] == '-';
    int64_t whole = 0, fraction = 0;
    int fraction_digits = 0;
    bool in_fraction = false;
    for (size_t i = negative ? 1 : 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '.') {
            in_fraction = true;
            continue;
        }
        EXPECT_TRUE(c >= '0' && c <= '9') << text;
        if (in_fraction) {
            fraction = fraction * 10 + (c - '0');
            ++fraction_digits;
        } else {
            whole = whole * 10 + (c - '0');
        }
    }
    EXPECT_LE(fraction_digits, scale_digits) << text;
    for (; fraction_digits < scale_digits; ++fraction_digits)
        fraction *= 10;
    int64_t scale = 1;
    for (int i = 0; i < scale_digits; ++i)
        scale *= 10;
    int64_t value = whole * scale + fraction;
    return negative ? -value : value;
}

std::vector<Invoice> sample(const Generator &generator, int days) {
    std::vector<Invoice> out;
    for (Day day = kDay; day < kDay + days; ++day)
        for (int owner = 0; owner < static_cast<int>(generator.companies().size()); ++owner)
            for (Invoice &invoice : generator.invoices_for_day(day, owner))
                out.push_back(std::move(invoice));
    return out;
}

TEST(RngTest, StreamsAreFixedFunctionsOfTheirKeys) {
    Rng a = Rng::derive(42, "invoice", 1, 2, 3);
    Rng b = Rng::derive(42, "invoice", 1, 2, 3);
    Rng c = Rng::derive(42, "invoice", 1, 2, 4);
    uint64_t first = a.next();
    EXPECT_EQ(first, b.next());
    EXPECT_NE(first, c.next());
    // Pinned so that a change to the algorithm (and so to every dataset) cannot go unnoticed.
    uint64_t state = 0;
    EXPECT_EQ(splitmix64_next(state), 0xE220A8397B1DCDAFull);
    for (int i = 0; i < 1000; ++i) {
        EXPECT_LT(a.below(7), 7u);
        int64_t value = a.between(-3, 3);
        EXPECT_GE(value, -3);
        EXPECT_LE(value, 3);
    }
}

TEST(GeneratorTest, InvoicesArePureFunctionsOfTheirSlot) {
    Generator first(GeneratorConfig{42, 3, 20});
    Generator second(GeneratorConfig{42, 3, 20});
    // Asked in a different order, the answers are the same.
    Invoice late = second.invoice(kDay + 3, 2, 1);
    Invoice early = second.invoice(kDay, 0, 0);
    EXPECT_EQ(render_dti_xml(first.invoice(kDay, 0, 0)), render_dti_xml(early));
    EXPECT_EQ(render_dti_xml(first.invoice(kDay + 3, 2, 1)), render_dti_xml(late));
    EXPECT_EQ(first.invoice_count(kDay, 1), second.invoice_count(kDay, 1));
}

TEST(GeneratorTest, PersonalNumbersCarryTheirCheckDigit) {
    EXPECT_TRUE(is_valid_personal_number("8001011234560"));
    EXPECT_FALSE(is_valid_personal_number("8001011234561"));
    EXPECT_FALSE(is_valid_personal_number("800101123456"));
    EXPECT_FALSE(is_valid_personal_number("80010112345a1"));
}

TEST(GeneratorTest, CountsFollowTheWeekAndAverageTheConfiguredRate) {
    Generator generator(GeneratorConfig{42, 2, 20});
    int64_t weekdays = 0, weekends = 0, total = 0;
    const int weeks = 12;
    for (Day day = kDay; day < kDay + 7 * weeks; ++day) {
        int count = generator.invoice_count(day, 0);
        int weekday = ((day + 3) % 7 + 7) % 7;
        (weekday < 5 ? weekdays : weekends) += count;
        total += count;
    }
    EXPECT_GT(weekdays / (5 * weeks), 2 * weekends / (2 * weeks));
    EXPECT_NEAR(static_cast<double>(total) / (7 * weeks), 20.0, 3.0);
    EXPECT_EQ(Generator(GeneratorConfig{42, 2, 0}).invoice_count(kDay, 0), 0);
}

TEST(GeneratorTest, LineAmountsAreQuantityTimesPriceAndTenPercentTax) {
    Generator generator(GeneratorConfig{5, 3, 30});
    int fractional_quantities = 0, lump_sums = 0, long_invoices = 0, short_invoices = 0;
    for (const Invoice &invoice : sample(generator, 30)) {
        bool taxable = (invoice.type_code == "01" || invoice.type_code == "02") &&
                       invoice.dti_type.substr(2) != "02" && invoice.dti_type.substr(2) != "05";
        if (invoice.items.size() > 20)
            ++long_invoices;
        if (invoice.items.size() <= 5)
            ++short_invoices;
        for (const LineItem &item : invoice.items) {
            EXPECT_EQ(item.tax_amount, taxable ? item.supply_amount / 10 : 0) << invoice.issue_id;
            EXPECT_FALSE(item.name.empty());
            if (item.quantity.empty()) {
                EXPECT_TRUE(item.unit_price.empty());
                ++lump_sums;
                continue;
            }
            if (item.quantity.find('.') != std::string::npos)
                ++fractional_quantities;
            // supply = round(quantity x unit price), half away from zero
            int64_t product = scaled(item.quantity, 2) * scaled(item.unit_price, 1); // 1/1000 won
            int64_t rounded = product >= 0 ? (product + 500) / 1000 : -((-product + 500) / 1000);
            EXPECT_EQ(item.supply_amount, rounded)
                << item.quantity << " x " << item.unit_price << " in " << invoice.issue_id;
        }
        if (invoice.amendment_code.empty()) {
            EXPECT_GE(invoice.supply_amount, 1000) << invoice.issue_id;
            EXPECT_LT(invoice.supply_amount, 20000000000) << invoice.issue_id;
        }
    }
    EXPECT_GT(fractional_quantities, 0);
    EXPECT_GT(lump_sums, 0);
    EXPECT_GT(long_invoices, 0);
    EXPECT_GT(short_invoices, 20 * long_invoices);
}

TEST(GeneratorTest, CorrectionsMirrorTheirOriginal) {
    Generator generator(GeneratorConfig{42, 3, 20});
    std::map<std::string, int> reasons;
    for (const Invoice &invoice : sample(generator, 40)) {
        if (invoice.amendment_code.empty()) {
            EXPECT_TRUE(invoice.original_issue_id.empty());
            EXPECT_GE(invoice.supply_amount, 0);
            continue;
        }
        ++reasons[invoice.amendment_code];
        EXPECT_LT(invoice.original_issue_id.substr(0, 8), invoice.issue_id.substr(0, 8));
        if (invoice.amendment_code == "4" || invoice.amendment_code == "6" ||
            invoice.amendment_code == "3") {
            EXPECT_LT(invoice.supply_amount, 0) << invoice.issue_id;
            EXPECT_LE(invoice.tax_amount, 0) << invoice.issue_id;
        }
    }
    for (const char *reason : {"1", "2", "3", "4", "6"})
        EXPECT_GT(reasons[reason], 0) << reason;
}

TEST(GeneratorTest, OutsidePartiesAreDistinctValidBusinesses) {
    Generator generator(GeneratorConfig{42, 3, 20});
    std::set<std::string> numbers;
    for (const Company &company : generator.companies())
        numbers.insert(company.party.regno);
    for (const Party &party : generator.outside_parties()) {
        EXPECT_TRUE(numbers.insert(party.regno).second) << party.regno;
        EXPECT_FALSE(party.name.empty());
        EXPECT_FALSE(party.ceo_name.empty());
        EXPECT_NE(party.email.find('@'), std::string::npos);
        EXPECT_FALSE(party.address.empty());
        EXPECT_FALSE(party.biz_type.empty());
        EXPECT_FALSE(party.biz_class.empty());
    }
    EXPECT_GE(generator.outside_parties().size(), 100u);
}

} // namespace
} // namespace sim
