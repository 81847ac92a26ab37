// The SmartBill endpoint of smartbill-sim: every signal, every result code, HTTP statuses,
// limits, token expiry and the format profiles, through a real loopback connection.

#include <cctype>
#include <cstring>
#include <set>

#include "sim_test_support.hpp"

namespace sim::testing {
namespace {

// OS_DTI_LIST rows carry exactly these fields (shared/smartbill-api.md).
const std::vector<std::string> kListFields = {
    "BYR_COM_NAME", "BYR_COM_REGNO", "BYR_EMAIL", "BYR_REP_NAME", "DTI_IDATE",   "DTI_SDATE",
    "DTI_TYPE",     "DTI_WDATE",     "ISSUE_ID",  "SEQ_ID",       "SUPBUY_TYPE", "SUP_AMOUNT",
    "SUP_COM_NAME", "SUP_COM_REGNO", "SUP_EMAIL", "SUP_REP_NAME", "TAX_AMOUNT",  "TAX_DEMAND",
    "TOTAL_AMOUNT", "TOTAL_CNT",     "TYPE_CODE"};

std::vector<std::string> keys_of(const std::map<std::string, std::string> &row) {
    std::vector<std::string> keys;
    for (const auto &entry : row)
        keys.push_back(entry.first);
    return keys;
}

bool matches(const std::string &text, const char *pattern) {
    // '9' = digit, anything else literal; the whole string must match.
    size_t n = std::strlen(pattern);
    if (text.size() != n)
        return false;
    for (size_t i = 0; i < n; ++i) {
        if (pattern[i] == '9' ? !std::isdigit(static_cast<unsigned char>(text[i]))
                              : text[i] != pattern[i])
            return false;
    }
    return true;
}

using SmartBillEndpoint = SimServerTest;

TEST_F(SmartBillEndpoint, GetTokenAnswersTable1WithExpiryForEveryCode) {
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"D", "2026-11-16 12:00:00"}, {"W", "2026-11-22 12:00:00"}, {"H", "2026-11-30 12:00:00"},
        {"M", "2026-12-15 12:00:00"}, {"Q", "2027-02-13 12:00:00"}, {"R", "2027-05-14 12:00:00"},
        {"Y", "2027-11-15 12:00:00"}};
    std::set<std::string> tokens;
    for (const auto &[code, expiry] : expected) {
        Answer answer = call(with(base("GET_TOKEN"), "ExpirationDateCode", code));
        ASSERT_EQ(answer.result_code, "30000") << code;
        EXPECT_EQ(answer.table_name, "Table1");
        ASSERT_EQ(answer.rows.size(), 1u);
        EXPECT_EQ(unquote(answer.rows[0].at("EXPIRATION_DATE")), expiry) << code;
        std::string token = unquote(answer.rows[0].at("AUTH_TOKEN"));
        EXPECT_GE(token.size(), 60u);
        EXPECT_LE(token.size(), 88u);
        EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                          "0123456789+/="),
                  std::string::npos);
        tokens.insert(token);
    }
    EXPECT_EQ(tokens.size(), expected.size()); // a new token per issue

    Answer never = call(with(base("GET_TOKEN"), "ExpirationDateCode", "Z"));
    ASSERT_EQ(never.result_code, "30000");
    EXPECT_EQ(never.rows[0].at("EXPIRATION_DATE"), "null");

    Answer custom = call(
        with(with(base("GET_TOKEN"), "ExpirationDateCode", "C"), "ExpirationDate", "2026-12-24"));
    ASSERT_EQ(custom.result_code, "30000");
    EXPECT_EQ(unquote(custom.rows[0].at("EXPIRATION_DATE")), "2026-12-24 23:59:59");

    Answer past = call(
        with(with(base("GET_TOKEN"), "ExpirationDateCode", "C"), "ExpirationDate", "2026-11-14"));
    EXPECT_EQ(past.result_code, "31002");
    Answer no_date = call(with(base("GET_TOKEN"), "ExpirationDateCode", "C"));
    EXPECT_EQ(no_date.result_code, "31001");
    EXPECT_NE(no_date.result_message.find("ExpirationDate"), std::string::npos);
}

