// Reading the response envelope with simdjson's On Demand API; shared by the decoders of each
// Signal. Internal to the core: only .cpp files include it (simdjson.h is large).
#pragma once
#include "core/no_postgres.hpp"
#include "core/error.hpp"
#include "core/field_parse.hpp"
#include "core/protocol.hpp"

#include <simdjson.h>

#include <functional>
#include <string_view>

namespace sbfdw {

using RowVisitor = std::function<void(simdjson::ondemand::object &row)>;

// Parses `body` once: the envelope's scalar fields into `out`, then, when the ResultCode is a
// success and `on_row` is set, calls it for every row of ResultDataSet.<table_name> (an array of
// objects; a single object is read as one row). Rows that are not objects are an error.
// Throws Error: HV00B for JSON that is invalid or truncated (mentioning `message_id`, the id we
// sent), 22021 for invalid UTF-8.
void parse_envelope(simdjson::ondemand::parser &parser, simdjson::padded_string_view body,
                    std::string_view table_name, std::string_view message_id, Envelope &out,
                    const RowVisitor &on_row);

// The text of a scalar: the unescaped string, or the raw token of a number (trimmed, exact).
// Returns its JSON type; Other (text left empty) for objects, arrays and booleans.
JsonScalar scalar_text(simdjson::ondemand::value &value, std::string &text);

// A body copied into `buffer` with the padding simdjson reads past the end. The buffer keeps its
// capacity, so a decoder that reuses it does not allocate (and fault in) megabytes per answer.
simdjson::padded_string_view padded_copy(std::string_view body, std::string &buffer);

// One member of a JSON object as On Demand iterates it, and its key and value. A malformed
// member throws like parse_envelope (HV00B, or 22021 for invalid UTF-8). Read the value only
// when the key is wanted: members never read are skipped without being decoded.
using JsonMember = simdjson::simdjson_result<simdjson::ondemand::field>;
std::string_view member_key(JsonMember &member, std::string_view message_id);
simdjson::ondemand::value member_value(JsonMember &member, std::string_view message_id);

// Builds the HV00B error for an invalid answer.
Error invalid_reply_error(std::string_view message_id, std::string_view problem);

} // namespace sbfdw
