// Module entry points: PG_MODULE_MAGIC, the FDW handler and the option validator.
#include "pg/guard.hpp"

extern "C" {
#include "postgres.h"
#include "fmgr.h"
#include "foreign/fdwapi.h"
#include "nodes/nodes.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(smartbill_fdw_handler);
PG_FUNCTION_INFO_V1(smartbill_fdw_validator);
}

extern "C" Datum smartbill_fdw_handler(PG_FUNCTION_ARGS) {
    FdwRoutine *routine = makeNode(FdwRoutine);
    PG_RETURN_POINTER(routine);
}

extern "C" Datum smartbill_fdw_validator(PG_FUNCTION_ARGS) {
    PG_RETURN_VOID();
}
