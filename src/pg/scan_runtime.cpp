// The C++ side of a scan: options turned into settings, conditions into a ScanPlan, and the
// InvoiceScan that runs it. Every entry point runs inside guarded(), takes plain C data from the
// PostgreSQL side and calls nothing of PostgreSQL's that could raise an error.
#include "core/calendar.hpp"
#include "core/error.hpp" // for InterruptCheck (invoice_scan.hpp uses it)
#include "core/invoice_scan.hpp"
#include "core/options.hpp"
#include "core/scan_plan.hpp"

#include "pg/guard.hpp"
#include "pg/smartbill_fdw.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace sbfdw::pg {

// The numbering quals.cpp and option_reader.cpp use for the core's enums.
static_assert(int(PushColumn::WriteDate) == int(sbfdw::PlanColumn::WriteDate));
static_assert(int(PushColumn::IssuedAt) == int(sbfdw::PlanColumn::IssuedAt));
static_assert(int(PushColumn::SentAt) == int(sbfdw::PlanColumn::SentAt));
static_assert(int(PushColumn::SupbuyType) == int(sbfdw::PlanColumn::SupbuyType));
static_assert(int(PushColumn::CorpNum) == int(sbfdw::PlanColumn::CorpNum));
static_assert(int(sbfdw::CompareOp::Eq) == 0 && int(sbfdw::CompareOp::Lt) == 1 &&
              int(sbfdw::CompareOp::Le) == 2 && int(sbfdw::CompareOp::Gt) == 3 &&
              int(sbfdw::CompareOp::Ge) == 4);

struct ScanRuntime {
    sbfdw::ServerSettings settings;
    sbfdw::Credentials credentials;
    std::string default_corp_num;
    std::string table_name;
    std::vector<sbfdw::FieldSpec> fields;
    sbfdw::ScanPlan plan;
    bool planned = false;
    std::string plan_text;
    std::unique_ptr<sbfdw::InvoiceScan> scan;
    bool restart_pending = false;
    bool replanned = false;
};

namespace {

sbfdw::OptionList option_list(const OptionPairs &pairs) {
    sbfdw::OptionList list;
    for (int i = 0; i < pairs.count; i++)
        list.emplace_back(pairs.items[i].name, pairs.items[i].value);
    return list;
}

sbfdw::Condition to_condition(const PlainCondition &plain) {
    switch (plain.kind) {
    case PlainCondition::Leaf: {
        sbfdw::Comparison c;
        c.column = sbfdw::PlanColumn(plain.column);
        c.op = sbfdw::CompareOp(plain.op);
        c.day = plain.day;
        c.instant = plain.instant;
        if (plain.text)
            c.text = plain.text;
        c.is_null_constant = plain.is_null_constant;
        return sbfdw::Condition::make_leaf(std::move(c));
    }
    case PlainCondition::And:
    case PlainCondition::Or: {
        std::vector<sbfdw::Condition> args;
        for (int i = 0; i < plain.nargs; i++)
            args.push_back(to_condition(plain.args[i]));
        return plain.kind == PlainCondition::And ? sbfdw::Condition::make_and(std::move(args))
                                                 : sbfdw::Condition::make_or(std::move(args));
    }
    case PlainCondition::False:
        return sbfdw::Condition::always_false();
    case PlainCondition::Unknown:
        break;
    }
    return sbfdw::Condition::unknown();
}

sbfdw::PlanInputs plan_inputs(const sbfdw::ServerSettings &settings,
                              const std::string &default_corp_num, const PlainCondition *condition,
                              int64 now_unix_micros) {
    sbfdw::PlanInputs in;
    if (condition)
        in.condition = to_condition(*condition);
    in.default_corp_num = default_corp_num;
    in.today = sbfdw::kst_day_of(now_unix_micros);
    in.max_range_days = settings.max_range_days;
    in.retention_days = settings.retention_days;
    return in;
}

} // namespace

void validate_options(int level, const OptionPairs &pairs) {
    guarded([&] { sbfdw::validate_option_list(sbfdw::OptionLevel(level), option_list(pairs)); });
}

