#include "core/xml_decoder.hpp"

#include "core/error.hpp"
#include "core/json_envelope.hpp"

#include <optional>
#include <string>

namespace sbfdw {

namespace {

constexpr std::string_view kIssueIdField = "ISSUE_ID";
constexpr std::string_view kDocumentField = "DTI_MSG";

} // namespace

struct XmlDecoder::Parser {
    simdjson::ondemand::parser json;
};

XmlDecoder::XmlDecoder() : parser_(std::make_unique<Parser>()) {}
XmlDecoder::~XmlDecoder() = default;

DecodedDocuments XmlDecoder::decode(std::string_view body, std::string_view message_id) {
    DecodedDocuments result;
    simdjson::padded_string padded(body);
    std::string text;

    RowVisitor on_row = [&](simdjson::ondemand::object &row) {
        std::optional<std::string> issue_id;
        std::optional<std::string> xml;
        bool document_is_null = false;
        for (auto field : row) {
            const std::string_view key = member_key(field, message_id);
            const bool is_issue_id = key == kIssueIdField;
            if (!is_issue_id && key != kDocumentField)
                continue;
            simdjson::ondemand::value value = member_value(field, message_id);
            const JsonScalar type = scalar_text(value, text);
            if (is_issue_id) {
                if (type == JsonScalar::String && !text.empty())
                    issue_id = text;
            } else if (type == JsonScalar::String) {
                xml = text;
            } else {
                document_is_null = type == JsonScalar::Null;
            }
        }
        if (!issue_id)
            throw invalid_reply_error(message_id, "an OS_DTI_XML row has no ISSUE_ID string");
        if (!xml && !document_is_null)
            throw invalid_reply_error(message_id, "the OS_DTI_XML row of issue_id " + *issue_id +
                                                      " has no DTI_MSG string");
        if (!xml || xml->empty())
            return; // no document for this id: the same as an absent row
        result.documents.emplace_back(std::move(*issue_id), std::move(*xml));
    };

    parse_envelope(parser_->json, padded, "Table", message_id, result.envelope, on_row);
    return result;
}

} // namespace sbfdw
