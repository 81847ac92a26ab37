#include "core/http_engine.hpp"

#include <curl/curl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <new>

namespace sbfdw {
namespace {

using Clock = std::chrono::steady_clock;

// Each network wait is at most this long, so interrupts are noticed promptly.
constexpr int kPollIntervalMs = 100;
constexpr long kMaxBackoffMs = 10000;
constexpr long kMaxRetryAfterSeconds = 60;
constexpr const char *kUserAgent = "smartbill_fdw/0.1";

void global_init_once() {
    static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    if (!initialised)
        throw Error(sqlstate::kFdwError, "could not initialize libcurl");
}

double elapsed_ms(Clock::time_point since) {
    return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

} // namespace

void validate_endpoint(const std::string &endpoint, bool allow_insecure_http) {
    UrlParts url;
    if (!split_url(endpoint, url))
        throw Error(sqlstate::kFdwInvalidAttributeValue, "invalid SmartBill API endpoint URL", {},
                    "The endpoint must look like https://api.smartbill.co.kr/sb-api/request/.");
    if (url.scheme != "http" && url.scheme != "https")
        throw Error(sqlstate::kFdwInvalidAttributeValue,
                    "SmartBill API endpoint must use http or https", {},
                    "The endpoint must look like https://api.smartbill.co.kr/sb-api/request/.");
    if (url.has_userinfo)
        throw Error(sqlstate::kFdwInvalidAttributeValue,
                    "SmartBill API endpoint must not contain a user name or password", {},
                    "Put credentials in the user mapping, not in the URL.");
    if (url.scheme == "http" && !allow_insecure_http && !is_loopback_host(url.host))
        throw Error(sqlstate::kFdwInvalidAttributeValue,
                    "plain http is only allowed to a loopback host",
                    "host " + url.host + " is not a loopback address",
                    "Use https, or set the server option allow_insecure_http to true.");
}

// One request and everything curl needs to run it. Callbacks only touch this struct and never
// throw: failures are flagged here and turned into errors once curl has returned.
struct HttpEngine::Transfer {
    uint64_t id = 0;
    int attempt = 0;
    std::string request_body;
    Clock::time_point not_before;
    CURL *easy = nullptr;
    std::string response;
    long retry_after_seconds = -1;
    int64_t max_bytes = 0;
    bool too_large = false;
    bool out_of_memory = false;

    ~Transfer() {
        if (easy)
            curl_easy_cleanup(easy);
    }

    static size_t on_body(char *data, size_t size, size_t count, void *self) noexcept {
        auto *t = static_cast<Transfer *>(self);
        const size_t n = size * count;
        if (static_cast<int64_t>(t->response.size() + n) > t->max_bytes) {
            t->too_large = true;
            return 0; // makes curl fail with CURLE_WRITE_ERROR
        }
        try {
            // Room for the whole answer at once: growing a string of megabytes by doubling
            // copies it several times and touches fresh pages at every step.
            curl_off_t expected = -1;
            if (t->response.empty() &&
                curl_easy_getinfo(t->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &expected) ==
                    CURLE_OK &&
                expected > 0 && expected <= t->max_bytes)
                t->response.reserve(static_cast<size_t>(expected));
            t->response.append(data, n);
        } catch (...) {
            t->out_of_memory = true;
            return 0;
        }
        return n;
    }

