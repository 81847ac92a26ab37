// KST calendar arithmetic: the base of every date window and timestamp conversion.
#include <gtest/gtest.h>

#include "core/calendar.hpp"

using namespace sbfdw;

TEST(Calendar, CivilRoundTripOverFourCenturies) {
    for (Day d = day_from_civil(1900, 1, 1); d <= day_from_civil(2300, 12, 31); d += 7) {
        CivilDate c = civil_from_day(d);
        ASSERT_TRUE(is_valid_civil(c.year, c.month, c.day));
        ASSERT_EQ(day_from_civil(c.year, c.month, c.day), d);
    }
}

TEST(Calendar, KnownDays) {
    EXPECT_EQ(day_from_civil(1970, 1, 1), 0);
    EXPECT_EQ(day_from_civil(2000, 1, 1), 10957);
    EXPECT_EQ(format_day(day_from_civil(2024, 2, 29)), "2024-02-29");
    EXPECT_FALSE(is_valid_civil(2026, 2, 29));
    EXPECT_TRUE(is_valid_civil(2028, 2, 29));
    EXPECT_FALSE(is_valid_civil(2100, 2, 29));
}

TEST(Calendar, KstDayBoundaries) {
    const Day d = day_from_civil(2026, 7, 1);
    const Instant start = kst_day_start(d); // 2026-06-30T15:00:00Z
    EXPECT_EQ(start / kMicrosPerSecond, 1782831600);
    EXPECT_EQ(kst_day_of(start), d);
    EXPECT_EQ(kst_day_of(start - 1), d - 1);
    EXPECT_EQ(kst_day_of(start + kMicrosPerDay - 1), d);
    EXPECT_EQ(format_kst_compact(start), "20260701000000");
    EXPECT_EQ(format_kst_datetime(start + 3723 * kMicrosPerSecond), "2026-07-01 01:02:03");
}

TEST(Calendar, ParseDayFormats) {
    EXPECT_EQ(parse_day("2026-07-01"), day_from_civil(2026, 7, 1));
    EXPECT_EQ(parse_day("20260701"), day_from_civil(2026, 7, 1));
    EXPECT_FALSE(parse_day("2026-02-30"));
    EXPECT_FALSE(parse_day("2026-7-1"));
    EXPECT_FALSE(parse_day("2026-07-01x"));
    EXPECT_FALSE(parse_day(""));
}

TEST(Calendar, ParseKstDatetimeFormats) {
    const Instant expected =
        kst_day_start(day_from_civil(2026, 7, 1)) + (13 * 3600 + 45 * 60 + 9) * kMicrosPerSecond;
    EXPECT_EQ(parse_kst_datetime("2026-07-01 13:45:09"), expected);
    EXPECT_EQ(parse_kst_datetime("2026-07-01T13:45:09"), expected);
    EXPECT_EQ(parse_kst_datetime("20260701134509"), expected);
    EXPECT_EQ(parse_kst_datetime("2026-07-01T13:45:09.250"), expected + 250000);
    EXPECT_EQ(parse_kst_datetime("2026-07-01"), kst_day_start(day_from_civil(2026, 7, 1)));
    EXPECT_FALSE(parse_kst_datetime("2026-07-01 24:00:00"));
    EXPECT_FALSE(parse_kst_datetime("2026-07-01 13:45"));
    EXPECT_FALSE(parse_kst_datetime("2026-07-01 13:45:09Z"));
    EXPECT_FALSE(parse_kst_datetime("2026-07-01T13:45:09."));
}
