// IMPORT FOREIGN SCHEMA statements and comments.
#include "core/import_ddl.hpp"

#include "core/error.hpp"

#include <gtest/gtest.h>

namespace sbfdw {
namespace {

const TableDef &sample_table() {
    static const TableDef table = {Resource::TaxInvoices,
                                   "tax_invoices",
                                   "세금계산서",
                                   {
                                       {"corp_num", "text", "", "조회 사업자번호"},
                                       {"write_date", "date", "DTI_WDATE", "작성일자"},
                                       {"order", "bigint", "SUP_AMOUNT", "예약어 '열'"},
                                   }};
    return table;
}

std::vector<std::string> names_of(const std::vector<ImportedTable> &tables) {
    std::vector<std::string> names;
    for (const ImportedTable &t : tables)
        names.push_back(t.name);
    return names;
}

std::vector<std::string> catalog_names() {
    std::vector<std::string> names;
    for (const TableDef &t : table_catalog())
        names.emplace_back(t.name);
    return names;
}

TEST(QuoteIdentifier, OnlyWhenNeeded) {
    EXPECT_EQ(quote_identifier("tax_invoices"), "tax_invoices");
    EXPECT_EQ(quote_identifier("_x1"), "_x1");
    EXPECT_EQ(quote_identifier("sb2"), "sb2");
    EXPECT_EQ(quote_identifier("Sb"), "\"Sb\"");
    EXPECT_EQ(quote_identifier("1sb"), "\"1sb\"");
    EXPECT_EQ(quote_identifier("my schema"), "\"my schema\"");
    EXPECT_EQ(quote_identifier("a\"b"), "\"a\"\"b\"");
    EXPECT_EQ(quote_identifier("세금"), "\"세금\"");
    EXPECT_EQ(quote_identifier(""), "\"\"");
}

TEST(QuoteIdentifier, ReservedWords) {
    for (const char *w : {"all", "order", "table", "user", "current_date", "between", "xmltable",
                          "analyse", "timestamp"})
        EXPECT_EQ(quote_identifier(w), std::string("\"") + w + "\"") << w;
    // Unreserved keywords need no quotes.
    for (const char *w : {"date", "text", "server", "options", "comment", "name", "type"})
        EXPECT_EQ(quote_identifier(w), w) << w;
}

TEST(QuoteLiteral, Escaping) {
    EXPECT_EQ(quote_literal("tax_invoices"), "'tax_invoices'");
    EXPECT_EQ(quote_literal("it's"), "'it''s'");
    EXPECT_EQ(quote_literal("a\\b"), "E'a\\\\b'");
    EXPECT_EQ(quote_literal(""), "''");
    EXPECT_EQ(quote_literal("공급가액"), "'공급가액'");
}

TEST(CreateForeignTable, ExactText) {
    EXPECT_EQ(create_foreign_table_sql(sample_table(), "sb", "smartbill"),
              "CREATE FOREIGN TABLE sb.tax_invoices (\n"
              "  corp_num text,\n"
              "  write_date date OPTIONS (field 'DTI_WDATE'),\n"
              "  \"order\" bigint OPTIONS (field 'SUP_AMOUNT')\n"
              ") SERVER smartbill\n"
              "OPTIONS (resource 'tax_invoices');");
}

TEST(CreateForeignTable, QuotedSchemaAndServer) {
    const std::string sql = create_foreign_table_sql(sample_table(), "My Schema", "sb\"srv");
    EXPECT_EQ(sql.substr(0, 46), "CREATE FOREIGN TABLE \"My Schema\".tax_invoices ");
    EXPECT_NE(sql.find(") SERVER \"sb\"\"srv\"\n"), std::string::npos);
    EXPECT_EQ(create_foreign_table_sql(sample_table(), "", "s").substr(0, 34),
              "CREATE FOREIGN TABLE tax_invoices ");
}

TEST(CreateForeignTable, CatalogTaxInvoices) {
    const TableDef *table = find_table("tax_invoices");
    ASSERT_NE(table, nullptr);
    const std::string sql = create_foreign_table_sql(*table, "sb", "smartbill");
    EXPECT_EQ(sql.rfind("CREATE FOREIGN TABLE sb.tax_invoices (\n  corp_num text,\n  supbuy_type "
                        "text OPTIONS (field 'SUPBUY_TYPE'),\n",
                        0),
              0u);
    EXPECT_NE(sql.find("\n  write_date date OPTIONS (field 'DTI_WDATE'),\n"), std::string::npos);
    EXPECT_NE(sql.find("\n  sent_at timestamptz OPTIONS (field 'DTI_SDATE'),\n"),
              std::string::npos);
    EXPECT_NE(sql.find("\n  supply_amount bigint OPTIONS (field 'SUP_AMOUNT'),\n"),
              std::string::npos);
    const std::string tail = "\n) SERVER smartbill\nOPTIONS (resource 'tax_invoices');";
    ASSERT_GE(sql.size(), tail.size());
    EXPECT_EQ(sql.substr(sql.size() - tail.size()), tail);
}

TEST(Comments, FromCatalog) {
    TableComments c = comments_for(sample_table());
    EXPECT_EQ(c.table, "tax_invoices");
    EXPECT_EQ(c.comment, "세금계산서");
    ASSERT_EQ(c.columns.size(), 3u);
    EXPECT_EQ(c.columns[1].column, "write_date");
    EXPECT_EQ(c.columns[1].comment, "작성일자");
}

TEST(Comments, Statements) {
    std::vector<std::string> s = comment_statements(comments_for(sample_table()), "sb");
    ASSERT_EQ(s.size(), 4u);
    EXPECT_EQ(s[0], "COMMENT ON FOREIGN TABLE sb.tax_invoices IS '세금계산서';");
    EXPECT_EQ(s[1], "COMMENT ON COLUMN sb.tax_invoices.corp_num IS '조회 사업자번호';");
    EXPECT_EQ(s[3], "COMMENT ON COLUMN sb.tax_invoices.\"order\" IS '예약어 ''열''';");
}

TEST(ImportForeignSchema, AllTables) {
    ImportRequest r{"smartbill", "sb", "smartbill", ImportListMode::All, {}};
    std::vector<ImportedTable> tables = import_foreign_schema(r);
    EXPECT_EQ(names_of(tables), catalog_names());
    ASSERT_FALSE(tables.empty());
    EXPECT_EQ(tables[0].name, "tax_invoices");
    EXPECT_EQ(tables[0].create_statement,
              create_foreign_table_sql(*find_table("tax_invoices"), "sb", "smartbill"));
    EXPECT_EQ(tables[0].comments.comment, std::string(find_table("tax_invoices")->comment_ko));
    EXPECT_EQ(tables[0].comments.columns.size(), find_table("tax_invoices")->columns.size());
}

TEST(ImportForeignSchema, LimitTo) {
    ImportRequest r{
        "smartbill", "sb", "smartbill", ImportListMode::LimitTo, {"tax_invoices", "no_such_table"}};
    EXPECT_EQ(names_of(import_foreign_schema(r)), std::vector<std::string>{"tax_invoices"});
    r.table_names = {"no_such_table"};
    EXPECT_TRUE(import_foreign_schema(r).empty());
    r.table_names = {};
    EXPECT_TRUE(import_foreign_schema(r).empty());
}

TEST(ImportForeignSchema, Except) {
    ImportRequest r{"smartbill", "sb", "smartbill", ImportListMode::Except, {"tax_invoices"}};
    std::vector<std::string> expected;
    for (const std::string &n : catalog_names())
        if (n != "tax_invoices")
            expected.push_back(n);
    EXPECT_EQ(names_of(import_foreign_schema(r)), expected);
    r.table_names = {"Tax_Invoices"}; // names are compared exactly, as PostgreSQL does
    EXPECT_EQ(names_of(import_foreign_schema(r)), catalog_names());
}

TEST(ImportForeignSchema, UnknownRemoteSchema) {
    ImportRequest r{"public", "sb", "smartbill", ImportListMode::All, {}};
    try {
        import_foreign_schema(r);
        FAIL() << "no error";
    } catch (const Error &e) {
        EXPECT_EQ(e.sqlstate(), "HV00Q");
        EXPECT_EQ(e.message(), "schema \"public\" is not present on foreign server \"smartbill\"");
        EXPECT_EQ(e.hint(), "The only remote schema of smartbill_fdw is \"smartbill\".");
    }
}

} // namespace
} // namespace sbfdw
