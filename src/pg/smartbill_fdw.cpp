// Module entry points: PG_MODULE_MAGIC, _PG_init, the FDW handler and the option validator.
#include "core/options.hpp"

#include "pg/smartbill_fdw.hpp"

extern "C" {
#include "access/reloptions.h"
#include "catalog/pg_attribute.h"
#include "catalog/pg_foreign_data_wrapper.h"
#include "catalog/pg_foreign_server.h"
#include "catalog/pg_foreign_table.h"
#include "catalog/pg_user_mapping.h"
#include "commands/defrem.h"
#include "fmgr.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(smartbill_fdw_handler);
PG_FUNCTION_INFO_V1(smartbill_fdw_validator);

void _PG_init(void);
}

using namespace sbfdw::pg;

namespace {

// The object an option list belongs to, from the catalog the validator is called for.
int option_level(Oid catalog) {
    switch (catalog) {
    case ForeignServerRelationId:
        return int(sbfdw::OptionLevel::Server);
    case UserMappingRelationId:
        return int(sbfdw::OptionLevel::UserMapping);
    case ForeignTableRelationId:
        return int(sbfdw::OptionLevel::Table);
    case AttributeRelationId:
        return int(sbfdw::OptionLevel::Column);
    case ForeignDataWrapperRelationId:
    default:
        return int(sbfdw::OptionLevel::Wrapper);
    }
}

} // namespace

extern "C" void _PG_init(void) {
    install_import_comment_hook();
}

extern "C" Datum smartbill_fdw_handler(PG_FUNCTION_ARGS) {
    FdwRoutine *routine = makeNode(FdwRoutine);
    routine->GetForeignRelSize = get_foreign_rel_size;
    routine->GetForeignPaths = get_foreign_paths;
    routine->GetForeignPlan = get_foreign_plan;
    routine->BeginForeignScan = begin_foreign_scan;
    routine->IterateForeignScan = iterate_foreign_scan;
    routine->ReScanForeignScan = rescan_foreign_scan;
    routine->EndForeignScan = end_foreign_scan;
    routine->ExplainForeignScan = explain_foreign_scan;
    routine->ImportForeignSchema = import_foreign_schema;
    PG_RETURN_POINTER(routine);
}

// Checks the complete option list of a wrapper, server, user mapping, table or column with the
// core's rules (names, values, combinations), at CREATE and ALTER time.
extern "C" Datum smartbill_fdw_validator(PG_FUNCTION_ARGS) {
    List *options = untransformRelOptions(PG_GETARG_DATUM(0));
    Oid catalog = PG_GETARG_OID(1);

    OptionPairs pairs{0, nullptr};
    pairs.items = (OptionPair *)palloc0(sizeof(OptionPair) * Max(list_length(options), 1));
    ListCell *lc;
    foreach (lc, options) {
        DefElem *def = (DefElem *)lfirst(lc);
        pairs.items[pairs.count++] = OptionPair{def->defname, defGetString(def)};
    }
    validate_options(option_level(catalog), pairs);
    PG_RETURN_VOID();
}