TEST_F(SmartBillEndpoint, EnvelopeEchoesMessageIdAndSignal) {
    Answer answer = call(with(base("OS_DTI_LIST"), "MessageId", "다음-호출 \"1\""));
    ASSERT_TRUE(answer.ok);
    EXPECT_EQ(answer.message_id, "다음-호출 \"1\"");
    simdjson::dom::parser parser;
    simdjson::dom::element doc = parser.parse(answer.body);
    EXPECT_EQ(std::string(doc["Signal"].get_string().value()), "OS_DTI_LIST");
    EXPECT_EQ(std::string(doc["ResponseTime"].get_string().value()), "20261115120000");
    EXPECT_TRUE(doc["ResultCode"].is_string());
}

TEST_F(SmartBillEndpoint, TokenExpiresOnTheSimulatorClock) {
    std::string token = new_token("D");
    Fields list = with(base("OS_DTI_LIST"), "AuthToken", token);
    EXPECT_EQ(call(list).result_code, "30000");
    control("POST", "/_sim/clock", R"({"advance_seconds":86399})");
    EXPECT_EQ(call(list).result_code, "30000");
    control("POST", "/_sim/clock", R"({"advance_seconds":2})");
    EXPECT_EQ(call(list).result_code, "32002");
    // Older tokens are not revoked by new ones, and the initial one never expires.
    EXPECT_EQ(call(base("OS_DTI_LIST")).result_code, "30000");
    EXPECT_EQ(call(with(list, "AuthToken", "bm90LWEtdG9rZW4=")).result_code, "32001");
}

TEST_F(SmartBillEndpoint, ListRowsHaveExactlyTheContractFieldsInDefaultProfile) {
    Answer answer = call(base("OS_DTI_LIST"));
    ASSERT_EQ(answer.result_code, "30000");
    EXPECT_EQ(answer.table_name, "Table");
    ASSERT_FALSE(answer.rows.empty());
    for (const auto &row : answer.rows) {
        EXPECT_EQ(keys_of(row), kListFields);
        EXPECT_EQ(row.at("SUPBUY_TYPE"), "\"AR\"");
        EXPECT_EQ(unquote(row.at("SUP_COM_REGNO")), account_.corp_nums[0]);
        EXPECT_TRUE(matches(unquote(row.at("DTI_WDATE")), "9999-99-99"));
        EXPECT_TRUE(matches(unquote(row.at("DTI_IDATE")), "9999-99-99 99:99:99"));
        EXPECT_TRUE(matches(unquote(row.at("DTI_SDATE")), "9999-99-99 99:99:99"));
        std::string sent = unquote(row.at("DTI_SDATE"));
        EXPECT_GE(sent, "2026-11-01 00:00:00");
        EXPECT_LE(sent, "2026-11-15 12:00:00");
        EXPECT_EQ(std::stoll(row.at("SUP_AMOUNT")) + std::stoll(row.at("TAX_AMOUNT")),
                  std::stoll(row.at("TOTAL_AMOUNT")));
        EXPECT_EQ(row.at("TOTAL_CNT"), std::to_string(answer.rows.size()));
        EXPECT_EQ(unquote(row.at("ISSUE_ID")).size(), 24u);
    }
    Answer purchases = call(with(base("OS_DTI_LIST"), "SupBuy_Type", "AP"));
    ASSERT_EQ(purchases.result_code, "30000");
    for (const auto &row : purchases.rows) {
        EXPECT_EQ(row.at("SUPBUY_TYPE"), "\"AP\"");
        EXPECT_EQ(unquote(row.at("BYR_COM_REGNO")), account_.corp_nums[0]);
    }
}

TEST_F(SmartBillEndpoint, DotnetProfileUsesTAndNullForEmptyStrings) {
    Answer before = call(base("OS_DTI_LIST"));
    control("POST", "/_sim/profile", R"({"profile":"dotnet"})");
    Answer answer = call(base("OS_DTI_LIST"));
    ASSERT_EQ(answer.result_code, "30000");
    ASSERT_EQ(answer.rows.size(), before.rows.size());
    for (size_t i = 0; i < answer.rows.size(); ++i) {
        const auto &row = answer.rows[i];
        const auto &plain = before.rows[i];
        EXPECT_EQ(keys_of(row), kListFields);
        std::string issued = unquote(plain.at("DTI_IDATE"));
        issued[10] = 'T';
        EXPECT_EQ(unquote(row.at("DTI_IDATE")), issued);
        EXPECT_TRUE(matches(unquote(row.at("DTI_SDATE")), "9999-99-99T99:99:99"));
        EXPECT_EQ(row.at("DTI_WDATE"), plain.at("DTI_WDATE"));
        EXPECT_EQ(row.at("SUP_AMOUNT"), plain.at("SUP_AMOUNT"));
        for (const char *field : {"SEQ_ID", "SUP_EMAIL", "BYR_EMAIL", "BYR_REP_NAME"})
            EXPECT_EQ(row.at(field), plain.at(field) == "\"\"" ? "null" : plain.at(field));
    }
}

