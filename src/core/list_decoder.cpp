#include "core/list_decoder.hpp"
#include "core/error.hpp"
#include "core/field_parse.hpp"
#include "core/json_envelope.hpp"

#include <unordered_map>

namespace sbfdw {
namespace {

constexpr std::string_view kIssueIdField = "ISSUE_ID";
constexpr std::string_view kSupbuyTypeField = "SUPBUY_TYPE";

// A field that fails to convert is recorded and reported once the row's issue_id is known
// (ISSUE_ID may come after the faulty field).
struct FieldProblem {
    size_t spec_index;
    std::string what;
    JsonScalar type;
};

const char *sqlstate_for(const FieldProblem &p) {
    if (p.type == JsonScalar::Other)
        return sqlstate::kFdwInvalidDataType;
    if (p.what.find("range") != std::string::npos)
        return sqlstate::kNumericValueOutOfRange;
    return sqlstate::kInvalidTextRepresentation;
}

} // namespace

struct ListDecoder::Parser {
    simdjson::ondemand::parser json;
    // API field name -> indexes of the specs reading it (a field may feed several columns). The
    // keys view the specs' own names, so looking up a row's key allocates nothing.
    std::unordered_map<std::string_view, std::vector<size_t>> specs_by_field;
    std::string body; // the padded copy of the answer being parsed, reused
};

ListDecoder::ListDecoder(std::vector<FieldSpec> fields, std::string table_name)
    : fields_(std::move(fields)), table_name_(std::move(table_name)),
      parser_(std::make_unique<Parser>()) {
    for (size_t i = 0; i < fields_.size(); ++i)
        if (fields_[i].source == FieldSpec::Source::ApiField && !fields_[i].api_name.empty())
            parser_->specs_by_field[std::string_view(fields_[i].api_name)].push_back(i);
}

ListDecoder::~ListDecoder() = default;

DecodedList ListDecoder::decode(std::string_view body, const std::string &corp_num,
                                std::string_view message_id) {
    DecodedList result;
    decode_into(body, corp_num, message_id, result);
    result.rows.resize(result.row_count);
    return result;
}

void ListDecoder::decode_into(std::string_view body, const std::string &corp_num,
                              std::string_view message_id, DecodedList &result) {
    result.envelope = Envelope{};
    result.row_count = 0;
    const simdjson::padded_string_view padded = padded_copy(body, parser_->body);
    std::string text;
    std::vector<FieldProblem> problems;

    RowVisitor on_row = [&](simdjson::ondemand::object &row) {
        // Rows of earlier answers are overwritten in place: their strings keep their capacity.
        if (result.row_count == result.rows.size())
            result.rows.emplace_back();
        DecodedRow &decoded = result.rows[result.row_count];
        decoded.issue_id.clear();
        decoded.supbuy_type.clear();
        decoded.values.resize(fields_.size());
        for (FieldValue &value : decoded.values) { // missing fields stay NULL
            value.is_null = true;
            value.text.clear();
        }
        problems.clear();
        for (auto field : row) {
            const std::string_view key = member_key(field, message_id);
            const bool is_issue_id = key == kIssueIdField;
            const bool is_supbuy = key == kSupbuyTypeField;
            auto wanted = parser_->specs_by_field.find(key);
            if (!is_issue_id && !is_supbuy && wanted == parser_->specs_by_field.end())
                continue; // not requested: skipped without decoding
            simdjson::ondemand::value value = member_value(field, message_id);
            const JsonScalar type = scalar_text(value, text);
            if (is_issue_id && type != JsonScalar::Other)
                decoded.issue_id = text;
            if (is_supbuy && type != JsonScalar::Other)
                decoded.supbuy_type = text;
            if (wanted == parser_->specs_by_field.end())
                continue;
            for (size_t index : wanted->second) {
                if (auto what = parse_field(fields_[index].kind, type, text, decoded.values[index]))
                    problems.push_back({index, std::move(*what), type});
            }
        }
        if (!problems.empty()) {
            const FieldProblem &p = problems.front();
            const FieldSpec &spec = fields_[p.spec_index];
            throw Error(sqlstate_for(p),
                        "invalid value for column \"" + spec.column_name +
                            "\" of foreign table \"" + table_name_ + "\"",
                        "issue_id " + (decoded.issue_id.empty() ? "(none)" : decoded.issue_id) +
                            ", field " + spec.api_name + ": " + p.what,
                        "The API answered in an unexpected format; check the column's type or "
                        "its field option.");
        }
        for (size_t i = 0; i < fields_.size(); ++i) {
            if (fields_[i].source == FieldSpec::Source::CorpNum) {
                decoded.values[i].is_null = false;
                decoded.values[i].text = corp_num;
            }
        }
        ++result.row_count;
    };

    parse_envelope(parser_->json, padded, "Table", message_id, result.envelope, on_row);
}

} // namespace sbfdw
