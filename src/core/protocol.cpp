#include "core/protocol.hpp"
#include "core/endpoint_url.hpp"
#include "core/json_envelope.hpp"
#include "core/error.hpp"
#include "core/result_codes.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace sbfdw {
namespace {

constexpr const char *kServiceCode = "DTI";

void append_field(std::string &out, std::string_view name, std::string_view value) {
    if (out.size() > 1)
        out += ',';
    append_json_string(out, name);
    out += ':';
    append_json_string(out, value);
}

// The fields every request carries; AuthToken only when given (GET_TOKEN has none).
std::string common_fields(const char *signal, const Credentials &credentials,
                          std::string_view auth_token, std::string_view message_id, Instant now) {
    std::string out = "{";
    append_field(out, "MessageId", message_id);
    append_field(out, "Signal", signal);
    append_field(out, "RequestTime", format_kst_compact(now));
    append_field(out, "SendComRegno", credentials.send_com_regno);
    if (!auth_token.empty())
        append_field(out, "AuthToken", auth_token);
    append_field(out, "ServiceCode", kServiceCode);
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

[[noreturn]] void throw_json_error(simdjson::error_code code, std::string_view message_id) {
    if (code == simdjson::UTF8_ERROR)
        throw Error(sqlstate::kCharacterNotInRepertoire,
                    "SmartBill API response is not valid UTF-8",
                    "MessageId " + std::string(message_id));
    throw invalid_reply_error(message_id, simdjson::error_message(code));
}

} // namespace

std::string_view member_key(JsonMember &member, std::string_view message_id) {
    std::string_view key;
    if (auto err = member.unescaped_key().get(key))
        throw_json_error(err, message_id);
    return key;
}

simdjson::ondemand::value member_value(JsonMember &member, std::string_view message_id) {
    simdjson::ondemand::value value;
    if (auto err = member.value().get(value))
        throw_json_error(err, message_id);
    return value;
}

namespace {

// Reads one envelope scalar into `out`; non-scalars are left empty.
void read_scalar_field(simdjson::ondemand::value value, std::string &out) {
    scalar_text(value, out);
}

void visit_rows(simdjson::ondemand::value table, const RowVisitor &on_row,
                std::string_view message_id) {
    simdjson::ondemand::json_type type;
    if (auto err = table.type().get(type))
        throw_json_error(err, message_id);
    if (type == simdjson::ondemand::json_type::null)
        return;
    if (type == simdjson::ondemand::json_type::object) {
        simdjson::ondemand::object row;
        if (auto err = table.get_object().get(row))
            throw_json_error(err, message_id);
        on_row(row);
        return;
    }
    if (type != simdjson::ondemand::json_type::array)
        throw invalid_reply_error(message_id, "ResultDataSet table is not an array");
    simdjson::ondemand::array rows;
    if (auto err = table.get_array().get(rows))
        throw_json_error(err, message_id);
    for (auto element : rows) {
        simdjson::ondemand::value item;
        if (auto err = element.get(item))
            throw_json_error(err, message_id);
        simdjson::ondemand::object row;
        if (item.get_object().get(row))
            throw invalid_reply_error(message_id, "a row of the answer is not an object");
        on_row(row);
    }
}

} // namespace

std::string next_message_id() {
    static unsigned long counter = 0;
    const long long epoch_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count();
    char buf[64];
    std::snprintf(buf, sizeof buf, "sbfdw-%ld-%lld-%lu", static_cast<long>(getpid()), epoch_ms,
                  ++counter);
    return buf;
}

Instant now_instant() {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

namespace {

// Bytes that must be escaped inside a JSON string: control characters, '"' and '\\'.
struct EscapeTable {
    bool needs_escape[256] = {};
    constexpr EscapeTable() {
        for (int c = 0; c < 0x20; ++c)
            needs_escape[c] = true;
        needs_escape[static_cast<unsigned char>('"')] = true;
        needs_escape[static_cast<unsigned char>('\\')] = true;
    }
};
constexpr EscapeTable kEscape;

} // namespace

void append_json_string(std::string &out, std::string_view text) {
    static const char kHex[] = "0123456789abcdef";
    out += '"';
    size_t clean_from = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (!kEscape.needs_escape[c])
            continue;
        // Copy the run that needed no escaping in one go.
        out.append(text.data() + clean_from, i - clean_from);
        clean_from = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        }
    }
    out.append(text.data() + clean_from, text.size() - clean_from);
    out += '"';
}

