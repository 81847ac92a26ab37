#include "core/api_session.hpp"

#include "core/result_codes.hpp"
#include "core/server_clock.hpp"

#include <chrono>

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

bool ApiSession::has_room(size_t unread) const {
    const size_t concurrency = static_cast<size_t>(std::max(1, settings_.max_concurrency));
    return in_flight() < concurrency && unread < concurrency;
}

void ApiSession::send(ApiRequest request) {
    if (!request.cache_key.empty()) {
        auto kept = answers_.find(request.cache_key);
        if (kept != answers_.end()) {
            ApiReply reply;
            reply.body = kept->second;
            reply.request = std::move(request);
            reply.from_cache = true;
            recalled_.push_back(std::move(reply));
            return;
        }
    }
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
    if (!recalled_.empty()) {
        // Kept answers need no network: hand them out before waiting for any.
        for (ApiReply &reply : recalled_)
            replies.push_back(std::move(reply));
        recalled_.clear();
        return replies;
    }
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

ReplyOutcome ApiSession::accept(ApiReply &reply, const std::function<const Envelope &()> &decode) {
    const auto started = std::chrono::steady_clock::now();
    const Envelope *envelope = nullptr;
    try {
        envelope = &decode();
    } catch (Error &e) {
        if (!reply.from_cache && retry_garbled(reply.request, e))
            return ReplyOutcome::Resent;
        e.add_detail(reply.request.description);
        throw;
    }
    parse_ms_ +=
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    if (!reply.from_cache &&
        note_server_time(settings_.endpoint, envelope->response_time, now_instant()))
        heard_server_time_ = true;
    if (envelope->succeeded()) {
        if (reply.from_cache)
            cache_hits_++;
        else if (!reply.request.cache_key.empty())
            remember_answer(reply.request.cache_key, reply.body);
        return ReplyOutcome::Succeeded;
    }
    if (!reply.from_cache && retry_failed(reply.request, *envelope, reply.retry_after_seconds))
        return ReplyOutcome::Resent;
    return ReplyOutcome::Failed;
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
        // Renew once per expired token: calls sent with it share the new one.
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

Error ApiSession::failure(const ApiReply &reply, const Envelope &envelope) const {
    return api_error(envelope.result_code, envelope.result_message, reply.request.message_id,
                     reply.request.description);
}

void ApiSession::remember_answer(const std::string &key, const std::string &body) {
    if (answers_bytes_ + static_cast<int64_t>(body.size()) > settings_.rescan_cache_bytes)
        return; // beyond the budget a rescan simply asks again
    if (answers_.emplace(key, body).second)
        answers_bytes_ += static_cast<int64_t>(body.size());
}

void ApiSession::abort_all() {
    if (engine_)
        engine_->abort_all();
    in_flight_.clear();
    recalled_.clear();
}

void ApiSession::add_stats(ScanStats &stats) const {
    if (engine_) {
        const HttpCounters &c = engine_->counters();
        stats.requests += c.requests;
        stats.retries += c.retries;
        stats.bytes += c.bytes;
        stats.http_ms += c.wait_ms;
    }
    stats.token_requests += tokens_.tokens_issued();
    stats.cache_hits += cache_hits_;
    stats.parse_ms += parse_ms_;
}

} // namespace sbfdw
