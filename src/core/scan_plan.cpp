// Request planning for OS_DTI_LIST: which SearchDate, which windows, companies and directions.
//
// The rules, all conservative because PostgreSQL rechecks every qual:
// - A condition tree is evaluated per column into the set of values (days, codes, numbers) a
//   matching row could have: AND intersects, OR unites, anything not understood allows all,
//   a comparison with NULL allows nothing.
// - write_date is a date: its bounds are days. issued_at and sent_at are instants: a bound is
//   widened to the whole KST day it falls in, except `< midnight`, which ends the day before.
// - Open ends are closed with what the service can hold: nothing is dated after today (KST), and
//   nothing was sent before the retention window (today - retention_days + 1). write_date and
//   issued_at have no such floor (amended and late-issued invoices carry old dates), so a set
//   open below on those columns does not narrow the scan at all.
// - Among the date columns that narrow the scan, the one needing the fewest calls wins, then the
//   one fetching the fewest days, then sent_at, issued_at, write_date in that order (sent_at is
//   the date the service collects by). With none, the retention window by sent date is read.
// - That window holds every row the service keeps, so it also answers any query: when the date
//   quals need more calls than it does (`write_date >= '2000-01-01'`), it is read instead. On a
//   tie the quals' own column is kept.
// - supbuy_type and corp_num narrow only through equality (=, IN, OR of =).
#include "core/scan_plan.hpp"

#include <algorithm>
#include <set>

