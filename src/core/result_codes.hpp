// SmartBill's ResultCodes and what they mean for us: SQLSTATE, retry policy and the hint shown to
// the user. The codes are not publicly documented, so they live in this one table to be remapped
// easily (docs/errors.md mirrors it).
#pragma once
#include "core/no_postgres.hpp"
#include "core/error.hpp"

#include <string>
#include <string_view>

namespace sbfdw {

inline constexpr std::string_view kResultSuccess = "30000";
inline constexpr std::string_view kResultTooManyRows = "31005";
inline constexpr std::string_view kResultTokenInvalid = "32001";
inline constexpr std::string_view kResultTokenExpired = "32002";
inline constexpr std::string_view kResultTooManyRequests = "34001";

struct ResultCodeInfo {
    std::string_view code;    // empty for the entry describing unknown codes
    std::string_view meaning; // short English description, for docs and tests
    const char *sqlstate;
    bool retryable;        // the same request may succeed later
    std::string_view hint; // what the user should do; may be empty
};

// The entry for a ResultCode; codes missing from the table get the "unknown" entry.
const ResultCodeInfo &result_code_info(std::string_view code) noexcept;

// Every entry, the unknown one last (for the documentation test).
const ResultCodeInfo *result_code_table(size_t &count) noexcept;

// The error for a failed API answer: message "SmartBill API error <code>: <ResultMessage>",
// detail "ResultCode <code>, MessageId <id>, <request description>", the table's hint.
// `request` describes the call without secrets (see describe_list_call in protocol.hpp).
Error api_error(std::string_view code, std::string_view result_message, std::string_view message_id,
                std::string_view request);

} // namespace sbfdw
