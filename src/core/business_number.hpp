// Korean business registration numbers (사업자등록번호): shape and check digit.
#pragma once
#include "core/no_postgres.hpp"

#include <string>
#include <string_view>

namespace sbfdw {

// The check digit for the first nine digits (weights 1,3,7,1,3,7,1,3,5 plus floor(d9*5/10)).
int business_number_check_digit(std::string_view first_nine) noexcept;

// True for exactly ten ASCII digits whose last digit is the check digit.
bool is_valid_business_number(std::string_view number) noexcept;

// Removes hyphens ("120-81-47521" -> "1208147521"); other characters are kept as they are.
std::string strip_business_number(std::string_view number);

} // namespace sbfdw
