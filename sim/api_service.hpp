// What an API request means: authentication, the account's companies, limits and the rows,
// applied in the documented validation order (docs/simulator.md). HTTP is handled in server.cpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>

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
// The rendered rows of recent OS_DTI_LIST answers, without the envelope (which echoes the
// MessageId). Visibility only changes at collection runs (:00/:20/:40, and purges fall on the
// same marks), so a key made of the request and the 20-minute slot of the clock stays exact.
// Repeated identical requests, as benchmarks make, then cost a copy instead of a render.
struct RenderedRowsCache {
    struct Entry {
        std::string rows; // the JSON objects of the Table array, comma separated
        size_t count = 0;
    };
    static constexpr size_t kMaxBytes = 256u << 20;
    std::unordered_map<std::string, Entry> entries;
    size_t bytes = 0;

    void clear() {
        entries.clear();
        bytes = 0;
    }
};

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
    RenderedRowsCache rendered_rows;
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
