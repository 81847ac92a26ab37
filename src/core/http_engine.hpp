// HTTP transport to the SmartBill API: libcurl's multi interface driven on the caller's thread
// (no threads are started), many transfers at once up to max_concurrency, connections kept alive
// for the engine's lifetime, interrupt checks at least every 100 ms, and retries with
// exponential backoff for transient failures.
#pragma once
#include "core/no_postgres.hpp"
#include "core/endpoint_url.hpp"
#include "core/error.hpp"
#include "core/settings.hpp"

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sbfdw {

// Checks that an endpoint is an http(s) URL, and that plain http goes to a loopback host unless
// allowed. Throws Error (HV024) otherwise.
void validate_endpoint(const std::string &endpoint, bool allow_insecure_http);

struct HttpResult {
    uint64_t id = 0;
    int attempt = 0; // 0 for the first try; retries count up
    long status = 0; // HTTP status (0 when no answer)
    std::string body;
    long retry_after_seconds = -1; // from a Retry-After header, -1 when absent
    std::optional<Error> error;    // set when the transfer failed for good (retries exhausted)

    bool ok() const { return !error; }
};

struct HttpCounters {
    long requests = 0;  // transfers started (retries included)
    long retries = 0;   // transfers that were retries
    int64_t bytes = 0;  // response body bytes received (after decompression)
    double wait_ms = 0; // wall time spent waiting for the network
};

class HttpEngine {
public:
    // Validates settings.endpoint (throws Error). `interrupted` may be null (never interrupted).
    HttpEngine(ServerSettings settings, InterruptCheck interrupted);
    ~HttpEngine();
    HttpEngine(const HttpEngine &) = delete;
    HttpEngine &operator=(const HttpEngine &) = delete;

    // Queues a POST of `body` to the endpoint, started no sooner than `delay_ms` from now.
    // `attempt` > 0 marks a retry decided by the caller (e.g. after ResultCode 34001).
    uint64_t submit(std::string body, long delay_ms = 0, int attempt = 0);

    // Runs transfers until at least one has finished for good (success, a non-retryable
    // status, or retries exhausted) and returns every finished one; empty when nothing is
    // queued. Throws Interrupted (after aborting every transfer) when the interrupt check fires.
    std::vector<HttpResult> wait();

    // Sends one request and waits for it alone; other finished transfers are kept for wait().
    HttpResult perform(std::string body);

    // Drops every queued and running transfer.
    void abort_all();

    // Transfers queued, running or finished but not yet returned.
    size_t pending() const;

    // The delay before retry number `attempt` (1 = first retry): Retry-After when given
    // (capped), else exponential backoff with jitter.
    long backoff_ms(int attempt, long retry_after_seconds);

    const HttpCounters &counters() const { return counters_; }
    const ServerSettings &settings() const { return settings_; }

private:
    struct Transfer;
    struct Multi;

    void start_ready_transfers();
    void finish(Transfer *transfer, int curl_code);
    void pump(const std::optional<uint64_t> &until_id);
    Error transport_error(Transfer &transfer, int curl_code, bool &retryable) const;
    Error status_error(long status) const;

    ServerSettings settings_;
    InterruptCheck interrupted_;
    std::string host_;
    std::unique_ptr<Multi> multi_;
    std::deque<std::unique_ptr<Transfer>> queued_;
    std::vector<std::unique_ptr<Transfer>> running_;
    std::deque<HttpResult> finished_;
    uint64_t next_id_ = 1;
    uint64_t random_state_;
    HttpCounters counters_;
};

} // namespace sbfdw
