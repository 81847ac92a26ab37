#include "core/invoice_scan.hpp"
#include "core/token_cache.hpp"
#include "fake_api_server.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>

using namespace sbfdw;
using sbfdw::testing::field_of;

namespace {

// A SmartBill stand-in: one invoice per day of the window plus one invoice ("DUP") that every
// window returns; windows longer than `max_days` answer 31005; tokens "tok-1", "tok-2", ...
// and the first token is reported expired when `expire_first_token` is set.
class FakeSmartBill {
public:
    int max_days = 8;
    bool expire_first_token = false;
    // When set, tokens carry an expiry one day after this ResponseTime (a server clock that lies
    // far from the local one, like a simulator on a fixed clock).
    std::string server_time;
    std::atomic<int> list_calls{0}, token_calls{0};
    std::vector<std::string> windows;

    ServerSettings settings() const { return server_.settings(); }

private:
    std::string answer(const std::string &body) {
        const std::string signal = field_of(body, "Signal");
        if (signal == "GET_TOKEN") {
            const int n = ++token_calls;
            if (!server_time.empty()) {
                const Instant expires = *parse_kst_datetime(server_time) + kMicrosPerDay;
                return R"({"ResultCode":"30000","ResponseTime":")" + server_time +
                       R"(","ResultDataSet":{"Table1":[{"AUTH_TOKEN":"tok-)" + std::to_string(n) +
                       R"(","EXPIRATION_DATE":")" + format_kst_datetime(expires) + R"("}]}})";
            }
            return R"({"ResultCode":"30000","ResultDataSet":{"Table1":[{"AUTH_TOKEN":"tok-)" +
                   std::to_string(n) + R"("}]}})";
        }
        ++list_calls;
        if (expire_first_token && field_of(body, "AuthToken") == "tok-1")
            return R"({"ResultCode":"32002","ResultMessage":"expired token"})";
        const Day from = *parse_day(field_of(body, "SearchFromDate"));
        const Day to = *parse_day(field_of(body, "SearchToDate"));
        {
            std::lock_guard<std::mutex> lock(mutex_);
            windows.push_back(format_day(from) + ".." + format_day(to));
        }
        if (to - from + 1 > max_days)
            return R"({"ResultCode":"31005","ResultMessage":"too many rows"})";
        std::string rows;
        for (Day d = from; d <= to; ++d) {
            std::string day = format_day(d);
            rows +=
                R"({"ISSUE_ID":")" + day + R"(","DTI_WDATE":")" + day + R"(","SUP_AMOUNT":1000},)";
        }
        rows += R"({"ISSUE_ID":"DUP","DTI_WDATE":"2026-07-01","SUP_AMOUNT":1})";
        return R"({"ResultCode":"30000","ResultDataSet":{"Table":[)" + rows + "]}}";
    }

    std::mutex mutex_;
    // Declared last: it starts answering (on its own thread) only once the rest exists.
    sbfdw::testing::FakeApiServer server_{[this](const std::string &body) { return answer(body); }};
};

ScanPlan july_plan() {
    ScanPlan plan;
    plan.kind = DateKind::Write;
    plan.windows = {{day_from_civil(2026, 7, 1), day_from_civil(2026, 7, 30)}};
    plan.corp_nums = {"1208147521"};
    plan.directions = {Direction::Sales};
    return plan;
}

std::vector<FieldSpec> fields() {
    return {{"corp_num", "", FieldKind::Text, FieldSpec::Source::CorpNum},
            {"issue_id", "ISSUE_ID", FieldKind::Text},
            {"supply_amount", "SUP_AMOUNT", FieldKind::Integer}};
}

Credentials token_credentials() {
    Credentials c;
    c.send_com_regno = "1208147521";
    c.auth_token = "fixed-token";
    return c;
}

std::vector<std::string> drain(InvoiceScan &scan) {
    std::vector<std::string> ids;
    while (scan.next()) {
        EXPECT_EQ(scan.row()[0].text, "1208147521");
        ids.push_back(scan.row()[1].text);
    }
    return ids;
}

} // namespace

TEST(InvoiceScan, SplitsOn31005AndDeduplicates) {
    FakeSmartBill api;
    InvoiceScan scan(api.settings(), token_credentials(), july_plan(), fields(), "tax_invoices",
                     nullptr);
    std::vector<std::string> ids = drain(scan);
    // 30 days, each once, and the invoice every window returns once (answers arrive in any
    // order: windows run concurrently).
    ASSERT_EQ(ids.size(), 31u);
    EXPECT_EQ(std::count(ids.begin(), ids.end(), "DUP"), 1);
    std::set<std::string> unique(ids.begin(), ids.end());
    EXPECT_EQ(unique.size(), 31u);
    EXPECT_EQ(*unique.begin(), "2026-07-01");
    EXPECT_TRUE(unique.count("2026-07-30"));
    // 30 -> 15 + 15 -> 8 + 7 + 8 + 7.
    EXPECT_EQ(scan.stats().splits, 3);
    EXPECT_EQ(scan.stats().requests, 7);
    EXPECT_EQ(api.list_calls.load(), 7);
    EXPECT_EQ(scan.stats().rows, 31);
    EXPECT_EQ(scan.stats().token_requests, 0);
}

