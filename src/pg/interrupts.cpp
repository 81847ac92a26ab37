// The interrupt check the core polls while it waits on the network.
//
// It only reads PostgreSQL's flags: servicing the interrupt (CHECK_FOR_INTERRUPTS) would longjmp
// across C++ frames. The core stops with sbfdw::Interrupted and the guard services it once those
// frames are gone.
#include "pg/smartbill_fdw.hpp"

extern "C" {
#include "miscadmin.h"
}

namespace sbfdw::pg {

bool postgres_interrupt_pending() {
    // Only interrupts PostgreSQL will act on now: one held off (e.g. inside a critical section)
    // would make the guard stop the scan for nothing.
    return INTERRUPTS_PENDING_CONDITION() && INTERRUPTS_CAN_BE_PROCESSED();
}

} // namespace sbfdw::pg
