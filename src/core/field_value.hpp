// A value decoded from one field of an API row, already normalised for the target column kind.
#pragma once
#include "core/no_postgres.hpp"
#include "core/calendar.hpp"

#include <cstdint>
#include <string>

namespace sbfdw {

// How the PostgreSQL column wants the field: fast paths for the default column types, and text
// (normalised where that makes sense) for everything else, fed to the type's input function.
enum class FieldKind {
    Text,      // the string as sent (numbers as their JSON text)
    Date,      // -> `day`   (accepts every profile's date and date-time formats)
    Timestamp, // -> `instant` (KST local time in the source)
    Integer,   // -> `integer` (exact; "1250000.00" accepted, "1.5" rejected)
    Decimal,   // -> `text` as a canonical decimal ("1250000.5"), for numeric columns
};

// Where the value of a column comes from.
struct FieldSpec {
    std::string column_name; // for error messages
    std::string api_name;    // e.g. "SUP_AMOUNT"; empty with a special source below
    FieldKind kind = FieldKind::Text;
    enum class Source { ApiField, CorpNum } source = Source::ApiField;
};

struct FieldValue {
    bool is_null = true;
    std::string text;
    Day day = 0;
    Instant instant = 0;
    int64_t integer = 0;
};

} // namespace sbfdw
