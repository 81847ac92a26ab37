// Auth tokens (인증토큰) issued by GET_TOKEN: their expiry codes and validity on the simulator's
// clock. The account itself (SendComRegno, SbId, AuthCode) comes from the dataset.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "model.hpp"

namespace sim {

enum class TokenStatus { Valid, Unknown, Expired };

struct IssuedToken {
    std::string token;
    std::optional<Instant> expires_at; // none: never expires (code Z)
};

// True for the ExpirationDateCode values of the contract: D W H M Q R Y Z C.
bool is_expiration_code(std::string_view code);

// When a token issued at `now` with `code` expires; `custom_day` is ExpirationDate (code C),
// valid through the end of that KST day. nullopt = never.
std::optional<Instant> token_expiry(char code, Instant now, std::optional<Day> custom_day);

class TokenStore {
public:
    explicit TokenStore(uint64_t seed);

    // Tokens are random-looking but follow from the seed and the number of tokens issued.
    // A new token never revokes older ones.
    IssuedToken issue(std::optional<Instant> expires_at);

    // A token is valid up to and including its expiry second.
    TokenStatus check(const std::string &token, Instant now) const;

    // Forgets every token but the first one issued (the account's initial token).
    void keep_only_initial();

private:
    uint64_t seed_;
    uint64_t issued_ = 0;
    std::string initial_;
    std::unordered_map<std::string, std::optional<Instant>> tokens_;
};

} // namespace sim
