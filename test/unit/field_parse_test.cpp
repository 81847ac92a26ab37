#include "core/field_parse.hpp"

#include <gtest/gtest.h>

using namespace sbfdw;

namespace {
FieldValue parse_ok(FieldKind kind, JsonScalar type, std::string_view text) {
    FieldValue v;
    auto problem = parse_field(kind, type, text, v);
    EXPECT_FALSE(problem.has_value()) << *problem;
    return v;
}
std::string parse_bad(FieldKind kind, JsonScalar type, std::string_view text) {
    FieldValue v;
    auto problem = parse_field(kind, type, text, v);
    EXPECT_TRUE(problem.has_value()) << text;
    return problem.value_or("");
}
} // namespace

TEST(FieldParse, DatesInEveryProfile) {
    const Day expected = day_from_civil(2026, 7, 1);
    EXPECT_EQ(parse_ok(FieldKind::Date, JsonScalar::String, "2026-07-01").day, expected);
    EXPECT_EQ(parse_ok(FieldKind::Date, JsonScalar::String, "20260701").day, expected);
    EXPECT_EQ(parse_ok(FieldKind::Date, JsonScalar::String, "2026-07-01T00:00:00").day, expected);
    EXPECT_EQ(parse_ok(FieldKind::Date, JsonScalar::Number, "20260701").day, expected);
    EXPECT_FALSE(parse_ok(FieldKind::Date, JsonScalar::String, "2026-07-01").is_null);
    EXPECT_EQ(parse_bad(FieldKind::Date, JsonScalar::String, "2026-02-30"),
              "expected a date, got \"2026-02-30\"");
}

TEST(FieldParse, TimestampsAreKstLocalTimes) {
    const Instant expected =
        kst_day_start(day_from_civil(2026, 7, 1)) + (13 * 3600 + 5 * 60 + 9) * kMicrosPerSecond;
    EXPECT_EQ(parse_ok(FieldKind::Timestamp, JsonScalar::String, "2026-07-01 13:05:09").instant,
              expected);
    EXPECT_EQ(parse_ok(FieldKind::Timestamp, JsonScalar::String, "2026-07-01T13:05:09").instant,
              expected);
    EXPECT_EQ(parse_ok(FieldKind::Timestamp, JsonScalar::String, "20260701130509").instant,
              expected);
    parse_bad(FieldKind::Timestamp, JsonScalar::String, "2026-07-01 25:00:00");
}

TEST(FieldParse, IntegersAreExact) {
    EXPECT_EQ(parse_ok(FieldKind::Integer, JsonScalar::Number, "1250000").integer, 1250000);
    EXPECT_EQ(parse_ok(FieldKind::Integer, JsonScalar::String, "1250000.00").integer, 1250000);
    EXPECT_EQ(parse_ok(FieldKind::Integer, JsonScalar::String, "-125000").integer, -125000);
    EXPECT_EQ(parse_ok(FieldKind::Integer, JsonScalar::Number, "1.25E6").integer, 1250000);
    EXPECT_EQ(parse_ok(FieldKind::Integer, JsonScalar::Number, "9007199254740993").integer,
              9007199254740993LL); // not representable as a double
    EXPECT_EQ(parse_ok(FieldKind::Integer, JsonScalar::Number, "-9223372036854775808").integer,
              INT64_MIN);
    EXPECT_EQ(parse_bad(FieldKind::Integer, JsonScalar::String, "12a3"),
              "expected an integer amount, got \"12a3\"");
    EXPECT_EQ(parse_bad(FieldKind::Integer, JsonScalar::Number, "1.5"),
              "expected an integer amount without fraction, got \"1.5\"");
    EXPECT_EQ(parse_bad(FieldKind::Integer, JsonScalar::Number, "9223372036854775808"),
              "expected an integer amount within the bigint range, got \"9223372036854775808\"");
    parse_bad(FieldKind::Integer, JsonScalar::String, "1,250,000");
}

TEST(FieldParse, DecimalsAreCanonicalText) {
    EXPECT_EQ(parse_ok(FieldKind::Decimal, JsonScalar::String, "1250000.50").text, "1250000.5");
    EXPECT_EQ(parse_ok(FieldKind::Decimal, JsonScalar::Number, "0.1").text, "0.1");
    EXPECT_EQ(parse_ok(FieldKind::Decimal, JsonScalar::String, "+007").text, "7");
    EXPECT_EQ(parse_ok(FieldKind::Decimal, JsonScalar::String, "-0.00").text, "0");
    EXPECT_EQ(canonical_decimal("1.5e-3"), "0.0015");
    EXPECT_EQ(canonical_decimal("12E2"), "1200");
    EXPECT_FALSE(canonical_decimal("."));
    EXPECT_FALSE(canonical_decimal("1e"));
    EXPECT_FALSE(canonical_decimal(""));
}

TEST(FieldParse, NullsAndEmptyStrings) {
    EXPECT_TRUE(parse_ok(FieldKind::Text, JsonScalar::Null, "").is_null);
    EXPECT_TRUE(parse_ok(FieldKind::Integer, JsonScalar::Null, "").is_null);
    // The strings profile may send "" for an absent typed value.
    EXPECT_TRUE(parse_ok(FieldKind::Date, JsonScalar::String, "").is_null);
    // For text columns "" stays an empty string (SEQ_ID may be "").
    FieldValue text = parse_ok(FieldKind::Text, JsonScalar::String, "");
    EXPECT_FALSE(text.is_null);
    EXPECT_EQ(text.text, "");
    EXPECT_EQ(parse_ok(FieldKind::Text, JsonScalar::Number, "1250000").text, "1250000");
}

TEST(FieldParse, WrongJsonTypeIsAnError) {
    EXPECT_EQ(parse_bad(FieldKind::Integer, JsonScalar::Other, ""),
              "expected an integer amount, got a JSON object, array or boolean");
    parse_bad(FieldKind::Text, JsonScalar::Other, "");
}

TEST(FieldParse, LongValuesAreCutInDetails) {
    std::string detail =
        parse_bad(FieldKind::Integer, JsonScalar::String, std::string(100, '9') + "x");
    EXPECT_LT(detail.size(), 90u);
    EXPECT_NE(detail.find("...\""), std::string::npos);
    // Cutting never splits a UTF-8 character.
    std::string korean;
    for (int i = 0; i < 30; ++i)
        korean += "가";
    std::string quoted = quote_for_detail(korean);
    EXPECT_EQ((quoted.size() - 5) % 3, 0u);
}