TEST_F(SmartBillEndpoint, StringsProfileWritesEveryValueAsAString) {
    Answer before = call(base("OS_DTI_LIST"));
    control("POST", "/_sim/profile", R"({"profile":"strings"})");
    Answer answer = call(base("OS_DTI_LIST"));
    ASSERT_EQ(answer.result_code, "30000");
    ASSERT_EQ(answer.rows.size(), before.rows.size());
    size_t with_decimals = 0;
    for (size_t i = 0; i < answer.rows.size(); ++i) {
        const auto &row = answer.rows[i];
        const auto &plain = before.rows[i];
        EXPECT_EQ(keys_of(row), kListFields);
        for (const auto &[name, value] : row)
            EXPECT_EQ(value.front(), '"') << name << " " << value;
        std::string write_date = unquote(plain.at("DTI_WDATE"));
        EXPECT_EQ(unquote(row.at("DTI_WDATE")),
                  write_date.substr(0, 4) + write_date.substr(5, 2) + write_date.substr(8, 2));
        EXPECT_TRUE(matches(unquote(row.at("DTI_IDATE")), "99999999999999"));
        std::string amount = unquote(row.at("SUP_AMOUNT"));
        if (amount == plain.at("SUP_AMOUNT") + ".00")
            ++with_decimals;
        else
            EXPECT_EQ(amount, plain.at("SUP_AMOUNT"));
        EXPECT_EQ(unquote(row.at("TOTAL_CNT")), std::to_string(answer.rows.size()));
    }
    EXPECT_GT(with_decimals, 0u);
    EXPECT_LT(with_decimals, answer.rows.size());
    // The same invoice always has the same form.
    Answer again = call(base("OS_DTI_LIST"));
    EXPECT_EQ(again.body, answer.body);
}

TEST_F(SmartBillEndpoint, RangeOfThirtyDaysInclusiveIsTheLimit) {
    Fields list = base("OS_DTI_LIST");
    EXPECT_EQ(call(with(with(list, "SearchFromDate", "2026-10-01"), "SearchToDate", "2026-10-30"))
                  .result_code,
              "30000");
    EXPECT_EQ(call(with(with(list, "SearchFromDate", "2026-10-01"), "SearchToDate", "2026-10-31"))
                  .result_code,
              "31003");
    EXPECT_EQ(call(with(with(list, "SearchFromDate", "2026-11-02"), "SearchToDate", "2026-11-01"))
                  .result_code,
              "31003");
    // Dates before the retention window are not an error.
    Answer old =
        call(with(with(list, "SearchFromDate", "2025-01-01"), "SearchToDate", "2025-01-30"));
    EXPECT_EQ(old.result_code, "30000");
    EXPECT_TRUE(old.rows.empty());
    EXPECT_EQ(old.table_name, "Table");
}

TEST_F(SmartBillEndpoint, RowCapAnswers31005) {
    Answer full = call(base("OS_DTI_LIST"));
    ASSERT_GT(full.rows.size(), 2u);
    control("POST", "/_sim/config", "{\"row_cap\":" + std::to_string(full.rows.size()) + "}");
    EXPECT_EQ(call(base("OS_DTI_LIST")).result_code, "30000");
    control("POST", "/_sim/config", "{\"row_cap\":" + std::to_string(full.rows.size() - 1) + "}");
    Answer capped = call(base("OS_DTI_LIST"));
    EXPECT_EQ(capped.result_code, "31005");
    EXPECT_TRUE(capped.rows.empty());
    EXPECT_EQ(capped.table_name, "Table");
}

