// The simulator's state behind one mutex, plus what it was at start so /_sim/reset can return
// there. Shared by the API endpoint (server.cpp) and the control API (control_api.cpp).
#pragma once

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "api_service.hpp"
#include "server.hpp"

namespace sim {

struct SimHost {
    explicit SimHost(const ServerOptions &options);

    // Call with `mutex` held.
    std::string account_json() const;
    void reset();

    std::mutex mutex;
    SimState state;
    const ServerOptions start;
    IssuedToken initial_token;
    std::vector<std::pair<std::string, Company::Hometax>> initial_hometax;
    int port = 0;
};

} // namespace sim
