#include <gtest/gtest.h>

#include "rate_limiter.hpp"

namespace sim {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, OffByDefault) {
    RateLimiter limiter;
    auto now = RateLimiter::TimePoint{};
    for (int i = 0; i < 1000; ++i)
        EXPECT_FALSE(limiter.admit("1208147521", now));
}

TEST(RateLimiter, LimitsEachSenderPerSlidingSecond) {
    RateLimiter limiter;
    limiter.set_limit(2);
    auto start = RateLimiter::TimePoint{} + 100s;
    EXPECT_FALSE(limiter.admit("A", start));
    EXPECT_FALSE(limiter.admit("A", start + 100ms));
    auto wait = limiter.admit("A", start + 200ms);
    ASSERT_TRUE(wait);
    EXPECT_EQ(*wait, 1);
    // Another sender has its own budget.
    EXPECT_FALSE(limiter.admit("B", start + 200ms));
    // The first request leaves the window after one second.
    EXPECT_FALSE(limiter.admit("A", start + 1000ms));
    EXPECT_TRUE(limiter.admit("A", start + 1050ms));
    limiter.clear();
    EXPECT_FALSE(limiter.admit("A", start + 1050ms));
}

} // namespace
} // namespace sim
