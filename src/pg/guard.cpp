// Capturing core exceptions and raising them as PostgreSQL errors once the C++ frames are gone.

#include "pg/guard.hpp"

extern "C" {
#include "postgres.h"
#include "miscadmin.h"
}

namespace sbfdw::pg {
namespace {

enum class CapturedKind { Error, Interrupted, OutOfMemory, Internal };

// Plain storage: filled inside a catch block, read after it. Backends are single-threaded.
struct CapturedError {
    CapturedKind kind;
    char sqlstate[6];
    char message[1024];
    char detail[4096];
    char hint[1024];
};

CapturedError captured;

void copy_text(char *dest, size_t size, const char *src) noexcept {
    strlcpy(dest, src ? src : "", size);
}

} // namespace

void capture_current_exception() noexcept {
    captured.kind = CapturedKind::Internal;
    copy_text(captured.sqlstate, sizeof captured.sqlstate, sbfdw::sqlstate::kInternalError);
    captured.message[0] = captured.detail[0] = captured.hint[0] = '\0';
    try {
        throw;
    } catch (const sbfdw::Error &e) {
        captured.kind = CapturedKind::Error;
        copy_text(captured.sqlstate, sizeof captured.sqlstate, e.sqlstate().c_str());
        copy_text(captured.message, sizeof captured.message, e.message().c_str());
        copy_text(captured.detail, sizeof captured.detail, e.detail().c_str());
        copy_text(captured.hint, sizeof captured.hint, e.hint().c_str());
    } catch (const sbfdw::Interrupted &) {
        captured.kind = CapturedKind::Interrupted;
    } catch (const std::bad_alloc &) {
        captured.kind = CapturedKind::OutOfMemory;
    } catch (const std::exception &e) {
        copy_text(captured.message, sizeof captured.message, e.what());
    } catch (...) {
        copy_text(captured.message, sizeof captured.message, "unknown C++ exception");
    }
}

void raise_captured_error() {
    switch (captured.kind) {
    case CapturedKind::Interrupted:
        CHECK_FOR_INTERRUPTS();
        // The interrupt was already serviced elsewhere (e.g. a cancel request that arrived
        // while not in a query): report the stop rather than continue with a half-done scan.
        ereport(ERROR,
                (errcode(ERRCODE_QUERY_CANCELED), errmsg("smartbill_fdw request interrupted")));
        break;
    case CapturedKind::OutOfMemory:
        ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory"),
                        errdetail("smartbill_fdw could not allocate memory.")));
        break;
    case CapturedKind::Error: {
        const char *s = captured.sqlstate;
        ereport(ERROR, (errcode(MAKE_SQLSTATE(s[0], s[1], s[2], s[3], s[4])),
                        errmsg_internal("%s", captured.message),
                        captured.detail[0] ? errdetail_internal("%s", captured.detail) : 0,
                        captured.hint[0] ? errhint("%s", captured.hint) : 0));
        break;
    }
    case CapturedKind::Internal:
        ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                        errmsg("smartbill_fdw internal error: %s", captured.message)));
        break;
    }
    pg_unreachable();
}

} // namespace sbfdw::pg
