// What an API request means: authentication, the account's companies, limits and the rows,
// applied in the documented validation order (docs/simulator.md). HTTP is handled in server.cpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "accounts.hpp"
#include "dataset.hpp"
#include "faults.hpp"
#include "protocol.hpp"
#include "rate_limiter.hpp"
#include "request_log.hpp"
#include "row_format.hpp"
#include "sim_clock.hpp"

namespace sim {

inline constexpr size_t kDefaultRowCap = 10000;

// Everything the simulator knows; the server guards it with one mutex.
struct SimState {
    SimState(GeneratorConfig config, SimClock clock_at_start)
        : dataset(config), clock(clock_at_start), tokens(config.seed), faults(config.seed) {}

    Dataset dataset;
    SimClock clock;
    TokenStore tokens;
    FaultPlan faults;
    RateLimiter limiter;
    RequestLog log;
    Profile profile = Profile::Default;
    size_t row_cap = kDefaultRowCap;
};

struct ApiAnswer {
    int http_status = 200;
    std::string body;
    std::string result_code;
    std::optional<int> retry_after; // seconds, for a Retry-After header
    size_t rows = 0;
};

// Answers a parsed request (validation steps 2 onwards). `fault` corrupts fields of the rows.
ApiAnswer answer_api_request(SimState &state, const ApiRequest &request, const FieldFault *fault);

// An envelope with a forced result code and an empty Table (the result_code fault).
ApiAnswer answer_with_code(SimState &state, const ApiRequest &request, const std::string &code);

// The answer to a body that is not a JSON object: HTTP 400 with an envelope saying so.
ApiAnswer answer_bad_body(SimState &state);

} // namespace sim