    static size_t on_header(char *data, size_t size, size_t count, void *self) noexcept {
        auto *t = static_cast<Transfer *>(self);
        const size_t n = size * count;
        if (starts_with_nocase(std::string_view(data, n), "HTTP/")) {
            t->retry_after_seconds = -1; // a new response (e.g. after 100 Continue) starts
        } else if (starts_with_nocase(std::string_view(data, n), "retry-after:")) {
            long seconds = 0;
            bool digits = false;
            for (size_t i = std::strlen("retry-after:"); i < n; ++i) {
                const char c = data[i];
                if (c >= '0' && c <= '9') {
                    digits = true;
                    seconds = std::min<long>(seconds * 10 + (c - '0'), 86400);
                } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                    digits = false; // an HTTP-date: fall back to our own backoff
                    break;
                }
            }
            if (digits)
                t->retry_after_seconds = seconds;
        }
        return n;
    }
};

struct HttpEngine::Multi {
    CURLM *handle = nullptr;
    curl_slist *headers = nullptr;
    ~Multi() {
        if (handle)
            curl_multi_cleanup(handle);
        curl_slist_free_all(headers);
    }
};

HttpEngine::HttpEngine(ServerSettings settings, InterruptCheck interrupted)
    : settings_(std::move(settings)), interrupted_(interrupted), multi_(new Multi) {
    validate_endpoint(settings_.endpoint, settings_.allow_insecure_http);
    UrlParts url;
    split_url(settings_.endpoint, url);
    host_ = url.host;
    global_init_once();
    multi_->handle = curl_multi_init();
    if (!multi_->handle)
        throw std::bad_alloc();
    const long concurrency = std::max(1, settings_.max_concurrency);
    curl_multi_setopt(multi_->handle, CURLMOPT_MAX_HOST_CONNECTIONS, concurrency);
    curl_multi_setopt(multi_->handle, CURLMOPT_MAXCONNECTS, concurrency);
    for (const char *header :
         {"Content-Type: application/json; charset=utf-8", "Accept: application/json", "Expect:"}) {
        curl_slist *grown = curl_slist_append(multi_->headers, header);
        if (!grown)
            throw std::bad_alloc();
        multi_->headers = grown;
    }
    random_state_ = static_cast<uint64_t>(Clock::now().time_since_epoch().count()) ^
                    (static_cast<uint64_t>(getpid()) << 32);
}

HttpEngine::~HttpEngine() {
    abort_all();
}

uint64_t HttpEngine::submit(std::string body, long delay_ms, int attempt) {
    auto transfer = std::make_unique<Transfer>();
    transfer->id = next_id_++;
    transfer->attempt = attempt;
    transfer->request_body = std::move(body);
    transfer->not_before = Clock::now() + std::chrono::milliseconds(std::max(0L, delay_ms));
    transfer->max_bytes = settings_.max_response_bytes;
    const uint64_t id = transfer->id;
    queued_.push_back(std::move(transfer));
    return id;
}

size_t HttpEngine::pending() const {
    return queued_.size() + running_.size() + finished_.size();
}

long HttpEngine::backoff_ms(int attempt, long retry_after_seconds) {
    if (retry_after_seconds >= 0)
        return std::min(retry_after_seconds, kMaxRetryAfterSeconds) * 1000;
    long delay = std::max(1L, settings_.retry_base_delay_ms);
    for (int i = 1; i < attempt && delay < kMaxBackoffMs; ++i)
        delay *= 2;
    delay = std::min(delay, kMaxBackoffMs);
    // Jitter in [delay/2, delay] spreads retries of concurrent requests (xorshift64).
    random_state_ ^= random_state_ << 13;
    random_state_ ^= random_state_ >> 7;
    random_state_ ^= random_state_ << 17;
    const long half = delay / 2;
    return half + static_cast<long>(random_state_ % static_cast<uint64_t>(delay - half + 1));
}

void HttpEngine::start_ready_transfers() {
    const auto now = Clock::now();
    const size_t limit = static_cast<size_t>(std::max(1, settings_.max_concurrency));
    for (auto it = queued_.begin(); it != queued_.end() && running_.size() < limit;) {
        if ((*it)->not_before > now) {
            ++it;
            continue;
        }
        Transfer &t = **it;
        t.response.clear();
        t.too_large = t.out_of_memory = false;
        t.retry_after_seconds = -1;
        if (!t.easy)
            t.easy = curl_easy_init();
        else
            curl_easy_reset(t.easy);
        if (!t.easy)
            throw std::bad_alloc();
        CURL *e = t.easy;
        curl_easy_setopt(e, CURLOPT_URL, settings_.endpoint.c_str());
        curl_easy_setopt(e, CURLOPT_POST, 1L);
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, t.request_body.data());
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(t.request_body.size()));
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, multi_->headers);
        curl_easy_setopt(e, CURLOPT_USERAGENT, kUserAgent);
        // Signals belong to PostgreSQL; curl must not install handlers or use alarm().
        curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(e, CURLOPT_TCP_NODELAY, 1L);
        curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
        curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
        curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, settings_.connect_timeout_ms);
        curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, settings_.request_timeout_ms);
        curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
        curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
        curl_easy_setopt(e, CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
        curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
        if (!settings_.ca_file.empty())
            curl_easy_setopt(e, CURLOPT_CAINFO, settings_.ca_file.c_str());
        // An empty string disables proxies, including those from environment variables.
        curl_easy_setopt(e, CURLOPT_PROXY, settings_.proxy.c_str());
        curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Transfer::on_body);
        curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
        curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Transfer::on_header);
        curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
        curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
        if (curl_multi_add_handle(multi_->handle, e) != CURLM_OK)
            throw Error(sqlstate::kFdwError, "could not start a request to SmartBill API");
        ++counters_.requests;
        if (t.attempt > 0)
            ++counters_.retries;
        running_.push_back(std::move(*it));
        it = queued_.erase(it);
    }
}

