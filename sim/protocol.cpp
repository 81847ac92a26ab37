#include "protocol.hpp"

#include <simdjson.h>

#include "accounts.hpp"
#include "core/calendar.hpp"
#include "json_text.hpp"

namespace sim {
namespace {

struct CodeMessage {
    std::string_view code;
    std::string_view message;
};

constexpr CodeMessage kResultMessages[] = {
    {result_code::kSuccess, "success"},
    {result_code::kFieldMissing, "required field missing"},
    {result_code::kFieldMalformed, "field malformed"},
    {result_code::kRangeTooLong, "search range longer than 30 days"},
    {result_code::kTooManyIssueIds, "more than 100 IssueId"},
    {result_code::kTooManyRows, "too many rows for one answer: narrow the search range"},
    {result_code::kUnknownSignal, "unknown Signal or ServiceCode"},
    {result_code::kTokenInvalid, "auth token invalid"},
    {result_code::kTokenExpired, "auth token expired"},
    {result_code::kAuthCodeMismatch, "auth code mismatch"},
    {result_code::kUnknownSbId, "unknown SbId"},
    {result_code::kNotRegistered, "SendComRegno not registered for the API"},
    {result_code::kNotLinked, "SearchComRegno not linked to SendComRegno"},
    {result_code::kHometaxUnavailable, "Hometax department user missing or its login failed"},
    {result_code::kTooManyRequests, "too many requests"},
    {result_code::kInternalError, "internal error"},
};

bool all_digits(std::string_view text) {
    for (char c : text)
        if (c < '0' || c > '9')
            return false;
    return !text.empty();
}

bool is_regno(std::string_view text) {
    return text.size() == 10 && all_digits(text);
}

// Exactly "yyyy-MM-dd" and a real calendar day.
bool is_dashed_date(std::string_view text) {
    return text.size() == 10 && text[4] == '-' && text[7] == '-' && sbfdw::parse_day(text);
}

bool is_request_time(std::string_view text) {
    return text.size() == 14 && all_digits(text) && sbfdw::parse_kst_datetime(text);
}

// 국세청 승인번호: 24 letters or digits.
bool is_issue_id(std::string_view text) {
    if (text.size() != 24)
        return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
            return false;
    return true;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

void split_issue_ids(std::string_view text, std::vector<std::string> &out) {
    while (!text.empty()) {
        size_t comma = text.find(',');
        std::string_view id = trim(text.substr(0, comma));
        if (!id.empty())
            out.emplace_back(id);
        if (comma == std::string_view::npos)
            break;
        text.remove_prefix(comma + 1);
    }
}

struct SignalFields {
    std::string_view signal;
    std::vector<std::string_view> required; // besides the common ones, in checking order
    std::vector<std::string_view> optional;
};

const std::vector<std::string_view> kCommonRequired = {"MessageId", "RequestTime", "SendComRegno"};

const std::vector<SignalFields> kSignals = {
    {"GET_TOKEN", {"SbId", "AuthCode", "ExpirationDateCode"}, {"ExpirationDate"}},
    {"OS_DTI_LIST",
     {"AuthToken", "SearchDate", "SearchFromDate", "SearchToDate", "SearchComRegno", "SupBuy_Type"},
     {}},
    // SearchComRegno is not in the contract for OS_DTI_XML; accepted to pick one company.
    {"OS_DTI_XML", {"AuthToken", "AuthCode", "SupBuy_Type", "IssueId"}, {"SearchComRegno"}},
};

Rejection missing(std::string_view field) {
    return {result_code::kFieldMissing, "required field missing: " + std::string(field)};
}

Rejection malformed(std::string_view field, std::string_view expected) {
    return {result_code::kFieldMalformed,
            "field malformed: " + std::string(field) + " (expected " + std::string(expected) + ")"};
}

bool is_non_text(const ApiRequest &request, std::string_view field) {
    for (const auto &name : request.non_text)
        if (name == field)
            return true;
    return false;
}

// Present means a non-empty string, or any non-string value (which the format step rejects).
bool present(const ApiRequest &request, std::string_view field) {
    if (field == "IssueId")
        return !request.issue_ids.empty() || is_non_text(request, field);
    return !request.get(field).empty() || is_non_text(request, field);
}

std::optional<Rejection> check_formats(const ApiRequest &request, const SignalFields &signal) {
    auto must_be_text = [&](std::string_view field) -> std::optional<Rejection> {
        if (is_non_text(request, field))
            return malformed(field, "a string");
        return std::nullopt;
    };
    for (auto field : kCommonRequired)
        if (auto r = must_be_text(field))
            return r;
    for (auto field : signal.required)
        if (auto r = must_be_text(field))
            return r;
    for (auto field : signal.optional)
        if (auto r = must_be_text(field))
            return r;

    if (!is_regno(request.get("SendComRegno")))
        return malformed("SendComRegno", "10 digits");
    if (!is_request_time(request.get("RequestTime")))
        return malformed("RequestTime", "yyyyMMddHHmmss");

    if (signal.signal == "GET_TOKEN") {
        std::string_view code = request.get("ExpirationDateCode");
        if (!is_expiration_code(code))
            return malformed("ExpirationDateCode", "one of D W H M Q R Y Z C");
        if (code == "C" && !request.has("ExpirationDate"))
            return missing("ExpirationDate");
        if (request.has("ExpirationDate") && !is_dashed_date(request.get("ExpirationDate")))
            return malformed("ExpirationDate", "yyyy-MM-dd");
    } else if (signal.signal == "OS_DTI_LIST") {
        std::string_view kind = request.get("SearchDate");
        if (kind != "W" && kind != "I" && kind != "S")
            return malformed("SearchDate", "W, I or S");
        if (!is_dashed_date(request.get("SearchFromDate")))
            return malformed("SearchFromDate", "yyyy-MM-dd");
        if (!is_dashed_date(request.get("SearchToDate")))
            return malformed("SearchToDate", "yyyy-MM-dd");
        if (!is_regno(request.get("SearchComRegno")))
            return malformed("SearchComRegno", "10 digits");
    } else if (signal.signal == "OS_DTI_XML") {
        for (const auto &id : request.issue_ids)
            if (!is_issue_id(id))
                return malformed("IssueId", "24-character approval numbers");
        if (request.has("SearchComRegno") && !is_regno(request.get("SearchComRegno")))
            return malformed("SearchComRegno", "10 digits");
    }
    if (signal.signal != "GET_TOKEN") {
        std::string_view direction = request.get("SupBuy_Type");
        if (direction != "AR" && direction != "AP")
            return malformed("SupBuy_Type", "AR or AP");
    }
    return std::nullopt;
}

} // namespace

std::string_view result_message(std::string_view code) {
    for (const auto &entry : kResultMessages)
        if (entry.code == code)
            return entry.message;
    return {};
}

std::string_view ApiRequest::get(std::string_view field) const {
    auto it = text.find(field);
    return it == text.end() ? std::string_view() : std::string_view(it->second);
}

bool ApiRequest::has(std::string_view field) const {
    return text.find(field) != text.end();
}

std::optional<ApiRequest> parse_api_request(std::string_view body) {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(body.data(), body.size()).get(root))
        return std::nullopt;
    simdjson::dom::object object;
    if (root.get_object().get(object))
        return std::nullopt;