TEST(InvoiceScan, RescanReusesAnswers) {
    FakeSmartBill api;
    InvoiceScan scan(api.settings(), token_credentials(), july_plan(), fields(), "tax_invoices",
                     nullptr);
    std::vector<std::string> first = drain(scan);
    scan.restart(nullptr);
    std::vector<std::string> second = drain(scan);
    std::sort(first.begin(), first.end());
    std::sort(second.begin(), second.end());
    EXPECT_EQ(first, second);
    EXPECT_EQ(api.list_calls.load(), 7);
    EXPECT_EQ(scan.stats().cache_hits, 4);
}

TEST(InvoiceScan, OneDayWindowThatIsStillTooLargeIsAnError) {
    FakeSmartBill api;
    api.max_days = 0;
    ScanPlan plan = july_plan();
    plan.windows = {{day_from_civil(2026, 7, 1), day_from_civil(2026, 7, 2)}};
    InvoiceScan scan(api.settings(), token_credentials(), plan, fields(), "tax_invoices", nullptr);
    try {
        scan.next();
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.sqlstate(), "54000");
        EXPECT_EQ(e.message(), "SmartBill API error 31005: too many rows");
        // Split down to single days, whichever failed first.
        EXPECT_TRUE(e.detail().find("SearchDate W 2026-07-01..2026-07-01") != std::string::npos ||
                    e.detail().find("SearchDate W 2026-07-02..2026-07-02") != std::string::npos)
            << e.detail();
        EXPECT_FALSE(e.hint().empty());
    }
}

TEST(InvoiceScan, IssuesTokensAndRenewsAnExpiredOneOnce) {
    TokenSource::clear_cache();
    FakeSmartBill api;
    api.expire_first_token = true;
    Credentials c;
    c.send_com_regno = "1208147521";
    c.sb_id = "tester";
    c.auth_code = "0123456789ABCDEF0123456789ABCDEF";
    ScanPlan plan = july_plan();
    plan.windows = {{day_from_civil(2026, 7, 1), day_from_civil(2026, 7, 5)}};
    InvoiceScan scan(api.settings(), c, plan, fields(), "tax_invoices", nullptr);
    EXPECT_EQ(drain(scan).size(), 6u);
    EXPECT_EQ(api.token_calls.load(), 2);
    EXPECT_EQ(scan.stats().token_requests, 2);
    EXPECT_EQ(api.list_calls.load(), 2);

    // A second scan takes the cached token.
    InvoiceScan again(api.settings(), c, plan, fields(), "tax_invoices", nullptr);
    EXPECT_EQ(drain(again).size(), 6u);
    EXPECT_EQ(api.token_calls.load(), 2);
}

TEST(InvoiceScan, TokenExpiryFollowsTheServerClock) {
    TokenSource::clear_cache();
    FakeSmartBill api;
    api.server_time = "20200101120000"; // the server's clock is years behind ours
    Credentials c;
    c.send_com_regno = "1208147521";
    c.sb_id = "tester";
    c.auth_code = "0123456789ABCDEF0123456789ABCDEF";
    ScanPlan plan = july_plan();
    plan.windows = {{day_from_civil(2026, 7, 1), day_from_civil(2026, 7, 2)}};
    InvoiceScan first(api.settings(), c, plan, fields(), "tax_invoices", nullptr);
    EXPECT_EQ(drain(first).size(), 3u);
    // The token is valid for a day of the server's time, so the next scan reuses it.
    InvoiceScan second(api.settings(), c, plan, fields(), "tax_invoices", nullptr);
    EXPECT_EQ(drain(second).size(), 3u);
    EXPECT_EQ(api.token_calls.load(), 1);
}

TEST(InvoiceScan, ExpiredTokenWithoutIssuingCredentialsIsAnError) {
    FakeSmartBill api;
    api.expire_first_token = true;
    Credentials c = token_credentials();
    c.auth_token = "tok-1";
    InvoiceScan scan(api.settings(), c, july_plan(), fields(), "tax_invoices", nullptr);
    try {
        scan.next();
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.sqlstate(), "28000");
        EXPECT_EQ(e.message(), "SmartBill API error 32002: expired token");
        EXPECT_NE(e.hint().find("인증토큰 발급"), std::string::npos);
        for (const std::string *text : {&e.message(), &e.detail(), &e.hint()})
            EXPECT_EQ(text->find("tok-1"), std::string::npos);
    }
}

TEST(InvoiceScan, EmptyPlanSendsNothing) {
    FakeSmartBill api;
    ScanPlan plan = july_plan();
    plan.contradiction = true;
    InvoiceScan scan(api.settings(), token_credentials(), plan, fields(), "tax_invoices", nullptr);
    EXPECT_FALSE(scan.next());
    EXPECT_EQ(api.list_calls.load(), 0);
}
