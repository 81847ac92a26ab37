// Auth tokens: the mapping's own auth_token, or tokens issued with GET_TOKEN from sb_id +
// auth_code, cached per backend process and renewed once when the API reports them expired.
#pragma once
#include "core/no_postgres.hpp"
#include "core/calendar.hpp"
#include "core/http_engine.hpp"
#include "core/settings.hpp"

#include <string>
#include <tuple>

namespace sbfdw {

// Hands out the token to put into requests for one endpoint and one set of credentials.
class TokenSource {
public:
    TokenSource(std::string endpoint, Credentials credentials);

    // The current token: the mapping's auth_token, else a cached one, else a newly issued one
    // (GET_TOKEN through `engine`). Throws Error when neither auth_token nor sb_id + auth_code
    // is configured, or when GET_TOKEN fails.
    const std::string &token(HttpEngine &engine);

    // True when the FDW issues tokens itself and so may renew an expired one.
    bool can_renew() const;

    // Forgets `expired` (if it is still the cached token) and issues a new one.
    const std::string &renew(HttpEngine &engine, const std::string &expired);

    // Increases every time a new token is handed out (to renew at most once per expiry).
    int generation() const { return generation_; }
    long tokens_issued() const { return tokens_issued_; }

    // Empties the per-process cache (tests; ALTER USER MAPPING could use it too).
    static void clear_cache();

private:
    const std::string &issue(HttpEngine &engine);
    std::tuple<std::string, std::string, std::string, std::string> cache_key() const;

    std::string endpoint_;
    Credentials credentials_;
    std::string current_;
    int generation_ = 0;
    long tokens_issued_ = 0;
};

} // namespace sbfdw
