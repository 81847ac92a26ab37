// How rows are written in each format profile (the real service's exact formatting is unknown,
// so the FDW must read all three), and the row-level faults that corrupt single fields.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "model.hpp"

namespace sim {

enum class Profile {
    Default, // dates "yyyy-MM-dd", datetimes "yyyy-MM-dd HH:mm:ss", amounts JSON numbers
    DotNet,  // datetimes "yyyy-MM-ddTHH:mm:ss", null for empty strings
    Strings, // every value a string; amounts "1250000" or "1250000.00"; dates "yyyyMMdd"
};

std::optional<Profile> parse_profile(std::string_view name);
const char *profile_name(Profile profile);

// A corruption of one field, applied while a row is written.
struct FieldFault {
    enum class Mode { WrongType, Missing, Null, Oversized, InvalidUtf8, Replace };
    Mode mode;
    std::string field;
    bool all_rows = true; // else only the first row of an answer
    size_t oversized_bytes = 10 * 1024 * 1024;
    std::string replacement; // Replace
};

// One OS_DTI_LIST row. `total_cnt` is the number of rows in the answer; `fault` may be null.
void append_list_row(std::string &out, const Invoice &invoice, bool sales, size_t total_cnt,
                     Profile profile, const FieldFault *fault);

// One OS_DTI_XML row {ISSUE_ID, DTI_MSG}.
void append_xml_row(std::string &out, const std::string &issue_id, const std::string &xml,
                    const FieldFault *fault);

// The GET_TOKEN row {AUTH_TOKEN, EXPIRATION_DATE}; no expiry is null.
void append_token_row(std::string &out, const std::string &token, std::optional<Instant> expires_at,
                      const FieldFault *fault);

} // namespace sim
