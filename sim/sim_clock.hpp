// The simulator's clock: the real time, or a fixed KST instant that tests set and advance.
// Token expiry, collection visibility, retention and ResponseTime all read this clock.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model.hpp"

namespace sim {

class SimClock {
public:
    // "real" or "fixed:YYYY-MM-DDTHH:MM:SS" (KST); nullopt when malformed.
    static std::optional<SimClock> parse(std::string_view spec);

    Instant now() const;
    bool is_fixed() const { return fixed_.has_value(); }

    // Both switch a real clock to a fixed one: a test that moves time wants it to stay put.
    void set(Instant instant) { fixed_ = instant; }
    void advance_seconds(int64_t seconds);

    // "real" or "fixed:2026-11-15T12:00:00", the same form the command line takes.
    std::string describe() const;

private:
    std::optional<Instant> fixed_;
};

Instant real_now();

} // namespace sim
