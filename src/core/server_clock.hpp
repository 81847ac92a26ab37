// The API server's clock as this process last saw it. Every answer carries ResponseTime (KST);
// its distance from the local clock is kept per endpoint, so that "today" for planning is the
// server's today. In production the two agree within seconds; a server (or the simulator) on
// another clock would otherwise be asked for days it does not consider current.
#pragma once
#include "core/no_postgres.hpp"
#include "core/calendar.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace sbfdw {

// Records server_now - local_now for `endpoint` from an answer's ResponseTime
// ("yyyyMMddHHmmss", KST) received at `local_now`. Returns false (and records nothing) when
// the text is empty or malformed.
bool note_server_time(const std::string &endpoint, std::string_view response_time,
                      Instant local_now);

// The last recorded offset of `endpoint`, in microseconds; nullopt before its first answer.
std::optional<Instant> server_clock_offset(const std::string &endpoint);

// `local_now` moved by the endpoint's offset (unchanged while no offset is known).
Instant server_now(const std::string &endpoint, Instant local_now);

// Forgets every offset (tests).
void forget_server_clocks();

} // namespace sbfdw
