#include "core/api_session.hpp"

#include "core/result_codes.hpp"

namespace sbfdw {

ApiSession::ApiSession(ServerSettings settings, Credentials credentials, InterruptCheck interrupted)
    : settings_(std::move(settings)), credentials_(std::move(credentials)),
      interrupted_(interrupted), tokens_(settings_.endpoint, credentials_) {
    validate_endpoint(settings_.endpoint, settings_.allow_insecure_http);
}

ApiSession::~ApiSession() = default;

HttpEngine &ApiSession::http() {
    if (!engine_)
        engine_ = std::make_unique<HttpEngine>(settings_, interrupted_);
    return *engine_;
}

size_t ApiSession::concurrency() const {
    return static_cast<size_t>(std::max(1, settings_.max_concurrency));
}

void ApiSession::send(ApiRequest request) {
    HttpEngine &engine = http();
    request.token = tokens_.token(engine);
    request.token_generation = tokens_.generation();
    request.message_id = next_message_id();
    std::string body = request.body(request.token, request.message_id);
    const uint64_t id = engine.submit(std::move(body), request.delay_ms, request.attempt);
    in_flight_.emplace(id, std::move(request));
}

void ApiSession::resend_later(ApiRequest request, long retry_after_seconds) {
    request.attempt++;
    request.delay_ms = http().backoff_ms(request.attempt, retry_after_seconds);
    send(std::move(request));
}

std::vector<ApiReply> ApiSession::wait() {
    std::vector<ApiReply> replies;
    if (in_flight_.empty())
        return replies;
    for (HttpResult &result : http().wait()) {
        auto it = in_flight_.find(result.id);
        if (it == in_flight_.end())
            continue;
        ApiRequest request = std::move(it->second);
        in_flight_.erase(it);
        if (!result.ok()) {
            Error error = std::move(*result.error);
            error.add_detail("MessageId " + request.message_id + ", " + request.description);
            throw error;
        }
        replies.push_back({std::move(request), std::move(result.body), result.retry_after_seconds});
    }
    return replies;
}

bool ApiSession::retry_garbled(ApiRequest &request, const Error &error) {
    // A garbled answer (typically truncated) is worth one more try.
    if (error.sqlstate() != sqlstate::kFdwReplyHandle || request.parse_retried ||
        request.attempt >= settings_.max_retries)
        return false;
    request.parse_retried = true;
    resend_later(std::move(request), -1);
    return true;
}

bool ApiSession::retry_failed(ApiRequest &request, const Envelope &envelope,
                              long retry_after_seconds) {
    const std::string &code = envelope.result_code;
    if (code == kResultTokenExpired && tokens_.can_renew() && !request.renewed) {
        // Renew once per expired token: requests sent with it share the new one.
        if (request.token_generation == tokens_.generation())
            tokens_.renew(http(), request.token);
        request.renewed = true;
        request.delay_ms = 0;
        send(std::move(request));
        return true;
    }
    if (result_code_info(code).retryable && request.attempt < settings_.max_retries) {
        resend_later(std::move(request), retry_after_seconds);
        return true;
    }
    return false;
}

Error ApiSession::failure(const ApiRequest &request, const Envelope &envelope) const {
    return api_error(envelope.result_code, envelope.result_message, request.message_id,
                     request.description);
}

void ApiSession::abort_all() {
    if (engine_)
        engine_->abort_all();
    in_flight_.clear();
}

const HttpCounters *ApiSession::counters() const {
    return engine_ ? &engine_->counters() : nullptr;
}

} // namespace sbfdw