Error HttpEngine::status_error(long status) const {
    const std::string code = std::to_string(status);
    if (status >= 300 && status < 400)
        return Error(sqlstate::kFdwUnableToEstablishConnection,
                     "SmartBill API answered with a redirect (HTTP status " + code + ")", {},
                     "Redirects are not followed; set the endpoint server option to the final "
                     "URL.");
    if (status == 404 || status == 405)
        return Error(sqlstate::kFdwUnableToEstablishConnection,
                     "SmartBill API endpoint not found (HTTP status " + code + ")", {},
                     "Check the endpoint server option.");
    if (status == 429)
        return Error(sqlstate::kTooManyConnections,
                     "SmartBill API rate limit exceeded (HTTP status 429)", {},
                     "Lower the server option max_concurrency or retry later.");
    if (status >= 500)
        return Error(sqlstate::kConnectionFailure,
                     "SmartBill API is unavailable (HTTP status " + code + ")", {},
                     "Retry later; the server option max_retries sets how often a request is "
                     "retried.");
    return Error(sqlstate::kFdwError,
                 "SmartBill API rejected the request (HTTP status " + code + ")");
}

Error HttpEngine::transport_error(Transfer &t, int curl_code, bool &retryable) const {
    const auto code = static_cast<CURLcode>(curl_code);
    // curl_easy_strerror is generic text; curl's error buffer would leak ports and timings.
    const std::string reason = curl_easy_strerror(code);
    retryable = false;
    if (t.too_large)
        return Error(sqlstate::kProgramLimitExceeded,
                     "SmartBill API response exceeds max_response_bytes (" +
                         std::to_string(settings_.max_response_bytes) + ")",
                     {}, "Raise the server option max_response_bytes or narrow the date range.");
    if (t.out_of_memory)
        return Error(sqlstate::kFdwOutOfMemory, "out of memory reading SmartBill API response");
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
        retryable = true;
        return Error(sqlstate::kSqlClientUnableToEstablishConnection,
                     "could not resolve SmartBill API host " + host_, reason,
                     "Check the endpoint server option and the DNS configuration.");
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
        retryable = true;
        return Error(sqlstate::kSqlClientUnableToEstablishConnection,
                     "could not connect to SmartBill API at host " + host_, reason,
                     "Check the endpoint and proxy server options and the network.");
    case CURLE_OPERATION_TIMEDOUT: {
        retryable = true;
        curl_off_t connected_us = 0;
        curl_easy_getinfo(t.easy, CURLINFO_CONNECT_TIME_T, &connected_us);
        if (connected_us == 0)
            return Error(sqlstate::kSqlClientUnableToEstablishConnection,
                         "could not connect to SmartBill API at host " + host_,
                         "connection timed out",
                         "Check the network, or raise the server option connect_timeout_ms.");
        return Error(sqlstate::kConnectionFailure, "SmartBill API request timed out", {},
                     "Raise the server option request_timeout_ms or narrow the date range.");
    }
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        return Error(sqlstate::kSqlClientUnableToEstablishConnection,
                     "could not establish a secure connection to SmartBill API at host " + host_,
                     reason, "Check the ca_file server option and the server's certificate.");
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_BAD_CONTENT_ENCODING:
        retryable = true;
        return Error(sqlstate::kConnectionFailure, "connection to SmartBill API was lost", reason);
    default:
        return Error(sqlstate::kFdwUnableToEstablishConnection, "SmartBill API request failed",
                     reason);
    }
}

