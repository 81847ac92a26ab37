// The SmartBill request/response protocol as the simulator speaks it: reading a request body,
// the required fields and formats of each Signal, the result codes, and the response envelope.
// What the request *means* (auth, data, limits) is decided in api_service.cpp.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sim {

// Result codes (shared/smartbill-api.md). Kept in one place so they can be remapped.
namespace result_code {
inline constexpr const char *kSuccess = "30000";
inline constexpr const char *kFieldMissing = "31001";
inline constexpr const char *kFieldMalformed = "31002";
inline constexpr const char *kRangeTooLong = "31003";
inline constexpr const char *kTooManyIssueIds = "31004";
inline constexpr const char *kTooManyRows = "31005";
inline constexpr const char *kUnknownSignal = "31009";
inline constexpr const char *kTokenInvalid = "32001";
inline constexpr const char *kTokenExpired = "32002";
inline constexpr const char *kAuthCodeMismatch = "32003";
inline constexpr const char *kUnknownSbId = "32004";
inline constexpr const char *kNotRegistered = "33001";
inline constexpr const char *kNotLinked = "33002";
inline constexpr const char *kHometaxUnavailable = "33003";
inline constexpr const char *kTooManyRequests = "34001";
inline constexpr const char *kInternalError = "39999";
} // namespace result_code

// The standard message for a code; "" for codes outside the table.
std::string_view result_message(std::string_view code);

inline constexpr int kMaxRangeDays = 30; // SearchToDate - SearchFromDate <= 29
inline constexpr size_t kMaxIssueIds = 100;

// A request body that parsed as a JSON object.
struct ApiRequest {
    // Every field as received, in order, each value as compact JSON text (for the request log).
    std::vector<std::pair<std::string, std::string>> raw_fields;
    // Fields whose value is a JSON string.
    std::map<std::string, std::string, std::less<>> text;
    // Fields present with a value of another JSON type (an error unless the field allows it).
    std::vector<std::string> non_text;
    // IssueId, from a JSON array of strings or a comma-separated string.
    std::vector<std::string> issue_ids;

    // The string value, or "" when absent or not a string.
    std::string_view get(std::string_view field) const;
    bool has(std::string_view field) const;
};

// nullopt when the body is not a JSON object (HTTP 400).
std::optional<ApiRequest> parse_api_request(std::string_view body);

// A business answer that is not success: code plus a message naming the field.
struct Rejection {
    std::string code;
    std::string message;
};

// Steps 2-4 of the validation order: Signal and ServiceCode, required fields, formats.
// nullopt when the request is well formed.
std::optional<Rejection> check_request_shape(const ApiRequest &request);

// The response envelope, rendered in three parts so rows are appended in place.
// `table` is "Table" (or "Table1" for a GET_TOKEN answer).
void begin_envelope(std::string &out, std::string_view message_id, std::string_view signal,
                    std::string_view response_time, std::string_view code, std::string_view message,
                    std::string_view table);
void end_envelope(std::string &out);

} // namespace sim
