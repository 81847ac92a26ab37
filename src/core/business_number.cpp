#include "core/business_number.hpp"

namespace sbfdw {

int business_number_check_digit(std::string_view first_nine) noexcept {
    static const int kWeights[9] = {1, 3, 7, 1, 3, 7, 1, 3, 5};
    int sum = 0;
    for (int i = 0; i < 9; ++i)
        sum += (first_nine[i] - '0') * kWeights[i];
    sum += (first_nine[8] - '0') * 5 / 10;
    return (10 - sum % 10) % 10;
}

bool is_valid_business_number(std::string_view number) noexcept {
    if (number.size() != 10)
        return false;
    for (char c : number)
        if (c < '0' || c > '9')
            return false;
    return business_number_check_digit(number.substr(0, 9)) == number[9] - '0';
}

std::string strip_business_number(std::string_view number) {
    std::string out;
    out.reserve(number.size());
    for (char c : number)
        if (c != '-')
            out += c;
    return out;
}

} // namespace sbfdw
