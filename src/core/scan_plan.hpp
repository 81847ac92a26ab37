// Turning WHERE-clause conditions (in a neutral form, extracted by the PostgreSQL face) into the
// minimal set of OS_DTI_LIST calls. Conditions only narrow what is fetched: PostgreSQL rechecks
// every qual, so anything not understood here is simply treated as "true".
#pragma once
#include "core/no_postgres.hpp"
#include "core/calendar.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sbfdw {

enum class DateKind : char { Write = 'W', Issue = 'I', Sent = 'S' };
enum class Direction : char { Sales = 'R', Purchases = 'P' }; // AR / AP

const char *direction_code(Direction d) noexcept; // "AR" / "AP"
const char *date_kind_code(DateKind k) noexcept;  // "W" / "I" / "S"

// A pushable column of the listing. IssueId narrows only the scans of original documents (see
// core/document_scan.hpp); plan_scan ignores it.
enum class PlanColumn { WriteDate, IssuedAt, SentAt, SupbuyType, CorpNum, IssueId };

enum class CompareOp { Eq, Lt, Le, Gt, Ge };

// One comparison "column op constant" (constant already evaluated: Params and stable expressions
// are evaluated by the executor before planning the calls).
struct Comparison {
    PlanColumn column;
    CompareOp op;
    // WriteDate: a day in `day`. IssuedAt/SentAt: an instant in `instant`, converted to KST days
    // here whatever the session TimeZone (a date compared with these columns arrives as the
    // instant PostgreSQL's cross-type operator would use). SupbuyType/CorpNum: `text`.
    Day day = 0;
    Instant instant = 0;
    std::string text;
    bool is_null_constant = false; // comparison with NULL: never true
};

// A boolean tree of comparisons. Leaves that are not understood are `Unknown` (true).
struct Condition {
    enum class Kind { Leaf, And, Or, Unknown, False };
    Kind kind = Kind::Unknown;
    Comparison leaf{};
    std::vector<Condition> args;

    static Condition make_leaf(Comparison c);
    static Condition make_and(std::vector<Condition> args);
    static Condition make_or(std::vector<Condition> args);
    static Condition unknown();
    static Condition always_false();
};

struct DayRange {
    Day first; // inclusive
    Day last;  // inclusive
};

// Open ends of a range in a DaySet (e.g. `write_date >= X` is [X, kNoUpperBound]).
inline constexpr Day kNoLowerBound = INT32_MIN;
inline constexpr Day kNoUpperBound = INT32_MAX;

// A sorted list of disjoint, non-adjacent day ranges; `unbounded` means no restriction.
// A bounded set may still be open on one side (first range from kNoLowerBound, last range to
// kNoUpperBound); plan_scan closes those sides.
struct DaySet {
    bool unbounded = true;
    std::vector<DayRange> ranges; // meaningful when !unbounded; empty = no day at all
};

struct PlanInputs;

struct ListCall {
    DateKind kind;
    DayRange window;
    std::string corp_num;
    Direction direction;
};

// What a scan will ask for: the chosen date kind, its windows, the companies and directions.
struct ScanPlan {
    DateKind kind = DateKind::Sent;
    std::vector<DayRange> windows; // each at most max_range_days long
    std::vector<std::string> corp_nums;
    std::vector<Direction> directions;
    bool contradiction = false;  // nothing can match: make no request at all
    bool default_window = false; // the retention window by sent date is read
    // The date quals narrowed the scan, but the retention window needed fewer calls.
    bool window_beats_quals = false;
    // Today (KST) closed the windows: the default window, or an open or future end. A server
    // whose day differs from the planned one calls for planning again from `inputs`.
    bool depends_on_today = false;
    std::shared_ptr<const PlanInputs> inputs; // set when depends_on_today

    std::vector<ListCall> calls() const; // windows x companies x directions, in that nesting
    bool empty() const { return contradiction || calls_count() == 0; }
    size_t calls_count() const;
};

struct PlanInputs {
    Condition condition;          // the AND of every restriction on the scan
    std::string default_corp_num; // table option corp_num, else the mapping's send_com_regno
    Day today;                    // KST day "now" (for the default window)
    int max_range_days = 30;
    int retention_days = 92;
};

// Evaluates the day set a condition allows for one date column.
DaySet day_set_for(const Condition &condition, PlanColumn column);

// The values a text column (SupbuyType, CorpNum, IssueId) is restricted to by equalities (=, IN,
// OR of =), sorted and unique; nullopt when the condition allows any value.
std::optional<std::vector<std::string>> text_values_for(const Condition &condition,
                                                        PlanColumn column);

// Covers day ranges with the fewest windows of at most max_days days (To - From <= max_days - 1).
// Overlapping and adjacent ranges are merged; a window may bridge a short gap between ranges
// when that saves a call (the gap's rows are filtered out by PostgreSQL's recheck). The ranges
// must be closed (no kNoLowerBound / kNoUpperBound ends).
std::vector<DayRange> split_into_windows(const std::vector<DayRange> &ranges, int max_days);

// Chooses the narrowest date column, the companies and directions, and the windows.
// The rules (which column wins, how open bounds are closed, the default window) are described
// at the top of scan_plan.cpp and in docs/pushdown.md.
ScanPlan plan_scan(const PlanInputs &inputs);

// One line for EXPLAIN, e.g. "OS_DTI_LIST SearchDate=W windows=1 [2026-07-01..2026-07-30]
// companies=1 [1208147521] directions=AR,AP calls=2". Never contains a secret.
std::string describe_plan(const ScanPlan &plan);

} // namespace sbfdw