TEST_F(SmartBillEndpoint, OriginalDocumentsByIdArrayOrCommaString) {
    Answer list = call(base("OS_DTI_LIST"));
    ASSERT_GE(list.rows.size(), 3u);
    std::vector<std::string> ids;
    for (size_t i = 0; i < 3; ++i)
        ids.push_back(unquote(list.rows[i].at("ISSUE_ID")));
    const std::string unknown = "20260101999999990000000A";

    std::string array = "#[\"" + ids[0] + "\",\"" + ids[1] + "\",\"" + unknown + "\"]";
    Answer by_array = call(with(base("OS_DTI_XML"), "IssueId", array));
    ASSERT_EQ(by_array.result_code, "30000");
    ASSERT_EQ(by_array.rows.size(), 2u); // unknown ids are simply absent
    for (size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(keys_of(by_array.rows[i]), (std::vector<std::string>{"DTI_MSG", "ISSUE_ID"}));
        EXPECT_EQ(unquote(by_array.rows[i].at("ISSUE_ID")), ids[i]);
        std::string xml = unquote(by_array.rows[i].at("DTI_MSG"));
        EXPECT_NE(xml.find("urn:kr:or:kec:standard:Tax:ReusableAggregateBusinessInformationEntity"
                           "SchemaModule:1:0"),
                  std::string::npos);
        EXPECT_NE(xml.find(ids[i]), std::string::npos);
    }

    Answer by_string =
        call(with(base("OS_DTI_XML"), "IssueId", ids[0] + ", " + ids[1] + "," + ids[2]));
    ASSERT_EQ(by_string.result_code, "30000");
    EXPECT_EQ(by_string.rows.size(), 3u);

    // The other direction does not see sales documents of this company as purchases.
    Answer wrong_side = call(with(with(base("OS_DTI_XML"), "SupBuy_Type", "AP"), "IssueId", array));
    EXPECT_EQ(wrong_side.result_code, "30000");
    for (const auto &row : wrong_side.rows)
        EXPECT_NE(unquote(row.at("DTI_MSG")).find("<"), std::string::npos);
}

TEST_F(SmartBillEndpoint, HundredIssueIdsAreAllowedNotMore) {
    std::string ids;
    for (int i = 0; i < 101; ++i) {
        char id[32];
        std::snprintf(id, sizeof id, "20261101%016d", i);
        if (i == 100) {
            EXPECT_EQ(call(with(base("OS_DTI_XML"), "IssueId", ids)).result_code, "30000");
        }
        ids += (ids.empty() ? "" : ",") + std::string(id);
    }
    Answer answer = call(with(base("OS_DTI_XML"), "IssueId", ids));
    EXPECT_EQ(answer.result_code, "31004");
    EXPECT_TRUE(answer.rows.empty());
}

struct CodeCase {
    const char *name;
    const char *expected_code;
    const char *message_part;
};

TEST_F(SmartBillEndpoint, EveryResultCodeIsReachable) {
    Fields list = base("OS_DTI_LIST");
    Fields token = base("GET_TOKEN");
    Fields xml = with(base("OS_DTI_XML"), "IssueId", "20261101000000000000000A");
    std::vector<std::pair<Fields, CodeCase>> cases = {
        {without(list, "SearchToDate"), {"missing", "31001", "SearchToDate"}},
        {with(list, "SearchFromDate", ""), {"empty", "31001", "SearchFromDate"}},
        {without(list, "AuthToken"), {"no token", "31001", "AuthToken"}},
        {without(xml, "IssueId"), {"no ids", "31001", "IssueId"}},
        {with(list, "SendComRegno", "120814752"), {"short regno", "31002", "SendComRegno"}},
        {with(list, "SendComRegno", "#1208147521"), {"number regno", "31002", "SendComRegno"}},
        {with(list, "SearchDate", "X"), {"SearchDate", "31002", "SearchDate"}},
        {with(list, "SearchFromDate", "20261101"), {"compact date", "31002", "SearchFromDate"}},
        {with(list, "SearchToDate", "2026-02-30"), {"impossible date", "31002", "SearchToDate"}},
        {with(list, "SupBuy_Type", "XX"), {"SupBuy_Type", "31002", "SupBuy_Type"}},
        {with(list, "RequestTime", "2026-11-15 12:00"), {"RequestTime", "31002", "RequestTime"}},
        {with(token, "ExpirationDateCode", "X"),
         {"ExpirationDateCode", "31002", "ExpirationDateCode"}},
        {with(xml, "IssueId", "abc"), {"short id", "31002", "IssueId"}},
        {with(with(list, "SearchFromDate", "2026-10-01"), "SearchToDate", "2026-11-15"),
         {"range", "31003", "30 days"}},
        {with(list, "Signal", "OS_DTI_NOPE"), {"signal", "31009", "Signal"}},
        {with(list, "ServiceCode", "TAX"), {"service", "31009", "ServiceCode"}},
        {with(list, "AuthToken", "Zm9v"), {"bad token", "32001", "token"}},
        {with(token, "AuthCode", "00000000000000000000000000000000"),
         {"auth code", "32003", "auth code"}},
        {with(xml, "AuthCode", "00000000000000000000000000000000"),
         {"xml auth code", "32003", "auth code"}},
        {with(token, "SbId", "nobody"), {"sb id", "32004", "SbId"}},
        {with(list, "SendComRegno", "1208147521"), {"not registered", "33001", "SendComRegno"}},
        {with(list, "SearchComRegno", "1208147521"), {"not linked", "33002", "SearchComRegno"}},
        {with(xml, "SearchComRegno", "1208147521"), {"xml not linked", "33002", "SearchComRegno"}},
    };
    for (const auto &[fields, expected] : cases) {
        Answer answer = call(fields);
        EXPECT_EQ(answer.http_status, 200) << expected.name;
        EXPECT_EQ(answer.result_code, expected.expected_code)
            << expected.name << ": " << answer.result_message;
        EXPECT_NE(answer.result_message.find(expected.message_part), std::string::npos)
            << expected.name << ": " << answer.result_message;
        EXPECT_EQ(answer.table_name, "Table") << expected.name;
        EXPECT_TRUE(answer.rows.empty()) << expected.name;
        EXPECT_EQ(answer.message_id, unquote("\"" + fields[0].second + "\"")) << expected.name;
    }
}

