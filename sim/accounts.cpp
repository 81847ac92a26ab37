#include "accounts.hpp"

namespace sim {
namespace {

uint64_t splitmix64(uint64_t &state) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// 48 pseudo-random bytes as standard base64: 64 characters, like the real opaque tokens.
std::string make_token(uint64_t seed, uint64_t counter) {
    static const char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    uint64_t state = seed * 0x2545F4914F6CDD1DULL + counter;
    unsigned char bytes[48];
    for (int i = 0; i < 48; i += 8) {
        uint64_t word = splitmix64(state);
        for (int j = 0; j < 8; ++j)
            bytes[i + j] = static_cast<unsigned char>(word >> (8 * j));
    }
    std::string token;
    token.reserve(64);
    for (int i = 0; i < 48; i += 3) {
        uint32_t group = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
        for (int shift = 18; shift >= 0; shift -= 6)
            token += kAlphabet[(group >> shift) & 0x3F];
    }
    return token;
}

} // namespace

bool is_expiration_code(std::string_view code) {
    return code.size() == 1 &&
           std::string_view("DWHMQRYZC").find(code[0]) != std::string_view::npos;
}

std::optional<Instant> token_expiry(char code, Instant now, std::optional<Day> custom_day) {
    int days = 0;
    switch (code) {
    case 'D':
        days = 1;
        break;
    case 'W':
        days = 7;
        break;
    case 'H':
        days = 15;
        break;
    case 'M':
        days = 30;
        break;
    case 'Q':
        days = 90;
        break;
    case 'R':
        days = 180;
        break;
    case 'Y':
        days = 365;
        break;
    case 'Z':
        return std::nullopt;
    case 'C':
        // The last second of the chosen day.
        return sbfdw::kst_day_start(custom_day.value_or(sbfdw::kst_day_of(now)) + 1) -
               sbfdw::kMicrosPerSecond;
    default:
        return std::nullopt;
    }
    // Whole seconds, so EXPIRATION_DATE shows exactly the instant the token stops working.
    Instant truncated = now - now % sbfdw::kMicrosPerSecond;
    return truncated + days * sbfdw::kMicrosPerDay;
}

TokenStore::TokenStore(uint64_t seed) : seed_(seed) {}

IssuedToken TokenStore::issue(std::optional<Instant> expires_at) {
    IssuedToken issued{make_token(seed_, issued_++), expires_at};
    if (initial_.empty())
        initial_ = issued.token;
    tokens_[issued.token] = expires_at;
    return issued;
}

TokenStatus TokenStore::check(const std::string &token, Instant now) const {
    auto it = tokens_.find(token);
    if (it == tokens_.end())
        return TokenStatus::Unknown;
    if (it->second && now >= *it->second + sbfdw::kMicrosPerSecond)
        return TokenStatus::Expired;
    return TokenStatus::Valid;
}

void TokenStore::keep_only_initial() {
    auto initial = tokens_.find(initial_);
    if (initial == tokens_.end()) {
        tokens_.clear();
        return;
    }
    auto expiry = initial->second;
    tokens_.clear();
    tokens_[initial_] = expiry;
}

} // namespace sim
