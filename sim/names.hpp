// The vocabulary of the generated world: Korean company and person names, addresses, 업태/종목
// and the goods and services each line of business sells.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "random.hpp"

namespace sim {

// A thing sold. Goods have a quantity and a unit price; services often carry only an amount.
struct ItemTemplate {
    std::string_view name;  // 품목
    std::string_view spec;  // 규격, may be empty
    int64_t min_unit_price; // won
    int64_t max_unit_price; // won
    int max_quantity;       // 0 = sold as a lump sum: no quantity, no unit price
};

// A line of business as Hometax records it (업태, 종목) and what it sells.
struct Industry {
    std::string_view biz_type;  // 업태
    std::string_view biz_class; // 종목
    bool tax_exempt;            // 면세사업: issues 계산서 rather than 세금계산서
    std::vector<ItemTemplate> items;
};

const std::vector<Industry> &industries();

// "(주)한빛테크" style names and an ASCII domain-like slug for e-mail addresses.
struct CompanyName {
    std::string name;
    std::string slug;
};
CompanyName make_company_name(Rng &rng, const Industry &industry);

// "김민준" and its romanization ("kim.minjun") for e-mail addresses.
struct PersonName {
    std::string name;
    std::string romanized;
};
PersonName make_person_name(Rng &rng);

// "서울특별시 강남구 테헤란로 123, 4층"
std::string make_address(Rng &rng);

// Company e-mail: a mailbox at the company's domain, e.g. "tax@hanbittech.co.kr".
std::string make_company_email(Rng &rng, const std::string &slug);

// Personal e-mail at a common portal, e.g. "kim.minjun82@naver.com".
std::string make_personal_email(Rng &rng, const PersonName &person);

} // namespace sim
