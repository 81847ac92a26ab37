// Connection settings and credentials, as validated from the server and user mapping options.
#pragma once
#include "core/no_postgres.hpp"

#include <cstdint>
#include <string>

namespace sbfdw {

inline constexpr const char *kDemoEndpoint = "https://demoapi.smartbill.co.kr/sb-api/request/";
inline constexpr const char *kProductionEndpoint = "https://api.smartbill.co.kr/sb-api/request/";

struct ServerSettings {
    std::string endpoint = kProductionEndpoint;
    long connect_timeout_ms = 10000;
    long request_timeout_ms = 120000;
    int max_retries = 3;
    int max_concurrency = 4;
    int max_range_days = 30;
    int64_t max_response_bytes = 256LL * 1024 * 1024;
    std::string proxy;                // empty: none (environment proxies are ignored)
    std::string ca_file;              // empty: system bundle
    bool allow_insecure_http = false; // plain http to a non-loopback host
    double rows_per_day = 200;        // planner estimate per company and direction
    // Default window when no date qual narrows the scan: SmartBill purges 3 calendar months
    // (at most 92 days) after collection, so the day 92 days back is still partly kept.
    int retention_days = 93;
    long retry_base_delay_ms = 250; // first retry's backoff; doubles per retry, with jitter
    int64_t rescan_cache_bytes = 64LL * 1024 * 1024; // answers a scan keeps for its rescans
};

// Secrets. Never printed, logged or put into an error.
struct Credentials {
    std::string send_com_regno;
    std::string auth_token; // either this ...
    std::string sb_id;      // ... or sb_id + auth_code, to issue tokens (GET_TOKEN)
    std::string auth_code;  // also required by OS_DTI_XML
};

} // namespace sbfdw
