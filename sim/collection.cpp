#include "collection.hpp"

namespace sim {

namespace {

int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

bool is_leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

constexpr int kRetentionMonths = 3;

} // namespace

Instant collection_time(Instant sent_at) {
    return (floor_div(sent_at, kCollectionInterval) + 1) * kCollectionInterval;
}

Instant purge_time(Instant collected_at) {
    Day day = sbfdw::kst_day_of(collected_at);
    Instant time_of_day = collected_at - sbfdw::kst_day_start(day);
    sbfdw::CivilDate date = sbfdw::civil_from_day(day);
    int month_index = date.year * 12 + (date.month - 1) + kRetentionMonths;
    int year = month_index / 12;
    int month = month_index % 12 + 1;
    int dom = date.day < days_in_month(year, month) ? date.day : days_in_month(year, month);
    return sbfdw::kst_day_start(sbfdw::day_from_civil(year, month, dom)) + time_of_day;
}

bool is_visible(Instant collected_at, Instant now) {
    return collected_at <= now && now < purge_time(collected_at);
}

Instant day_purge_bound(Day sent_day) {
    // The last collection of a day's invoices is at 00:00 of the next day at the latest.
    return purge_time(sbfdw::kst_day_start(sent_day + 1));
}

} // namespace sim