TEST_F(SmartBillEndpoint, ValidationFollowsTheDocumentedOrder) {
    Fields list = base("OS_DTI_LIST");
    // An unknown Signal wins over missing fields; missing over malformed; malformed over
    // unregistered; registration over auth; auth over the range; range over linking.
    EXPECT_EQ(call(without(with(list, "Signal", "X"), "SearchToDate")).result_code, "31009");
    EXPECT_EQ(call(with(without(list, "SearchToDate"), "SearchDate", "Q")).result_code, "31001");
    EXPECT_EQ(call(with(with(list, "SearchDate", "Q"), "SendComRegno", "1208147521")).result_code,
              "31002");
    EXPECT_EQ(call(with(with(list, "SendComRegno", "1208147521"), "AuthToken", "x")).result_code,
              "33001");
    EXPECT_EQ(call(with(with(list, "AuthToken", "x"), "SearchFromDate", "2026-01-01")).result_code,
              "32001");
    EXPECT_EQ(call(with(with(list, "SearchFromDate", "2026-01-01"), "SearchComRegno", "1208147521"))
                  .result_code,
              "31003");
    control("POST", "/_sim/hometax",
            "{\"corp_num\":\"" + account_.corp_nums[0] + "\",\"status\":\"missing\"}");
    EXPECT_EQ(call(with(list, "SearchComRegno", "1208147521")).result_code, "33002");
}

TEST_F(SmartBillEndpoint, HometaxStatusOfTheCompany) {
    const std::string corp = account_.corp_nums.at(1);
    Fields list = with(base("OS_DTI_LIST"), "SearchComRegno", corp);
    EXPECT_EQ(call(list).result_code, "30000");
    control("POST", "/_sim/hometax", "{\"corp_num\":\"" + corp + "\",\"status\":\"missing\"}");
    Answer missing = call(list);
    EXPECT_EQ(missing.result_code, "33003");
    EXPECT_NE(missing.result_message.find("department user"), std::string::npos);
    control("POST", "/_sim/hometax",
            "{\"corp_num\":\"" + corp + "\",\"status\":\"login_failing\"}");
    Answer failing = call(list);
    EXPECT_EQ(failing.result_code, "33003");
    EXPECT_NE(failing.result_message.find("login failed"), std::string::npos);
    // Other companies are unaffected.
    EXPECT_EQ(call(base("OS_DTI_LIST")).result_code, "30000");
    control("POST", "/_sim/reset");
    EXPECT_EQ(call(list).result_code, "30000");
}

