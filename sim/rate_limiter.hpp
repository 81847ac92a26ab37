// Requests per second per SendComRegno, over a sliding one-second window of real time (a client
// is throttled by wall time even when the simulator's clock is fixed).
#pragma once

#include <chrono>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>

namespace sim {

class RateLimiter {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    // 0 turns the limiter off.
    void set_limit(int per_second) { limit_ = per_second; }
    int limit() const { return limit_; }

    // nullopt when the request may proceed (it is then counted); otherwise the seconds to wait,
    // for the Retry-After header. Rejected requests are not counted.
    std::optional<int> admit(const std::string &key, TimePoint now);

    void clear() { recent_.clear(); }

private:
    int limit_ = 0;
    std::unordered_map<std::string, std::deque<TimePoint>> recent_;
};

} // namespace sim
