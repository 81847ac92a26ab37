// Decoding an OS_DTI_XML answer: the envelope and, on success, one original document per row
// ({"ISSUE_ID", "DTI_MSG"}). The documents are not parsed here: DtiDocument parses each one when
// a column first needs it.
#pragma once
#include "core/no_postgres.hpp"
#include "core/dti_document.hpp"
#include "core/protocol.hpp"

#include <memory>
#include <string_view>
#include <vector>

namespace sbfdw {

struct DecodedDocuments {
    Envelope envelope;
    // In answer order; empty unless the envelope succeeded. Ids SmartBill does not know (or has
    // purged) are simply absent, as are rows whose DTI_MSG is null or empty.
    std::vector<DtiDocument> documents;
};

// Decodes answers for one scan; reuses its parser's buffers between answers.
class XmlDecoder {
public:
    XmlDecoder();
    ~XmlDecoder();

    // Throws Error: HV00B for an invalid or truncated body or a row without a string ISSUE_ID
    // or DTI_MSG (naming `message_id`, the id we sent), 22021 for invalid UTF-8.
    DecodedDocuments decode(std::string_view body, std::string_view message_id);

private:
    struct Parser;
    std::unique_ptr<Parser> parser_;
};

} // namespace sbfdw
