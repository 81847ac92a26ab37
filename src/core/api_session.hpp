// How every call of a scan is executed, whatever its Signal: sent through one HTTP engine with
// the current auth token and a new MessageId, answered from the rescan cache when an identical
// call already succeeded, and judged the same way: a garbled or truncated answer is asked again
// once, an expired token (32002) is renewed once, throttling (34001) and transient errors are
// retried with backoff, and any other failed ResultCode becomes an Error naming the ResultCode,
// the MessageId and the call. (Transport failures and 5xx are retried inside the HTTP engine.)
#pragma once
#include "core/no_postgres.hpp"
#include "core/error.hpp"
#include "core/http_engine.hpp"
#include "core/protocol.hpp"
#include "core/scan_stats.hpp"
#include "core/settings.hpp"
#include "core/token_cache.hpp"

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace sbfdw {

// One call as it travels through retries and renewals. `body` builds the JSON for a token and a
// MessageId; `description` names the call in error details (no secrets); `tag` is the caller's
// own reference; `cache_key`, when set, identifies the call for the rescan cache.
struct ApiRequest {
    using BodyBuilder =
        std::function<std::string(const std::string &token, const std::string &message_id)>;

    BodyBuilder body;
    std::string description;
    uint64_t tag = 0;
    std::string cache_key;

    int attempt = 0; // retries decided here (34001, garbled answer)
    long delay_ms = 0;
    bool parse_retried = false;
    bool renewed = false;
    int token_generation = 0;
    std::string token; // the one it was sent with
    std::string message_id;
};

// A finished call: the request and its raw answer.
struct ApiReply {
    ApiRequest request;
    std::string body;
    long retry_after_seconds = -1;
    bool from_cache = false; // an answer kept from an earlier identical call
};

// What became of an answer (see ApiSession::accept).
enum class ReplyOutcome {
    Succeeded, // ResultCode 30000: what the decoder read is the caller's
    Resent,    // asked again (garbled answer, expired token, throttling): forget this reply
    Failed,    // a failed ResultCode nothing here can fix: see ApiSession::failure
};

class ApiSession {
public:
    ApiSession(ServerSettings settings, Credentials credentials, InterruptCheck interrupted);
    ~ApiSession();

    const ServerSettings &settings() const { return settings_; }
    const Credentials &credentials() const { return credentials_; }

    // True when one more call may be sent: fewer than max_concurrency are in flight and fewer
    // than that many decoded answers (`unread`) wait for the caller, so memory stays bounded.
    bool has_room(size_t unread) const;
    // Calls sent (or answered from the cache) whose reply wait() has not returned yet.
    size_t in_flight() const { return in_flight_.size() + recalled_.size(); }

    // Sends now (after the request's delay), with the current token and a new MessageId; a call
    // whose cache_key names a kept answer is answered from the cache instead.
    void send(ApiRequest request);

    // Waits until at least one call finished and returns them; empty when none is in flight.
    // Throws the transport error of a call that failed for good, naming its MessageId and call.
    std::vector<ApiReply> wait();

    // Judges an answer. `decode` parses reply.body (keeping what it decoded for the caller) and
    // returns its envelope; an HV00B error from it (garbled answer) is retried once, other
    // errors are rethrown with the call's description. Successes are kept for rescans. The
    // envelope's ResponseTime updates the server clock's offset (core/server_clock.hpp).
    ReplyOutcome accept(ApiReply &reply, const std::function<const Envelope &()> &decode);

    // The Error for a failed ResultCode: the API's code and message, the MessageId, the call.
    Error failure(const ApiReply &reply, const Envelope &envelope) const;

    // True once an answer of this session carried a ResponseTime.
    bool heard_server_time() const { return heard_server_time_; }

    // Drops every call in flight; the rescan cache stays.
    void abort_all();

    // Adds this session's requests, retries, bytes, network and decoding times, token
    // requests and cache hits to `stats`.
    void add_stats(ScanStats &stats) const;

private:
    HttpEngine &http();
    void resend_later(ApiRequest request, long retry_after_seconds);
    bool retry_garbled(ApiRequest &request, const Error &error);
    bool retry_failed(ApiRequest &request, const Envelope &envelope, long retry_after_seconds);
    void remember_answer(const std::string &key, const std::string &body);

    ServerSettings settings_;
    Credentials credentials_;
    InterruptCheck interrupted_;
    std::unique_ptr<HttpEngine> engine_;
    TokenSource tokens_;
    std::unordered_map<uint64_t, ApiRequest> in_flight_;
    std::deque<ApiReply> recalled_; // answered from the cache, not yet returned by wait()

    // Rescan cache: raw answers of calls that succeeded, within rescan_cache_bytes.
    std::unordered_map<std::string, std::string> answers_;
    int64_t answers_bytes_ = 0;

    bool heard_server_time_ = false;
    long cache_hits_ = 0;
    double parse_ms_ = 0;
};

// Advances a scan (any type with next_row(), refresh_stats() and drop_work()) by one row.
// When that fails, every call in flight is dropped first: no transfer outlives a failed scan.
template <typename ScanState> bool advance_scan(ScanState &scan) {
    try {
        const bool more = scan.next_row();
        scan.refresh_stats();
        return more;
    } catch (...) {
        scan.drop_work();
        scan.refresh_stats();
        throw;
    }
}

} // namespace sbfdw