std::string build_get_token_body(const Credentials &credentials, std::string_view message_id,
                                 Instant now, std::string_view expiration_code) {
    std::string out = common_fields(kSignalGetToken, credentials, {}, message_id, now);
    append_field(out, "AuthCode", credentials.auth_code);
    append_field(out, "SbId", credentials.sb_id);
    append_field(out, "ExpirationDateCode", expiration_code);
    out += '}';
    return out;
}

std::string build_list_body(const Credentials &credentials, std::string_view auth_token,
                            const ListCall &call, std::string_view message_id, Instant now) {
    std::string out = common_fields(kSignalList, credentials, auth_token, message_id, now);
    append_field(out, "SearchDate", date_kind_code(call.kind));
    append_field(out, "SearchFromDate", format_day(call.window.first));
    append_field(out, "SearchToDate", format_day(call.window.last));
    append_field(out, "SearchComRegno", call.corp_num);
    append_field(out, "SupBuy_Type", direction_code(call.direction));
    out += '}';
    return out;
}

std::string build_xml_body(const Credentials &credentials, std::string_view auth_token,
                           std::string_view corp_num, Direction direction,
                           const std::vector<std::string> &issue_ids, std::string_view message_id,
                           Instant now) {
    std::string out = common_fields(kSignalXml, credentials, auth_token, message_id, now);
    append_field(out, "AuthCode", credentials.auth_code);
    append_field(out, "SearchComRegno", corp_num);
    append_field(out, "SupBuy_Type", direction_code(direction));
    out += ",\"IssueId\":[";
    for (size_t i = 0; i < issue_ids.size(); ++i) {
        if (i > 0)
            out += ',';
        append_json_string(out, issue_ids[i]);
    }
    out += "]}";
    return out;
}

std::string describe_list_call(const ListCall &call) {
    std::string out = "Signal ";
    out += kSignalList;
    out += ", SearchComRegno " + call.corp_num;
    out += ", SupBuy_Type ";
    out += direction_code(call.direction);
    out += ", SearchDate ";
    out += date_kind_code(call.kind);
    out += ' ' + format_day(call.window.first) + ".." + format_day(call.window.last);
    return out;
}

bool Envelope::succeeded() const {
    return result_code == kResultSuccess;
}

Error invalid_reply_error(std::string_view message_id, std::string_view problem) {
    return Error(sqlstate::kFdwReplyHandle, "invalid response from SmartBill API",
                 "MessageId " + std::string(message_id) + ": " + std::string(problem));
}

JsonScalar scalar_text(simdjson::ondemand::value &value, std::string &text) {
    using simdjson::ondemand::json_type;
    text.clear();
    json_type type;
    if (value.type().get(type))
        return JsonScalar::Other;
    switch (type) {
    case json_type::null:
        return JsonScalar::Null;
    case json_type::string: {
        std::string_view s;
        if (value.get_string().get(s))
            return JsonScalar::Other;
        text.assign(s);
        return JsonScalar::String;
    }
    case json_type::number:
        text.assign(trim(value.raw_json_token()));
        return JsonScalar::Number;
    default:
        return JsonScalar::Other;
    }
}

