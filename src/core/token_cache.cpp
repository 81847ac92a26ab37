#include "core/token_cache.hpp"
#include "core/error.hpp"
#include "core/protocol.hpp"
#include "core/result_codes.hpp"

#include <map>
#include <tuple>

namespace sbfdw {
namespace {

// Renew a little before the announced expiry, so a token does not expire mid-scan.
constexpr Instant kExpiryMargin = 10LL * 60 * kMicrosPerSecond;

struct CachedToken {
    std::string token;
    Instant expires_at = 0; // 0: never
};

// endpoint, send_com_regno, sb_id, auth_code: a changed user mapping never reuses a token
// issued under other credentials.
using CacheKey = std::tuple<std::string, std::string, std::string, std::string>;

// One backend serves one session on one thread: a plain map is enough.
std::map<CacheKey, CachedToken> &token_cache() {
    static std::map<CacheKey, CachedToken> cache;
    return cache;
}

} // namespace

TokenSource::TokenSource(std::string endpoint, Credentials credentials)
    : endpoint_(std::move(endpoint)), credentials_(std::move(credentials)) {}

std::tuple<std::string, std::string, std::string, std::string> TokenSource::cache_key() const {
    return {endpoint_, credentials_.send_com_regno, credentials_.sb_id, credentials_.auth_code};
}

bool TokenSource::can_renew() const {
    return !credentials_.sb_id.empty() && !credentials_.auth_code.empty();
}

void TokenSource::clear_cache() {
    token_cache().clear();
}

const std::string &TokenSource::token(HttpEngine &engine) {
    if (!current_.empty())
        return current_;
    if (!credentials_.auth_token.empty()) {
        current_ = credentials_.auth_token;
        ++generation_;
        return current_;
    }
    if (!can_renew())
        throw Error(sqlstate::kInvalidAuthorization, "no SmartBill API credentials",
                    "The user mapping has neither auth_token nor sb_id and auth_code.",
                    "Set auth_token, or sb_id and auth_code, in the user mapping.");
    const CacheKey key = cache_key();
    auto &cache = token_cache();
    auto it = cache.find(key);
    if (it != cache.end() &&
        (it->second.expires_at == 0 || now_instant() + kExpiryMargin < it->second.expires_at)) {
        current_ = it->second.token;
        ++generation_;
        return current_;
    }
    return issue(engine);
}

const std::string &TokenSource::renew(HttpEngine &engine, const std::string &expired) {
    const CacheKey key = cache_key();
    auto &cache = token_cache();
    auto it = cache.find(key);
    if (it != cache.end() && it->second.token == expired)
        cache.erase(it);
    return issue(engine);
}

const std::string &TokenSource::issue(HttpEngine &engine) {
    const std::string message_id = next_message_id();
    ++tokens_issued_;
    HttpResult result =
        engine.perform(build_get_token_body(credentials_, message_id, now_instant(), "D"));
    if (!result.ok())
        throw *result.error;
    IssuedToken issued = parse_get_token_response(result.body, message_id);
    if (!issued.envelope.succeeded())
        throw api_error(issued.envelope.result_code, issued.envelope.result_message, message_id,
                        "Signal GET_TOKEN");
    CachedToken cached;
    cached.token = issued.auth_token;
    if (auto expires = parse_kst_datetime(issued.expiration)) {
        // The expiry is on the API server's clock: keep its distance from the server's
        // ResponseTime, so a skewed local clock neither keeps a dead token nor drops a live one.
        const Instant now = now_instant();
        const auto server_now = parse_kst_datetime(issued.envelope.response_time);
        cached.expires_at = server_now ? now + (*expires - *server_now) : *expires;
        if (cached.expires_at == 0)
            cached.expires_at = 1; // 0 means "never"
    }
    token_cache()[cache_key()] = cached;
    current_ = std::move(issued.auth_token);
    ++generation_;
    return current_;
}

} // namespace sbfdw
