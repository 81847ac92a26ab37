// Pushdown rules: conditions on the listing's columns -> OS_DTI_LIST calls.
#include "core/scan_plan.hpp"

#include <gtest/gtest.h>

namespace sbfdw {
namespace {

Day D(const char *text) {
    return *parse_day(text);
}

// A KST wall-clock time as an instant.
Instant kst(const char *text) {
    return *parse_kst_datetime(text);
}

// A UTC wall-clock time as an instant.
Instant utc(const char *text) {
    return kst(text) + kKstOffsetMicros;
}

Comparison comparison(PlanColumn column, CompareOp op) {
    Comparison c;
    c.column = column;
    c.op = op;
    return c;
}

Condition wdate(CompareOp op, const char *day) {
    Comparison c = comparison(PlanColumn::WriteDate, op);
    c.day = D(day);
    return Condition::make_leaf(c);
}

Condition at(PlanColumn column, CompareOp op, Instant instant) {
    Comparison c = comparison(column, op);
    c.instant = instant;
    return Condition::make_leaf(c);
}

Condition text_eq(PlanColumn column, const char *value) {
    Comparison c = comparison(column, CompareOp::Eq);
    c.text = value;
    return Condition::make_leaf(c);
}

Condition null_cmp(PlanColumn column, CompareOp op) {
    Comparison c = comparison(column, op);
    c.is_null_constant = true;
    return Condition::make_leaf(c);
}

Condition all(std::vector<Condition> args) {
    return Condition::make_and(std::move(args));
}
Condition any(std::vector<Condition> args) {
    return Condition::make_or(std::move(args));
}

std::string show(const DaySet &s) {
    if (s.unbounded)
        return "unbounded";
    std::string out;
    for (const DayRange &r : s.ranges) {
        if (!out.empty())
            out += " ";
        out += (r.first == kNoLowerBound ? std::string("-inf") : format_day(r.first)) + ".." +
               (r.last == kNoUpperBound ? std::string("+inf") : format_day(r.last));
    }
    return out.empty() ? "empty" : out;
}

std::string show(const std::vector<DayRange> &windows) {
    std::string out;
    for (const DayRange &r : windows) {
        if (!out.empty())
            out += " ";
        out += format_day(r.first) + ".." + format_day(r.last);
    }
    return out;
}

PlanInputs inputs(Condition c) {
    PlanInputs in;
    in.condition = std::move(c);
    in.default_corp_num = "1208147521";
    in.today = D("2026-10-01");
    in.max_range_days = 30;
    in.retention_days = 92;
    return in;
}

// --- write_date: a date column, bounds map to days directly ---

TEST(DaySetWriteDate, EachOperator) {
    EXPECT_EQ(show(day_set_for(wdate(CompareOp::Eq, "2026-07-05"), PlanColumn::WriteDate)),
              "2026-07-05..2026-07-05");
    EXPECT_EQ(show(day_set_for(wdate(CompareOp::Lt, "2026-07-05"), PlanColumn::WriteDate)),
              "-inf..2026-07-04");
    EXPECT_EQ(show(day_set_for(wdate(CompareOp::Le, "2026-07-05"), PlanColumn::WriteDate)),
              "-inf..2026-07-05");
    EXPECT_EQ(show(day_set_for(wdate(CompareOp::Gt, "2026-07-05"), PlanColumn::WriteDate)),
              "2026-07-06..+inf");
    EXPECT_EQ(show(day_set_for(wdate(CompareOp::Ge, "2026-07-05"), PlanColumn::WriteDate)),
              "2026-07-05..+inf");
}

TEST(DaySetWriteDate, BetweenIsAnAnd) {
    Condition c = all({wdate(CompareOp::Ge, "2026-07-01"), wdate(CompareOp::Le, "2026-07-31")});
    EXPECT_EQ(show(day_set_for(c, PlanColumn::WriteDate)), "2026-07-01..2026-07-31");
    // Half-open month, the usual way to write a quarter.
    Condition q = all({wdate(CompareOp::Ge, "2026-07-01"), wdate(CompareOp::Lt, "2026-10-01")});
    EXPECT_EQ(show(day_set_for(q, PlanColumn::WriteDate)), "2026-07-01..2026-09-30");
}

TEST(DaySetWriteDate, InIsAnOrOfEqualities) {
    Condition c = any({wdate(CompareOp::Eq, "2026-07-03"), wdate(CompareOp::Eq, "2026-07-01"),
                       wdate(CompareOp::Eq, "2026-07-02"), wdate(CompareOp::Eq, "2026-07-09")});
    // Adjacent days merge; the result is sorted.
    EXPECT_EQ(show(day_set_for(c, PlanColumn::WriteDate)),
              "2026-07-01..2026-07-03 2026-07-09..2026-07-09");
}

TEST(DaySetWriteDate, OrOfRanges) {
    Condition july = all({wdate(CompareOp::Ge, "2026-07-01"), wdate(CompareOp::Le, "2026-07-10")});
    Condition sept = all({wdate(CompareOp::Ge, "2026-09-01"), wdate(CompareOp::Le, "2026-09-05")});
    Condition overlap =
        all({wdate(CompareOp::Ge, "2026-07-08"), wdate(CompareOp::Le, "2026-07-12")});
    EXPECT_EQ(show(day_set_for(any({july, sept, overlap}), PlanColumn::WriteDate)),
              "2026-07-01..2026-07-12 2026-09-01..2026-09-05");
}

TEST(DaySetWriteDate, AndOfOrsIntersects) {
    Condition a = any({wdate(CompareOp::Eq, "2026-07-01"), wdate(CompareOp::Eq, "2026-07-02")});
    Condition b = any({wdate(CompareOp::Eq, "2026-07-02"), wdate(CompareOp::Eq, "2026-07-03")});
    EXPECT_EQ(show(day_set_for(all({a, b}), PlanColumn::WriteDate)), "2026-07-02..2026-07-02");
}

TEST(DaySetWriteDate, ContradictionIsEmpty) {
    Condition c = all({wdate(CompareOp::Gt, "2026-07-10"), wdate(CompareOp::Lt, "2026-07-05")});
    EXPECT_EQ(show(day_set_for(c, PlanColumn::WriteDate)), "empty");
    Condition d = all({wdate(CompareOp::Gt, "2026-07-10"), wdate(CompareOp::Lt, "2026-07-11")});
    EXPECT_EQ(show(day_set_for(d, PlanColumn::WriteDate)), "empty");
}

TEST(DaySetWriteDate, UnknownAllowsEverything) {
    EXPECT_EQ(show(day_set_for(Condition::unknown(), PlanColumn::WriteDate)), "unbounded");
    // AND with an unknown keeps the known part; OR with an unknown loses it (NOT, functions...).
    EXPECT_EQ(show(day_set_for(all({Condition::unknown(), wdate(CompareOp::Eq, "2026-07-01")}),
                               PlanColumn::WriteDate)),
              "2026-07-01..2026-07-01");
    EXPECT_EQ(show(day_set_for(any({Condition::unknown(), wdate(CompareOp::Eq, "2026-07-01")}),
                               PlanColumn::WriteDate)),
              "unbounded");
}

TEST(DaySetWriteDate, FalseAndNullAllowNothing) {
    EXPECT_EQ(show(day_set_for(Condition::always_false(), PlanColumn::WriteDate)), "empty");
    EXPECT_EQ(
        show(day_set_for(null_cmp(PlanColumn::WriteDate, CompareOp::Eq), PlanColumn::WriteDate)),
        "empty");
    EXPECT_EQ(
        show(day_set_for(null_cmp(PlanColumn::WriteDate, CompareOp::Ge), PlanColumn::WriteDate)),
        "empty");
    // OR with a NULL comparison keeps the other branch.
    EXPECT_EQ(show(day_set_for(any({null_cmp(PlanColumn::WriteDate, CompareOp::Eq),
                                    wdate(CompareOp::Eq, "2026-07-01")}),
                               PlanColumn::WriteDate)),
              "2026-07-01..2026-07-01");
}

TEST(DaySetWriteDate, OtherColumnsDoNotNarrow) {
    EXPECT_EQ(show(day_set_for(wdate(CompareOp::Eq, "2026-07-01"), PlanColumn::SentAt)),
              "unbounded");
    // Mixing columns inside OR: neither column is narrowed.
    Condition mixed =
        any({wdate(CompareOp::Eq, "2026-07-01"), text_eq(PlanColumn::SupbuyType, "AR")});
    EXPECT_EQ(show(day_set_for(mixed, PlanColumn::WriteDate)), "unbounded");
    EXPECT_EQ(show(day_set_for(wdate(CompareOp::Eq, "2026-07-01"), PlanColumn::SupbuyType)),
              "unbounded");
}

// --- issued_at / sent_at: instants widened to KST days ---

TEST(DaySetInstant, KstDayOfUtcInstants) {
    // 2026-07-01 14:59:59 UTC is 23:59:59 KST on the 1st; 15:00 UTC is midnight of the 2nd.
    EXPECT_EQ(show(day_set_for(at(PlanColumn::SentAt, CompareOp::Eq, utc("2026-07-01 14:59:59")),
                               PlanColumn::SentAt)),
              "2026-07-01..2026-07-01");
    EXPECT_EQ(show(day_set_for(at(PlanColumn::SentAt, CompareOp::Eq, utc("2026-07-01 15:00:00")),
                               PlanColumn::SentAt)),
              "2026-07-02..2026-07-02");
    // 2026-07-01 00:30 UTC is 09:30 KST the same day.
    EXPECT_EQ(show(day_set_for(at(PlanColumn::IssuedAt, CompareOp::Eq, utc("2026-07-01 00:30:00")),
                               PlanColumn::IssuedAt)),
              "2026-07-01..2026-07-01");
}

TEST(DaySetInstant, LowerBoundsKeepTheWholeDay) {
    const Instant noon = kst("2026-07-05 12:00:00");
    EXPECT_EQ(show(day_set_for(at(PlanColumn::SentAt, CompareOp::Ge, noon), PlanColumn::SentAt)),
              "2026-07-05..+inf");
    EXPECT_EQ(show(day_set_for(at(PlanColumn::SentAt, CompareOp::Gt, noon), PlanColumn::SentAt)),
              "2026-07-05..+inf");
    // Even just before midnight, the day itself stays in.
    const Instant late = kst("2026-07-05 23:59:59") + 999999;
    EXPECT_EQ(show(day_set_for(at(PlanColumn::SentAt, CompareOp::Gt, late), PlanColumn::SentAt)),
              "2026-07-05..+inf");
}

TEST(DaySetInstant, UpperBoundsAtAndAroundMidnight) {
    const Instant midnight = kst("2026-07-05 00:00:00");
    EXPECT_EQ(
        show(day_set_for(at(PlanColumn::SentAt, CompareOp::Lt, midnight), PlanColumn::SentAt)),
        "-inf..2026-07-04");
    EXPECT_EQ(
        show(day_set_for(at(PlanColumn::SentAt, CompareOp::Le, midnight), PlanColumn::SentAt)),
        "-inf..2026-07-05");
    EXPECT_EQ(
        show(day_set_for(at(PlanColumn::SentAt, CompareOp::Lt, midnight + 1), PlanColumn::SentAt)),
        "-inf..2026-07-05");
    EXPECT_EQ(
        show(day_set_for(at(PlanColumn::SentAt, CompareOp::Lt, midnight - 1), PlanColumn::SentAt)),
        "-inf..2026-07-04");
    // Midnight UTC is 09:00 KST: not a KST day boundary.
    EXPECT_EQ(show(day_set_for(at(PlanColumn::SentAt, CompareOp::Lt, utc("2026-07-05 00:00:00")),
                               PlanColumn::SentAt)),
              "-inf..2026-07-05");
}

TEST(DaySetInstant, HalfOpenKstDayRange) {
    // sent_at >= '2026-07-01 00:00+09' AND sent_at < '2026-08-01 00:00+09': July exactly.
    Condition c = all({at(PlanColumn::SentAt, CompareOp::Ge, kst("2026-07-01 00:00:00")),
                       at(PlanColumn::SentAt, CompareOp::Lt, kst("2026-08-01 00:00:00"))});
    EXPECT_EQ(show(day_set_for(c, PlanColumn::SentAt)), "2026-07-01..2026-07-31");
    // The same bounds given as UTC midnights (session TimeZone UTC) shift by a day at each end.
    Condition u = all({at(PlanColumn::SentAt, CompareOp::Ge, utc("2026-07-01 00:00:00")),
                       at(PlanColumn::SentAt, CompareOp::Lt, utc("2026-08-01 00:00:00"))});
    EXPECT_EQ(show(day_set_for(u, PlanColumn::SentAt)), "2026-07-01..2026-08-01");
}

TEST(DaySetInstant, NullComparisonIsEmpty) {
    EXPECT_EQ(
        show(day_set_for(null_cmp(PlanColumn::IssuedAt, CompareOp::Lt), PlanColumn::IssuedAt)),
        "empty");
}

// --- windows ---

TEST(SplitIntoWindows, ExactlyThirtyDaysIsOneWindow) {
    EXPECT_EQ(show(split_into_windows({{D("2026-07-01"), D("2026-07-30")}}, 30)),
              "2026-07-01..2026-07-30");
    EXPECT_EQ(show(split_into_windows({{D("2026-07-01"), D("2026-07-31")}}, 30)),
              "2026-07-01..2026-07-30 2026-07-31..2026-07-31");
    EXPECT_EQ(show(split_into_windows({{D("2026-07-01"), D("2026-08-29")}}, 30)),
              "2026-07-01..2026-07-30 2026-07-31..2026-08-29");
}

TEST(SplitIntoWindows, SmallerMaximum) {
    EXPECT_EQ(show(split_into_windows({{D("2026-07-01"), D("2026-07-10")}}, 4)),
              "2026-07-01..2026-07-04 2026-07-05..2026-07-08 2026-07-09..2026-07-10");
    EXPECT_EQ(show(split_into_windows({{D("2026-07-01"), D("2026-07-03")}}, 1)),
              "2026-07-01..2026-07-01 2026-07-02..2026-07-02 2026-07-03..2026-07-03");
}

TEST(SplitIntoWindows, MergesOverlappingAndAdjacentRanges) {
    EXPECT_EQ(show(split_into_windows({{D("2026-07-20"), D("2026-08-10")},
                                       {D("2026-07-01"), D("2026-07-19")},
                                       {D("2026-07-05"), D("2026-07-06")}},
                                      30)),
              "2026-07-01..2026-07-30 2026-07-31..2026-08-10");
}

TEST(SplitIntoWindows, BridgesShortGapsToSaveCalls) {
    // Two days two weeks apart: one call covering both is cheaper than two.
    EXPECT_EQ(show(split_into_windows(
                  {{D("2026-07-01"), D("2026-07-01")}, {D("2026-07-15"), D("2026-07-15")}}, 30)),
              "2026-07-01..2026-07-15");
    // Too far apart for one window: two one-day windows, not a padded one.
    EXPECT_EQ(show(split_into_windows(
                  {{D("2026-07-01"), D("2026-07-01")}, {D("2026-09-01"), D("2026-09-01")}}, 30)),
              "2026-07-01..2026-07-01 2026-09-01..2026-09-01");
    // A range that overflows one window continues in the next.
    EXPECT_EQ(show(split_into_windows(
                  {{D("2026-07-01"), D("2026-07-02")}, {D("2026-07-25"), D("2026-08-05")}}, 30)),
              "2026-07-01..2026-07-30 2026-07-31..2026-08-05");
}

TEST(SplitIntoWindows, Empty) {
    EXPECT_TRUE(split_into_windows({}, 30).empty());
}

// --- plan_scan ---

TEST(PlanScan, NoDateQualUsesTheRetentionWindowBySentDate) {
    ScanPlan plan = plan_scan(inputs(Condition::unknown()));
    EXPECT_FALSE(plan.contradiction);
    EXPECT_TRUE(plan.default_window);
    EXPECT_EQ(plan.kind, DateKind::Sent);
    // 92 days ending today: 2026-07-02 .. 2026-10-01.
    EXPECT_EQ(show(plan.windows),
              "2026-07-02..2026-07-31 2026-08-01..2026-08-30 2026-08-31..2026-09-29 "
              "2026-09-30..2026-10-01");
    EXPECT_EQ(plan.corp_nums, std::vector<std::string>{"1208147521"});
    EXPECT_EQ(plan.directions, (std::vector<Direction>{Direction::Sales, Direction::Purchases}));
    EXPECT_EQ(plan.calls_count(), 8u);
}

TEST(PlanScan, WriteDateQuarter) {
    PlanInputs in =
        inputs(all({wdate(CompareOp::Ge, "2026-07-01"), wdate(CompareOp::Lt, "2026-10-01")}));
    ScanPlan plan = plan_scan(in);
    EXPECT_EQ(plan.kind, DateKind::Write);
    EXPECT_FALSE(plan.default_window);
    EXPECT_EQ(show(plan.windows), "2026-07-01..2026-07-30 2026-07-31..2026-08-29 "
                                  "2026-08-30..2026-09-28 2026-09-29..2026-09-30");
    EXPECT_EQ(plan.calls_count(), 8u);
}

TEST(PlanScan, UpperBoundIsClampedToToday) {
    ScanPlan plan = plan_scan(inputs(wdate(CompareOp::Ge, "2026-09-20")));
    EXPECT_EQ(plan.kind, DateKind::Write);
    EXPECT_EQ(show(plan.windows), "2026-09-20..2026-10-01");
    ScanPlan future = plan_scan(inputs(wdate(CompareOp::Gt, "2026-10-01")));
    EXPECT_TRUE(future.contradiction);
    EXPECT_EQ(future.calls_count(), 0u);
}

TEST(PlanScan, SentOpenBelowStartsAtTheRetentionWindow) {
    ScanPlan plan =
        plan_scan(inputs(at(PlanColumn::SentAt, CompareOp::Lt, kst("2026-07-15 00:00:00"))));
    EXPECT_EQ(plan.kind, DateKind::Sent);
    EXPECT_FALSE(plan.default_window);
    EXPECT_EQ(show(plan.windows), "2026-07-02..2026-07-14");
}

TEST(PlanScan, SentOpenBelowKeepsExplicitOldRanges) {
    // sent_at < '06-01' OR sent_at in 06-05..06-10: the open range is before the retention
    // window (from 07-02) and goes; the explicit one stays as written.
    Condition c = any({at(PlanColumn::SentAt, CompareOp::Lt, kst("2026-06-01 00:00:00")),
                       all({at(PlanColumn::SentAt, CompareOp::Ge, kst("2026-06-05 00:00:00")),
                            at(PlanColumn::SentAt, CompareOp::Le, kst("2026-06-10 23:00:00"))})});
    ScanPlan plan = plan_scan(inputs(c));
    EXPECT_FALSE(plan.contradiction);
    EXPECT_EQ(plan.kind, DateKind::Sent);
    EXPECT_EQ(show(plan.windows), "2026-06-05..2026-06-10");

    // The same with the open range reaching into the window.
    Condition d = any({at(PlanColumn::SentAt, CompareOp::Lt, kst("2026-07-05 00:00:00")),
                       at(PlanColumn::SentAt, CompareOp::Eq, kst("2026-09-01 10:00:00"))});
    EXPECT_EQ(show(plan_scan(inputs(d)).windows), "2026-07-02..2026-07-04 2026-09-01..2026-09-01");
}

TEST(PlanScan, SentOpenAboveEndsToday) {
    ScanPlan plan =
        plan_scan(inputs(at(PlanColumn::SentAt, CompareOp::Ge, kst("2026-09-25 10:00:00"))));
    EXPECT_EQ(plan.kind, DateKind::Sent);
    EXPECT_EQ(show(plan.windows), "2026-09-25..2026-10-01");
}

TEST(PlanScan, WriteDateOpenBelowDoesNotNarrow) {
    // Amended invoices can carry any old write date: only the retention window is safe.
    ScanPlan plan = plan_scan(inputs(wdate(CompareOp::Le, "2026-08-01")));
    EXPECT_TRUE(plan.default_window);
    EXPECT_EQ(plan.kind, DateKind::Sent);
    EXPECT_EQ(plan.windows.size(), 4u);
}

TEST(PlanScan, ExplicitOldBoundsAreKept) {
    ScanPlan plan = plan_scan(
        inputs(all({wdate(CompareOp::Ge, "2026-01-01"), wdate(CompareOp::Le, "2026-01-31")})));
    EXPECT_EQ(plan.kind, DateKind::Write);
    EXPECT_EQ(show(plan.windows), "2026-01-01..2026-01-30 2026-01-31..2026-01-31");
}

TEST(PlanScan, RetentionWindowBeatsDateQualsNeedingMoreCalls) {
    // write_date >= 2000-01-01 needs 326 windows; the retention window holds every row in 4.
    ASSERT_EQ(split_into_windows({{D("2000-01-01"), D("2026-10-01")}}, 30).size(), 326u);
    ScanPlan plan = plan_scan(inputs(wdate(CompareOp::Ge, "2000-01-01")));
    EXPECT_TRUE(plan.default_window);
    EXPECT_TRUE(plan.window_beats_quals);
    EXPECT_EQ(plan.kind, DateKind::Sent);
    EXPECT_EQ(show(plan.windows),
              "2026-07-02..2026-07-31 2026-08-01..2026-08-30 2026-08-31..2026-09-29 "
              "2026-09-30..2026-10-01");
    EXPECT_EQ(plan.calls_count(), 8u);

    // issued_at < 2026-01-01 with an ancient lower bound: the same.
    ScanPlan issued = plan_scan(
        inputs(all({at(PlanColumn::IssuedAt, CompareOp::Ge, kst("2019-03-01 00:00:00")),
                    at(PlanColumn::IssuedAt, CompareOp::Lt, kst("2026-01-01 00:00:00"))})));
    EXPECT_EQ(issued.kind, DateKind::Sent);
    EXPECT_TRUE(issued.window_beats_quals);
    EXPECT_EQ(issued.windows.size(), 4u);

    // Five scattered write dates are five windows: one more than the retention window.
    ScanPlan scattered = plan_scan(
        inputs(any({wdate(CompareOp::Eq, "2026-01-05"), wdate(CompareOp::Eq, "2026-03-05"),
                    wdate(CompareOp::Eq, "2026-05-05"), wdate(CompareOp::Eq, "2026-07-05"),
                    wdate(CompareOp::Eq, "2026-09-05")})));
    EXPECT_EQ(scattered.kind, DateKind::Sent);
    EXPECT_TRUE(scattered.window_beats_quals);
}

TEST(PlanScan, DateQualsKeptWhenTheyTieWithTheRetentionWindow) {
    // 2026-04-01..2026-07-29 is 120 days: 4 windows, as many as the retention window.
    ScanPlan plan = plan_scan(
        inputs(all({wdate(CompareOp::Ge, "2026-04-01"), wdate(CompareOp::Le, "2026-07-29")})));
    EXPECT_EQ(plan.kind, DateKind::Write);
    EXPECT_FALSE(plan.default_window);
    EXPECT_FALSE(plan.window_beats_quals);
    EXPECT_EQ(show(plan.windows), "2026-04-01..2026-04-30 2026-05-01..2026-05-30 "
                                  "2026-05-31..2026-06-29 2026-06-30..2026-07-29");

    // One more day needs a fifth window: the retention window wins.
    ScanPlan longer = plan_scan(
        inputs(all({wdate(CompareOp::Ge, "2026-04-01"), wdate(CompareOp::Le, "2026-07-30")})));
    EXPECT_EQ(longer.kind, DateKind::Sent);
    EXPECT_TRUE(longer.window_beats_quals);
}

TEST(PlanScan, RetentionWindowFollowsMaxRangeDays) {
    // With 60-day windows the retention window is 2 calls; 61 write days are 2 too (a tie).
    PlanInputs in =
        inputs(all({wdate(CompareOp::Ge, "2026-03-01"), wdate(CompareOp::Le, "2026-04-30")}));
    in.max_range_days = 60;
    ScanPlan tie = plan_scan(in);
    EXPECT_EQ(tie.kind, DateKind::Write);
    EXPECT_EQ(tie.windows.size(), 2u);
    in.condition = all({wdate(CompareOp::Ge, "2026-01-01"), wdate(CompareOp::Le, "2026-05-01")});
    ScanPlan more = plan_scan(in);
    EXPECT_EQ(more.kind, DateKind::Sent);
    EXPECT_EQ(show(more.windows), "2026-07-02..2026-08-30 2026-08-31..2026-10-01");
}

TEST(PlanScan, NarrowestDateColumnWins) {
    // A month of write dates but two days of sent dates: sent wins.
    Condition c = all({wdate(CompareOp::Ge, "2026-08-01"), wdate(CompareOp::Le, "2026-08-31"),
                       at(PlanColumn::SentAt, CompareOp::Ge, kst("2026-09-01 00:00:00")),
                       at(PlanColumn::SentAt, CompareOp::Lt, kst("2026-09-03 00:00:00"))});
    ScanPlan plan = plan_scan(inputs(c));
    EXPECT_EQ(plan.kind, DateKind::Sent);
    EXPECT_EQ(show(plan.windows), "2026-09-01..2026-09-02");

    // Ten write days against twenty issue days: write wins.
    Condition d = all({wdate(CompareOp::Ge, "2026-08-01"), wdate(CompareOp::Le, "2026-08-10"),
                       at(PlanColumn::IssuedAt, CompareOp::Ge, kst("2026-08-01 00:00:00")),
                       at(PlanColumn::IssuedAt, CompareOp::Le, kst("2026-08-20 12:00:00"))});
    EXPECT_EQ(plan_scan(inputs(d)).kind, DateKind::Write);
}

TEST(PlanScan, FewerWindowsBeatFewerDays) {
    // Write: 2 one-day windows (2 days, 2 calls per company/direction).
    // Sent: one 20-day window (1 call). Fewer calls win.
    Condition c =
        all({any({wdate(CompareOp::Eq, "2026-07-05"), wdate(CompareOp::Eq, "2026-09-05")}),
             at(PlanColumn::SentAt, CompareOp::Ge, kst("2026-09-01 00:00:00")),
             at(PlanColumn::SentAt, CompareOp::Le, kst("2026-09-20 00:00:00"))});
    ScanPlan plan = plan_scan(inputs(c));
    EXPECT_EQ(plan.kind, DateKind::Sent);
    EXPECT_EQ(show(plan.windows), "2026-09-01..2026-09-20");
}

TEST(PlanScan, TiesPreferSentThenIssueThenWrite) {
    Condition wi = all({wdate(CompareOp::Eq, "2026-09-01"),
                        at(PlanColumn::IssuedAt, CompareOp::Eq, kst("2026-09-02 10:00:00"))});
    EXPECT_EQ(plan_scan(inputs(wi)).kind, DateKind::Issue);
    Condition ws = all({wdate(CompareOp::Eq, "2026-09-01"),
                        at(PlanColumn::SentAt, CompareOp::Eq, kst("2026-09-02 10:00:00"))});
    EXPECT_EQ(plan_scan(inputs(ws)).kind, DateKind::Sent);
}

TEST(PlanScan, ContradictionOnAnyDateColumn) {
    Condition c = all({wdate(CompareOp::Eq, "2026-09-01"), wdate(CompareOp::Eq, "2026-09-02")});
    ScanPlan plan = plan_scan(inputs(c));
    EXPECT_TRUE(plan.contradiction);
    EXPECT_TRUE(plan.empty());
    EXPECT_TRUE(plan.calls().empty());
    EXPECT_EQ(describe_plan(plan), "no request: contradictory quals");

    EXPECT_TRUE(plan_scan(inputs(Condition::always_false())).contradiction);
    EXPECT_TRUE(plan_scan(inputs(null_cmp(PlanColumn::SentAt, CompareOp::Eq))).contradiction);
    // A sent date before the retention window holds nothing.
    EXPECT_TRUE(plan_scan(inputs(at(PlanColumn::SentAt, CompareOp::Lt, kst("2026-07-02 00:00:00"))))
                    .contradiction);
}

TEST(PlanScan, SupbuyType) {
    ScanPlan ar = plan_scan(inputs(text_eq(PlanColumn::SupbuyType, "AR")));
    EXPECT_EQ(ar.directions, std::vector<Direction>{Direction::Sales});
    ScanPlan ap = plan_scan(inputs(text_eq(PlanColumn::SupbuyType, "AP")));
    EXPECT_EQ(ap.directions, std::vector<Direction>{Direction::Purchases});
    // IN ('AP', 'AR') keeps the fixed order AR then AP.
    ScanPlan both = plan_scan(inputs(
        any({text_eq(PlanColumn::SupbuyType, "AP"), text_eq(PlanColumn::SupbuyType, "AR")})));
    EXPECT_EQ(both.directions, (std::vector<Direction>{Direction::Sales, Direction::Purchases}));
    // IN ('AR', 'XX'): the unknown code is dropped.
    ScanPlan some = plan_scan(inputs(
        any({text_eq(PlanColumn::SupbuyType, "AR"), text_eq(PlanColumn::SupbuyType, "XX")})));
    EXPECT_EQ(some.directions, std::vector<Direction>{Direction::Sales});
}

TEST(PlanScan, SupbuyTypeThatCannotMatch) {
    EXPECT_TRUE(plan_scan(inputs(text_eq(PlanColumn::SupbuyType, "XX"))).contradiction);
    // Codes are compared exactly, as PostgreSQL's text equality will.
    EXPECT_TRUE(plan_scan(inputs(text_eq(PlanColumn::SupbuyType, "ar"))).contradiction);
    EXPECT_TRUE(plan_scan(inputs(all({text_eq(PlanColumn::SupbuyType, "AR"),
                                      text_eq(PlanColumn::SupbuyType, "AP")})))
                    .contradiction);
    EXPECT_TRUE(plan_scan(inputs(null_cmp(PlanColumn::SupbuyType, CompareOp::Eq))).contradiction);
}

TEST(PlanScan, SupbuyTypeRangeDoesNotNarrow) {
    Comparison c = comparison(PlanColumn::SupbuyType, CompareOp::Lt);
    c.text = "AR";
    ScanPlan plan = plan_scan(inputs(Condition::make_leaf(c)));
    EXPECT_EQ(plan.directions.size(), 2u);
    EXPECT_FALSE(plan.contradiction);
}

TEST(PlanScan, CorpNums) {
    ScanPlan plan = plan_scan(inputs(
        any({text_eq(PlanColumn::CorpNum, "4108106350"), text_eq(PlanColumn::CorpNum, "1078674544"),
             text_eq(PlanColumn::CorpNum, "4108106350")})));
    EXPECT_EQ(plan.corp_nums, (std::vector<std::string>{"1078674544", "4108106350"}));
    EXPECT_EQ(plan.calls_count(), 2u * 2u * 4u);

    ScanPlan one = plan_scan(inputs(text_eq(PlanColumn::CorpNum, "1078674544")));
    EXPECT_EQ(one.corp_nums, std::vector<std::string>{"1078674544"});

    EXPECT_TRUE(plan_scan(inputs(all({text_eq(PlanColumn::CorpNum, "1078674544"),
                                      text_eq(PlanColumn::CorpNum, "4108106350")})))
                    .contradiction);
    Comparison gt = comparison(PlanColumn::CorpNum, CompareOp::Gt);
    gt.text = "1078674544";
    EXPECT_EQ(plan_scan(inputs(Condition::make_leaf(gt))).corp_nums,
              std::vector<std::string>{"1208147521"});
}

TEST(PlanScan, MixedColumnsInsideOrNarrowNothing) {
    Condition c = any({wdate(CompareOp::Eq, "2026-09-01"), text_eq(PlanColumn::SupbuyType, "AR")});
    ScanPlan plan = plan_scan(inputs(c));
    EXPECT_TRUE(plan.default_window);
    EXPECT_EQ(plan.directions.size(), 2u);
}

TEST(PlanScan, CallsNestWindowsCompaniesDirections) {
    Condition c = all({wdate(CompareOp::Ge, "2026-08-01"), wdate(CompareOp::Le, "2026-08-31"),
                       any({text_eq(PlanColumn::CorpNum, "1208147521"),
                            text_eq(PlanColumn::CorpNum, "1078674544")})});
    std::vector<ListCall> calls = plan_scan(inputs(c)).calls();
    ASSERT_EQ(calls.size(), 8u);
    EXPECT_EQ(format_day(calls[0].window.first), "2026-08-01");
    EXPECT_EQ(format_day(calls[0].window.last), "2026-08-30");
    EXPECT_EQ(calls[0].corp_num, "1078674544");
    EXPECT_EQ(calls[0].direction, Direction::Sales);
    EXPECT_EQ(calls[1].corp_num, "1078674544");
    EXPECT_EQ(calls[1].direction, Direction::Purchases);
    EXPECT_EQ(calls[2].corp_num, "1208147521");
    EXPECT_EQ(format_day(calls[4].window.first), "2026-08-31");
    EXPECT_EQ(calls[7].kind, DateKind::Write);
}

TEST(PlanScan, MaxRangeDaysOption) {
    PlanInputs in =
        inputs(all({wdate(CompareOp::Ge, "2026-09-01"), wdate(CompareOp::Le, "2026-09-10")}));
    in.max_range_days = 7;
    EXPECT_EQ(show(plan_scan(in).windows), "2026-09-01..2026-09-07 2026-09-08..2026-09-10");
}

TEST(DescribePlan, Text) {
    Condition c = all({wdate(CompareOp::Ge, "2026-07-01"), wdate(CompareOp::Le, "2026-08-15")});
    EXPECT_EQ(describe_plan(plan_scan(inputs(c))),
              "OS_DTI_LIST SearchDate=W windows=2 [2026-07-01..2026-07-30, "
              "2026-07-31..2026-08-15] companies=1 [1208147521] directions=AR,AP calls=4");
    EXPECT_EQ(describe_plan(plan_scan(inputs(text_eq(PlanColumn::SupbuyType, "AP")))),
              "OS_DTI_LIST SearchDate=S windows=4 [2026-07-02..2026-07-31, "
              "2026-08-01..2026-08-30, 2026-08-31..2026-09-29, ... 1 more] companies=1 "
              "[1208147521] directions=AP calls=4 (default window: retention by sent date)");
}

TEST(DescribePlan, SaysWhenTheRetentionWindowBeatsTheQuals) {
    Condition c = all({wdate(CompareOp::Ge, "2000-01-01"), text_eq(PlanColumn::SupbuyType, "AR")});
    EXPECT_EQ(describe_plan(plan_scan(inputs(c))),
              "OS_DTI_LIST SearchDate=S windows=4 [2026-07-02..2026-07-31, "
              "2026-08-01..2026-08-30, 2026-08-31..2026-09-29, ... 1 more] companies=1 "
              "[1208147521] directions=AR calls=4 (retention window: fewer calls than the date "
              "quals)");
}

TEST(DescribePlan, ManyCompanies) {
    ScanPlan plan;
    plan.kind = DateKind::Issue;
    plan.windows = {{D("2026-09-01"), D("2026-09-01")}};
    plan.corp_nums = {"1", "2", "3", "4", "5"};
    plan.directions = {Direction::Sales};
    EXPECT_EQ(describe_plan(plan), "OS_DTI_LIST SearchDate=I windows=1 [2026-09-01..2026-09-01] "
                                   "companies=5 [1, 2, 3, ... 2 more] directions=AR calls=5");
}

TEST(Codes, DirectionAndDateKind) {
    EXPECT_STREQ(direction_code(Direction::Sales), "AR");
    EXPECT_STREQ(direction_code(Direction::Purchases), "AP");
    EXPECT_STREQ(date_kind_code(DateKind::Write), "W");
    EXPECT_STREQ(date_kind_code(DateKind::Issue), "I");
    EXPECT_STREQ(date_kind_code(DateKind::Sent), "S");
}

} // namespace
} // namespace sbfdw
