// Decoding an OS_DTI_LIST answer: the envelope and, on success, the requested fields of every row.
#pragma once
#include "core/no_postgres.hpp"
#include "core/field_value.hpp"
#include "core/protocol.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sbfdw {

struct DecodedRow {
    std::string issue_id;           // always read (deduplication and error context)
    std::string supbuy_type;        // as sent; may be empty
    std::vector<FieldValue> values; // one per FieldSpec, in order
};

struct DecodedList {
    Envelope envelope;
    // The first `row_count` entries are this answer's rows (none unless the envelope
    // succeeded); entries past it are storage kept from earlier answers for reuse.
    std::vector<DecodedRow> rows;
    size_t row_count = 0;
};

// Decodes answers for one scan; reuses its parser's buffers between answers.
class ListDecoder {
public:
    // `fields` are the output columns; `table_name` names the foreign table in errors.
    ListDecoder(std::vector<FieldSpec> fields, std::string table_name);
    ~ListDecoder();

    // Parses `body` once. `corp_num` fills FieldSpec::Source::CorpNum columns; `message_id` (the
    // one we sent) goes into error details. Throws Error: HV00B for an invalid or truncated
    // body, 22021 for invalid UTF-8, 22P02 / 22003 / HV004 for a field that does not fit its
    // column (naming the column, the table and the issue_id).
    DecodedList decode(std::string_view body, const std::string &corp_num,
                       std::string_view message_id);

    // The same, written into `out`, whose rows' storage is reused: steady-state decoding then
    // allocates almost nothing, which matters for answers of thousands of rows.
    void decode_into(std::string_view body, const std::string &corp_num,
                     std::string_view message_id, DecodedList &out);

    const std::vector<FieldSpec> &fields() const { return fields_; }

private:
    struct Parser;
    std::vector<FieldSpec> fields_;
    std::string table_name_;
    std::unique_ptr<Parser> parser_;
};

} // namespace sbfdw
