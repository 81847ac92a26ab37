#include "core/list_decoder.hpp"
#include "core/protocol.hpp"

#include <gtest/gtest.h>

using namespace sbfdw;

namespace {
Credentials test_credentials() {
    Credentials c;
    c.send_com_regno = "1208147521";
    c.auth_token = "TOKEN+/=";
    c.sb_id = "tester";
    c.auth_code = "0123456789ABCDEF0123456789ABCDEF";
    return c;
}
const Instant kNoonKst = kst_day_start(day_from_civil(2026, 7, 31)) + 12 * 3600 * kMicrosPerSecond;

ListCall july_sales() {
    ListCall call;
    call.kind = DateKind::Write;
    call.window = {day_from_civil(2026, 7, 1), day_from_civil(2026, 7, 30)};
    call.corp_num = "1078674544";
    call.direction = Direction::Sales;
    return call;
}
} // namespace

TEST(Protocol, JsonEscaping) {
    std::string out;
    append_json_string(out, "a\"b\\c\n\x01한");
    EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\u0001한\"");
}

TEST(Protocol, MessageIdsAreUnique) {
    std::string a = next_message_id(), b = next_message_id();
    EXPECT_NE(a, b);
    EXPECT_EQ(a.rfind("sbfdw-", 0), 0u);
}

TEST(Protocol, ListBody) {
    EXPECT_EQ(build_list_body(test_credentials(), "TOKEN+/=", july_sales(), "m-1", kNoonKst),
              "{\"MessageId\":\"m-1\",\"Signal\":\"OS_DTI_LIST\",\"RequestTime\":"
              "\"20260731120000\",\"SendComRegno\":\"1208147521\",\"AuthToken\":\"TOKEN+/=\","
              "\"ServiceCode\":\"DTI\",\"SearchDate\":\"W\",\"SearchFromDate\":\"2026-07-01\","
              "\"SearchToDate\":\"2026-07-30\",\"SearchComRegno\":\"1078674544\","
              "\"SupBuy_Type\":\"AR\"}");
}

TEST(Protocol, GetTokenBodyHasNoAuthToken) {
    std::string body = build_get_token_body(test_credentials(), "m-2", kNoonKst);
    EXPECT_EQ(body, "{\"MessageId\":\"m-2\",\"Signal\":\"GET_TOKEN\",\"RequestTime\":"
                    "\"20260731120000\",\"SendComRegno\":\"1208147521\",\"ServiceCode\":\"DTI\","
                    "\"AuthCode\":\"0123456789ABCDEF0123456789ABCDEF\",\"SbId\":\"tester\","
                    "\"ExpirationDateCode\":\"D\"}");
}

TEST(Protocol, XmlBodyNamesTheCompanyAndListsIssueIds) {
    std::string body = build_xml_body(test_credentials(), "T", "1078674544", Direction::Purchases,
                                      {"a", "b"}, "m-3", kNoonKst);
    EXPECT_EQ(body, "{\"MessageId\":\"m-3\",\"Signal\":\"OS_DTI_XML\",\"RequestTime\":"
                    "\"20260731120000\",\"SendComRegno\":\"1208147521\",\"AuthToken\":\"T\","
                    "\"ServiceCode\":\"DTI\",\"AuthCode\":\"0123456789ABCDEF0123456789ABCDEF\","
                    "\"SearchComRegno\":\"1078674544\",\"SupBuy_Type\":\"AP\","
                    "\"IssueId\":[\"a\",\"b\"]}");
}

TEST(Protocol, DescribeListCallHasNoSecrets) {
    EXPECT_EQ(describe_list_call(july_sales()),
              "Signal OS_DTI_LIST, SearchComRegno 1078674544, SupBuy_Type AR, SearchDate W "
              "2026-07-01..2026-07-30");
}

TEST(Protocol, GetTokenAnswer) {
    IssuedToken t = parse_get_token_response(
        R"({"ResultDataSet":{"Table1":[{"AUTH_TOKEN":"abc=","EXPIRATION_DATE":"2026-08-01 12:00:00"}]},
            "MessageId":"m","ResultCode":"30000","ResultMessage":"OK",
            "ResponseTime":"20260731120000"})",
        "m");
    EXPECT_TRUE(t.envelope.succeeded());
    EXPECT_EQ(t.auth_token, "abc=");
    EXPECT_EQ(t.expiration, "2026-08-01 12:00:00");
    EXPECT_EQ(t.envelope.response_time, "20260731120000");
}

TEST(Protocol, GetTokenFailureKeepsTheCode) {
    IssuedToken t = parse_get_token_response(
        R"({"ResultCode":32003,"ResultMessage":"bad code","ResultDataSet":{"Table1":[]}})", "m");
    EXPECT_EQ(t.envelope.result_code, "32003");
    EXPECT_EQ(t.envelope.result_message, "bad code");
    EXPECT_TRUE(t.auth_token.empty());
}

TEST(Protocol, InvalidJsonNamesTheMessageId) {
    try {
        parse_get_token_response(R"({"ResultCode":"30000","ResultDataSet":{"Table1":[{"AUTH)",
                                 "sbfdw-9");
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.sqlstate(), "HV00B");
        EXPECT_EQ(e.message(), "invalid response from SmartBill API");
        EXPECT_EQ(e.detail().rfind("MessageId sbfdw-9: ", 0), 0u);
    }
}

TEST(Protocol, MissingResultCodeIsInvalid) {
    EXPECT_THROW(parse_get_token_response(R"({"ResultMessage":"x"})", "m"), Error);
    EXPECT_THROW(parse_get_token_response(R"([1,2])", "m"), Error);
}
