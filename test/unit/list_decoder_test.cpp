#include "core/list_decoder.hpp"

#include <gtest/gtest.h>

using namespace sbfdw;

namespace {
std::vector<FieldSpec> invoice_fields() {
    return {
        {"corp_num", "", FieldKind::Text, FieldSpec::Source::CorpNum},
        {"issue_id", "ISSUE_ID", FieldKind::Text},
        {"write_date", "DTI_WDATE", FieldKind::Date},
        {"issued_at", "DTI_IDATE", FieldKind::Timestamp},
        {"supply_amount", "SUP_AMOUNT", FieldKind::Integer},
        {"seq_id", "SEQ_ID", FieldKind::Text},
        {"supplier_email", "SUP_EMAIL", FieldKind::Text},
    };
}
std::string envelope(const std::string &rows, const std::string &code = "\"30000\"") {
    return R"({"MessageId":"m","Signal":"OS_DTI_LIST","ResultCode":)" + code +
           R"(,"ResultMessage":"OK","ResultDataSet":{"Table":[)" + rows + "]}}";
}
const Instant kIssued = kst_day_start(day_from_civil(2026, 7, 2)) + 9 * 3600 * kMicrosPerSecond;
} // namespace

TEST(ListDecoder, DefaultProfile) {
    ListDecoder decoder(invoice_fields(), "tax_invoices");
    DecodedList list =
        decoder.decode(envelope(R"({"ISSUE_ID":"202607014100000012345678","SUPBUY_TYPE":"AR",
                    "DTI_WDATE":"2026-07-01","DTI_IDATE":"2026-07-02 09:00:00",
                    "SUP_AMOUNT":1250000,"TAX_AMOUNT":125000,"SEQ_ID":"","TOTAL_CNT":1})"),
                       "1208147521", "m");
    ASSERT_TRUE(list.envelope.succeeded());
    ASSERT_EQ(list.rows.size(), 1u);
    const DecodedRow &r = list.rows[0];
    EXPECT_EQ(r.issue_id, "202607014100000012345678");
    EXPECT_EQ(r.supbuy_type, "AR");
    EXPECT_EQ(r.values[0].text, "1208147521");
    EXPECT_EQ(r.values[1].text, "202607014100000012345678");
    EXPECT_EQ(r.values[2].day, day_from_civil(2026, 7, 1));
    EXPECT_EQ(r.values[3].instant, kIssued);
    EXPECT_EQ(r.values[4].integer, 1250000);
    EXPECT_FALSE(r.values[5].is_null);
    EXPECT_EQ(r.values[5].text, "");
    EXPECT_TRUE(r.values[6].is_null); // missing field
}

TEST(ListDecoder, DotnetAndStringsProfiles) {
    ListDecoder decoder(invoice_fields(), "tax_invoices");
    DecodedList list = decoder.decode(
        envelope(R"({"DTI_IDATE":"2026-07-02T09:00:00","ISSUE_ID":"A","SUP_EMAIL":null,
                    "SUP_AMOUNT":-300,"DTI_WDATE":"2026-07-01"},
                   {"ISSUE_ID":"B","DTI_WDATE":"20260701","DTI_IDATE":"20260702090000",
                    "SUP_AMOUNT":"1250000.00","SEQ_ID":"X-1","SUP_EMAIL":"a@b.kr"})"),
        "1208147521", "m");
    ASSERT_EQ(list.rows.size(), 2u);
    EXPECT_EQ(list.rows[0].values[3].instant, kIssued);
    EXPECT_TRUE(list.rows[0].values[6].is_null);
    EXPECT_EQ(list.rows[0].values[4].integer, -300);
    EXPECT_EQ(list.rows[1].values[2].day, day_from_civil(2026, 7, 1));
    EXPECT_EQ(list.rows[1].values[3].instant, kIssued);
    EXPECT_EQ(list.rows[1].values[4].integer, 1250000);
    EXPECT_EQ(list.rows[1].values[6].text, "a@b.kr");
}

TEST(ListDecoder, ResultCodeAsNumberAndEnvelopeInAnyOrder) {
    ListDecoder decoder(invoice_fields(), "tax_invoices");
    DecodedList list = decoder.decode(
        R"({"ResultDataSet":{"Table":[{"ISSUE_ID":"A"}]},"ResultCode":30000,"MessageId":"x"})", "1",
        "m");
    EXPECT_EQ(list.envelope.result_code, "30000");
    EXPECT_EQ(list.envelope.message_id, "x");
    EXPECT_EQ(list.rows.size(), 1u);
}

