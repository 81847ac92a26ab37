// Shared declarations of the PostgreSQL face, grouped by the file that defines them.
//
// Include core headers (if any) first, then this header: it pulls in PostgreSQL's headers.
// Everything declared here is plain C data (palloc'd, copyable Nodes where it travels in a plan);
// C++ objects of the core live only inside sbfdw::pg::guarded() or in the scan runtime object.
#pragma once

extern "C" {
#include "postgres.h"

#include "access/attnum.h"
#include "commands/explain.h"
#include "foreign/fdwapi.h"
#include "nodes/execnodes.h"
#include "nodes/pathnodes.h"
#include "nodes/pg_list.h"
}

namespace sbfdw {
struct FieldValue;
struct ScanStats;
} // namespace sbfdw

namespace sbfdw::pg {

// ---- option_reader.cpp ----------------------------------------------------------------------

// How a column is filled. Mirrors sbfdw::PlanColumn for the pushable ones.
enum class PushColumn { None = -1, WriteDate = 0, IssuedAt, SentAt, SupbuyType, CorpNum, IssueId };

struct ColumnInfo {
    AttrNumber attnum;
    const char *name;      // the column's name in PostgreSQL
    const char *api_field; // e.g. "SUP_AMOUNT"; NULL when the value is the requested corp_num
    bool is_corp_num;      // filled from the request's SearchComRegno
    bool is_dropped;
    Oid type_oid;
    int32 typmod;
    PushColumn push; // which API parameter a qual on this column can narrow
};

// A name = value option, as plain C strings (DefElem values, already validated).
struct OptionPair {
    const char *name;
    const char *value;
};

struct OptionPairs {
    int count;
    OptionPair *items;
};

// Everything the planner and the executor read from the catalogs for one foreign table.
struct ForeignTableOptions {
    Oid table_oid;
    const char *table_name; // schema-qualified, for messages
    const char *server_name;
    const char *resource;         // "tax_invoices", ...
    const char *default_corp_num; // table option corp_num, else NULL
    OptionPairs server;           // server options
    OptionPairs mapping;          // user mapping options (secrets: never print)
    OptionPairs table;            // table options
    int column_count;             // = relnatts; columns[attnum - 1]
    ColumnInfo *columns;
};

// Reads the table, server and column options (no user mapping). Raises an ERROR on a column
// that has no API field.
ForeignTableOptions *read_table_options(Oid foreigntableid);
// Adds the user mapping of `userid` (InvalidOid: the current user), with a hint when none exists.
void read_user_mapping(ForeignTableOptions *options, Oid userid);

// ---- quals.cpp ------------------------------------------------------------------------------

// Classifies one clause of the scan. When (part of) it can narrow the API calls, returns a shape
// Node (see quals.cpp) and appends the run-time values to *fdw_exprs; NULL otherwise.
Node *classify_clause(PlannerInfo *root, RelOptInfo *baserel, const ForeignTableOptions *options,
                      Expr *clause, List **fdw_exprs);
// True if `clause` (a join clause of baserel) could narrow the calls when given as a parameter.
bool is_pushable_join_clause(PlannerInfo *root, RelOptInfo *baserel,
                             const ForeignTableOptions *options, Expr *clause);

// The column of a shape that is one plain equality ("column = value"), else PushColumn::None.
PushColumn equality_column(Node *shape);

// A condition tree with values already evaluated, in plain C (converted to sbfdw::Condition
// inside the guard).
struct PlainCondition {
    enum Kind { Leaf, And, Or, Unknown, False } kind;
    int column; // sbfdw::PlanColumn
    int op;     // sbfdw::CompareOp
    int32 day;
    int64 instant;
    const char *text;
    bool is_null_constant;
    int nargs;
    PlainCondition *args;
};

// Evaluates a list of shapes against the values of fdw_exprs (one Datum per expression) and
// returns their AND. When `unknown` is given, expressions flagged there count as "any value"
// (the planner knows only the Consts).
PlainCondition *evaluate_shapes(List *shapes, const Datum *values, const bool *nulls,
                                const bool *unknown);

// ---- scan_planner.cpp -----------------------------------------------------------------------

// Indexes of ForeignScan.fdw_private.
enum FdwScanPrivateIndex {
    FdwScanPrivateShapes,         // List of shapes, one per pushed clause
    FdwScanPrivatePushedQuals,    // Integer list: positions of the pushed clauses in plan.qual
    FdwScanPrivateRetrievedAttrs, // Integer list of the attnums the query needs
};

struct RelationInfo {
    ForeignTableOptions *options;
    List *pushed_clauses; // baserestrictinfo RestrictInfos that narrow the calls
    double calls;         // planned calls, with only the values known to the planner
    double days;          // days covered by those calls
    double companies;
    double directions;
    double estimate_rows; // rows those calls return
};

void get_foreign_rel_size(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid);
void get_foreign_paths(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid);
ForeignScan *get_foreign_plan(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid,
                              ForeignPath *best_path, List *tlist, List *scan_clauses,
                              Plan *outer_plan);

// ---- scan_runtime.cpp ------------------------------------------------------------------------
// The C++ side of a scan. Every function here runs its body inside guarded(): a core error
// becomes an ERROR after the C++ frames are gone.

// What the planner needs to cost a scan.
struct PlanEstimate {
    double calls;
    double days;
    double companies;
    double directions;
    double rows_per_day;
    double retention_days;
    bool contradiction;
};

// Plans the calls for `condition` (constants only) to estimate the scan's size and cost.
PlanEstimate estimate_plan(const ForeignTableOptions *options, const PlainCondition *condition,
                           int64 now_unix_micros);

// Checks an object's options with the core's rules (level: sbfdw::OptionLevel).
void validate_options(int level, const OptionPairs &pairs);

// One output column the scan must decode (kind: sbfdw::FieldKind).
struct FieldRequest {
    const char *column_name;
    const char *api_field; // NULL with is_corp_num
    bool is_corp_num;
    int kind;
};

// Owns the scan of the table's resource (sbfdw::InvoiceScan, or sbfdw::DocumentScan for
// tax_invoice_items and tax_invoice_documents) and its current plan.
struct ScanRuntime;

ScanRuntime *create_scan_runtime(const ForeignTableOptions *options, const FieldRequest *fields,
                                 int field_count);
// Never throws, never raises: safe in a memory context callback.
void destroy_scan_runtime(ScanRuntime *runtime) noexcept;
// Plans the calls for `condition` (values evaluated) at `now_unix_micros`.
void plan_runtime(ScanRuntime *runtime, const PlainCondition *condition, int64 now_unix_micros);
// Advances to the next row (the first call starts the scan); false at the end.
bool runtime_next(ScanRuntime *runtime);
// The current row's values, one per FieldRequest.
const sbfdw::FieldValue *runtime_row(ScanRuntime *runtime);
// Starts over: with the plan from the last plan_runtime() when `replanned`, else the same plan.
void runtime_restart(ScanRuntime *runtime, bool replanned);
// One line describing the planned calls; NULL before plan_runtime().
const char *runtime_plan_text(ScanRuntime *runtime);
// NULL before the scan started.
const sbfdw::ScanStats *runtime_stats(ScanRuntime *runtime);

// ---- scan_executor.cpp ----------------------------------------------------------------------

void begin_foreign_scan(ForeignScanState *node, int eflags);
TupleTableSlot *iterate_foreign_scan(ForeignScanState *node);
void rescan_foreign_scan(ForeignScanState *node);
void end_foreign_scan(ForeignScanState *node);
void explain_foreign_scan(ForeignScanState *node, ExplainState *es);

// ---- import_schema.cpp ----------------------------------------------------------------------

List *import_foreign_schema(ImportForeignSchemaStmt *stmt, Oid serverOid);
void install_import_comment_hook(void);

// ---- interrupts.cpp -------------------------------------------------------------------------

// The core's sbfdw::InterruptCheck: true when PostgreSQL has an interrupt it can service.
bool postgres_interrupt_pending();

} // namespace sbfdw::pg