PlanEstimate estimate_plan(const ForeignTableOptions *options, const PlainCondition *condition,
                           int64 now_unix_micros) {
    return guarded([&] {
        sbfdw::ServerSettings settings = sbfdw::server_settings_from(option_list(options->server));
        // The company does not change the number of calls; the mapping is not read to plan.
        std::string corp = sbfdw::table_options_from(option_list(options->table)).corp_num;
        if (corp.empty())
            corp = "default";
        sbfdw::ScanPlan plan =
            sbfdw::plan_scan(plan_inputs(settings, corp, condition, now_unix_micros));
        PlanEstimate e{};
        e.rows_per_day = settings.rows_per_day;
        e.retention_days = settings.retention_days;
        e.contradiction = plan.empty();
        e.calls = double(plan.calls_count());
        for (const sbfdw::DayRange &w : plan.windows)
            e.days += double(w.last - w.first + 1);
        e.companies = double(plan.corp_nums.size());
        e.directions = double(plan.directions.size());
        return e;
    });
}

ScanRuntime *create_scan_runtime(const ForeignTableOptions *options, const FieldRequest *fields,
                                 int field_count) {
    return guarded([&] {
        auto runtime = std::make_unique<ScanRuntime>();
        runtime->settings = sbfdw::server_settings_from(option_list(options->server));
        runtime->credentials = sbfdw::credentials_from(option_list(options->mapping));
        runtime->default_corp_num = sbfdw::table_options_from(option_list(options->table)).corp_num;
        if (runtime->default_corp_num.empty())
            runtime->default_corp_num = runtime->credentials.send_com_regno;
        runtime->table_name = options->table_name;
        for (int i = 0; i < field_count; i++) {
            sbfdw::FieldSpec spec;
            spec.column_name = fields[i].column_name;
            spec.kind = sbfdw::FieldKind(fields[i].kind);
            if (fields[i].is_corp_num)
                spec.source = sbfdw::FieldSpec::Source::CorpNum;
            else
                spec.api_name = fields[i].api_field;
            runtime->fields.push_back(std::move(spec));
        }
        return runtime.release();
    });
}

void destroy_scan_runtime(ScanRuntime *runtime) noexcept {
    delete runtime;
}

void plan_runtime(ScanRuntime *runtime, const PlainCondition *condition, int64 now_unix_micros) {
    guarded([&] {
        runtime->plan = sbfdw::plan_scan(
            plan_inputs(runtime->settings, runtime->default_corp_num, condition, now_unix_micros));
        runtime->plan_text = sbfdw::describe_plan(runtime->plan);
        runtime->planned = true;
        runtime->replanned = true;
    });
}

bool runtime_next(ScanRuntime *runtime) {
    return guarded([&] {
        if (!runtime->scan) {
            runtime->scan = std::make_unique<sbfdw::InvoiceScan>(
                runtime->settings, runtime->credentials, runtime->plan, runtime->fields,
                runtime->table_name, &postgres_interrupt_pending);
            runtime->restart_pending = false;
            runtime->replanned = false;
        } else if (runtime->restart_pending) {
            runtime->scan->restart(runtime->replanned ? &runtime->plan : nullptr);
            runtime->restart_pending = false;
            runtime->replanned = false;
        }
        return runtime->scan->next();
    });
}

const sbfdw::FieldValue *runtime_row(ScanRuntime *runtime) {
    return runtime->scan->row().data();
}

void runtime_restart(ScanRuntime *runtime, bool replanned) {
    // Deferred to the next fetch, so a rescan that is never read costs nothing.
    runtime->restart_pending = true;
    if (replanned)
        runtime->replanned = true;
}

const char *runtime_plan_text(ScanRuntime *runtime) {
    return runtime->planned ? runtime->plan_text.c_str() : nullptr;
}

const sbfdw::ScanStats *runtime_stats(ScanRuntime *runtime) {
    return runtime->scan ? &runtime->scan->stats() : nullptr;
}

} // namespace sbfdw::pg
