// Fault injection as delivered on the wire: each kind does what it says, `count` and `fraction`
// are respected, the signal filter holds and the control API is never faulted.

#include <algorithm>
#include <chrono>

#include "sim_test_support.hpp"

namespace sim::testing {
namespace {

using Faults = SimServerTest;

TEST_F(Faults, HttpStatusForTheNextCountRequests) {
    control("POST", "/_sim/faults", R"({"kind":"http_status","status":503,"count":2})");
    EXPECT_EQ(call(base("OS_DTI_LIST")).http_status, 503);
    // The control API is never faulted.
    control("GET", "/_sim/accounts");
    Answer second = call(base("OS_DTI_LIST"));
    EXPECT_EQ(second.http_status, 503);
    EXPECT_FALSE(second.ok);
    EXPECT_EQ(call(base("OS_DTI_LIST")).result_code, "30000");
}

TEST_F(Faults, SignalFilterAndOtherStatuses) {
    control("POST", "/_sim/faults", R"({"kind":"http_status","status":502,"signal":"OS_DTI_XML"})");
    EXPECT_EQ(call(base("OS_DTI_LIST")).result_code, "30000");
    EXPECT_EQ(call(base("GET_TOKEN")).result_code, "30000");
    EXPECT_EQ(call(with(base("OS_DTI_XML"), "IssueId", "20261101000000000000000A")).http_status,
              502);
    control("POST", "/_sim/faults", R"({"kind":"http_status","status":500})");
    EXPECT_EQ(call(base("GET_TOKEN")).http_status, 500);
}

TEST_F(Faults, ForcedResultCodes) {
    control("POST", "/_sim/faults", R"({"kind":"result_code","code":"32002"})");
    control("POST", "/_sim/faults", R"({"kind":"result_code","code":33003})");
    control("POST", "/_sim/faults", R"({"kind":"result_code","code":"34001","retry_after":7})");
    control("POST", "/_sim/faults", R"({"kind":"result_code","code":"39999"})");
    Answer expired = call(base("OS_DTI_LIST"));
    EXPECT_EQ(expired.result_code, "32002");
    EXPECT_TRUE(expired.rows.empty());
    EXPECT_EQ(call(base("OS_DTI_LIST")).result_code, "33003");
    Answer throttled = call(base("OS_DTI_LIST"));
    EXPECT_EQ(throttled.result_code, "34001");
    EXPECT_EQ(throttled.headers["Retry-After"], "7");
    Answer internal = call(base("OS_DTI_LIST"));
    EXPECT_EQ(internal.http_status, 200);
    EXPECT_EQ(internal.result_code, "39999");
    EXPECT_EQ(call(base("OS_DTI_LIST")).result_code, "30000");
}

TEST_F(Faults, LatencyDelaysTheAnswer) {
    control("POST", "/_sim/faults", R"({"kind":"latency","ms":300})");
    auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(call(base("OS_DTI_LIST")).result_code, "30000");
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));
    start = std::chrono::steady_clock::now();
    EXPECT_EQ(call(base("OS_DTI_LIST")).result_code, "30000");
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));
}

TEST_F(Faults, ResetAndTruncatedBreakTheTransfer) {
    std::string full = call(base("OS_DTI_LIST")).body;
    control("POST", "/_sim/faults", R"({"kind":"reset"})");
    auto reset =
        client_->Post("/sb-api/request/", to_json(base("OS_DTI_LIST")), "application/json");
    EXPECT_FALSE(reset); // headers came, then the connection closed inside the body
    control("POST", "/_sim/faults", R"({"kind":"truncated","bytes":100})");
    auto truncated =
        client_->Post("/sb-api/request/", to_json(base("OS_DTI_LIST")), "application/json");
    EXPECT_FALSE(truncated);

    EXPECT_EQ(call(base("OS_DTI_LIST")).body, full);
}

TEST_F(Faults, SlowDripSendsTheWholeBodyInPieces) {
    std::string full = call(base("OS_DTI_LIST")).body;
    control("POST", "/_sim/faults", R"({"kind":"slow_drip","chunk_bytes":20000,"pause_ms":40})");
    auto start = std::chrono::steady_clock::now();
    Answer dripped = call(base("OS_DTI_LIST"));
    auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_EQ(dripped.body, full);
    size_t pauses = (full.size() - 1) / 20000;
    ASSERT_GT(pauses, 0u);
    EXPECT_GE(elapsed, std::chrono::milliseconds(40 * pauses));
}

TEST_F(Faults, InvalidJsonCannotBeParsed) {
    control("POST", "/_sim/faults", R"({"kind":"invalid_json"})");
    Answer answer = call(base("OS_DTI_LIST"));
    EXPECT_EQ(answer.http_status, 200);
    EXPECT_FALSE(answer.ok);
    EXPECT_FALSE(answer.body.empty());
}

