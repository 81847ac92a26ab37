// Hand-written JSON output for the simulator: answers of 10,000 rows are rendered straight into
// one string, without a DOM in between.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sim {

// Appends `text` as a JSON string literal. UTF-8 passes through unchanged (even when invalid, so
// faults can send broken bytes); quotes, backslashes and control characters are escaped.
void append_json_string(std::string &out, std::string_view text);

// Appends the decimal text of a number.
void append_json_int(std::string &out, int64_t value);

// `"key":` — keys are ASCII identifiers chosen by the simulator, so they need no escaping.
inline void append_json_key(std::string &out, std::string_view key) {
    out += '"';
    out += key;
    out += "\":";
}

} // namespace sim
