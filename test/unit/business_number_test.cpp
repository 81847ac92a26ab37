// Business registration number check digits, with the contract's known valid and invalid numbers.
#include <gtest/gtest.h>

#include "core/business_number.hpp"

using namespace sbfdw;

TEST(BusinessNumber, KnownValidNumbers) {
    EXPECT_TRUE(is_valid_business_number("1208147521"));
    EXPECT_TRUE(is_valid_business_number("1078674544"));
    EXPECT_TRUE(is_valid_business_number("4108106350"));
}

TEST(BusinessNumber, RejectsWrongCheckDigitAndShape) {
    EXPECT_FALSE(is_valid_business_number("1208147522"));
    EXPECT_FALSE(is_valid_business_number("120814752"));
    EXPECT_FALSE(is_valid_business_number("12081475210"));
    EXPECT_FALSE(is_valid_business_number("120-81-47521"));
    EXPECT_FALSE(is_valid_business_number("12081a7521"));
}

TEST(BusinessNumber, ExactlyOneCheckDigitPerPrefix) {
    const std::string prefix = "123456789";
    int valid = 0;
    for (char c = '0'; c <= '9'; ++c)
        valid += is_valid_business_number(prefix + c) ? 1 : 0;
    EXPECT_EQ(valid, 1);
    EXPECT_EQ(business_number_check_digit(prefix), business_number_check_digit("123456789"));
}

TEST(BusinessNumber, StripHyphens) {
    EXPECT_EQ(strip_business_number("120-81-47521"), "1208147521");
    EXPECT_TRUE(is_valid_business_number(strip_business_number("120-81-47521")));
}
