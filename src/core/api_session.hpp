// The part of every scan that talks to SmartBill: requests sent through one HTTP engine with a
// current auth token, answers handed back raw, and the decisions that do not depend on the
// signal: retry a throttled (34001) or garbled answer with backoff, renew an expired token
// (32002) once, and otherwise turn a failed ResultCode into an Error.
#pragma once
#include "core/no_postgres.hpp"
#include "core/error.hpp"
#include "core/http_engine.hpp"
#include "core/protocol.hpp"
#include "core/settings.hpp"
#include "core/token_cache.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace sbfdw {

// One request as it travels through retries and renewals. `body` builds the JSON for a token
// and a MessageId; `description` names the call in error details (no secrets); `tag` is the
// caller's own reference.
struct ApiRequest {
    using BodyBuilder =
        std::function<std::string(const std::string &token, const std::string &message_id)>;

    BodyBuilder body;
    std::string description;
    uint64_t tag = 0;

    int attempt = 0; // retries decided here (34001, garbled answer)
    long delay_ms = 0;
    bool parse_retried = false;
    bool renewed = false;
    int token_generation = 0;
    std::string token; // the one it was sent with
    std::string message_id;
};

// A finished transfer: the request and its raw answer.
struct ApiReply {
    ApiRequest request;
    std::string body;
    long retry_after_seconds = -1;
};

class ApiSession {
public:
    ApiSession(ServerSettings settings, Credentials credentials, InterruptCheck interrupted);
    ~ApiSession();

    const ServerSettings &settings() const { return settings_; }
    const Credentials &credentials() const { return credentials_; }
    size_t concurrency() const;
    size_t in_flight() const { return in_flight_.size(); }

    // Sends now (after the request's delay), with the current token and a new MessageId.
    void send(ApiRequest request);

    // Waits until at least one request finished and returns them; empty when none is in
    // flight. Throws the transport error of a request that failed for good, with its detail.
    std::vector<ApiReply> wait();

    // Resends a reply whose body did not decode (`error` HV00B) once; false when it should fail.
    bool retry_garbled(ApiRequest &request, const Error &error);

    // Resends after a failed ResultCode when that may help (expired token, throttling); false
    // when the caller should give up (see fail()).
    bool retry_failed(ApiRequest &request, const Envelope &envelope, long retry_after_seconds);

    // The Error for a failed ResultCode.
    Error failure(const ApiRequest &request, const Envelope &envelope) const;

    // Drops every transfer in flight.
    void abort_all();

    // NULL before the first request.
    const HttpCounters *counters() const;
    long tokens_issued() const { return tokens_.tokens_issued(); }

private:
    HttpEngine &http();
    void resend_later(ApiRequest request, long retry_after_seconds);

    ServerSettings settings_;
    Credentials credentials_;
    InterruptCheck interrupted_;
    std::unique_ptr<HttpEngine> engine_;
    TokenSource tokens_;
    std::unordered_map<uint64_t, ApiRequest> in_flight_;
};

} // namespace sbfdw
