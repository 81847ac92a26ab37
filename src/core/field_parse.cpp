#include "core/field_parse.hpp"

#include <cstdint>
#include <limits>

namespace sbfdw {
namespace {

constexpr size_t kDetailValueLength = 40;
// Exponents beyond this would only produce absurd digit strings.
constexpr long kMaxExponent = 400;

std::string_view trim_spaces(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::string problem(const char *expected, std::string_view got) {
    return std::string("expected ") + expected + ", got " + quote_for_detail(got);
}

const char *kind_expectation(FieldKind kind) {
    switch (kind) {
    case FieldKind::Text:
        return "a string";
    case FieldKind::Date:
        return "a date";
    case FieldKind::Timestamp:
        return "a date and time";
    case FieldKind::Integer:
        return "an integer amount";
    case FieldKind::Decimal:
        return "a number";
    }
    return "a value";
}

// Parses canonical decimal text ("-1250000", "0.5") into an int64 when it has no fraction.
bool integer_from_canonical(const std::string &canonical, int64_t &out) {
    if (canonical.find('.') != std::string::npos)
        return false;
    const bool negative = canonical[0] == '-';
    uint64_t magnitude = 0;
    const uint64_t limit = negative ? static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + 1
                                    : static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    for (size_t i = negative ? 1 : 0; i < canonical.size(); ++i) {
        const uint64_t digit = static_cast<uint64_t>(canonical[i] - '0');
        if (magnitude > (limit - digit) / 10)
            return false;
        magnitude = magnitude * 10 + digit;
    }
    out = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
    return true;
}

} // namespace

std::string quote_for_detail(std::string_view text) {
    std::string out = "\"";
    if (text.size() <= kDetailValueLength) {
        out.append(text);
    } else {
        // Cut on a UTF-8 character boundary so the detail stays valid text.
        size_t cut = kDetailValueLength;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            --cut;
        out.append(text.substr(0, cut));
        out += "...";
    }
    out += '"';
    return out;
}

std::optional<std::string> canonical_decimal(std::string_view text) {
    size_t pos = 0;
    bool negative = false;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
        negative = text[pos] == '-';
        ++pos;
    }
    std::string digits; // all significant digits, integer and fraction together
    long point = 0;     // how many of `digits` are before the decimal point
    bool any_digit = false;
    while (pos < text.size() && is_digit(text[pos])) {
        digits += text[pos++];
        any_digit = true;
    }
    point = static_cast<long>(digits.size());
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        bool fraction_digit = false;
        while (pos < text.size() && is_digit(text[pos])) {
            digits += text[pos++];
            fraction_digit = true;
        }
        if (!fraction_digit && !any_digit)
            return std::nullopt;
        any_digit = any_digit || fraction_digit;
    }
    if (!any_digit)
        return std::nullopt;
    if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
        ++pos;
        bool exp_negative = false;
        if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
            exp_negative = text[pos] == '-';
            ++pos;
        }
        if (pos >= text.size() || !is_digit(text[pos]))
            return std::nullopt;
        long exponent = 0;
        while (pos < text.size() && is_digit(text[pos])) {
            exponent = exponent * 10 + (text[pos++] - '0');
            if (exponent > kMaxExponent)
                return std::nullopt;
        }
        point += exp_negative ? -exponent : exponent;
    }
    if (pos != text.size())
        return std::nullopt;

    // Place the point, then strip leading and trailing zeros.
    std::string integer_part, fraction_part;
    if (point <= 0) {
        fraction_part = std::string(static_cast<size_t>(-point), '0') + digits;
    } else if (static_cast<size_t>(point) >= digits.size()) {
        integer_part = digits + std::string(static_cast<size_t>(point) - digits.size(), '0');
    } else {
        integer_part = digits.substr(0, static_cast<size_t>(point));
        fraction_part = digits.substr(static_cast<size_t>(point));
    }
    size_t lead = integer_part.find_first_not_of('0');
    integer_part = lead == std::string::npos ? "0" : integer_part.substr(lead);
    size_t last = fraction_part.find_last_not_of('0');
    fraction_part = last == std::string::npos ? "" : fraction_part.substr(0, last + 1);

    std::string out;
    if (negative && !(integer_part == "0" && fraction_part.empty()))
        out += '-';
    out += integer_part;
    if (!fraction_part.empty())
        out += '.' + fraction_part;
    return out;
}

std::optional<std::string> parse_field(FieldKind kind, JsonScalar type, std::string_view text,
                                       FieldValue &out) {
    out = FieldValue{};
    if (type == JsonScalar::Null)
        return std::nullopt; // NULL
    if (type == JsonScalar::Other)
        return std::string("expected ") + kind_expectation(kind) +
               ", got a JSON object, array or boolean";

    if (kind == FieldKind::Text) {
        out.is_null = false;
        out.text.assign(text);
        return std::nullopt;
    }

    // Typed kinds: an empty string means "no value" in the string-heavy profiles.
    const std::string_view value = trim_spaces(text);
    if (value.empty())
        return std::nullopt;

    switch (kind) {
    case FieldKind::Date: {
        if (auto day = parse_day(value)) {
            out.day = *day;
        } else if (auto instant = parse_kst_datetime(value)) {
            out.day = kst_day_of(*instant);
        } else {
            return problem("a date", text);
        }
        break;
    }
    case FieldKind::Timestamp: {
        auto instant = parse_kst_datetime(value);
        if (!instant)
            return problem("a date and time", text);
        out.instant = *instant;
        break;
    }
    case FieldKind::Integer: {
        auto canonical = canonical_decimal(value);
        if (!canonical)
            return problem("an integer amount", text);
        if (canonical->find('.') != std::string::npos)
            return problem("an integer amount without fraction", text);
        if (!integer_from_canonical(*canonical, out.integer))
            return problem("an integer amount within the bigint range", text);
        break;
    }
    case FieldKind::Decimal: {
        auto canonical = canonical_decimal(value);
        if (!canonical)
            return problem("a number", text);
        out.text = std::move(*canonical);
        break;
    }
    case FieldKind::Text:
        break;
    }
    out.is_null = false;
    return std::nullopt;
}

} // namespace sbfdw
