// Running a scan: run-time values of the pushed quals, the rows of the core turned into tuples,
// rescans, and EXPLAIN.
//
// The C++ state (ScanRuntime) belongs to a memory context callback on the executor's context, so
// an aborted query frees it too. Frames here hold no C++ object with a destructor: a PostgreSQL
// error raised while building a tuple leaves nothing behind.
#include "core/field_value.hpp"
#include "core/invoice_scan.hpp"

#include "pg/smartbill_fdw.hpp"

extern "C" {
#include "catalog/pg_type.h"
#include "executor/executor.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/ruleutils.h"
#include "utils/timestamp.h"
#include "access/xact.h"
}

#include <cstring>

namespace sbfdw::pg {
namespace {

constexpr int64 kPostgresEpochMicros =
    int64(POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * USECS_PER_DAY;
constexpr int32 kPostgresEpochDays = POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE;
constexpr int64 kKstOffsetMicros = int64(9) * 3600 * USECS_PER_SEC;

// One output column the core decodes.
struct OutputColumn {
    AttrNumber attnum; // 0 for the hidden issue_id used in error context
    const char *name;
    Oid type_oid;
    int32 typmod;
    sbfdw::FieldKind kind;
    FmgrInfo input_function; // for types without a fast path
    Oid input_ioparam;
};

// What an error context callback needs to name the failing value.
struct ConversionContext {
    const char *table_name;
    const char *column_name;
    const char *issue_id; // NULL when unknown
};

struct ScanState {
    ForeignTableOptions *options;
    List *shapes;
    List *expr_states; // one ExprState per fdw_exprs entry
    Datum *values;
    bool *nulls;
    bool has_exec_params;
    bool conditions_evaluated;

    OutputColumn *columns;
    int column_count;
    int issue_id_index; // position of ISSUE_ID among the columns, or -1

    ScanRuntime *runtime;
    MemoryContext tuple_context;
    MemoryContext condition_context;
    ConversionContext conversion;
};

sbfdw::FieldKind field_kind_for(Oid type) {
    switch (type) {
    case DATEOID:
        return sbfdw::FieldKind::Date;
    case TIMESTAMPOID:
    case TIMESTAMPTZOID:
        return sbfdw::FieldKind::Timestamp;
    case INT2OID:
    case INT4OID:
    case INT8OID:
        return sbfdw::FieldKind::Integer;
    case NUMERICOID:
        return sbfdw::FieldKind::Decimal;
    default:
        return sbfdw::FieldKind::Text;
    }
}

bool contains_exec_param(Node *node, void *context) {
    if (!node)
        return false;
    if (IsA(node, Param) && ((Param *)node)->paramkind == PARAM_EXEC)
        return true;
    return expression_tree_walker(
        node, reinterpret_cast<bool (*)()>(reinterpret_cast<void (*)()>(contains_exec_param)),
        context);
}

void release_runtime(void *arg) {
    auto *state = (ScanState *)arg;
    if (state->runtime) {
        ScanRuntime *runtime = state->runtime;
        state->runtime = nullptr;
        destroy_scan_runtime(runtime);
    }
}

void conversion_error_callback(void *arg) {
    auto *cxt = (ConversionContext *)arg;
    if (!cxt->column_name)
        return;
    if (cxt->issue_id)
        errcontext("column \"%s\" of foreign table %s, issue_id %s", cxt->column_name,
                   cxt->table_name, cxt->issue_id);
    else
        errcontext("column \"%s\" of foreign table %s", cxt->column_name, cxt->table_name);
}

// The columns the plan needs, plus ISSUE_ID (hidden) so conversion errors can name the invoice.
void prepare_columns(ScanState *state, List *retrieved_attrs) {
    const ForeignTableOptions *options = state->options;
    int count = list_length(retrieved_attrs) + 1;
    state->columns = (OutputColumn *)palloc0(sizeof(OutputColumn) * count);
    state->issue_id_index = -1;
    ListCell *lc;
    foreach (lc, retrieved_attrs) {
        const ColumnInfo &column = options->columns[lfirst_int(lc) - 1];
        if (!column.api_field && !column.is_corp_num)
            ereport(ERROR, (errcode(ERRCODE_FDW_COLUMN_NAME_NOT_FOUND),
                            errmsg("column \"%s\" of foreign table %s has no SmartBill field",
                                   column.name, options->table_name),
                            errhint("Name the column like a column of resource \"%s\", or set its "
                                    "option field, e.g. OPTIONS (field 'SUP_AMOUNT').",
                                    options->resource)));
        OutputColumn *out = &state->columns[state->column_count++];
        out->attnum = column.attnum;
        out->name = column.name;
        out->type_oid = column.type_oid;
        out->typmod = column.typmod;
        out->kind = field_kind_for(column.type_oid);
        Oid input_function;
        getTypeInputInfo(column.type_oid, &input_function, &out->input_ioparam);
        fmgr_info(input_function, &out->input_function);
        if (column.api_field && strcmp(column.api_field, "ISSUE_ID") == 0 &&
            out->kind == sbfdw::FieldKind::Text)
            state->issue_id_index = state->column_count - 1;
    }
    if (state->issue_id_index < 0) {
        OutputColumn *out = &state->columns[state->column_count++];
        out->attnum = 0;
        out->name = "issue_id";
        out->type_oid = TEXTOID;
        out->kind = sbfdw::FieldKind::Text;
        state->issue_id_index = state->column_count - 1;
    }
}

ScanRuntime *start_runtime(ScanState *state) {
    auto *fields = (FieldRequest *)palloc0(sizeof(FieldRequest) * Max(state->column_count, 1));
    for (int i = 0; i < state->column_count; i++) {
        const OutputColumn &out = state->columns[i];
        FieldRequest &field = fields[i];
        field.column_name = out.name;
        field.kind = int(out.kind);
        if (out.attnum == 0) {
            field.api_field = "ISSUE_ID";
            continue;
        }
        const ColumnInfo &column = state->options->columns[out.attnum - 1];
        field.api_field = column.api_field;
        field.is_corp_num = column.is_corp_num;
    }
    return create_scan_runtime(state->options, fields, state->column_count);
}

int64 unix_micros_now() {
    return GetCurrentTransactionStartTimestamp() + kPostgresEpochMicros;
}

// Evaluates fdw_exprs (Params and stable expressions) and plans the calls with their values.
void evaluate_conditions(ForeignScanState *node, ScanState *state) {
    MemoryContextReset(state->condition_context);
    MemoryContext old = MemoryContextSwitchTo(state->condition_context);
    ExprContext *econtext = node->ss.ps.ps_ExprContext;
    int i = 0;
    ListCell *lc;
    foreach (lc, state->expr_states) {
        auto *expr_state = (ExprState *)lfirst(lc);
        state->values[i] = ExecEvalExpr(expr_state, econtext, &state->nulls[i]);
        i++;
    }
    PlainCondition *condition =
        evaluate_shapes(state->shapes, state->values, state->nulls, nullptr);
    plan_runtime(state->runtime, condition, unix_micros_now());
    MemoryContextSwitchTo(old);
    state->conditions_evaluated = true;
}

// Converts UTF-8 text from the API to the database encoding.
const char *server_text(const std::string &text, int *length) {
    const char *converted = pg_any_to_server(text.data(), int(text.size()), PG_UTF8);
    *length = converted == text.data() ? int(text.size()) : int(strlen(converted));
    return converted;
}

Datum integer_datum(const OutputColumn &out, int64 value) {
    if (out.type_oid == INT8OID)
        return Int64GetDatum(value);
    if (out.type_oid == INT4OID && value >= PG_INT32_MIN && value <= PG_INT32_MAX)
        return Int32GetDatum(int32(value));
    if (out.type_oid == INT2OID && value >= PG_INT16_MIN && value <= PG_INT16_MAX)
        return Int16GetDatum(int16(value));
    ereport(ERROR, (errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
                    errmsg("value %lld is out of range for type %s", (long long)value,
                           format_type_be(out.type_oid))));
    return 0;
}

Datum timestamp_datum(const OutputColumn &out, int64 instant) {
    // timestamp without time zone shows the API's own wall clock, Korea Standard Time.
    int64 ts =
        instant - kPostgresEpochMicros + (out.type_oid == TIMESTAMPOID ? kKstOffsetMicros : 0);
    if (!IS_VALID_TIMESTAMP(ts))
        ereport(ERROR,
                (errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE), errmsg("timestamp out of range")));
    return TimestampGetDatum(ts);
}

Datum column_datum(const OutputColumn &out, const sbfdw::FieldValue &value) {
    switch (out.kind) {
    case sbfdw::FieldKind::Date:
        return DateADTGetDatum(DateADT(value.day - kPostgresEpochDays));
    case sbfdw::FieldKind::Timestamp:
        return timestamp_datum(out, value.instant);
    case sbfdw::FieldKind::Integer:
        return integer_datum(out, value.integer);
    case sbfdw::FieldKind::Text:
    case sbfdw::FieldKind::Decimal:
        break;
    }
    int length;
    const char *text = server_text(value.text, &length);
    if (out.type_oid == TEXTOID)
        return PointerGetDatum(cstring_to_text_with_len(text, length));
    return InputFunctionCall(const_cast<FmgrInfo *>(&out.input_function), pnstrdup(text, length),
                             out.input_ioparam, out.typmod);
}

void store_row(ScanState *state, TupleTableSlot *slot, const sbfdw::FieldValue *row) {
    int natts = slot->tts_tupleDescriptor->natts;
    memset(slot->tts_values, 0, sizeof(Datum) * natts);
    memset(slot->tts_isnull, true, sizeof(bool) * natts);

    ConversionContext *cxt = &state->conversion;
    cxt->issue_id = nullptr;
    if (state->issue_id_index >= 0 && !row[state->issue_id_index].is_null)
        cxt->issue_id = row[state->issue_id_index].text.c_str();
    ErrorContextCallback callback;
    callback.callback = conversion_error_callback;
    callback.arg = cxt;
    callback.previous = error_context_stack;
    error_context_stack = &callback;

    for (int i = 0; i < state->column_count; i++) {
        const OutputColumn &out = state->columns[i];
        if (out.attnum == 0 || row[i].is_null)
            continue;
        cxt->column_name = out.name;
        slot->tts_values[out.attnum - 1] = column_datum(out, row[i]);
        slot->tts_isnull[out.attnum - 1] = false;
    }
    cxt->column_name = nullptr;
    error_context_stack = callback.previous;
    ExecStoreVirtualTuple(slot);
}

} // namespace

void begin_foreign_scan(ForeignScanState *node, int eflags) {
    auto *plan = (ForeignScan *)node->ss.ps.plan;
    EState *estate = node->ss.ps.state;
    auto *state = (ScanState *)palloc0(sizeof(ScanState));
    node->fdw_state = state;

    // Run as the user that owns the view, if any (as postgres_fdw does).
    RangeTblEntry *rte = exec_rt_fetch(plan->scan.scanrelid, estate);
    Oid userid = OidIsValid(rte->checkAsUser) ? rte->checkAsUser : GetUserId();
    state->options = read_table_options(RelationGetRelid(node->ss.ss_currentRelation));
    read_user_mapping(state->options, userid);
    state->conversion.table_name = state->options->table_name;

    state->shapes = (List *)list_nth(plan->fdw_private, FdwScanPrivateShapes);
    prepare_columns(state, (List *)list_nth(plan->fdw_private, FdwScanPrivateRetrievedAttrs));

    state->tuple_context =
        AllocSetContextCreate(estate->es_query_cxt, "smartbill_fdw tuple", ALLOCSET_SMALL_SIZES);
    state->condition_context = AllocSetContextCreate(
        estate->es_query_cxt, "smartbill_fdw conditions", ALLOCSET_SMALL_SIZES);

    // The callback first: once the runtime exists, nothing may fail before someone owns it.
    auto *release = (MemoryContextCallback *)MemoryContextAlloc(estate->es_query_cxt,
                                                                sizeof(MemoryContextCallback));
    release->func = release_runtime;
    release->arg = state;
    MemoryContextRegisterResetCallback(estate->es_query_cxt, release);
    state->runtime = start_runtime(state);

    int count = list_length(plan->fdw_exprs);
    state->expr_states = ExecInitExprList(plan->fdw_exprs, (PlanState *)node);
    state->values = (Datum *)palloc0(sizeof(Datum) * Max(count, 1));
    state->nulls = (bool *)palloc0(sizeof(bool) * Max(count, 1));
    state->has_exec_params = contains_exec_param((Node *)plan->fdw_exprs, nullptr);

    // Plain EXPLAIN shows the planned calls when every value is known without running the
    // plan (constants, stable functions, parameters of a prepared statement).
    if ((eflags & EXEC_FLAG_EXPLAIN_ONLY) && !state->has_exec_params)
        evaluate_conditions(node, state);
}

TupleTableSlot *iterate_foreign_scan(ForeignScanState *node) {
    auto *state = (ScanState *)node->fdw_state;
    TupleTableSlot *slot = node->ss.ss_ScanTupleSlot;
    if (!state->conditions_evaluated)
        evaluate_conditions(node, state);

    MemoryContextReset(state->tuple_context);
    ExecClearTuple(slot);
    if (!runtime_next(state->runtime))
        return slot;
    MemoryContext old = MemoryContextSwitchTo(state->tuple_context);
    store_row(state, slot, runtime_row(state->runtime));
    MemoryContextSwitchTo(old);
    return slot;
}

void rescan_foreign_scan(ForeignScanState *node) {
    auto *state = (ScanState *)node->fdw_state;
    // New parameter values (a nested loop's outer row): plan again at the next fetch. The core
    // answers calls it has already made from what it fetched.
    if (node->ss.ps.chgParam != NULL && state->expr_states != NIL)
        state->conditions_evaluated = false;
    runtime_restart(state->runtime, false);
}

void end_foreign_scan(ForeignScanState *node) {
    auto *state = (ScanState *)node->fdw_state;
    if (state)
        release_runtime(state);
}

void explain_foreign_scan(ForeignScanState *node, ExplainState *es) {
    auto *state = (ScanState *)node->fdw_state;
    auto *plan = (ForeignScan *)node->ss.ps.plan;

    if (es->verbose) {
        List *pushed = NIL;
        ListCell *lc;
        foreach (lc, (List *)list_nth(plan->fdw_private, FdwScanPrivatePushedQuals))
            pushed = lappend(pushed, list_nth(plan->scan.plan.qual, lfirst_int(lc)));
        if (pushed != NIL) {
            List *context = set_deparse_context_plan(es->deparse_cxt, (Plan *)plan, NIL);
            bool useprefix = list_length(es->rtable) > 1;
            ExplainPropertyText(
                "SmartBill Conditions",
                deparse_expression((Node *)make_ands_explicit(pushed), context, useprefix, false),
                es);
        }
        const char *requests =
            state && state->runtime ? runtime_plan_text(state->runtime) : nullptr;
        ExplainPropertyText("SmartBill Plan",
                            requests ? requests : "planned at execution, from parameter values",
                            es);
    }

    const sbfdw::ScanStats *stats =
        es->analyze && state && state->runtime ? runtime_stats(state->runtime) : nullptr;
    if (stats) {
        ExplainPropertyInteger("SmartBill Requests", NULL, stats->requests, es);
        ExplainPropertyInteger("SmartBill Retries", NULL, stats->retries, es);
        ExplainPropertyInteger("SmartBill Splits", NULL, stats->splits, es);
        ExplainPropertyInteger("SmartBill Token Requests", NULL, stats->token_requests, es);
        ExplainPropertyInteger("SmartBill Cached Answers", NULL, stats->cache_hits, es);
        // Times and sizes vary from run to run (answers echo the MessageId): only when the
        // user asked for timing and a summary, so that regression output stays stable.
        if (es->timing && es->summary) {
            ExplainPropertyInteger("SmartBill Response Bytes", NULL, stats->bytes, es);
            ExplainPropertyFloat("SmartBill HTTP Time", "ms", stats->http_ms, 3, es);
            ExplainPropertyFloat("SmartBill Parse Time", "ms", stats->parse_ms, 3, es);
        }
    }
}

} // namespace sbfdw::pg
