// The simulator's data model: companies, invoices and their line items, as the generator makes
// them and the server serves them. Amounts are whole won (int64); quantities and unit prices are
// exact decimal text.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.hpp"

namespace sim {

using sbfdw::Day;
using sbfdw::Instant;

struct Party {
    std::string regno;    // 10 digits (13 for individuals, buyers only)
    std::string name;     // 상호
    std::string ceo_name; // 대표자
    std::string email;
    std::string address;   // 주소
    std::string biz_type;  // 업태
    std::string biz_class; // 종목
};

struct LineItem {
    int seq = 1;               // 1..99
    Day trade_day = 0;         // 공급일자 (PurchaseExpiryDateTime)
    std::string name;          // 품목
    std::string spec;          // 규격 (may be empty)
    std::string quantity;      // exact decimal text, e.g. "3" or "1.5" (empty when absent)
    std::string unit_price;    // exact decimal text (empty when absent)
    int64_t supply_amount = 0; // 공급가액
    int64_t tax_amount = 0;    // 세액
    std::string remark;        // 비고
};

struct Invoice {
    std::string issue_id;     // 24 chars: yyyyMMdd + 8-char system code + 8-char serial
    Day write_day = 0;        // 작성일자 (W)
    Instant issued_at = 0;    // 발행일시 (I)
    Instant sent_at = 0;      // 전송일시 (S)
    Instant collected_at = 0; // first collection run (:00/:20/:40 KST) after sent_at
    std::string type_code;    // "01".."04"
    std::string dti_type;     // 4 digits: type_code + "01".."05"
    std::string tax_demand;   // "01" 영수 / "02" 청구
    std::string purpose_code; // same as tax_demand, as the XML's PurposeCode
    std::string seq_id;       // issuer's document number, may be empty
    Party supplier;
    Party buyer;
    std::optional<Party> broker; // 위수탁 (types xx03, xx05)
    int64_t supply_amount = 0;
    int64_t tax_amount = 0;
    int64_t total_amount = 0;
    std::string amendment_code;    // 수정사유 "1".."6" for corrections, else empty
    std::string original_issue_id; // for corrections
    std::string remark;            // 비고 (DescriptionText)
    std::vector<LineItem> items;   // 1..99, sums equal supply_amount / tax_amount
};

// A company registered with the simulator's API account (a SearchComRegno).
struct Company {
    Party party;
    enum class Hometax { Ok, Missing, LoginFailing } hometax = Hometax::Ok;
};

} // namespace sim