namespace sbfdw {
namespace {

constexpr size_t kWindowsShownInExplain = 3;
constexpr size_t kCompaniesShownInExplain = 3;

DaySet unbounded_days() {
    return DaySet{};
}

DaySet no_days() {
    DaySet s;
    s.unbounded = false;
    return s;
}

DaySet days_between(Day first, Day last) {
    DaySet s = no_days();
    if (first <= last)
        s.ranges.push_back({first, last});
    return s;
}

// Saturating neighbours, so that the open-end sentinels never overflow.
Day day_before(Day d) {
    return d == kNoLowerBound ? d : d - 1;
}
Day day_after(Day d) {
    return d == kNoUpperBound ? d : d + 1;
}

// Sorts and merges overlapping or adjacent ranges.
std::vector<DayRange> normalize_ranges(std::vector<DayRange> ranges) {
    std::sort(ranges.begin(), ranges.end(),
              [](const DayRange &a, const DayRange &b) { return a.first < b.first; });
    std::vector<DayRange> merged;
    for (const DayRange &r : ranges) {
        if (r.first > r.last)
            continue;
        if (!merged.empty() && r.first <= day_after(merged.back().last))
            merged.back().last = std::max(merged.back().last, r.last);
        else
            merged.push_back(r);
    }
    return merged;
}

DaySet intersect_days(const DaySet &a, const DaySet &b) {
    if (a.unbounded)
        return b;
    if (b.unbounded)
        return a;
    DaySet out = no_days();
    size_t i = 0, j = 0;
    while (i < a.ranges.size() && j < b.ranges.size()) {
        const Day first = std::max(a.ranges[i].first, b.ranges[j].first);
        const Day last = std::min(a.ranges[i].last, b.ranges[j].last);
        if (first <= last)
            out.ranges.push_back({first, last});
        if (a.ranges[i].last < b.ranges[j].last)
            ++i;
        else
            ++j;
    }
    return out;
}

DaySet unite_days(const DaySet &a, const DaySet &b) {
    if (a.unbounded || b.unbounded)
        return unbounded_days();
    std::vector<DayRange> all = a.ranges;
    all.insert(all.end(), b.ranges.begin(), b.ranges.end());
    DaySet out = no_days();
    out.ranges = normalize_ranges(std::move(all));
    return out;
}

bool is_date_column(PlanColumn c) {
    return c == PlanColumn::WriteDate || c == PlanColumn::IssuedAt || c == PlanColumn::SentAt;
}

// The days a single comparison allows on its own date column.
DaySet days_of_comparison(const Comparison &cmp) {
    if (cmp.is_null_constant)
        return no_days();
    if (cmp.column == PlanColumn::WriteDate) {
        const Day d = cmp.day;
        switch (cmp.op) {
        case CompareOp::Eq:
            return days_between(d, d);
        case CompareOp::Lt:
            return days_between(kNoLowerBound, day_before(d));
        case CompareOp::Le:
            return days_between(kNoLowerBound, d);
        case CompareOp::Gt:
            return days_between(day_after(d), kNoUpperBound);
        case CompareOp::Ge:
            return days_between(d, kNoUpperBound);
        }
        return unbounded_days();
    }
    // An instant: the rows that can match lie in the KST day of the bound, or beyond it.
    const Day d = kst_day_of(cmp.instant);
    const bool at_midnight = kst_day_start(d) == cmp.instant;
    switch (cmp.op) {
    case CompareOp::Eq:
        return days_between(d, d);
    case CompareOp::Lt:
        return days_between(kNoLowerBound, at_midnight ? day_before(d) : d);
    case CompareOp::Le:
        return days_between(kNoLowerBound, d);
    case CompareOp::Gt:
        return days_between(d, kNoUpperBound);
    case CompareOp::Ge:
        return days_between(d, kNoUpperBound);
    }
    return unbounded_days();
}

// A set of text values a column may take; `unbounded` means any value.
struct TextSet {
    bool unbounded = true;
    std::set<std::string> values;
};

TextSet no_texts() {
    TextSet s;
    s.unbounded = false;
    return s;
}

TextSet text_set_for(const Condition &condition, PlanColumn column) {
    switch (condition.kind) {
    case Condition::Kind::Unknown:
        return TextSet{};
    case Condition::Kind::False:
        return no_texts();
    case Condition::Kind::Leaf: {
        const Comparison &cmp = condition.leaf;
        if (cmp.column != column)
            return TextSet{};
        if (cmp.is_null_constant)
            return no_texts();
        if (cmp.op != CompareOp::Eq)
            return TextSet{};
        TextSet s = no_texts();
        s.values.insert(cmp.text);
        return s;
    }
    case Condition::Kind::And: {
        TextSet acc;
        for (const Condition &arg : condition.args) {
            TextSet s = text_set_for(arg, column);
            if (s.unbounded)
                continue;
            if (acc.unbounded) {
                acc = std::move(s);
                continue;
            }
            TextSet both = no_texts();
            for (const std::string &v : acc.values)
                if (s.values.count(v))
                    both.values.insert(v);
            acc = std::move(both);
        }
        return acc;
    }
    case Condition::Kind::Or: {
        TextSet acc = no_texts();
        for (const Condition &arg : condition.args) {
            TextSet s = text_set_for(arg, column);
            if (s.unbounded)
                return TextSet{};
            acc.values.insert(s.values.begin(), s.values.end());
        }
        return acc;
    }
    }
    return TextSet{};
}

int64_t days_in(const std::vector<DayRange> &ranges) {
    int64_t total = 0;
    for (const DayRange &r : ranges)
        total += static_cast<int64_t>(r.last) - r.first + 1;
    return total;
}

// Closes the open ends of a date kind's set; returns false when the set cannot narrow the scan.
// `used_today` tells whether today decided an end (then the plan depends on today).
bool close_open_ends(DateKind kind, const PlanInputs &in, DaySet &set, bool &used_today) {
    if (set.unbounded)
        return false;
    if (set.ranges.empty())
        return true;
    used_today = set.ranges.front().first == kNoLowerBound || set.ranges.back().last > in.today;
    if (set.ranges.front().first == kNoLowerBound) {
        if (kind != DateKind::Sent)
            return false;
        // Only the open range starts at the retention window; explicit ranges stay as written.
        const Day retention_start = in.today - in.retention_days + 1;
        if (set.ranges.front().last < retention_start)
            set.ranges.erase(set.ranges.begin());
        else
            set.ranges.front().first = retention_start;
    }
    set = intersect_days(set, days_between(kNoLowerBound, in.today));
    return true;
}

struct Candidate {
    DateKind kind;
    std::vector<DayRange> windows;
    int64_t days;
    bool used_today = false;
};

std::string join_days(const std::vector<DayRange> &windows) {
    std::string out = "[";
    const size_t shown = std::min(windows.size(), kWindowsShownInExplain);
    for (size_t i = 0; i < shown; ++i) {
        if (i > 0)
            out += ", ";
        out += format_day(windows[i].first) + ".." + format_day(windows[i].last);
    }
    if (windows.size() > shown)
        out += ", ... " + std::to_string(windows.size() - shown) + " more";
    return out + "]";
}

std::string join_companies(const std::vector<std::string> &corp_nums) {
    std::string out = "[";
    const size_t shown = std::min(corp_nums.size(), kCompaniesShownInExplain);
    for (size_t i = 0; i < shown; ++i) {
        if (i > 0)
            out += ", ";
        out += corp_nums[i];
    }
    if (corp_nums.size() > shown)
        out += ", ... " + std::to_string(corp_nums.size() - shown) + " more";
    return out + "]";
}

} // namespace

const char *direction_code(Direction d) noexcept {
    return d == Direction::Sales ? "AR" : "AP";
}

const char *date_kind_code(DateKind k) noexcept {
    switch (k) {
    case DateKind::Write:
        return "W";
    case DateKind::Issue:
        return "I";
    case DateKind::Sent:
        return "S";
    }
    return "S";
}

Condition Condition::make_leaf(Comparison c) {
    Condition cond;
    cond.kind = Kind::Leaf;
    cond.leaf = std::move(c);
    return cond;
}

Condition Condition::make_and(std::vector<Condition> args) {
    Condition cond;
    cond.kind = Kind::And;
    cond.args = std::move(args);
    return cond;
}

Condition Condition::make_or(std::vector<Condition> args) {
    Condition cond;
    cond.kind = Kind::Or;
    cond.args = std::move(args);
    return cond;
}

Condition Condition::unknown() {
    return Condition{};
}

Condition Condition::always_false() {
    Condition cond;
    cond.kind = Kind::False;
    return cond;
}

DaySet day_set_for(const Condition &condition, PlanColumn column) {
    if (!is_date_column(column))
        return unbounded_days();
    switch (condition.kind) {
    case Condition::Kind::Unknown:
        return unbounded_days();
    case Condition::Kind::False:
        return no_days();
    case Condition::Kind::Leaf:
        if (condition.leaf.column != column)
            return unbounded_days();
        return days_of_comparison(condition.leaf);
    case Condition::Kind::And: {
        DaySet acc = unbounded_days();
        for (const Condition &arg : condition.args)
            acc = intersect_days(acc, day_set_for(arg, column));
        return acc;
    }
    case Condition::Kind::Or: {
        DaySet acc = no_days();
        for (const Condition &arg : condition.args) {
            acc = unite_days(acc, day_set_for(arg, column));
            if (acc.unbounded)
                break;
        }
        return acc;
    }
    }
    return unbounded_days();
}

std::optional<std::vector<std::string>> text_values_for(const Condition &condition,
                                                        PlanColumn column) {
    TextSet set = text_set_for(condition, column);
    if (set.unbounded)
        return std::nullopt;
    return std::vector<std::string>(set.values.begin(), set.values.end());
}

std::vector<DayRange> split_into_windows(const std::vector<DayRange> &ranges, int max_days) {
    const int64_t span = std::max(max_days, 1);
    std::vector<DayRange> merged = normalize_ranges(ranges);
    std::vector<DayRange> windows;
    // Greedy cover: start a window at the first day not yet covered and stretch it to the last
    // wanted day it can reach. This gives the fewest windows, each as short as possible.
    size_t i = 0;
    Day next = merged.empty() ? 0 : merged.front().first;
    while (i < merged.size()) {
        const Day start = std::max(next, merged[i].first);
        const int64_t reach = static_cast<int64_t>(start) + span - 1;
        Day end = start;
        while (i < merged.size() && merged[i].first <= reach) {
            if (merged[i].last <= reach) {
                end = merged[i].last;
                ++i;
            } else {
                end = static_cast<Day>(reach);
                break;
            }
        }
        windows.push_back({start, end});
        next = day_after(end);
    }
    return windows;
}

std::vector<ListCall> ScanPlan::calls() const {
    std::vector<ListCall> out;
    if (contradiction)
        return out;
    out.reserve(calls_count());
    for (const DayRange &w : windows)
        for (const std::string &corp : corp_nums)
            for (Direction d : directions)
                out.push_back({kind, w, corp, d});
    return out;
}

size_t ScanPlan::calls_count() const {
    if (contradiction)
        return 0;
    return windows.size() * corp_nums.size() * directions.size();
}

ScanPlan plan_scan(const PlanInputs &in) {
    ScanPlan plan;

    // Directions.
    const TextSet supbuy = text_set_for(in.condition, PlanColumn::SupbuyType);
    if (supbuy.unbounded || supbuy.values.count("AR"))
        plan.directions.push_back(Direction::Sales);
    if (supbuy.unbounded || supbuy.values.count("AP"))
        plan.directions.push_back(Direction::Purchases);

    // Companies: those named by the quals (sorted, without duplicates), else the default one.
    const TextSet corps = text_set_for(in.condition, PlanColumn::CorpNum);
    if (corps.unbounded) {
        if (!in.default_corp_num.empty())
            plan.corp_nums.push_back(in.default_corp_num);
    } else {
        plan.corp_nums.assign(corps.values.begin(), corps.values.end());
    }

    // Dates: the candidate needing the fewest calls, then the fewest days; ties in this order.
    static const std::pair<DateKind, PlanColumn> kKinds[] = {
        {DateKind::Sent, PlanColumn::SentAt},
        {DateKind::Issue, PlanColumn::IssuedAt},
        {DateKind::Write, PlanColumn::WriteDate},
    };
    bool have_candidate = false;
    Candidate best{DateKind::Sent, {}, 0};
    for (const auto &[kind, column] : kKinds) {
        DaySet set = day_set_for(in.condition, column);
        bool used_today = false;
        if (!close_open_ends(kind, in, set, used_today))
            continue;
        if (set.ranges.empty()) {
            plan.contradiction = true;
            break;
        }
        Candidate c{kind, split_into_windows(set.ranges, in.max_range_days), 0};
        c.days = days_in(c.windows);
        c.used_today = used_today;
        if (!have_candidate || c.windows.size() < best.windows.size() ||
            (c.windows.size() == best.windows.size() && c.days < best.days)) {
            best = std::move(c);
            have_candidate = true;
        }
    }

    if (plan.directions.empty() || (!corps.unbounded && plan.corp_nums.empty()))
        plan.contradiction = true;
    if (plan.contradiction) {
        plan.windows.clear();
        return plan;
    }

    std::vector<DayRange> retention_windows =
        split_into_windows({{in.today - in.retention_days + 1, in.today}}, in.max_range_days);
    if (have_candidate && best.windows.size() <= retention_windows.size()) {
        plan.kind = best.kind;
        plan.windows = std::move(best.windows);
    } else {
        plan.kind = DateKind::Sent;
        plan.default_window = true;
        plan.window_beats_quals = have_candidate;
        plan.windows = std::move(retention_windows);
    }
    // A server on another clock has another today: keep what planning again needs.
    plan.depends_on_today = plan.default_window || best.used_today;
    if (plan.depends_on_today)
        plan.inputs = std::make_shared<const PlanInputs>(in);
    return plan;
}

std::string describe_plan(const ScanPlan &plan) {
    if (plan.contradiction)
        return "no request: contradictory quals";
    std::string out = "OS_DTI_LIST SearchDate=";
    out += date_kind_code(plan.kind);
    out += " windows=" + std::to_string(plan.windows.size()) + " " + join_days(plan.windows);
    out += " companies=" + std::to_string(plan.corp_nums.size()) + " " +
           join_companies(plan.corp_nums);
    out += " directions=";
    for (size_t i = 0; i < plan.directions.size(); ++i) {
        if (i > 0)
            out += ",";
        out += direction_code(plan.directions[i]);
    }
    out += " calls=" + std::to_string(plan.calls_count());
    if (plan.window_beats_quals)
        out += " (retention window: fewer calls than the date quals)";
    else if (plan.default_window)
        out += " (default window: retention by sent date)";
    return out;
}

} // namespace sbfdw
