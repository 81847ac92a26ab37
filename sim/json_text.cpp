#include "json_text.hpp"

#include <charconv>

namespace sim {

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

void append_json_int(std::string &out, int64_t value) {
    char buf[24];
    auto result = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, result.ptr);
}

} // namespace sim