    ApiRequest request;
    for (auto field : object) {
        std::string name(field.key);
        request.raw_fields.emplace_back(name, simdjson::minify(field.value));
        std::string_view text;
        if (!field.value.get_string().get(text)) {
            request.text[name] = std::string(text);
            if (name == "IssueId")
                split_issue_ids(text, request.issue_ids);
            continue;
        }
        simdjson::dom::array array;
        if (name == "IssueId" && !field.value.get_array().get(array)) {
            bool all_strings = true;
            for (auto element : array) {
                std::string_view id;
                if (element.get_string().get(id)) {
                    all_strings = false;
                    break;
                }
                request.issue_ids.emplace_back(trim(id));
            }
            if (all_strings)
                continue;
            request.issue_ids.clear();
        }
        request.non_text.push_back(std::move(name));
    }
    return request;
}

std::optional<Rejection> check_request_shape(const ApiRequest &request) {
    // Step 2: which function, and the fixed ServiceCode.
    if (!present(request, "Signal"))
        return missing("Signal");
    const SignalFields *signal = nullptr;
    for (const auto &candidate : kSignals)
        if (candidate.signal == request.get("Signal"))
            signal = &candidate;
    if (!signal)
        return Rejection{result_code::kUnknownSignal, "unknown Signal"};
    if (!present(request, "ServiceCode"))
        return missing("ServiceCode");
    if (request.get("ServiceCode") != "DTI")
        return Rejection{result_code::kUnknownSignal, "unknown ServiceCode (expected DTI)"};

    // Step 3: required fields, common ones first.
    for (auto field : kCommonRequired)
        if (!present(request, field))
            return missing(field);
    for (auto field : signal->required)
        if (!present(request, field))
            return missing(field);

    // Step 4: formats.
    return check_formats(request, *signal);
}

void begin_envelope(std::string &out, std::string_view message_id, std::string_view signal,
                    std::string_view response_time, std::string_view code, std::string_view message,
                    std::string_view table) {
    // Left open: the rows follow, and end_envelope closes the array and both objects.
    JsonObjectWriter envelope(out);
    envelope.text("MessageId", message_id);
    envelope.text("Signal", signal);
    envelope.text("ResponseTime", response_time);
    envelope.text("ResultCode", code);
    envelope.text("ResultMessage", message);
    envelope.key("ResultDataSet");
    JsonObjectWriter data_set(out);
    data_set.key(table);
    out += '[';
}

void end_envelope(std::string &out) {
    out += "]}}";
}

} // namespace sim
