// OS_DTI_XML answers: documents come out unmodified, keyed by issue_id, and unparsed.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/xml_decoder.hpp"

#include <string>

using namespace sbfdw;

namespace {

const std::string kDocument =
    std::string("<TaxInvoice xmlns=\"") + kDtiNamespace +
    "\"><TaxInvoiceDocument><IssueID>20260701410000001234ABCD</IssueID></TaxInvoiceDocument>"
    "<TaxInvoiceTradeLineItem><NameText>복사용지 \"A4\"</NameText></TaxInvoiceTradeLineItem>"
    "</TaxInvoice>";

// The same document as a JSON string literal's body.
std::string json_escaped(const std::string &text) {
    std::string out;
    for (char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out;
}

std::string answer(const std::string &code, const std::string &rows) {
    return "{\"MessageId\":\"m-1\",\"Signal\":\"OS_DTI_XML\",\"ResponseTime\":\"20260702100000\","
           "\"ResultCode\":\"" +
           code + "\",\"ResultMessage\":\"ok\",\"ResultDataSet\":{\"Table\":[" + rows + "]}}";
}

Error error_of(const std::string &body) {
    try {
        XmlDecoder().decode(body, "m-1");
    } catch (const Error &e) {
        return e;
    }
    ADD_FAILURE() << "no error thrown";
    return Error("XX000", "not thrown");
}

} // namespace

TEST(XmlDecoder, RowsBecomeUnmodifiedDocuments) {
    std::string body = answer("30000", "{\"ISSUE_ID\":\"20260701410000001234ABCD\",\"DTI_MSG\":\"" +
                                           json_escaped(kDocument) +
                                           "\"},{\"DTI_MSG\":\"<TaxInvoice/>\\n\",\"ISSUE_ID\":"
                                           "\"20260701410000005678EFGH\",\"EXTRA\":[1,2]}");
    XmlDecoder decoder;
    DecodedDocuments decoded = decoder.decode(body, "m-1");
    EXPECT_EQ(decoded.envelope.result_code, "30000");
    ASSERT_EQ(decoded.documents.size(), 2u);
    EXPECT_EQ(decoded.documents[0].issue_id(), "20260701410000001234ABCD");
    EXPECT_EQ(decoded.documents[0].xml(), kDocument);
    EXPECT_EQ(decoded.documents[1].issue_id(), "20260701410000005678EFGH");
    EXPECT_EQ(decoded.documents[1].xml(), "<TaxInvoice/>\n");
    EXPECT_EQ(decoded.documents[0].item_count(), 1u);

    // The decoder is reusable for the next answer.
    DecodedDocuments empty = decoder.decode(answer("30000", ""), "m-2");
    EXPECT_TRUE(empty.documents.empty());
}

TEST(XmlDecoder, NullDocumentIsAbsentAndErrorsCarryNoRows) {
    DecodedDocuments decoded = XmlDecoder().decode(
        answer("30000", "{\"ISSUE_ID\":\"20260701410000001234ABCD\",\"DTI_MSG\":null}"), "m-1");
    EXPECT_TRUE(decoded.documents.empty());

    DecodedDocuments failed = XmlDecoder().decode(
        answer("31004", "{\"ISSUE_ID\":\"20260701410000001234ABCD\",\"DTI_MSG\":\"<x/>\"}"), "m-1");
    EXPECT_EQ(failed.envelope.result_code, "31004");
    EXPECT_TRUE(failed.documents.empty());
}

TEST(XmlDecoder, MalformedRowsAreInvalidReplies) {
    Error no_id = error_of(answer("30000", "{\"DTI_MSG\":\"<x/>\"}"));
    EXPECT_EQ(no_id.sqlstate(), "HV00B");
    EXPECT_NE(no_id.detail().find("MessageId m-1"), std::string::npos);
    EXPECT_NE(no_id.detail().find("no ISSUE_ID"), std::string::npos);

    Error no_document =
        error_of(answer("30000", "{\"ISSUE_ID\":\"20260701410000001234ABCD\",\"DTI_MSG\":5}"));
    EXPECT_EQ(no_document.sqlstate(), "HV00B");
    EXPECT_NE(no_document.detail().find("20260701410000001234ABCD has no DTI_MSG"),
              std::string::npos);

    std::string truncated = answer("30000", "{\"ISSUE_ID\":\"1\",\"DTI_MSG\":\"<x/>\"}");
    truncated.resize(truncated.size() - 10);
    EXPECT_EQ(error_of(truncated).sqlstate(), "HV00B");
}
