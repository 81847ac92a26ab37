#include "rate_limiter.hpp"

namespace sim {

std::optional<int> RateLimiter::admit(const std::string &key, TimePoint now) {
    if (limit_ <= 0)
        return std::nullopt;
    constexpr auto kWindow = std::chrono::seconds(1);
    auto &times = recent_[key];
    while (!times.empty() && now - times.front() >= kWindow)
        times.pop_front();
    if (static_cast<int>(times.size()) < limit_) {
        times.push_back(now);
        return std::nullopt;
    }
    // The window frees up when the oldest request leaves it; Retry-After counts whole seconds.
    auto wait = kWindow - (now - times.front());
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(wait + std::chrono::seconds(1) -
                                                                    std::chrono::nanoseconds(1));
    return static_cast<int>(seconds.count() < 1 ? 1 : seconds.count());
}

} // namespace sim
