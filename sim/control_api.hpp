// The control API under /_sim/: accounts, request log, clock, faults, reset, profile, Hometax
// status, limits and the ground-truth export. JSON in and out; never faulted, never rate limited.
#pragma once

namespace httplib {
class Server;
}

namespace sim {

struct SimHost;

void register_control_api(httplib::Server &http, SimHost &host);

} // namespace sim
