// One original tax-invoice document (DTI_MSG of an OS_DTI_XML row): the National Tax Service's
// standard XML, parsed once with pugixml and read column by column.
//
// Elements are matched on their local names, so a document may bind the NTS namespace as the
// default namespace or to any prefix; only the root element's namespace URI is checked.
//
// Column sources (FieldSpec::api_name) for the tax_invoice_items and tax_invoice_documents tables:
//   - "DTI_MSG": the whole document, exactly as received (never parsed for this column alone);
//   - an XML path of local names below the TaxInvoice root, e.g. "TaxInvoiceDocument/IssueID" or
//     "TaxInvoiceTradeSettlement/InvoicerParty/SpecifiedAddress/LineOneText". For item rows, a
//     path starting with "TaxInvoiceTradeLineItem/" reads the row's own line item;
//   - anything else (upper-case OS_DTI_LIST fields such as "DTI_WDATE", and corp_num) is carried
//     from the invoice listing: the caller fills those slots.
// An absent or empty element is NULL. When a path matches several elements (DescriptionText
// repeats up to three times), their texts are joined with newlines.
#pragma once
#include "core/no_postgres.hpp"
#include "core/calendar.hpp"
#include "core/field_value.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sbfdw {

inline constexpr const char *kDtiNamespace =
    "urn:kr:or:kec:standard:Tax:ReusableAggregateBusinessInformationEntitySchemaModule:1:0";

namespace sqlstate {
// PostgreSQL's invalid_xml_document: what its own xml type raises for a document that does not
// parse. Used for DTI_MSG text that is not well-formed or is not an NTS TaxInvoice.
inline constexpr const char *kInvalidXmlDocument = "2200M";
} // namespace sqlstate

class DtiDocument {
public:
    // Keeps the text; parsing waits until a column needs an element.
    DtiDocument(std::string issue_id, std::string xml);
    ~DtiDocument();
    DtiDocument(DtiDocument &&) noexcept;
    DtiDocument &operator=(DtiDocument &&) noexcept;

    const std::string &issue_id() const noexcept { return issue_id_; }
    const std::string &xml() const noexcept { return xml_; }

    // Number of TaxInvoiceTradeLineItem elements, in document order. Parses if needed; throws
    // Error (2200M) naming the issue_id when the text is not a TaxInvoice document.
    size_t item_count();

    // The texts of the elements a path (split into local names) selects, below the root or below
    // line item `item` (0-based); nullopt when nothing matches or every match is empty.
    std::optional<std::string> text_at(const std::vector<std::string> &path);
    // The non-empty texts of every element the path selects below the root, in document order.
    std::vector<std::string> texts_at(const std::vector<std::string> &path);
    std::optional<std::string> item_text_at(size_t item, const std::vector<std::string> &path);

private:
    struct Parsed;
    const Parsed &parsed();

    std::string issue_id_;
    std::string xml_;
    std::unique_ptr<Parsed> parsed_;
};

// Which rows a decoder makes out of one document.
enum class DtiRowKind {
    Document, // one row per document (tax_invoice_documents)
    Item,     // one row per line item (tax_invoice_items)
};

// Turns documents into rows of FieldValues for the columns a scan needs, and nothing more.
// Column sources are resolved once, here, not per row.
class DtiRowDecoder {
public:
    // `fields` lists the scan's output columns in order; `table_name` names the foreign table in
    // error messages. Throws Error (HV00D) for an api_name that is neither a listing field nor a
    // valid path.
    DtiRowDecoder(DtiRowKind kind, std::vector<FieldSpec> fields, std::string table_name);
    ~DtiRowDecoder();

    // True when column `column` is carried from the listing (the caller fills it).
    bool is_carried(size_t column) const;
    // False when no needed column reads an element (e.g. only issue_id and the document).
    bool needs_parse() const noexcept { return needs_parse_; }

    // Rows the document yields: 1 for Document, the number of line items for Item.
    size_t row_count(DtiDocument &document) const;

    // Fills every non-carried slot of `row` (resized to the number of fields) for row `index`.
    // Throws Error naming the column, the table, the issue_id, the line and the offending text.
    void decode_row(DtiDocument &document, size_t index, std::vector<FieldValue> &row) const;

private:
    struct Column;

    DtiRowKind kind_;
    std::string table_name_;
    std::vector<Column> columns_;
    bool needs_parse_ = false;
};

// The whole document as a plain struct, every value validated (same rules as the columns).
struct DtiParty {
    std::optional<std::string> regno;     // SpecifiedOrganization/TaxRegistrationID
    std::optional<std::string> name;      // NameText (상호)
    std::optional<std::string> ceo_name;  // SpecifiedPerson/NameText (대표자)
    std::optional<std::string> biz_type;  // TypeCode (업태)
    std::optional<std::string> biz_class; // ClassificationCode (종목)
    std::optional<std::string> address;   // SpecifiedAddress/LineOneText
    std::optional<std::string> email;     // DefinedContact/URICommunication
};

struct DtiLineItem {
    std::optional<int64_t> line_no;        // SequenceNumeric
    std::optional<Day> trade_day;          // PurchaseExpiryDateTime (yyyyMMdd)
    std::optional<std::string> name;       // NameText (품목)
    std::optional<std::string> spec;       // InformationText (규격)
    std::optional<std::string> quantity;   // ChargeableUnitQuantity, canonical decimal
    std::optional<std::string> unit_price; // UnitPrice/UnitAmount, canonical decimal
    std::optional<int64_t> supply_amount;  // InvoiceAmount (공급가액)
    std::optional<int64_t> tax_amount;     // TotalTax/CalculatedAmount (세액)
    std::optional<std::string> remark;     // DescriptionText (비고)
};

struct DtiContent {
    std::optional<std::string> issue_id;          // TaxInvoiceDocument/IssueID
    std::optional<std::string> type_code;         // TypeCode (4 digits, e.g. 0101)
    std::optional<Day> write_day;                 // IssueDateTime (작성일자, yyyyMMdd)
    std::optional<std::string> purpose_code;      // PurposeCode (01 영수, 02 청구)
    std::optional<std::string> amendment_code;    // AmendmentStatusCode (수정사유)
    std::optional<std::string> original_issue_id; // OriginalIssueID
    std::vector<std::string> descriptions;        // DescriptionText (비고), in order
    DtiParty supplier;                            // InvoicerParty
    DtiParty buyer;                               // InvoiceeParty
    std::optional<DtiParty> broker;               // BrokerParty (위수탁 only)
    std::optional<int64_t> charge_total;          // SpecifiedMonetarySummation/ChargeTotalAmount
    std::optional<int64_t> tax_total;             // .../TaxTotalAmount
    std::optional<int64_t> grand_total;           // .../GrandTotalAmount
    std::vector<DtiLineItem> items;
};

// Reads everything; errors name the columns of tax_invoice_documents / tax_invoice_items.
DtiContent read_dti_content(DtiDocument &document);

} // namespace sbfdw
