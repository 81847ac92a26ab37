// Documents the simulator renders from generated invoices read back as exactly the model's values:
// the parser and the simulator agree on every path the foreign tables use.
#include <gtest/gtest.h>

#include "core/dti_document.hpp"
#include "core/field_parse.hpp"
#include "core/table_catalog.hpp"
#include "dti_xml.hpp"
#include "generator.hpp"

#include <optional>
#include <string>
#include <vector>

namespace {

using sbfdw::DtiContent;
using sbfdw::DtiDocument;

std::optional<std::string> unless_empty(const std::string &text) {
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

std::optional<std::string> canonical(const std::string &decimal) {
    return decimal.empty() ? std::nullopt : sbfdw::canonical_decimal(decimal);
}

void expect_party(const std::optional<std::string> &regno, const sbfdw::DtiParty &parsed,
                  const sim::Party &model, const std::string &issue_id) {
    SCOPED_TRACE(issue_id);
    EXPECT_EQ(parsed.regno, regno);
    EXPECT_EQ(parsed.name, unless_empty(model.name));
    EXPECT_EQ(parsed.ceo_name, unless_empty(model.ceo_name));
    EXPECT_EQ(parsed.biz_type, unless_empty(model.biz_type));
    EXPECT_EQ(parsed.biz_class, unless_empty(model.biz_class));
    EXPECT_EQ(parsed.address, unless_empty(model.address));
    EXPECT_EQ(parsed.email, unless_empty(model.email));
}

// A week of invoices of every linked company.
std::vector<sim::Invoice> generated_invoices() {
    sim::GeneratorConfig config;
    config.seed = 7;
    sim::Generator generator(config);
    std::vector<sim::Invoice> invoices;
    const sbfdw::Day first = sbfdw::day_from_civil(2026, 7, 1);
    for (sbfdw::Day day = first; day < first + 7; ++day)
        for (int owner = 0; owner < int(generator.companies().size()); ++owner)
            for (sim::Invoice &invoice : generator.invoices_for_day(day, owner))
                invoices.push_back(std::move(invoice));
    return invoices;
}

} // namespace

TEST(DtiRoundTrip, ParsedDocumentsEqualTheGeneratedModel) {
    std::vector<sim::Invoice> invoices = generated_invoices();
    ASSERT_GT(invoices.size(), 100u);
    size_t with_broker = 0, corrections = 0, items = 0, lump_sums = 0;

    for (const sim::Invoice &invoice : invoices) {
        DtiDocument document(invoice.issue_id, sim::render_dti_xml(invoice));
        DtiContent parsed = sbfdw::read_dti_content(document);
        SCOPED_TRACE(invoice.issue_id);
        EXPECT_EQ(parsed.issue_id, invoice.issue_id);
        EXPECT_EQ(parsed.type_code, invoice.dti_type);
        EXPECT_EQ(parsed.write_day, invoice.write_day);
        EXPECT_EQ(parsed.purpose_code, invoice.purpose_code);
        EXPECT_EQ(parsed.amendment_code, unless_empty(invoice.amendment_code));
        EXPECT_EQ(parsed.original_issue_id, unless_empty(invoice.original_issue_id));
        EXPECT_EQ(parsed.descriptions, invoice.remark.empty()
                                           ? std::vector<std::string>{}
                                           : std::vector<std::string>{invoice.remark});
        expect_party(invoice.supplier.regno, parsed.supplier, invoice.supplier, invoice.issue_id);
        expect_party(invoice.buyer.regno, parsed.buyer, invoice.buyer, invoice.issue_id);
        ASSERT_EQ(parsed.broker.has_value(), invoice.broker.has_value());
        if (invoice.broker) {
            expect_party(invoice.broker->regno, *parsed.broker, *invoice.broker, invoice.issue_id);
            ++with_broker;
        }
        corrections += invoice.amendment_code.empty() ? 0 : 1;
        EXPECT_EQ(parsed.charge_total, invoice.supply_amount);
        EXPECT_EQ(parsed.tax_total, invoice.tax_amount);
        EXPECT_EQ(parsed.grand_total, invoice.total_amount);

        ASSERT_EQ(parsed.items.size(), invoice.items.size());
        for (size_t i = 0; i < invoice.items.size(); ++i) {
            const sim::LineItem &model = invoice.items[i];
            const sbfdw::DtiLineItem &item = parsed.items[i];
            EXPECT_EQ(item.line_no, model.seq);
            EXPECT_EQ(item.trade_day, model.trade_day);
            EXPECT_EQ(item.name, unless_empty(model.name));
            EXPECT_EQ(item.spec, unless_empty(model.spec));
            EXPECT_EQ(item.quantity, canonical(model.quantity));
            EXPECT_EQ(item.unit_price, canonical(model.unit_price));
            EXPECT_EQ(item.supply_amount, model.supply_amount);
            EXPECT_EQ(item.tax_amount, model.tax_amount);
            EXPECT_EQ(item.remark, unless_empty(model.remark));
            lump_sums += model.quantity.empty() ? 1 : 0;
        }
        items += invoice.items.size();
    }
    // The sample exercises the optional parts, not only the common case.
    EXPECT_GT(with_broker, 0u);
    EXPECT_GT(corrections, 0u);
    EXPECT_GT(items, invoices.size());
    RecordProperty("lump_sum_items", int(lump_sums));
}

TEST(DtiRoundTrip, CatalogColumnsDecodeEveryItemRow) {
    const sbfdw::TableDef *table = sbfdw::find_table("tax_invoice_items");
    ASSERT_NE(table, nullptr);
    std::vector<sbfdw::FieldSpec> specs;
    for (const sbfdw::ColumnDef &column : table->columns) {
        sbfdw::FieldKind kind = sbfdw::FieldKind::Text;
        if (column.pg_type == "bigint" || column.pg_type == "integer")
            kind = sbfdw::FieldKind::Integer;
        else if (column.pg_type == "numeric")
            kind = sbfdw::FieldKind::Decimal;
        else if (column.pg_type == "date")
            kind = sbfdw::FieldKind::Date;
        specs.push_back({std::string(column.name), std::string(column.api_field), kind});
    }
    sbfdw::DtiRowDecoder decoder(sbfdw::DtiRowKind::Item, specs, "tax_invoice_items");
    auto slot = [&](const char *name) {
        for (size_t i = 0; i < specs.size(); ++i)
            if (specs[i].column_name == name)
                return i;
        ADD_FAILURE() << name;
        return size_t(0);
    };
    std::vector<sbfdw::FieldValue> row;
    int64_t rows = 0;
    for (const sim::Invoice &invoice : generated_invoices()) {
        DtiDocument document(invoice.issue_id, sim::render_dti_xml(invoice));
        ASSERT_EQ(decoder.row_count(document), invoice.items.size());
        int64_t supply_sum = 0, tax_sum = 0;
        for (size_t i = 0; i < invoice.items.size(); ++i) {
            decoder.decode_row(document, i, row);
            EXPECT_EQ(row[slot("line_no")].integer, invoice.items[i].seq);
            EXPECT_EQ(row[slot("item_name")].text, invoice.items[i].name);
            supply_sum += row[slot("supply_amount")].integer;
            tax_sum += row[slot("tax_amount")].integer;
            ++rows;
        }
        EXPECT_EQ(supply_sum, invoice.supply_amount) << invoice.issue_id;
        EXPECT_EQ(tax_sum, invoice.tax_amount) << invoice.issue_id;
    }
    EXPECT_GT(rows, 0);
}
