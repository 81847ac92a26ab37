// When SmartBill's crawler picks an invoice up from Hometax, and when it deletes it again.
#pragma once

#include "core/calendar.hpp"

namespace sim {

using sbfdw::Day;
using sbfdw::Instant;

// The crawler runs at :00, :20 and :40 KST (KST is UTC+9, a whole number of 20-minute periods,
// so the runs are also at :00/:20/:40 UTC).
inline constexpr Instant kCollectionInterval = 20 * 60 * sbfdw::kMicrosPerSecond;

// The first run strictly after `sent_at`: an invoice sent at 10:05:00 or at 10:00:00 is collected
// at 10:20:00 (a run cannot see what arrives at its own instant). Always on a whole second.
Instant collection_time(Instant sent_at);

// Retention: 3 calendar months after collection, same KST time of day; when that month is
// shorter, the last day of the month (11-30 10:20 -> 02-28/29 10:20), as PostgreSQL's
// `timestamp + interval '3 months'` does.
Instant purge_time(Instant collected_at);

// Visible from collected_at (inclusive) until purge_time(collected_at) (exclusive).
bool is_visible(Instant collected_at, Instant now);

// The latest instant at which anything sent on KST day `sent_day` is still visible: every
// invoice sent that day is gone at or after this instant.
Instant day_purge_bound(Day sent_day);

} // namespace sim
