// Deterministic pseudo-random numbers for the generator. splitmix64 is used instead of the
// std:: engines and distributions because their output may differ between library versions,
// and the dataset must be byte-identical for a given seed everywhere.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace sim {

inline uint64_t splitmix64_next(uint64_t &state) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// Folds one more value into a hash; used to derive independent streams from (seed, day, ...).
inline uint64_t hash_combine(uint64_t hash, uint64_t value) {
    uint64_t state = hash ^ (value * 0xD6E8FEB86659FD93ull + 0x632BE59BD9B4E019ull);
    return splitmix64_next(state);
}

// FNV-1a, to turn a stream's name into a number.
inline uint64_t hash_text(std::string_view text) {
    uint64_t hash = 0xCBF29CE484222325ull;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 0x100000001B3ull;
    }
    return hash;
}

class Rng {
public:
    explicit Rng(uint64_t state) : state_(state) {}

    // A stream named `name` for the given keys, independent of every other stream.
    template <typename... Keys>
    static Rng derive(uint64_t seed, std::string_view name, Keys... keys) {
        uint64_t hash = hash_combine(seed, hash_text(name));
        ((hash = hash_combine(hash, static_cast<uint64_t>(keys))), ...);
        return Rng(hash);
    }

    uint64_t next() { return splitmix64_next(state_); }

    // Uniform in [0, n); n > 0. Multiply-shift keeps it free of modulo bias worth caring about.
    uint64_t below(uint64_t n) {
        return static_cast<uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
    }

    // Uniform in [lo, hi], inclusive.
    int64_t between(int64_t lo, int64_t hi) {
        return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo) + 1));
    }

    // True with probability permille / 1000.
    bool chance(int permille) { return below(1000) < static_cast<uint64_t>(permille); }

    template <typename T> const T &pick(const std::vector<T> &items) {
        return items[below(items.size())];
    }

private:
    uint64_t state_;
};

} // namespace sim