TEST(ListDecoder, ErrorAnswerHasNoRows) {
    ListDecoder decoder(invoice_fields(), "tax_invoices");
    DecodedList list = decoder.decode(envelope("", "\"31005\""), "1", "m");
    EXPECT_EQ(list.envelope.result_code, "31005");
    EXPECT_TRUE(list.rows.empty());
    list = decoder.decode(R"({"ResultCode":"33002","ResultMessage":"not linked"})", "1", "m");
    EXPECT_EQ(list.envelope.result_message, "not linked");
}

TEST(ListDecoder, BadValueNamesColumnTableAndIssueId) {
    ListDecoder decoder(invoice_fields(), "tax_invoices");
    try {
        decoder.decode(envelope(R"({"SUP_AMOUNT":"12a3","ISSUE_ID":"202607014100000012345678"})"),
                       "1", "m");
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.sqlstate(), "22P02");
        EXPECT_EQ(e.message(),
                  "invalid value for column \"supply_amount\" of foreign table \"tax_invoices\"");
        EXPECT_EQ(e.detail(), "issue_id 202607014100000012345678, field SUP_AMOUNT: expected an "
                              "integer amount, got \"12a3\"");
    }
}

TEST(ListDecoder, WrongJsonTypeIsAnError) {
    ListDecoder decoder(invoice_fields(), "tax_invoices");
    try {
        decoder.decode(envelope(R"({"ISSUE_ID":"A","DTI_WDATE":{"y":2026}})"), "1", "m");
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.sqlstate(), "HV004");
        EXPECT_NE(e.message().find("\"write_date\""), std::string::npos);
    }
    // An object in a field nobody asked for is just skipped.
    DecodedList list =
        decoder.decode(envelope(R"({"ISSUE_ID":"A","EXTRA":{"deep":[1,2,{"x":true}]}})"), "1", "m");
    EXPECT_EQ(list.rows.size(), 1u);
}

TEST(ListDecoder, InvalidUtf8AndTruncation) {
    ListDecoder decoder(invoice_fields(), "tax_invoices");
    try {
        decoder.decode(envelope("{\"ISSUE_ID\":\"\xff\xfe\"}"), "1", "m");
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.sqlstate(), "22021");
    }
    std::string full = envelope(R"({"ISSUE_ID":"A"},{"ISSUE_ID":"B"})");
    try {
        decoder.decode(full.substr(0, full.size() - 20), "1", "msg-7");
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.sqlstate(), "HV00B");
        EXPECT_NE(e.detail().find("msg-7"), std::string::npos);
    }
}

TEST(ListDecoder, AmountsNeverGoThroughDouble) {
    std::vector<FieldSpec> fields = {{"amount", "SUP_AMOUNT", FieldKind::Decimal},
                                     {"exact", "TAX_AMOUNT", FieldKind::Integer}};
    ListDecoder decoder(fields, "t");
    DecodedList list = decoder.decode(
        envelope(R"({"SUP_AMOUNT":0.1000,"TAX_AMOUNT":9007199254740993})"), "1", "m");
    EXPECT_EQ(list.rows[0].values[0].text, "0.1");
    EXPECT_EQ(list.rows[0].values[1].integer, 9007199254740993LL);
}

// Reused storage never leaks values of an earlier answer into a later one.
TEST(ListDecoder, DecodeIntoReusesRowsWithoutStaleValues) {
    ListDecoder decoder(invoice_fields(), "tax_invoices");
    DecodedList list;
    decoder.decode_into(
        envelope(R"({"ISSUE_ID":"A1","SUPBUY_TYPE":"AR","SUP_AMOUNT":10,"SEQ_ID":"doc-1",
                    "SUP_EMAIL":"a@example.com"},
                   {"ISSUE_ID":"A2","SUPBUY_TYPE":"AR","SUP_AMOUNT":20},
                   {"ISSUE_ID":"A3","SUPBUY_TYPE":"AR","SUP_AMOUNT":30})"),
        "1208147521", "m1", list);
    ASSERT_EQ(list.row_count, 3u);
    EXPECT_EQ(list.rows[0].values[5].text, "doc-1");

    decoder.decode_into(envelope(R"({"ISSUE_ID":"B1","SUP_AMOUNT":5})"), "1078674544", "m2", list);
    ASSERT_EQ(list.row_count, 1u);
    const DecodedRow &r = list.rows[0];
    EXPECT_EQ(r.issue_id, "B1");
    EXPECT_EQ(r.supbuy_type, "");
    EXPECT_EQ(r.values[0].text, "1078674544");
    EXPECT_EQ(r.values[4].integer, 5);
    EXPECT_TRUE(r.values[5].is_null);
    EXPECT_TRUE(r.values[5].text.empty());
    EXPECT_TRUE(r.values[6].is_null);

    decoder.decode_into(envelope("", "\"31005\""), "1", "m3", list);
    EXPECT_FALSE(list.envelope.succeeded());
    EXPECT_EQ(list.row_count, 0u);
}