void HttpEngine::finish(Transfer *transfer, int curl_code) {
    auto it = std::find_if(running_.begin(), running_.end(),
                           [transfer](const auto &p) { return p.get() == transfer; });
    std::unique_ptr<Transfer> owned = std::move(*it);
    running_.erase(it);
    curl_multi_remove_handle(multi_->handle, owned->easy);
    counters_.bytes += static_cast<int64_t>(owned->response.size());

    long status = 0;
    curl_easy_getinfo(owned->easy, CURLINFO_RESPONSE_CODE, &status);

    HttpResult result;
    result.id = owned->id;
    result.attempt = owned->attempt;
    result.status = status;
    result.retry_after_seconds = owned->retry_after_seconds;

    bool retryable = false;
    if (curl_code != CURLE_OK) {
        result.error = transport_error(*owned, curl_code, retryable);
    } else if (status != 200) {
        retryable = status == 429 || status >= 500;
        result.error = status_error(status);
    }
    if (result.error && retryable && owned->attempt < settings_.max_retries) {
        owned->attempt++;
        owned->not_before =
            Clock::now() +
            std::chrono::milliseconds(backoff_ms(owned->attempt, owned->retry_after_seconds));
        queued_.push_back(std::move(owned)); // keeps its easy handle for reuse
        return;
    }
    if (result.error && owned->attempt > 0)
        result.error->add_detail("gave up after " + std::to_string(owned->attempt) + " retries");
    if (!result.error)
        result.body = std::move(owned->response);
    finished_.push_back(std::move(result));
}

void HttpEngine::pump(const std::optional<uint64_t> &until_id) {
    const auto started = Clock::now();
    auto done = [&] {
        if (queued_.empty() && running_.empty())
            return true;
        if (!until_id)
            return !finished_.empty();
        return std::any_of(finished_.begin(), finished_.end(),
                           [&](const HttpResult &r) { return r.id == *until_id; });
    };
    try {
        while (!done()) {
            start_ready_transfers();
            int still_running = 0;
            curl_multi_perform(multi_->handle, &still_running);
            int left = 0;
            while (CURLMsg *msg = curl_multi_info_read(multi_->handle, &left)) {
                if (msg->msg != CURLMSG_DONE)
                    continue;
                Transfer *t = nullptr;
                curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
                finish(t, msg->data.result);
            }
            if (done())
                break;
            long timeout = kPollIntervalMs;
            if (running_.empty() && !queued_.empty()) {
                // Only delayed retries remain: sleep until the first is due, in short steps.
                auto first = std::min_element(
                    queued_.begin(), queued_.end(),
                    [](const auto &a, const auto &b) { return a->not_before < b->not_before; });
                const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
                                      (*first)->not_before - Clock::now())
                                      .count();
                timeout = std::clamp<long>(wait, 0, kPollIntervalMs);
            }
            if (timeout > 0 || !running_.empty())
                curl_multi_poll(multi_->handle, nullptr, 0, static_cast<int>(timeout), nullptr);
            if (interrupted_ && interrupted_()) {
                abort_all();
                throw Interrupted();
            }
        }
    } catch (...) {
        counters_.wait_ms += elapsed_ms(started);
        throw;
    }
    counters_.wait_ms += elapsed_ms(started);
}

std::vector<HttpResult> HttpEngine::wait() {
    pump(std::nullopt);
    std::vector<HttpResult> out(std::make_move_iterator(finished_.begin()),
                                std::make_move_iterator(finished_.end()));
    finished_.clear();
    return out;
}

HttpResult HttpEngine::perform(std::string body) {
    const uint64_t id = submit(std::move(body));
    pump(id);
    auto it = std::find_if(finished_.begin(), finished_.end(),
                           [&](const HttpResult &r) { return r.id == id; });
    if (it == finished_.end())
        throw Error(sqlstate::kInternalError, "request to SmartBill API vanished");
    HttpResult result = std::move(*it);
    finished_.erase(it);
    return result;
}

void HttpEngine::abort_all() {
    for (auto &t : running_)
        curl_multi_remove_handle(multi_->handle, t->easy);
    running_.clear();
    queued_.clear();
    finished_.clear();
}

} // namespace sbfdw
