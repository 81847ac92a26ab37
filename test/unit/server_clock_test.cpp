#include "core/invoice_scan.hpp"
#include "core/protocol.hpp"
#include "core/server_clock.hpp"

#include "fake_api_server.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace sbfdw;
using sbfdw::testing::FakeApiServer;
using sbfdw::testing::field_of;

namespace {

constexpr const char *kCorp = "1208147521";

// A server whose clock reads `server_now`: it keeps one sales invoice per sent day of its own
// retention window (92 days ending on its today) and stamps every answer with its ResponseTime.
struct ServerOnItsOwnClock {
    Instant server_now;
    FakeApiServer api;

    explicit ServerOnItsOwnClock(Instant now)
        : server_now(now), api([this](const std::string &body) { return answer(body); }) {}

    Day today() const { return kst_day_of(server_now); }

    std::string answer(const std::string &body) const {
        std::string rows;
        if (field_of(body, "SupBuy_Type") == "AR") {
            const Day from = std::max(*parse_day(field_of(body, "SearchFromDate")), today() - 91);
            const Day to = std::min(*parse_day(field_of(body, "SearchToDate")), today());
            for (Day d = from; d <= to; ++d)
                rows += std::string(rows.empty() ? "" : ",") + R"({"ISSUE_ID":")" + format_day(d) +
                        R"("})";
        }
        return R"({"ResultCode":"30000","ResponseTime":")" + format_kst_compact(server_now) +
               R"(","ResultDataSet":{"Table":[)" + rows + "]}}";
    }
};

Credentials credentials() {
    Credentials c;
    c.send_com_regno = kCorp;
    c.auth_token = "fixed-token";
    return c;
}

// What the planner is given without a date qual, "now" read through the server clock record.
PlanInputs default_window_inputs(const ServerSettings &settings) {
    PlanInputs in;
    in.default_corp_num = kCorp;
    in.today = kst_day_of(server_now(settings.endpoint, now_instant()));
    in.max_range_days = settings.max_range_days;
    in.retention_days = settings.retention_days;
    return in;
}

std::set<std::string> drain(InvoiceScan &scan) {
    std::set<std::string> ids;
    while (scan.next())
        ids.insert(scan.row()[0].text);
    return ids;
}

std::vector<FieldSpec> issue_id_only() {
    return {{"issue_id", "ISSUE_ID", FieldKind::Text}};
}

} // namespace

TEST(ServerClock, OffsetFromResponseTime) {
    forget_server_clocks();
    const std::string endpoint = "http://127.0.0.1:1/sb-api/request/";
    EXPECT_FALSE(server_clock_offset(endpoint));
    EXPECT_EQ(server_now(endpoint, 1000), 1000);
    const Instant local = *parse_kst_datetime("20261127120000");
    EXPECT_FALSE(note_server_time(endpoint, "", local));
    EXPECT_FALSE(note_server_time(endpoint, "not a time", local));
    EXPECT_FALSE(server_clock_offset(endpoint));
    ASSERT_TRUE(note_server_time(endpoint, "20261115120000", local));
    EXPECT_EQ(*server_clock_offset(endpoint), -12 * kMicrosPerDay);
    EXPECT_EQ(server_now(endpoint, local), *parse_kst_datetime("20261115120000"));
    // Per endpoint.
    EXPECT_FALSE(server_clock_offset("http://127.0.0.1:2/sb-api/request/"));
    forget_server_clocks();
}

