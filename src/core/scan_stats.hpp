// What a scan did, for EXPLAIN ANALYZE.
#pragma once
#include "core/no_postgres.hpp"

#include <cstdint>

namespace sbfdw {

struct ScanStats {
    long requests = 0; // HTTP requests sent (retries and splits included)
    long retries = 0;
    long splits = 0;         // windows halved after 31005
    long token_requests = 0; // GET_TOKEN calls
    long cache_hits = 0;     // calls answered from the rescan cache
    int64_t bytes = 0;       // response bytes received
    double http_ms = 0;      // wall time spent waiting for the network
    double parse_ms = 0;     // time spent decoding answers
    long rows = 0;
};

} // namespace sbfdw
