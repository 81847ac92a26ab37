// Hand-written JSON output for the simulator: answers of 10,000 rows are rendered straight into
// one string, without a DOM in between.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/protocol.hpp"

namespace sim {

// Appends `text` as a JSON string literal (the core's writer: one escaping rule for what the FDW
// sends and what the simulator answers). UTF-8 passes through unchanged, even when invalid, so
// faults can send broken bytes; quotes, backslashes and control characters are escaped.
using sbfdw::append_json_string;

// Appends the decimal text of a number.
void append_json_int(std::string &out, int64_t value);

// `"key":` — keys are ASCII identifiers chosen by the simulator, so they need no escaping.
inline void append_json_key(std::string &out, std::string_view key) {
    out += '"';
    out += key;
    out += "\":";
}

// Writes the fields of one JSON object in order, with the commas between them. Opens the object
// on construction; finish() closes it (an envelope streamed row by row is closed later).
class JsonObjectWriter {
public:
    explicit JsonObjectWriter(std::string &out) : out_(out) { out_ += '{'; }

    // Starts a field whose value the caller appends (an array, a nested object).
    void key(std::string_view name) {
        if (!first_)
            out_ += ',';
        first_ = false;
        append_json_key(out_, name);
    }
    void text(std::string_view name, std::string_view value) {
        key(name);
        append_json_string(out_, value);
    }
    void number(std::string_view name, int64_t value) {
        key(name);
        append_json_int(out_, value);
    }
    void finish() { out_ += '}'; }

private:
    std::string &out_;
    bool first_ = true;
};

} // namespace sim
