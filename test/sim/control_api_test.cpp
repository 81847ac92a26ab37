// The control API: the request log (with secrets masked), reset, and the ground-truth export,
// which must equal what the API answers for every company and both directions.

#include <algorithm>
#include <set>
#include <sstream>

#include "sim_test_support.hpp"

namespace sim::testing {
namespace {

using ControlApi = SimServerTest;

TEST_F(ControlApi, RequestLogKeepsFieldsInOrderAndMasksSecrets) {
    control("DELETE", "/_sim/requests");
    call(base("GET_TOKEN"));
    call(with(base("OS_DTI_LIST"), "SearchDate", "Q"));
    control("POST", "/_sim/faults", R"({"kind":"http_status","status":503})");
    call(base("OS_DTI_LIST"));
    post("not json");

    std::string log = control("GET", "/_sim/requests");
    EXPECT_EQ(log.find(account_.auth_token), std::string::npos);
    EXPECT_EQ(log.find(account_.auth_code), std::string::npos);

    simdjson::dom::parser parser;
    simdjson::dom::array entries = parser.parse(log).get_array();
    ASSERT_EQ(entries.size(), 4u);
    auto entry = [&](size_t i) { return entries.at(i).get_object().value(); };

    EXPECT_EQ(std::string(entry(0)["signal"].get_string().value()), "GET_TOKEN");
    EXPECT_EQ(std::string(entry(0)["fields"]["AuthCode"].get_string().value()), "***");
    EXPECT_EQ(std::string(entry(0)["fields"]["SbId"].get_string().value()), account_.sb_id);
    EXPECT_EQ(std::string(entry(0)["result_code"].get_string().value()), "30000");
    EXPECT_EQ(std::string(entry(0)["time"].get_string().value()), "2026-11-15 12:00:00");

    EXPECT_EQ(std::string(entry(1)["fields"]["AuthToken"].get_string().value()), "***");
    EXPECT_EQ(std::string(entry(1)["fields"]["SearchDate"].get_string().value()), "Q");
    EXPECT_EQ(std::string(entry(1)["result_code"].get_string().value()), "31002");
    // Fields are logged in the order they were received.
    std::vector<std::string> names;
    for (auto field : entry(1)["fields"].get_object())
        names.emplace_back(field.key);
    std::vector<std::string> sent;
    for (const auto &field : base("OS_DTI_LIST"))
        sent.push_back(field.first);
    EXPECT_EQ(names, sent);
    EXPECT_TRUE(entry(1)["fault"].is_null());

    EXPECT_EQ(std::string(entry(2)["fault"].get_string().value()), "http_status");
    EXPECT_EQ(entry(2)["http_status"].get_int64().value(), 503);
    EXPECT_TRUE(entry(2)["result_code"].is_null());

    EXPECT_EQ(entry(3)["http_status"].get_int64().value(), 400);
    EXPECT_TRUE(entry(3)["fields"].is_null());

    control("DELETE", "/_sim/requests");
    EXPECT_EQ(control("GET", "/_sim/requests"), "[]");
}

TEST_F(ControlApi, ResetForgetsIssuedTokensButKeepsTheInitialOne) {
    std::string token = new_token("Y");
    control("POST", "/_sim/profile", R"({"profile":"strings"})");
    control("POST", "/_sim/config", R"({"row_cap":1})");
    control("POST", "/_sim/reset");
    EXPECT_EQ(call(with(base("OS_DTI_LIST"), "AuthToken", token)).result_code, "32001");
    Answer answer = call(base("OS_DTI_LIST"));
    EXPECT_EQ(answer.result_code, "30000"); // row cap and profile are back to their start values
    EXPECT_GT(answer.rows.size(), 1u);
    EXPECT_NE(answer.rows.at(0).at("SUP_AMOUNT").front(), '"');
}

// RFC 4180 lines of the export, fields unquoted.
std::vector<std::vector<std::string>> parse_csv(const std::string &text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
        } else if (c == '\n') {
            row.push_back(std::move(field));
            field.clear();
            rows.push_back(std::move(row));
            row.clear();
        } else {
            field += c;
        }
    }
    return rows;
}

TEST_F(ControlApi, ExportEqualsWhatTheApiAnswers) {
    // The API side: every company, both directions, the whole retention window by sent date.
    std::multiset<std::string> from_api;
    const Day today = sbfdw::kst_day_of(*sbfdw::parse_kst_datetime("2026-11-15 12:00:00"));
    for (const auto &corp : account_.corp_nums) {
        for (const char *direction : {"AR", "AP"}) {
            for (Day to = today; to > today - 120; to -= 30) {
                Fields fields = with(with(with(with(base("OS_DTI_LIST"), "SearchComRegno", corp),
                                               "SupBuy_Type", direction),
                                          "SearchFromDate", sbfdw::format_day(to - 29)),
                                     "SearchToDate", sbfdw::format_day(to));
                Answer answer = call(fields);
                ASSERT_EQ(answer.result_code, "30000") << answer.result_message;
                for (const auto &row : answer.rows) {
                    std::string line = corp;
                    for (const char *name :
                         {"SUPBUY_TYPE", "ISSUE_ID",      "DTI_WDATE",    "DTI_IDATE",
                          "DTI_SDATE",   "TYPE_CODE",     "DTI_TYPE",     "TAX_DEMAND",
                          "SEQ_ID",      "SUP_COM_REGNO", "SUP_REP_NAME", "SUP_COM_NAME",
                          "SUP_EMAIL",   "BYR_COM_REGNO", "BYR_REP_NAME", "BYR_COM_NAME",
                          "BYR_EMAIL",   "SUP_AMOUNT",    "TAX_AMOUNT",   "TOTAL_AMOUNT"}) {
                        std::string value = unquote(row.at(name));
                        if (std::string(name) == "DTI_IDATE" || std::string(name) == "DTI_SDATE")
                            value += "+09";
                        line += "|" + value;
                    }
                    from_api.insert(line);
                }
            }
        }
    }
    ASSERT_GT(from_api.size(), 100u);

    std::string csv = control("GET", "/_sim/export/invoices.csv");
    auto rows = parse_csv(csv);
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows[0].at(0), "corp_num");
    EXPECT_EQ(rows[0].size(), 21u);
    std::multiset<std::string> from_export;
    for (size_t i = 1; i < rows.size(); ++i) {
        std::string line;
        for (size_t j = 0; j < rows[i].size(); ++j)
            line += (j ? "|" : "") + rows[i][j];
        from_export.insert(line);
    }
    EXPECT_EQ(from_export.size(), from_api.size());
    std::vector<std::string> only_api, only_export;
    std::set_difference(from_api.begin(), from_api.end(), from_export.begin(), from_export.end(),
                        std::back_inserter(only_api));
    std::set_difference(from_export.begin(), from_export.end(), from_api.begin(), from_api.end(),
                        std::back_inserter(only_export));
    EXPECT_TRUE(only_api.empty()) << only_api.size() << " e.g. " << only_api.front();
    EXPECT_TRUE(only_export.empty()) << only_export.size() << " e.g. " << only_export.front();

    std::string items = control("GET", "/_sim/export/items.csv");
    EXPECT_EQ(items.substr(0, 9), "corp_num,");
}

} // namespace
} // namespace sim::testing