simdjson::padded_string_view padded_copy(std::string_view body, std::string &buffer) {
    buffer.reserve(body.size() + simdjson::SIMDJSON_PADDING);
    buffer.assign(body.data(), body.size());
    return simdjson::padded_string_view(buffer.data(), buffer.size(), buffer.capacity());
}

void parse_envelope(simdjson::ondemand::parser &parser, simdjson::padded_string_view body,
                    std::string_view table_name, std::string_view message_id, Envelope &out,
                    const RowVisitor &on_row) {
    simdjson::ondemand::document doc;
    if (auto err = parser.iterate(body).get(doc))
        throw_json_error(err, message_id);

    // First pass: the scalars, wherever they are (ResultDataSet may come before ResultCode).
    simdjson::ondemand::object top;
    if (auto err = doc.get_object().get(top)) {
        if (err == simdjson::INCORRECT_TYPE)
            throw invalid_reply_error(message_id, "the answer is not a JSON object");
        throw_json_error(err, message_id);
    }
    bool saw_result_code = false;
    for (auto field : top) {
        const std::string_view key = member_key(field, message_id);
        simdjson::ondemand::value value = member_value(field, message_id);
        if (iequals(key, "ResultCode")) {
            read_scalar_field(value, out.result_code);
            saw_result_code = true;
        } else if (iequals(key, "ResultMessage")) {
            read_scalar_field(value, out.result_message);
        } else if (iequals(key, "MessageId")) {
            read_scalar_field(value, out.message_id);
        } else if (iequals(key, "Signal")) {
            read_scalar_field(value, out.signal);
        } else if (iequals(key, "ResponseTime")) {
            read_scalar_field(value, out.response_time);
        }
        // Everything else is skipped; On Demand still checks its structure.
    }
    if (!saw_result_code || out.result_code.empty())
        throw invalid_reply_error(message_id, "the answer has no ResultCode");

    if (!out.succeeded() || !on_row)
        return;

    // Second pass: the rows.
    doc.rewind();
    if (auto err = doc.get_object().get(top))
        throw_json_error(err, message_id);
    for (auto field : top) {
        if (!iequals(member_key(field, message_id), "ResultDataSet"))
            continue;
        simdjson::ondemand::value value = member_value(field, message_id);
        simdjson::ondemand::json_type type;
        if (auto err = value.type().get(type))
            throw_json_error(err, message_id);
        if (type == simdjson::ondemand::json_type::null)
            continue;
        simdjson::ondemand::object dataset;
        if (value.get_object().get(dataset))
            throw invalid_reply_error(message_id, "ResultDataSet is not an object");
        for (auto table : dataset)
            if (iequals(member_key(table, message_id), table_name))
                visit_rows(member_value(table, message_id), on_row, message_id);
    }
}

IssuedToken parse_get_token_response(std::string_view body, std::string_view message_id) {
    simdjson::ondemand::parser parser;
    simdjson::padded_string padded(body);
    IssuedToken result;
    bool first = true;
    RowVisitor on_row = [&](simdjson::ondemand::object &row) {
        if (!first)
            return;
        first = false;
        for (auto field : row) {
            const std::string_view key = member_key(field, message_id);
            simdjson::ondemand::value value = member_value(field, message_id);
            if (iequals(key, "AUTH_TOKEN"))
                scalar_text(value, result.auth_token);
            else if (iequals(key, "EXPIRATION_DATE"))
                scalar_text(value, result.expiration);
        }
    };
    parse_envelope(parser, padded, "Table1", message_id, result.envelope, on_row);
    if (result.envelope.succeeded() && result.auth_token.empty()) {
        // Tolerance: some answers may carry the token in "Table" instead of "Table1".
        first = true;
        Envelope again;
        parse_envelope(parser, padded, "Table", message_id, again, on_row);
    }
    if (result.envelope.succeeded() && result.auth_token.empty())
        throw invalid_reply_error(message_id, "GET_TOKEN answer carries no AUTH_TOKEN");
    return result;
}

} // namespace sbfdw