TEST_F(Faults, FieldFaultsCorruptRows) {
    control("POST", "/_sim/faults", R"({"kind":"wrong_type"})");
    Answer wrong = call(base("OS_DTI_LIST"));
    ASSERT_EQ(wrong.result_code, "30000");
    for (const auto &row : wrong.rows)
        EXPECT_EQ(row.at("SUP_AMOUNT").substr(0, 9), "{\"value\":");

    control("POST", "/_sim/faults", R"({"kind":"wrong_type","field":"SUP_COM_NAME"})");
    for (const auto &row : call(base("OS_DTI_LIST")).rows)
        EXPECT_EQ(row.at("SUP_COM_NAME"), "12345");

    control("POST", "/_sim/faults", R"({"kind":"missing_field","field":"ISSUE_ID"})");
    Answer missing = call(base("OS_DTI_LIST"));
    ASSERT_FALSE(missing.rows.empty());
    for (const auto &row : missing.rows) {
        EXPECT_EQ(row.count("ISSUE_ID"), 0u);
        EXPECT_EQ(row.size(), 20u);
    }

    control("POST", "/_sim/faults", R"({"kind":"null_field","field":"DTI_SDATE"})");
    for (const auto &row : call(base("OS_DTI_LIST")).rows)
        EXPECT_EQ(row.at("DTI_SDATE"), "null");

    EXPECT_NE(call(base("OS_DTI_LIST")).rows.at(0).at("SUP_AMOUNT"), "null");
}

TEST_F(Faults, OversizedPutsTenMegabytesInOneField) {
    control("POST", "/_sim/faults", R"({"kind":"oversized"})");
    Answer answer = call(base("OS_DTI_LIST"));
    ASSERT_EQ(answer.result_code, "30000");
    ASSERT_GE(answer.rows.size(), 2u);
    EXPECT_EQ(unquote(answer.rows[0].at("SUP_COM_NAME")).size(), 10u * 1024 * 1024);
    EXPECT_LT(answer.rows[1].at("SUP_COM_NAME").size(), 200u);
}

TEST_F(Faults, InvalidUtf8InsideAName) {
    control("POST", "/_sim/faults", R"({"kind":"invalid_utf8","field":"BYR_COM_NAME"})");
    Answer answer = call(base("OS_DTI_LIST"));
    EXPECT_FALSE(answer.ok); // a validating parser refuses the body
    EXPECT_NE(answer.body.find("\xC3\x28"), std::string::npos);
    EXPECT_NE(answer.body.find("\"BYR_COM_NAME\":\""), std::string::npos);
}

TEST_F(Faults, ReplaceFieldWritesTheGivenString) {
    control("POST", "/_sim/faults",
            R"({"kind":"replace_field","field":"SUP_REP_NAME","value":"똠방 \"각하\""})");
    Answer answer = call(base("OS_DTI_LIST"));
    ASSERT_EQ(answer.result_code, "30000");
    ASSERT_GE(answer.rows.size(), 2u);
    for (const auto &row : answer.rows)
        EXPECT_EQ(row.at("SUP_REP_NAME"), R"("똠방 \"각하\"")");
    // The next answer is untouched.
    EXPECT_NE(call(base("OS_DTI_LIST")).rows.at(0).at("SUP_REP_NAME"), R"("똠방 \"각하\"")");
}

TEST_F(Faults, FractionIsDeterministicAndCountCapsIt) {
    auto pattern = [this] {
        control("POST", "/_sim/reset");
        control("POST", "/_sim/faults", R"({"kind":"result_code","code":"39999","fraction":0.5})");
        std::string hits;
        for (int i = 0; i < 24; ++i)
            hits += call(base("GET_TOKEN")).result_code == "39999" ? 'x' : '.';
        return hits;
    };
    std::string first = pattern();
    EXPECT_EQ(first, pattern());
    size_t faulted = std::count(first.begin(), first.end(), 'x');
    EXPECT_GT(faulted, 3u);
    EXPECT_LT(faulted, 21u);

    control("POST", "/_sim/reset");
    control("POST", "/_sim/faults",
            R"({"kind":"result_code","code":"39999","fraction":0.9,"count":2})");
    int hits = 0;
    for (int i = 0; i < 20; ++i)
        hits += call(base("GET_TOKEN")).result_code == "39999";
    EXPECT_EQ(hits, 2);
}

TEST_F(Faults, BadFaultRequestsAreRejectedAndDeleteClears) {
    control("POST", "/_sim/faults", R"({"kind":"earthquake"})", 400);
    control("POST", "/_sim/faults", R"({"kind":"latency","fraction":2})", 400);
    control("POST", "/_sim/faults", R"({"kind":"result_code","code":"12"})", 400);
    control("POST", "/_sim/faults", "nope", 400);
    control("POST", "/_sim/faults", R"({"kind":"http_status","count":5})");
    EXPECT_NE(control("GET", "/_sim/faults").find("\"remaining\":5"), std::string::npos);
    control("DELETE", "/_sim/faults");
    EXPECT_EQ(call(base("OS_DTI_LIST")).result_code, "30000");
}

} // namespace
} // namespace sim::testing
