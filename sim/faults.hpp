// Fault injection for the API endpoint: what a flaky network, a broken gateway or a sloppy
// serializer would do to an answer. Faults apply to the next `count` API requests, or to a
// deterministic `fraction` of them, optionally only for one Signal. The control API is never
// faulted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "row_format.hpp"

namespace sim {

enum class FaultKind {
    Latency,      // answer `ms` later
    HttpStatus,   // answer `status` (500/502/503...) with a small HTML page
    Reset,        // chunked answer cut after `bytes` (default half) and the connection closed
    Truncated,    // Content-Length of the whole answer, only `bytes` (default half) sent, closed
    InvalidJson,  // the answer's JSON text is cut before its last brace
    WrongType,    // `field` (default SUP_AMOUNT) as an object, or a number where a string goes
    MissingField, // `field` (default SUP_AMOUNT) left out of the rows
    NullField,    // `field` (default SUP_AMOUNT) null
    Oversized,    // `field` (default SUP_COM_NAME) a `bytes` (default 10 MB) string, first row only
    InvalidUtf8,  // bytes C3 28 inside `field` (default SUP_COM_NAME)
    ReplaceField, // `field` (default SUP_COM_NAME) becomes the string `value`
    SlowDrip,     // the answer in `chunk_bytes` pieces, `pause_ms` apart
    ResultCode,   // a forced ResultCode `code` (34001 adds Retry-After: `retry_after`)
};

const char *fault_kind_name(FaultKind kind);

struct Fault {
    FaultKind kind = FaultKind::Latency;
    std::string signal;   // empty: any
    int remaining = 1;    // -1: unlimited (a fraction without a count)
    double fraction = -1; // < 0: every matching request
    int ms = 1000;
    int status = 503;
    std::string field;
    std::string value; // replace_field
    bool all_rows = true;
    size_t bytes = 0; // 0: the default of the kind
    int chunk_bytes = 256;
    int pause_ms = 50;
    std::string code = "39999";
    int retry_after = 1;

    // The row-level corruption of this fault, when it is one.
    std::optional<FieldFault> field_fault() const;
};

// Reads a fault from a POST /_sim/faults body; the error text says what is wrong.
std::optional<Fault> parse_fault(std::string_view json, std::string &error);

class FaultPlan {
public:
    explicit FaultPlan(uint64_t seed) : seed_(seed), rng_(seed) {}

    void add(Fault fault) { faults_.push_back(std::move(fault)); }
    void clear();

    // The fault to apply to an API request for `signal`, if any; counts it.
    std::optional<Fault> take(std::string_view signal);

    // The pending faults, as a JSON array.
    std::string to_json() const;

private:
    double next_uniform();

    uint64_t seed_;
    uint64_t rng_;
    std::vector<Fault> faults_;
};

} // namespace sim
