#include "core/server_clock.hpp"

#include <map>

namespace sbfdw {
namespace {

// One backend serves one session on one thread: a plain map is enough.
std::map<std::string, Instant> &offsets() {
    static std::map<std::string, Instant> by_endpoint;
    return by_endpoint;
}

} // namespace

bool note_server_time(const std::string &endpoint, std::string_view response_time,
                      Instant local_now) {
    const std::optional<Instant> server = parse_kst_datetime(response_time);
    if (!server)
        return false;
    offsets()[endpoint] = *server - local_now;
    return true;
}

std::optional<Instant> server_clock_offset(const std::string &endpoint) {
    auto it = offsets().find(endpoint);
    if (it == offsets().end())
        return std::nullopt;
    return it->second;
}

Instant server_now(const std::string &endpoint, Instant local_now) {
    return local_now + server_clock_offset(endpoint).value_or(0);
}

void forget_server_clocks() {
    offsets().clear();
}

} // namespace sbfdw
