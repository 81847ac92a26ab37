#include "core/result_codes.hpp"

#include <iterator>

namespace sbfdw {
namespace {

constexpr std::string_view kTokenHint =
    "Issue a new token on SmartBill's site (OpenAPI menu, 인증토큰 발급) and set auth_token in the "
    "user mapping, or set sb_id and auth_code in the user mapping so that tokens are issued and "
    "renewed automatically.";

// Codes 31001-31004 and 31009 mean the request we built was wrong: a bug on our side.
constexpr std::string_view kOurBugHint =
    "This indicates a request smartbill_fdw should not have sent; please report it with the "
    "MessageId.";

const ResultCodeInfo kTable[] = {
    {"30000", "success", sqlstate::kFdwError, false, ""},
    {"31001", "required field missing", sqlstate::kFdwError, false, kOurBugHint},
    {"31002", "field malformed", sqlstate::kFdwError, false, kOurBugHint},
    {"31003", "date range longer than 30 days or reversed", sqlstate::kFdwError, false,
     "Lower the server option max_range_days (the API accepts at most 30 days per request)."},
    {"31004", "more than 100 IssueId", sqlstate::kFdwError, false, kOurBugHint},
    {"31005", "too many rows for one answer", sqlstate::kProgramLimitExceeded, false,
     "Even a one-day window returns more rows than the API allows; ask SmartBill to raise the "
     "limit for this business."},
    {"31009", "unknown Signal or ServiceCode", sqlstate::kFdwError, false,
     "Check that the endpoint server option points at SmartBill's scraping Open API."},
    {"32001", "auth token invalid", sqlstate::kInvalidAuthorization, false, kTokenHint},
    {"32002", "auth token expired", sqlstate::kInvalidAuthorization, false, kTokenHint},
    {"32003", "auth code mismatch", sqlstate::kInvalidAuthorization, false,
     "Check the auth_code option of the user mapping: it is the 인증코드 shown on SmartBill's site "
     "for this send_com_regno."},
    {"32004", "unknown SbId", sqlstate::kInvalidAuthorization, false,
     "Check the sb_id option of the user mapping: it is the SmartBill portal id of the account."},
    {"33001", "SendComRegno not registered for the API", sqlstate::kInsufficientPrivilege, false,
     "Ask SmartBill to register this business number for the scraping Open API (연동등록)."},
    {"33002", "SearchComRegno not linked to the caller", sqlstate::kInsufficientPrivilege, false,
     "Link the business number (SearchComRegno) to the calling business on SmartBill's site, or "
     "query only linked companies."},
    {"33003", "Hometax department user missing or login failed",
     sqlstate::kObjectNotInPrerequisiteState, false,
     "Register the Hometax department user (부서사용자) ID and password for this business on "
     "SmartBill's site, and check that it can log in to Hometax."},
    {"34001", "too many requests", sqlstate::kTooManyConnections, true,
     "Lower the server option max_concurrency or retry later."},
    {"39999", "internal error", sqlstate::kFdwError, true,
     "SmartBill reported an internal error; retry later or contact SmartBill support with the "
     "MessageId."},
    {"", "unknown result code", sqlstate::kFdwError, false,
     "Contact SmartBill support with the MessageId."},
};

constexpr size_t kTableSize = std::size(kTable);

} // namespace

const ResultCodeInfo &result_code_info(std::string_view code) noexcept {
    for (size_t i = 0; i + 1 < kTableSize; ++i)
        if (kTable[i].code == code)
            return kTable[i];
    return kTable[kTableSize - 1];
}

const ResultCodeInfo *result_code_table(size_t &count) noexcept {
    count = kTableSize;
    return kTable;
}

Error api_error(std::string_view code, std::string_view result_message, std::string_view message_id,
                std::string_view request) {
    // Server text is shown as sent, but bounded: it is not ours to trust.
    constexpr size_t kMaxMessage = 300;
    std::string text(result_message.substr(0, kMaxMessage));
    if (text.empty())
        text = "(no message)";
    const ResultCodeInfo &info = result_code_info(code);

    std::string message = "SmartBill API error " + std::string(code) + ": " + text;
    std::string detail =
        "ResultCode " + std::string(code) + ", MessageId " + std::string(message_id);
    if (!request.empty())
        detail += ", " + std::string(request);
    return Error(info.sqlstate, std::move(message), std::move(detail), std::string(info.hint));
}

} // namespace sbfdw
