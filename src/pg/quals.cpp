// Which WHERE clauses can narrow the OS_DTI_LIST calls, and their values at run time.
//
// A clause is pushable when it compares a pushable column (write_date, issued_at, sent_at,
// supbuy_type, corp_num, and issue_id on the tables of original documents — or whichever columns
// map to those API fields) with a value that does not
// depend on the scanned row: a Const, a Param, or any non-volatile expression without Vars of this
// relation (current_date - 30, now() - interval '7 days', an outer relation's column in a
// parameterized path). AND, OR, IN (= ANY) and the commuted form (value op column) are understood.
//
// The planner keeps the value expressions in ForeignScan.fdw_exprs (so the executor evaluates
// Params and stable functions) and describes the clause's shape in fdw_private, as a tree of
// Lists of Integers:
//   leaf:    (ShapeLeaf, column, op, expr_index, value_type, is_array, array_use_or)
// (value_type is the element type for `column op ANY (array)`).
//   and/or:  (ShapeAnd | ShapeOr, child, child, ...)
// Every clause also stays in the plan's qual list: values here only narrow what is fetched.
#include "pg/smartbill_fdw.hpp"

extern "C" {
#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/clauses.h"
#include "optimizer/optimizer.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"
#include "access/stratnum.h"
}

namespace sbfdw::pg {
namespace {

// Values of sbfdw::CompareOp and sbfdw::PlanColumn (core headers are not included here to keep
// this file a pure PostgreSQL one; scan_runtime.cpp checks that the numbering agrees).
enum CompareOpValue { OpEq = 0, OpLt, OpLe, OpGt, OpGe };

enum ShapeTag { ShapeLeaf = 1, ShapeAnd, ShapeOr };

enum LeafField {
    LeafTag,
    LeafColumn,
    LeafOp,
    LeafExprIndex,
    LeafValueType,
    LeafIsArray,
    LeafUseOr
};

// Microseconds between 1970-01-01 and 2000-01-01 (PostgreSQL's timestamp epoch).
constexpr int64 kPostgresEpochMicros =
    int64(POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * USECS_PER_DAY;

struct ClassifyContext {
    PlannerInfo *root;
    RelOptInfo *baserel;
    const ForeignTableOptions *options;
    List **fdw_exprs;
};

Expr *strip_relabel(Expr *expr) {
    while (expr && IsA(expr, RelabelType))
        expr = ((RelabelType *)expr)->arg;
    return expr;
}

// The pushable column `expr` refers to, or NULL.
const ColumnInfo *pushable_column(const ClassifyContext *cxt, Expr *expr) {
    expr = strip_relabel(expr);
    if (!expr || !IsA(expr, Var))
        return nullptr;
    Var *var = (Var *)expr;
    if (var->varno != int(cxt->baserel->relid) || var->varlevelsup != 0 || var->varattno <= 0 ||
        var->varattno > cxt->options->column_count)
        return nullptr;
    const ColumnInfo *column = &cxt->options->columns[var->varattno - 1];
    if (column->is_dropped || column->push == PushColumn::None)
        return nullptr;
    return column;
}

// True when `expr` has the same value for every row of the scan (PostgreSQL evaluates it once).
bool is_row_independent(const ClassifyContext *cxt, Expr *expr) {
    if (!expr)
        return false;
    if (bms_is_member(cxt->baserel->relid, pull_varnos(cxt->root, (Node *)expr)))
        return false;
    if (contain_volatile_functions((Node *)expr) || contain_subplans((Node *)expr))
        return false;
    return true;
}

bool is_date_column(PushColumn c) {
    return c == PushColumn::WriteDate || c == PushColumn::IssuedAt || c == PushColumn::SentAt;
}

bool value_type_fits(PushColumn column, Oid type) {
    if (is_date_column(column))
        return type == DATEOID || type == TIMESTAMPOID || type == TIMESTAMPTZOID;
    return type == TEXTOID || type == VARCHAROID;
}

// Maps a built-in btree comparison operator to a CompareOp; -1 when not a plain comparison.
// Text columns accept equality only, and only under a deterministic collation (a
// case-insensitive '=' would match rows the API is never asked for).
int compare_op_of(Oid opno, PushColumn column, Oid inputcollid) {
    if (opno >= FirstNormalObjectId)
        return -1;
    List *interpretations = get_op_btree_interpretation(opno);
    if (interpretations == NIL)
        return -1;
    auto *first = (OpBtreeInterpretation *)linitial(interpretations);
    int op = -1;
    switch (first->strategy) {
    case BTLessStrategyNumber:
        op = OpLt;
        break;
    case BTLessEqualStrategyNumber:
        op = OpLe;
        break;
    case BTEqualStrategyNumber:
        op = OpEq;
        break;
    case BTGreaterEqualStrategyNumber:
        op = OpGe;
        break;
    case BTGreaterStrategyNumber:
        op = OpGt;
        break;
    default:
        return -1;
    }
    if (!is_date_column(column)) {
        if (op != OpEq)
            return -1;
        if (OidIsValid(inputcollid) && !get_collation_isdeterministic(inputcollid))
            return -1;
    }
    return op;
}

Node *make_leaf(const ClassifyContext *cxt, const ColumnInfo *column, int op, Expr *value,
                Oid value_type, bool is_array, bool use_or) {
    *cxt->fdw_exprs = lappend(*cxt->fdw_exprs, value);
    int expr_index = list_length(*cxt->fdw_exprs) - 1;
    List *leaf = list_make5(makeInteger(ShapeLeaf), makeInteger(int(column->push)), makeInteger(op),
                            makeInteger(expr_index), makeInteger(int(value_type)));
    leaf = lappend(leaf, makeInteger(is_array));
    return (Node *)lappend(leaf, makeInteger(use_or));
}

Node *classify_expr(const ClassifyContext *cxt, Expr *expr);

Node *classify_op(const ClassifyContext *cxt, OpExpr *op) {
    if (list_length(op->args) != 2)
        return nullptr;
    Expr *left = (Expr *)linitial(op->args);
    Expr *right = (Expr *)lsecond(op->args);
    Oid opno = op->opno;
    const ColumnInfo *column = pushable_column(cxt, left);
    Expr *value = right;
    if (!column) {
        // value op column: look at it from the column's side.
        column = pushable_column(cxt, right);
        value = left;
        opno = column ? get_commutator(opno) : InvalidOid;
        if (!OidIsValid(opno))
            return nullptr;
    }
    Oid value_type = exprType((Node *)value);
    if (!is_row_independent(cxt, value) || !value_type_fits(column->push, value_type))
        return nullptr;
    int compare = compare_op_of(opno, column->push, op->inputcollid);
    if (compare < 0)
        return nullptr;
    return make_leaf(cxt, column, compare, value, value_type, false, false);
}

Node *classify_array_op(const ClassifyContext *cxt, ScalarArrayOpExpr *op) {
    if (list_length(op->args) != 2)
        return nullptr;
    const ColumnInfo *column = pushable_column(cxt, (Expr *)linitial(op->args));
    Expr *array = (Expr *)lsecond(op->args);
    if (!column || !is_row_independent(cxt, array))
        return nullptr;
    Oid element_type = get_element_type(exprType((Node *)array));
    if (!OidIsValid(element_type) || !value_type_fits(column->push, element_type))
        return nullptr;
    int compare = compare_op_of(op->opno, column->push, op->inputcollid);
    if (compare < 0)
        return nullptr;
    return make_leaf(cxt, column, compare, array, element_type, true, op->useOr);
}

Node *classify_bool(const ClassifyContext *cxt, BoolExpr *bool_expr) {
    if (bool_expr->boolop == NOT_EXPR)
        return nullptr;
    bool is_and = bool_expr->boolop == AND_EXPR;
    List *children = NIL;
    ListCell *lc;
    foreach (lc, bool_expr->args) {
        Node *child = classify_expr(cxt, (Expr *)lfirst(lc));
        // Dropping an AND argument only widens the fetch; an OR with an arm we do not
        // understand cannot narrow anything.
        if (!child && !is_and)
            return nullptr;
        if (child)
            children = lappend(children, child);
    }
    if (children == NIL)
        return nullptr;
    if (list_length(children) == 1)
        return (Node *)linitial(children);
    return (Node *)lcons(makeInteger(is_and ? ShapeAnd : ShapeOr), children);
}

Node *classify_expr(const ClassifyContext *cxt, Expr *expr) {
    if (!expr)
        return nullptr;
    if (IsA(expr, RestrictInfo))
        expr = ((RestrictInfo *)expr)->clause;
    switch (nodeTag(expr)) {
    case T_OpExpr:
        return classify_op(cxt, (OpExpr *)expr);
    case T_ScalarArrayOpExpr:
        return classify_array_op(cxt, (ScalarArrayOpExpr *)expr);
    case T_BoolExpr:
        return classify_bool(cxt, (BoolExpr *)expr);
    default:
        return nullptr;
    }
}

// ---- run time ----

PlainCondition make_kind(PlainCondition::Kind kind) {
    PlainCondition c{};
    c.kind = kind;
    return c;
}

int relaxed(int op) {
    // A date column compared with a point in time: the day of that instant bounds it inclusively.
    if (op == OpLt)
        return OpLe;
    if (op == OpGt)
        return OpGe;
    return op;
}

// One comparison "column op value" with an evaluated, non-null value of type `type`.
PlainCondition leaf_from_value(PushColumn column, int op, Oid type, Datum value) {
    PlainCondition c = make_kind(PlainCondition::Leaf);
    c.column = int(column);
    c.op = op;
    switch (column) {
    case PushColumn::WriteDate: {
        DateADT date;
        if (type == DATEOID) {
            date = DatumGetDateADT(value);
        } else {
            // Same semantics as the cross-type operators: the date of the instant in the session
            // time zone (timestamptz) or of the local time (timestamp).
            if (TIMESTAMP_NOT_FINITE(DatumGetTimestamp(value)))
                return make_kind(PlainCondition::Unknown);
            date = DatumGetDateADT(type == TIMESTAMPTZOID
                                       ? DirectFunctionCall1(timestamptz_date, value)
                                       : DirectFunctionCall1(timestamp_date, value));
            c.op = relaxed(op);
        }
        if (DATE_NOT_FINITE(date))
            return make_kind(PlainCondition::Unknown);
        c.day = int32(date + (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE));
        return c;
    }
    case PushColumn::IssuedAt:
    case PushColumn::SentAt: {
        if (type == DATEOID) {
            if (DATE_NOT_FINITE(DatumGetDateADT(value)))
                return make_kind(PlainCondition::Unknown);
            value = DirectFunctionCall1(date_timestamptz, value);
        } else if (type == TIMESTAMPOID) {
            if (TIMESTAMP_NOT_FINITE(DatumGetTimestamp(value)))
                return make_kind(PlainCondition::Unknown);
            value = DirectFunctionCall1(timestamp_timestamptz, value);
        }
        TimestampTz ts = DatumGetTimestampTz(value);
        if (TIMESTAMP_NOT_FINITE(ts))
            return make_kind(PlainCondition::Unknown);
        c.instant = ts + kPostgresEpochMicros;
        return c;
    }
    case PushColumn::SupbuyType:
    case PushColumn::CorpNum:
    case PushColumn::IssueId:
        c.text = TextDatumGetCString(value);
        return c;
    case PushColumn::None:
        break;
    }
    return make_kind(PlainCondition::Unknown);
}

struct EvaluatedValues {
    const Datum *values;
    const bool *nulls;
    const bool *unknown; // may be NULL
};

// `column op ANY/ALL (array)`: an OR (ANY) or AND (ALL) of one comparison per element.
PlainCondition evaluate_array_leaf(PushColumn column, int op, Oid element_type, bool use_or,
                                   Datum array_datum) {
    ArrayType *array = DatumGetArrayTypeP(array_datum);
    int16 typlen;
    bool typbyval;
    char typalign;
    get_typlenbyvalalign(ARR_ELEMTYPE(array), &typlen, &typbyval, &typalign);
    Datum *elements;
    bool *element_nulls;
    int count;
    deconstruct_array(array, ARR_ELEMTYPE(array), typlen, typbyval, typalign, &elements,
                      &element_nulls, &count);
    if (count == 0)
        return make_kind(use_or ? PlainCondition::False : PlainCondition::Unknown);
    PlainCondition c = make_kind(use_or ? PlainCondition::Or : PlainCondition::And);
    c.args = (PlainCondition *)palloc0(sizeof(PlainCondition) * count);
    for (int i = 0; i < count; i++) {
        c.args[c.nargs++] = element_nulls[i]
                                ? make_kind(PlainCondition::False)
                                : leaf_from_value(column, op, element_type, elements[i]);
    }
    return c;
}

PlainCondition evaluate_leaf(List *leaf, const EvaluatedValues &v) {
    auto column = PushColumn(intVal(list_nth(leaf, LeafColumn)));
    int op = intVal(list_nth(leaf, LeafOp));
    int index = intVal(list_nth(leaf, LeafExprIndex));
    Oid value_type = Oid(intVal(list_nth(leaf, LeafValueType)));
    bool is_array = intVal(list_nth(leaf, LeafIsArray)) != 0;
    bool use_or = intVal(list_nth(leaf, LeafUseOr)) != 0;

    // Built-in comparisons are strict: a NULL value (or a NULL array) never yields true.
    if (v.unknown && v.unknown[index])
        return make_kind(PlainCondition::Unknown);
    if (v.nulls[index])
        return make_kind(PlainCondition::False);
    if (is_array)
        return evaluate_array_leaf(column, op, value_type, use_or, v.values[index]);
    return leaf_from_value(column, op, value_type, v.values[index]);
}

PlainCondition evaluate_shape(Node *shape, const EvaluatedValues &v) {
    List *list = (List *)shape;
    int tag = intVal(linitial(list));
    if (tag == ShapeLeaf)
        return evaluate_leaf(list, v);
    PlainCondition c = make_kind(tag == ShapeAnd ? PlainCondition::And : PlainCondition::Or);
    c.args = (PlainCondition *)palloc0(sizeof(PlainCondition) * (list_length(list) - 1));
    for (int i = 1; i < list_length(list); i++)
        c.args[c.nargs++] = evaluate_shape((Node *)list_nth(list, i), v);
    return c;
}

} // namespace

Node *classify_clause(PlannerInfo *root, RelOptInfo *baserel, const ForeignTableOptions *options,
                      Expr *clause, List **fdw_exprs) {
    ClassifyContext cxt{root, baserel, options, fdw_exprs};
    return classify_expr(&cxt, clause);
}

bool is_pushable_join_clause(PlannerInfo *root, RelOptInfo *baserel,
                             const ForeignTableOptions *options, Expr *clause) {
    List *scratch = NIL;
    ClassifyContext cxt{root, baserel, options, &scratch};
    return classify_expr(&cxt, clause) != nullptr;
}

PushColumn equality_column(Node *shape) {
    List *leaf = (List *)shape;
    if (intVal(linitial(leaf)) != ShapeLeaf || intVal(list_nth(leaf, LeafOp)) != OpEq ||
        intVal(list_nth(leaf, LeafIsArray)) != 0)
        return PushColumn::None;
    return PushColumn(intVal(list_nth(leaf, LeafColumn)));
}

PlainCondition *evaluate_shapes(List *shapes, const Datum *values, const bool *nulls,
                                const bool *unknown) {
    EvaluatedValues v{values, nulls, unknown};
    auto *all = (PlainCondition *)palloc0(sizeof(PlainCondition));
    all->kind = PlainCondition::And;
    all->args = (PlainCondition *)palloc0(sizeof(PlainCondition) * Max(list_length(shapes), 1));
    ListCell *lc;
    foreach (lc, shapes)
        all->args[all->nargs++] = evaluate_shape((Node *)lfirst(lc), v);
    return all;
}

} // namespace sbfdw::pg
