// Calendar arithmetic in Korea Standard Time (UTC+9, no daylight saving), without PostgreSQL.
// Days are counted from 1970-01-01 (day 0); instants are microseconds since the Unix epoch (UTC).
#pragma once
#include "core/no_postgres.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sbfdw {

using Day = int32_t;     // days since 1970-01-01
using Instant = int64_t; // microseconds since 1970-01-01T00:00:00Z

inline constexpr int64_t kMicrosPerSecond = 1000000;
inline constexpr int64_t kMicrosPerDay = 86400 * kMicrosPerSecond;
inline constexpr int64_t kKstOffsetMicros = 9 * 3600 * kMicrosPerSecond;

struct CivilDate {
    int year;
    int month; // 1..12
    int day;   // 1..31
};

Day day_from_civil(int year, int month, int day) noexcept;
CivilDate civil_from_day(Day day) noexcept;
bool is_valid_civil(int year, int month, int day) noexcept;

// The KST calendar day an instant falls on, and the instant a KST day starts.
Day kst_day_of(Instant instant) noexcept;
Instant kst_day_start(Day day) noexcept;

// "yyyy-MM-dd"
std::string format_day(Day day);
// "yyyyMMddHHmmss" of an instant, in KST
std::string format_kst_compact(Instant instant);
// "yyyy-MM-dd HH:mm:ss" of an instant, in KST
std::string format_kst_datetime(Instant instant);

// Accepts "yyyy-MM-dd" and "yyyyMMdd" (optionally followed by a time part, which is ignored
// only when it is exactly midnight-free text is rejected); nullopt when malformed or impossible.
std::optional<Day> parse_day(std::string_view text) noexcept;

// Accepts a KST local date-time in any of: "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss",
// "yyyyMMddHHmmss", "yyyy-MM-dd" / "yyyyMMdd" (midnight), optional fraction ".fff" after the
// seconds.
std::optional<Instant> parse_kst_datetime(std::string_view text) noexcept;

} // namespace sbfdw
