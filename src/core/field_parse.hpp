// Converting the text of one API field into a FieldValue of the wanted kind, for every format
// profile the API may use (default, dotnet, strings). Amounts are exact: they are read from the
// JSON token's text, never through a double.
#pragma once
#include "core/no_postgres.hpp"
#include "core/field_value.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace sbfdw {

// The JSON type a field arrived as.
enum class JsonScalar { Null, String, Number, Other /* object, array, boolean */ };

// Fills `out` from a field's text (the unescaped string, or the raw number token).
// Returns nothing on success, else what is wrong, e.g. `expected an integer amount, got "12a3"`
// (long values cut to about 40 characters).
std::optional<std::string> parse_field(FieldKind kind, JsonScalar type, std::string_view text,
                                       FieldValue &out);

// The canonical text of a decimal number ("+001250000.500" -> "1250000.5", "1.25E3" -> "1250"),
// or nothing when `text` is not a plain decimal number.
std::optional<std::string> canonical_decimal(std::string_view text);

// `text` quoted for a detail line, cut to about 40 characters.
std::string quote_for_detail(std::string_view text);

} // namespace sbfdw