TEST(ServerClock, DefaultWindowFollowsTheServersDay) {
    forget_server_clocks();
    // Years behind this machine, as a simulator on a fixed clock.
    ServerOnItsOwnClock server(*parse_kst_datetime("20200315120000"));
    const ServerSettings settings = server.api.settings();

    // Planned with this machine's today: nothing the server keeps is in those windows.
    ScanPlan plan = plan_scan(default_window_inputs(settings));
    ASSERT_TRUE(plan.default_window);
    ASSERT_TRUE(plan.depends_on_today);
    ASSERT_NE(plan.windows.back().last, server.today());

    InvoiceScan scan(settings, credentials(), plan, issue_id_only(), "tax_invoices", nullptr);
    std::set<std::string> ids = drain(scan);
    // Every invoice of the server's retention window, once.
    EXPECT_EQ(ids.size(), 92u);
    EXPECT_EQ(*ids.begin(), format_day(server.today() - 91));
    EXPECT_EQ(*ids.rbegin(), format_day(server.today()));
    EXPECT_EQ(scan.stats().rows, 92);
    ASSERT_TRUE(server_clock_offset(settings.endpoint));

    // The next scan plans with the offset right away: exactly its own calls, on the server's days.
    const size_t calls_before = server.api.bodies("OS_DTI_LIST").size();
    ScanPlan anchored = plan_scan(default_window_inputs(settings));
    EXPECT_EQ(anchored.windows.back().last, server.today());
    EXPECT_EQ(anchored.windows.front().first, server.today() - settings.retention_days + 1);
    InvoiceScan again(settings, credentials(), anchored, issue_id_only(), "tax_invoices", nullptr);
    EXPECT_EQ(drain(again).size(), 92u);
    EXPECT_EQ(server.api.bodies("OS_DTI_LIST").size() - calls_before, anchored.calls_count());
    forget_server_clocks();
}

TEST(ServerClock, OpenEndedRangeIsClosedAtTheServersToday) {
    forget_server_clocks();
    // Ahead of this machine: days after our today exist there.
    ServerOnItsOwnClock server(now_instant() + 40 * kMicrosPerDay);
    const ServerSettings settings = server.api.settings();
    PlanInputs in = default_window_inputs(settings);
    Comparison since;
    since.column = PlanColumn::SentAt;
    since.op = CompareOp::Ge;
    since.instant = kst_day_start(server.today() - 45); // five days before our today
    in.condition = Condition::make_leaf(since);
    ScanPlan plan = plan_scan(in);
    ASSERT_TRUE(plan.depends_on_today);
    ASSERT_FALSE(plan.default_window);

    InvoiceScan scan(settings, credentials(), plan, issue_id_only(), "tax_invoices", nullptr);
    std::set<std::string> ids = drain(scan);
    EXPECT_EQ(ids.size(), 46u);
    EXPECT_EQ(*ids.begin(), format_day(server.today() - 45));
    EXPECT_EQ(*ids.rbegin(), format_day(server.today()));
    forget_server_clocks();
}

TEST(ServerClock, SameDayOnBothClocksChangesNothing) {
    forget_server_clocks();
    ServerOnItsOwnClock server(now_instant());
    const ServerSettings settings = server.api.settings();
    ScanPlan plan = plan_scan(default_window_inputs(settings));
    InvoiceScan scan(settings, credentials(), plan, issue_id_only(), "tax_invoices", nullptr);
    EXPECT_EQ(drain(scan).size(), 92u);
    EXPECT_EQ(server.api.bodies("OS_DTI_LIST").size(), plan.calls_count());
    forget_server_clocks();
}

TEST(ServerClock, ExplicitRangeDoesNotDependOnToday) {
    PlanInputs in;
    in.default_corp_num = kCorp;
    in.today = day_from_civil(2026, 11, 27);
    Comparison from, to;
    from.column = to.column = PlanColumn::WriteDate;
    from.op = CompareOp::Ge;
    from.day = day_from_civil(2026, 7, 1);
    to.op = CompareOp::Le;
    to.day = day_from_civil(2026, 7, 31);
    in.condition = Condition::make_and({Condition::make_leaf(from), Condition::make_leaf(to)});
    ScanPlan plan = plan_scan(in);
    EXPECT_FALSE(plan.depends_on_today);
    EXPECT_FALSE(plan.inputs);
}
