// The SmartBill wire protocol: request bodies for each Signal and the response envelope.
// Strict in what we send, tolerant in what we read (see smartbill-api.md, [P] rules).
#pragma once
#include "core/no_postgres.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/scan_plan.hpp"
#include "core/settings.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sbfdw {

inline constexpr const char *kSignalGetToken = "GET_TOKEN";
inline constexpr const char *kSignalList = "OS_DTI_LIST";
inline constexpr const char *kSignalXml = "OS_DTI_XML";

// A MessageId unique per request: "sbfdw-<pid>-<epoch ms>-<counter>".
std::string next_message_id();

// The current time, for RequestTime.
Instant now_instant();

// Appends `text` as a JSON string literal (quotes included), escaping as RFC 8259 requires.
void append_json_string(std::string &out, std::string_view text);

// Request bodies. `now` becomes RequestTime (KST, yyyyMMddHHmmss).
std::string build_get_token_body(const Credentials &credentials, std::string_view message_id,
                                 Instant now, std::string_view expiration_code = "D");
std::string build_list_body(const Credentials &credentials, std::string_view auth_token,
                            const ListCall &call, std::string_view message_id, Instant now);
// `corp_num` (SearchComRegno) is the company whose documents are read, as in OS_DTI_LIST.
std::string build_xml_body(const Credentials &credentials, std::string_view auth_token,
                           std::string_view corp_num, Direction direction,
                           const std::vector<std::string> &issue_ids, std::string_view message_id,
                           Instant now);

// What a call asked for, for error details and logs (no secrets), e.g.
// "Signal OS_DTI_LIST, SearchComRegno 1208147521, SupBuy_Type AR, SearchDate W
// 2026-07-01..2026-07-30".
std::string describe_list_call(const ListCall &call);

// The scalar fields of a response envelope.
struct Envelope {
    std::string message_id;
    std::string signal;
    std::string result_code; // as text, whether sent as a string or a number
    std::string result_message;
    std::string response_time; // "yyyyMMddHHmmss" (KST) as sent, empty when absent

    bool succeeded() const;
};

// The answer to GET_TOKEN.
struct IssuedToken {
    Envelope envelope;
    std::string auth_token; // empty unless succeeded
    std::string expiration; // "yyyy-MM-dd HH:mm:ss" or empty (never expires / not sent)
};

// Parses a GET_TOKEN answer. Throws Error (HV00B) when the body is not a valid envelope,
// naming `message_id` (the one we sent) in the detail.
IssuedToken parse_get_token_response(std::string_view body, std::string_view message_id);

} // namespace sbfdw
