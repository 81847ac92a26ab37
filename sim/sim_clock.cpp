#include "sim_clock.hpp"

#include <chrono>

namespace sim {

Instant real_now() {
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

std::optional<SimClock> SimClock::parse(std::string_view spec) {
    SimClock clock;
    if (spec == "real")
        return clock;
    constexpr std::string_view kFixed = "fixed:";
    if (spec.substr(0, kFixed.size()) != kFixed)
        return std::nullopt;
    std::string_view when = spec.substr(kFixed.size());
    // Exactly "YYYY-MM-DDTHH:MM:SS": one documented form, no guessing.
    if (when.size() != 19 || when[10] != 'T')
        return std::nullopt;
    auto instant = sbfdw::parse_kst_datetime(when);
    if (!instant)
        return std::nullopt;
    clock.fixed_ = *instant;
    return clock;
}

Instant SimClock::now() const {
    return fixed_ ? *fixed_ : real_now();
}

void SimClock::advance_seconds(int64_t seconds) {
    fixed_ = now() + seconds * sbfdw::kMicrosPerSecond;
}

std::string SimClock::describe() const {
    if (!fixed_)
        return "real";
    std::string text = sbfdw::format_kst_datetime(*fixed_);
    text[10] = 'T';
    return "fixed:" + text;
}

} // namespace sim
