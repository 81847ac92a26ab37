#include "core/calendar.hpp"

#include <cstdio>

namespace sbfdw {
namespace {

// Floor division that is correct for negative numerators.
int64_t floor_div(int64_t a, int64_t b) noexcept {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

bool read_digits(std::string_view text, size_t pos, size_t count, int &out) noexcept {
    if (pos + count > text.size())
        return false;
    int value = 0;
    for (size_t i = pos; i < pos + count; ++i) {
        char c = text[i];
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    out = value;
    return true;
}

// Parses the date part at the start of text; returns the number of characters used (0 = fail).
size_t read_date(std::string_view text, int &y, int &m, int &d) noexcept {
    if (text.size() >= 10 && text[4] == '-' && text[7] == '-') {
        if (read_digits(text, 0, 4, y) && read_digits(text, 5, 2, m) && read_digits(text, 8, 2, d))
            return 10;
        return 0;
    }
    if (text.size() >= 8 && read_digits(text, 0, 4, y) && read_digits(text, 4, 2, m) &&
        read_digits(text, 6, 2, d))
        return 8;
    return 0;
}

} // namespace

// Howard Hinnant's days_from_civil algorithm.
Day day_from_civil(int year, int month, int day) noexcept {
    const int64_t y = static_cast<int64_t>(year) - (month <= 2 ? 1 : 0);
    const int64_t era = floor_div(y, 400);
    const int64_t yoe = y - era * 400;
    const int64_t mp = (month + 9) % 12;
    const int64_t doy = (153 * mp + 2) / 5 + day - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<Day>(era * 146097 + doe - 719468);
}

CivilDate civil_from_day(Day day) noexcept {
    const int64_t z = static_cast<int64_t>(day) + 719468;
    const int64_t era = floor_div(z, 146097);
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
    return {y, m, d};
}

bool is_valid_civil(int year, int month, int day) noexcept {
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
        return false;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int limit = kDays[month - 1];
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
        limit = 29;
    return day <= limit;
}

Day kst_day_of(Instant instant) noexcept {
    return static_cast<Day>(floor_div(instant + kKstOffsetMicros, kMicrosPerDay));
}

Instant kst_day_start(Day day) noexcept {
    return static_cast<Instant>(day) * kMicrosPerDay - kKstOffsetMicros;
}

std::string format_day(Day day) {
    CivilDate c = civil_from_day(day);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
    return buf;
}

namespace {
void kst_fields(Instant instant, CivilDate &c, int &hh, int &mi, int &ss) {
    Day day = kst_day_of(instant);
    c = civil_from_day(day);
    int64_t secs =
        (instant + kKstOffsetMicros - static_cast<int64_t>(day) * kMicrosPerDay) / kMicrosPerSecond;
    hh = static_cast<int>(secs / 3600);
    mi = static_cast<int>(secs / 60 % 60);
    ss = static_cast<int>(secs % 60);
}
} // namespace

std::string format_kst_compact(Instant instant) {
    CivilDate c;
    int hh, mi, ss;
    kst_fields(instant, c, hh, mi, ss);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d", c.year, c.month, c.day, hh, mi, ss);
    return buf;
}

std::string format_kst_datetime(Instant instant) {
    CivilDate c;
    int hh, mi, ss;
    kst_fields(instant, c, hh, mi, ss);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", c.year, c.month, c.day, hh, mi,
                  ss);
    return buf;
}

std::optional<Day> parse_day(std::string_view text) noexcept {
    int y, m, d;
    size_t used = read_date(text, y, m, d);
    if (used == 0 || used != text.size() || !is_valid_civil(y, m, d))
        return std::nullopt;
    return day_from_civil(y, m, d);
}

std::optional<Instant> parse_kst_datetime(std::string_view text) noexcept {
    int y, m, d;
    size_t pos = read_date(text, y, m, d);
    if (pos == 0 || !is_valid_civil(y, m, d))
        return std::nullopt;
    int hh = 0, mi = 0, ss = 0;
    int64_t micros = 0;
    if (pos < text.size()) {
        if (pos == 10) {
            // "yyyy-MM-dd HH:mm:ss" or with 'T'
            if (text[pos] != ' ' && text[pos] != 'T')
                return std::nullopt;
            if (text.size() < pos + 9 || text[pos + 3] != ':' || text[pos + 6] != ':')
                return std::nullopt;
            if (!read_digits(text, pos + 1, 2, hh) || !read_digits(text, pos + 4, 2, mi) ||
                !read_digits(text, pos + 7, 2, ss))
                return std::nullopt;
            pos += 9;
        } else {
            // "yyyyMMddHHmmss"
            if (!read_digits(text, pos, 2, hh) || !read_digits(text, pos + 2, 2, mi) ||
                !read_digits(text, pos + 4, 2, ss))
                return std::nullopt;
            pos += 6;
        }
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            int64_t scale = 100000;
            size_t start = pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                if (scale > 0) {
                    micros += (text[pos] - '0') * scale;
                    scale /= 10;
                }
                ++pos;
            }
            if (pos == start)
                return std::nullopt;
        }
        if (pos != text.size())
            return std::nullopt;
        if (hh > 23 || mi > 59 || ss > 59)
            return std::nullopt;
    }
    Day day = day_from_civil(y, m, d);
    return kst_day_start(day) +
           (static_cast<int64_t>(hh) * 3600 + mi * 60 + ss) * kMicrosPerSecond + micros;
}

} // namespace sbfdw