TEST_F(SmartBillEndpoint, RateLimitAnswers34001WithRetryAfter) {
    control("POST", "/_sim/config", R"({"rate_limit":3})");
    Fields list = base("OS_DTI_LIST");
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(call(list).result_code, "30000") << i;
    Answer limited = call(list);
    EXPECT_EQ(limited.http_status, 200);
    EXPECT_EQ(limited.result_code, "34001");
    EXPECT_EQ(limited.headers["Retry-After"], "1");
    EXPECT_TRUE(limited.rows.empty());
    // Per SendComRegno: another sender is not throttled (it is then just not registered).
    EXPECT_EQ(call(with(list, "SendComRegno", "1208147521")).result_code, "33001");
    control("POST", "/_sim/config", R"({"rate_limit":0})");
    EXPECT_EQ(call(list).result_code, "30000");
}

TEST_F(SmartBillEndpoint, HttpStatusesForBadBodiesPathsAndMethods) {
    Answer not_json = post("this is not json");
    EXPECT_EQ(not_json.http_status, 400);
    EXPECT_EQ(post("[1,2]").http_status, 400);
    EXPECT_EQ(post("{\"Signal\":").http_status, 400);

    auto other_path =
        client_->Post("/sb-api/other/", to_json(base("OS_DTI_LIST")), "application/json");
    ASSERT_TRUE(other_path);
    EXPECT_EQ(other_path->status, 404);
    auto get = client_->Get("/sb-api/request/");
    ASSERT_TRUE(get);
    EXPECT_EQ(get->status, 405);
    auto put = client_->Put("/sb-api/request/", "{}", "application/json");
    ASSERT_TRUE(put);
    EXPECT_EQ(put->status, 405);
}

TEST_F(SmartBillEndpoint, ClockCanBeSetAndRealTimeRestored) {
    std::string body = control("POST", "/_sim/clock", R"({"set":"2026-12-01T09:30:00"})");
    EXPECT_NE(body.find("2026-12-01 09:30:00"), std::string::npos);
    simdjson::dom::parser parser;
    Answer answer = call(base("OS_DTI_LIST"));
    simdjson::dom::element doc = parser.parse(answer.body);
    EXPECT_EQ(std::string(doc["ResponseTime"].get_string().value()), "20261201093000");
    control("POST", "/_sim/clock", R"({"set":"2026-13-01T00:00:00"})", 400);
    control("POST", "/_sim/reset");
    EXPECT_NE(control("GET", "/_sim/accounts").find(kStartClock), std::string::npos);
}

// Identical list requests reuse rendered rows; the answer must still follow the clock (a
// collection run makes new invoices visible), the profile, the row cap and faults.
TEST_F(SmartBillEndpoint, RepeatedListAnswersFollowClockProfileCapAndFaults) {
    Answer first = call(base("OS_DTI_LIST"));
    ASSERT_EQ(first.result_code, "30000");
    ASSERT_GT(first.rows.size(), 2u);
    Answer again = call(with(base("OS_DTI_LIST"), "MessageId", "msg-again"));
    EXPECT_EQ(again.message_id, "msg-again");
    EXPECT_EQ(again.rows, first.rows);

    control("POST", "/_sim/config", "{\"row_cap\":" + std::to_string(first.rows.size() - 1) + "}");
    EXPECT_EQ(call(base("OS_DTI_LIST")).result_code, "31005");
    control("POST", "/_sim/config", "{\"row_cap\":10000}");

    control("POST", "/_sim/faults", R"({"kind":"null_field","field":"SUP_AMOUNT"})");
    Answer faulted = call(base("OS_DTI_LIST"));
    EXPECT_EQ(faulted.rows.at(0).at("SUP_AMOUNT"), "null");
    EXPECT_EQ(call(base("OS_DTI_LIST")).rows, first.rows);

    control("POST", "/_sim/profile", R"({"profile":"strings"})");
    Answer strings = call(base("OS_DTI_LIST"));
    EXPECT_EQ(strings.rows.size(), first.rows.size());
    EXPECT_EQ(strings.rows.at(0).at("SUP_AMOUNT").front(), '"');
    control("POST", "/_sim/profile", R"({"profile":"default"})");

    // A day later (many collection runs on), invoices sent today have been collected.
    control("POST", "/_sim/clock", R"({"advance_seconds":86400})");
    Answer later = call(with(base("OS_DTI_LIST"), "SearchToDate", "2026-11-16"));
    EXPECT_GT(later.rows.size(), first.rows.size());
}

} // namespace
} // namespace sim::testing
