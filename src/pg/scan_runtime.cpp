// The C++ side of a scan: options turned into settings, conditions into a plan, and the scan
// that runs it (InvoiceScan for tax_invoices, DocumentScan for the tables of original documents).
// Every entry point runs inside guarded(), takes plain C data from the PostgreSQL side and calls
// nothing of PostgreSQL's that could raise an error.
#include "core/calendar.hpp"
#include "core/document_scan.hpp"
#include "core/error.hpp" // for InterruptCheck (invoice_scan.hpp uses it)
#include "core/invoice_scan.hpp"
#include "core/options.hpp"
#include "core/scan_plan.hpp"
#include "core/server_clock.hpp"
#include "core/table_catalog.hpp"

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
static_assert(int(PushColumn::IssueId) == int(sbfdw::PlanColumn::IssueId));
static_assert(int(sbfdw::CompareOp::Eq) == 0 && int(sbfdw::CompareOp::Lt) == 1 &&
              int(sbfdw::CompareOp::Le) == 2 && int(sbfdw::CompareOp::Gt) == 3 &&
              int(sbfdw::CompareOp::Ge) == 4);

struct ScanRuntime {
    sbfdw::ServerSettings settings;
    sbfdw::Credentials credentials;
    std::string default_corp_num;
    std::string table_name;
    std::vector<sbfdw::FieldSpec> fields;
    sbfdw::Resource resource = sbfdw::Resource::TaxInvoices;
    sbfdw::DocumentPlan plan; // only .listing for tax_invoices
    bool planned = false;
    std::string plan_text;
    std::unique_ptr<sbfdw::InvoiceScan> scan;
    std::unique_ptr<sbfdw::DocumentScan> document_scan;
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
    // Today is the API server's, once an answer told its clock (core/server_clock.hpp).
    in.today = sbfdw::kst_day_of(sbfdw::server_now(settings.endpoint, now_unix_micros));
    in.max_range_days = settings.max_range_days;
    in.retention_days = settings.retention_days;
    return in;
}

sbfdw::Resource resource_of(const ForeignTableOptions *options) {
    const sbfdw::TableDef *table = sbfdw::find_table(options->resource);
    return table ? table->resource : sbfdw::Resource::TaxInvoices;
}

sbfdw::DocumentPlan plan_for(sbfdw::Resource resource, const sbfdw::PlanInputs &inputs) {
    if (resource == sbfdw::Resource::TaxInvoices) {
        sbfdw::DocumentPlan plan;
        plan.listing = sbfdw::plan_scan(inputs);
        return plan;
    }
    return sbfdw::plan_document_scan(inputs);
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
            plan_for(resource_of(options), plan_inputs(settings, corp, condition, now_unix_micros))
                .listing;
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
        runtime->resource = resource_of(options);
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
        runtime->plan =
            plan_for(runtime->resource, plan_inputs(runtime->settings, runtime->default_corp_num,
                                                    condition, now_unix_micros));
        runtime->plan_text = runtime->resource == sbfdw::Resource::TaxInvoices
                                 ? sbfdw::describe_plan(runtime->plan.listing)
                                 : sbfdw::describe_document_plan(runtime->plan);
        runtime->planned = true;
        runtime->replanned = true;
    });
}

namespace {

bool next_document_row(ScanRuntime *runtime) {
    if (!runtime->document_scan) {
        const sbfdw::DtiRowKind kind = runtime->resource == sbfdw::Resource::TaxInvoiceItems
                                           ? sbfdw::DtiRowKind::Item
                                           : sbfdw::DtiRowKind::Document;
        runtime->document_scan = std::make_unique<sbfdw::DocumentScan>(
            runtime->settings, runtime->credentials, kind, runtime->plan, runtime->fields,
            runtime->table_name, &postgres_interrupt_pending);
    } else if (runtime->restart_pending) {
        runtime->document_scan->restart(runtime->replanned ? &runtime->plan : nullptr);
    }
    runtime->restart_pending = false;
    runtime->replanned = false;
    return runtime->document_scan->next();
}

} // namespace

bool runtime_next(ScanRuntime *runtime) {
    return guarded([&] {
        if (runtime->resource != sbfdw::Resource::TaxInvoices)
            return next_document_row(runtime);
        if (!runtime->scan) {
            runtime->scan = std::make_unique<sbfdw::InvoiceScan>(
                runtime->settings, runtime->credentials, runtime->plan.listing, runtime->fields,
                runtime->table_name, &postgres_interrupt_pending);
            runtime->restart_pending = false;
            runtime->replanned = false;
        } else if (runtime->restart_pending) {
            runtime->scan->restart(runtime->replanned ? &runtime->plan.listing : nullptr);
            runtime->restart_pending = false;
            runtime->replanned = false;
        }
        return runtime->scan->next();
    });
}

const sbfdw::FieldValue *runtime_row(ScanRuntime *runtime) {
    if (runtime->document_scan)
        return runtime->document_scan->row().data();
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
    if (runtime->document_scan)
        return &runtime->document_scan->stats();
    return runtime->scan ? &runtime->scan->stats() : nullptr;
}

} // namespace sbfdw::pg
