// Planning a scan: size estimates, plain and parameterized paths, and the ForeignScan node.
//
// Every clause stays in the plan's qual list: pushed values only narrow the API calls, so
// PostgreSQL rechecks everything. LIMIT is never pushed down for the same reason.
#include <cmath>

#include "pg/smartbill_fdw.hpp"

extern "C" {
#include "access/sysattr.h"
#include "access/xact.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/cost.h"
#include "optimizer/optimizer.h"
#include "optimizer/pathnode.h"
#include "optimizer/paths.h"
#include "optimizer/planmain.h"
#include "optimizer/restrictinfo.h"
#include "utils/datetime.h"
}

namespace sbfdw::pg {
namespace {

// One call is a network round trip to a service that reads Hometax data: far dearer than any
// per-row work, so plans that make fewer calls win.
constexpr Cost kCostPerCall = 1000.0;
// Decoding a JSON row and building the tuple, on top of cpu_tuple_cost.
constexpr Cost kCostPerRow = 0.01;

int64 unix_micros_now() {
    return GetCurrentTransactionStartTimestamp() +
           int64(POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * USECS_PER_DAY;
}

// The AND of `shapes`, with only the values the planner can know (Consts, or expressions it
// can fold now); everything else counts as "any value".
PlainCondition *planner_condition(PlannerInfo *root, List *shapes, List *exprs) {
    int count = list_length(exprs);
    Datum *values = (Datum *)palloc0(sizeof(Datum) * Max(count, 1));
    bool *nulls = (bool *)palloc0(sizeof(bool) * Max(count, 1));
    bool *unknown = (bool *)palloc0(sizeof(bool) * Max(count, 1));
    for (int i = 0; i < count; i++) {
        Node *folded = estimate_expression_value(root, (Node *)list_nth(exprs, i));
        if (IsA(folded, Const)) {
            values[i] = ((Const *)folded)->constvalue;
            nulls[i] = ((Const *)folded)->constisnull;
        } else {
            unknown[i] = true;
        }
    }
    return evaluate_shapes(shapes, values, nulls, unknown);
}

double estimated_rows(const PlanEstimate &e) {
    if (e.contradiction)
        return 0;
    return e.rows_per_day * e.days * e.companies * e.directions;
}

// Splits restriction clauses into the pushed ones (with their shapes and value expressions) and
// the rest.
void classify_restrictions(PlannerInfo *root, RelOptInfo *baserel,
                           const ForeignTableOptions *options, List *restrictinfos, List **pushed,
                           List **others, List **shapes, List **exprs) {
    ListCell *lc;
    foreach (lc, restrictinfos) {
        RestrictInfo *rinfo = lfirst_node(RestrictInfo, lc);
        Node *shape = classify_clause(root, baserel, options, rinfo->clause, exprs);
        if (shape) {
            *pushed = lappend(*pushed, rinfo);
            *shapes = lappend(*shapes, shape);
        } else {
            *others = lappend(*others, rinfo);
        }
    }
}

// `fetched` rows come back from `calls` calls; the quals then run on each of them.
void cost_scan(RelOptInfo *baserel, double fetched, double calls, Cost *startup_cost,
               Cost *total_cost) {
    // The first row needs a whole answer; the others stream while the remaining calls run.
    *startup_cost = baserel->baserestrictcost.startup + (calls > 0 ? kCostPerCall : 0);
    Cost run = Max(calls - 1, 0) * kCostPerCall +
               fetched * (cpu_tuple_cost + kCostPerRow + baserel->baserestrictcost.per_tuple);
    *total_cost = *startup_cost + run;
}

// ---- parameterized paths ----

struct ColumnMemberArg {
    Index relid;
    AttrNumber attnum;
};

// Matches one of our columns in an equivalence class (t.corp_num = c.regno or
// t.write_date = p.day joins land there, not in joininfo).
bool column_member(PlannerInfo *root, RelOptInfo *rel, EquivalenceClass *ec, EquivalenceMember *em,
                   void *arg) {
    auto *target = (ColumnMemberArg *)arg;
    Expr *expr = em->em_expr;
    while (IsA(expr, RelabelType))
        expr = ((RelabelType *)expr)->arg;
    return IsA(expr, Var) && ((Var *)expr)->varno == int(target->relid) &&
           ((Var *)expr)->varlevelsup == 0 && ((Var *)expr)->varattno == target->attnum;
}

// Adds the ParamPathInfo for a join clause that could narrow the calls per outer row.
List *add_param_info(PlannerInfo *root, RelOptInfo *baserel, const ForeignTableOptions *options,
                     RestrictInfo *rinfo, List *ppi_list) {
    if (!join_clause_is_movable_to(rinfo, baserel))
        return ppi_list;
    if (!is_pushable_join_clause(root, baserel, options, rinfo->clause))
        return ppi_list;
    Relids required_outer = bms_union(rinfo->clause_relids, baserel->lateral_relids);
    required_outer = bms_del_member(required_outer, baserel->relid);
    if (bms_is_empty(required_outer))
        return ppi_list;
    ParamPathInfo *ppi = get_baserel_parampathinfo(root, baserel, required_outer);
    return list_append_unique_ptr(ppi_list, ppi);
}

// The parameterizations worth a path. *joins_corp_num tells whether one of them gives corp_num
// from another relation (t.corp_num = c.regno), or issue_id on the tables of original documents
// (t.issue_id = i.issue_id): without it the scan would read a whole default window.
List *parameterizations(PlannerInfo *root, RelOptInfo *baserel, const ForeignTableOptions *options,
                        bool *joins_corp_num) {
    List *ppi_list = NIL;
    ListCell *lc;
    foreach (lc, baserel->joininfo)
        ppi_list = add_param_info(root, baserel, options, lfirst_node(RestrictInfo, lc), ppi_list);

    if (!baserel->has_eclass_joins)
        return ppi_list;
    for (int i = 0; i < options->column_count; i++) {
        PushColumn push = options->columns[i].push;
        if (push == PushColumn::None || push == PushColumn::SupbuyType)
            continue;
        ColumnMemberArg arg{baserel->relid, options->columns[i].attnum};
        List *clauses = generate_implied_equalities_for_column(root, baserel, column_member, &arg,
                                                               baserel->lateral_referencers);
        foreach (lc, clauses) {
            int before = list_length(ppi_list);
            ppi_list =
                add_param_info(root, baserel, options, lfirst_node(RestrictInfo, lc), ppi_list);
            if ((push == PushColumn::CorpNum || push == PushColumn::IssueId) &&
                list_length(ppi_list) > before)
                *joins_corp_num = true;
        }
    }
    return ppi_list;
}

// Calls and rows per outer row of a parameterized scan: an equality on corp_num leaves one
// company, an equality on a date column one day; other parameters are not counted on.
void estimate_parameterized(PlannerInfo *root, RelOptInfo *baserel, const RelationInfo *info,
                            ParamPathInfo *ppi, double *calls, double *fetched) {
    bool one_company = false, one_day = false, one_invoice = false;
    List *scratch = NIL;
    ListCell *lc;
    foreach (lc, ppi->ppi_clauses) {
        Node *shape = classify_clause(root, baserel, info->options,
                                      lfirst_node(RestrictInfo, lc)->clause, &scratch);
        PushColumn column = shape ? equality_column(shape) : PushColumn::None;
        one_company |= column == PushColumn::CorpNum;
        one_invoice |= column == PushColumn::IssueId;
        one_day |= column == PushColumn::WriteDate || column == PushColumn::IssuedAt ||
                   column == PushColumn::SentAt;
    }
    double companies = one_company ? 1 : Max(info->companies, 1);
    double per_company_calls = info->calls / Max(info->companies, 1);
    double per_company_rows = info->estimate_rows / Max(info->companies, 1);
    if (one_day) {
        per_company_calls = Min(per_company_calls, info->directions);
        per_company_rows = per_company_rows / Max(info->days, 1);
    }
    *calls = Max(per_company_calls * companies, 1);
    *fetched = per_company_rows * companies;
    // One approval number: the listing of its issue day (in each direction), then one document.
    if (one_invoice) {
        *calls = Max(info->directions, 1) * companies + 1;
        *fetched = companies;
    }
}

} // namespace

void get_foreign_rel_size(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid) {
    auto *info = (RelationInfo *)palloc0(sizeof(RelationInfo));
    baserel->fdw_private = info;
    info->options = read_table_options(foreigntableid);

    List *others = NIL, *shapes = NIL, *exprs = NIL;
    classify_restrictions(root, baserel, info->options, baserel->baserestrictinfo,
                          &info->pushed_clauses, &others, &shapes, &exprs);
    PlanEstimate e =
        estimate_plan(info->options, planner_condition(root, shapes, exprs), unix_micros_now());
    info->calls = e.calls;
    info->days = e.days;
    info->companies = e.companies;
    info->directions = e.directions;
    info->estimate_rows = estimated_rows(e);
    // Original documents add one OS_DTI_XML call per 100 listed invoices.
    if (strcmp(info->options->resource, "tax_invoices") != 0)
        info->calls += std::ceil(info->estimate_rows / 100.0);

    // The pushed clauses are what the calls fetch; the others filter those rows.
    Selectivity local = clauselist_selectivity(root, others, baserel->relid, JOIN_INNER, NULL);
    baserel->rows = clamp_row_est(info->estimate_rows * local);
    // What the service holds for one company in both directions: the basis for
    // parameterized-path estimates.
    baserel->tuples = Max(e.rows_per_day * e.retention_days * 2, 1);
}

void get_foreign_paths(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid) {
    auto *info = (RelationInfo *)baserel->fdw_private;
    bool joins_corp_num = false;
    List *ppi_list = parameterizations(root, baserel, info->options, &joins_corp_num);

    Cost startup_cost, total_cost;
    cost_scan(baserel, info->estimate_rows, info->calls, &startup_cost, &total_cost);
    // Without a corp_num value a scan reads only the default company. When the query joins
    // corp_num to another relation it asks for that relation's companies: only a parameterized
    // path gives that answer, so the plain one is a last resort (e.g. for an outer join that
    // cannot be parameterized).
    if (joins_corp_num) {
        startup_cost += disable_cost;
        total_cost += disable_cost;
    }
    add_path(baserel,
             (Path *)create_foreignscan_path(root, baserel, NULL, baserel->rows, startup_cost,
                                             total_cost, NIL, NULL, NULL, NIL));

    // A join on corp_num or a date column fetches, per outer row, only what that row needs.
    ListCell *lc;
    foreach (lc, ppi_list) {
        ParamPathInfo *ppi = (ParamPathInfo *)lfirst(lc);
        double calls, fetched;
        estimate_parameterized(root, baserel, info, ppi, &calls, &fetched);
        double rows = clamp_row_est(Min(ppi->ppi_rows, fetched));
        cost_scan(baserel, fetched, calls, &startup_cost, &total_cost);
        add_path(baserel,
                 (Path *)create_foreignscan_path(root, baserel, NULL, rows, startup_cost,
                                                 total_cost, NIL, ppi->ppi_req_outer, NULL, NIL));
    }
}

ForeignScan *get_foreign_plan(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid,
                              ForeignPath *best_path, List *tlist, List *scan_clauses,
                              Plan *outer_plan) {
    auto *info = (RelationInfo *)baserel->fdw_private;

    // Every clause is rechecked locally; the pushed ones are also described for the executor.
    List *quals = extract_actual_clauses(scan_clauses, false);
    List *shapes = NIL, *fdw_exprs = NIL, *pushed_indexes = NIL;
    int index = 0;
    ListCell *lc;
    foreach (lc, quals) {
        Node *shape = classify_clause(root, baserel, info->options, (Expr *)lfirst(lc), &fdw_exprs);
        if (shape) {
            shapes = lappend(shapes, shape);
            pushed_indexes = lappend_int(pushed_indexes, index);
        }
        index++;
    }

    // The columns the query reads: its output and every qual.
    Bitmapset *attrs_used = NULL;
    pull_varattnos((Node *)baserel->reltarget->exprs, baserel->relid, &attrs_used);
    pull_varattnos((Node *)quals, baserel->relid, &attrs_used);
    bool whole_row = bms_is_member(0 - FirstLowInvalidHeapAttributeNumber, attrs_used);
    List *retrieved_attrs = NIL;
    for (int i = 0; i < info->options->column_count; i++) {
        const ColumnInfo &column = info->options->columns[i];
        if (column.is_dropped)
            continue;
        if (whole_row ||
            bms_is_member(column.attnum - FirstLowInvalidHeapAttributeNumber, attrs_used))
            retrieved_attrs = lappend_int(retrieved_attrs, column.attnum);
    }

    List *fdw_private = list_make3(shapes, pushed_indexes, retrieved_attrs);
    return make_foreignscan(tlist, quals, baserel->relid, fdw_exprs, fdw_private, NIL, NIL,
                            outer_plan);
}

} // namespace sbfdw::pg
