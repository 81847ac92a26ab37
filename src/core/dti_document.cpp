#include "core/dti_document.hpp"

#include "core/error.hpp"
#include "core/field_parse.hpp"
#include "core/table_catalog.hpp"

#include <pugixml.hpp>

#include <utility>

namespace sbfdw {

namespace {

constexpr std::string_view kRootName = "TaxInvoice";
constexpr std::string_view kItemName = "TaxInvoiceTradeLineItem";
constexpr std::string_view kWholeDocumentField = "DTI_MSG";

std::string_view local_name(const char *qualified_name) {
    std::string_view name(qualified_name);
    size_t colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view prefix_of(const char *qualified_name) {
    std::string_view name(qualified_name);
    size_t colon = name.find(':');
    return colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
}

// The namespace URI bound to the root element's prefix (the root has no ancestors to search).
std::string root_namespace(pugi::xml_node root) {
    std::string_view prefix = prefix_of(root.name());
    std::string attribute = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
    return root.attribute(attribute.c_str()).value();
}

// XML allows line breaks around a number or date; text columns keep them.
std::string_view trim_xml_space(std::string_view text) {
    constexpr std::string_view space = " \t\r\n";
    size_t first = text.find_first_not_of(space);
    if (first == std::string_view::npos)
        return {};
    return text.substr(first, text.find_last_not_of(space) - first + 1);
}

// Character data directly inside an element (text and CDATA sections, comments skipped).
std::string element_text(pugi::xml_node element) {
    std::string text;
    for (pugi::xml_node child : element.children())
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)
            text += child.value();
    return text;
}

// Every element a path of local names selects below `from`, in document order.
void collect_path(pugi::xml_node from, const std::vector<std::string> &path, size_t depth,
                  std::vector<pugi::xml_node> &found) {
    if (depth == path.size()) {
        found.push_back(from);
        return;
    }
    for (pugi::xml_node child : from.children())
        if (child.type() == pugi::node_element && local_name(child.name()) == path[depth])
            collect_path(child, path, depth + 1, found);
}

std::vector<std::string> element_texts(pugi::xml_node from, const std::vector<std::string> &path) {
    std::vector<pugi::xml_node> found;
    collect_path(from, path, 0, found);
    std::vector<std::string> texts;
    for (pugi::xml_node element : found) {
        std::string text = element_text(element);
        if (!text.empty())
            texts.push_back(std::move(text));
    }
    return texts;
}

std::optional<std::string> joined_lines(const std::vector<std::string> &texts) {
    if (texts.empty())
        return std::nullopt;
    std::string joined = texts.front();
    for (size_t i = 1; i < texts.size(); ++i)
        joined += '\n' + texts[i];
    return joined;
}

std::string join_path(const std::vector<std::string> &path) {
    std::string joined;
    for (const std::string &segment : path)
        joined += (joined.empty() ? "" : "/") + segment;
    return joined;
}

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> segments;
    size_t start = 0;
    while (start <= path.size()) {
        size_t slash = path.find('/', start);
        if (slash == std::string_view::npos)
            slash = path.size();
        segments.emplace_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return segments;
}

bool is_listing_field(std::string_view name) {
    for (char c : name)
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    return true;
}

// A local name as XML allows it, without a prefix (paths never carry prefixes).
bool is_plain_local_name(std::string_view segment) {
    if (segment.empty())
        return false;
    for (char c : segment) {
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-' || c == '.' || static_cast<unsigned char>(c) >= 0x80;
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

// --- the document ---

struct DtiDocument::Parsed {
    pugi::xml_document dom;
    pugi::xml_node root;
    std::vector<pugi::xml_node> items;
};

DtiDocument::DtiDocument(std::string issue_id, std::string xml)
    : issue_id_(std::move(issue_id)), xml_(std::move(xml)) {}
DtiDocument::~DtiDocument() = default;
DtiDocument::DtiDocument(DtiDocument &&) noexcept = default;
DtiDocument &DtiDocument::operator=(DtiDocument &&) noexcept = default;

const DtiDocument::Parsed &DtiDocument::parsed() {
    if (parsed_)
        return *parsed_;

    auto parsed = std::make_unique<Parsed>();
    // DTI_MSG arrives inside JSON, so it is UTF-8 whatever its XML declaration says. pugixml
    // never loads external entities or DTDs.
    pugi::xml_parse_result result =
        parsed->dom.load_buffer(xml_.data(), xml_.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!result)
        throw Error(sqlstate::kInvalidXmlDocument,
                    "could not parse the XML document of tax invoice \"" + issue_id_ + "\"",
                    std::string(result.description()) + " at offset " +
                        std::to_string(result.offset),
                    "The OS_DTI_XML answer for this issue_id carries a malformed DTI_MSG.");

    parsed->root = parsed->dom.document_element();
    std::string ns = root_namespace(parsed->root);
    if (local_name(parsed->root.name()) != kRootName || ns != kDtiNamespace)
        throw Error(sqlstate::kInvalidXmlDocument,
                    "XML document of tax invoice \"" + issue_id_ + "\" is not an NTS tax invoice",
                    "root element is \"" + std::string(local_name(parsed->root.name())) +
                        "\" in namespace \"" + ns + "\", expected \"TaxInvoice\" in namespace \"" +
                        kDtiNamespace + "\"");

    for (pugi::xml_node child : parsed->root.children())
        if (child.type() == pugi::node_element && local_name(child.name()) == kItemName)
            parsed->items.push_back(child);

    parsed_ = std::move(parsed);
    return *parsed_;
}

size_t DtiDocument::item_count() {
    return parsed().items.size();
}

std::vector<std::string> DtiDocument::texts_at(const std::vector<std::string> &path) {
    return element_texts(parsed().root, path);
}

std::optional<std::string> DtiDocument::text_at(const std::vector<std::string> &path) {
    return joined_lines(texts_at(path));
}

std::optional<std::string> DtiDocument::item_text_at(size_t item,
                                                     const std::vector<std::string> &path) {
    const Parsed &p = parsed();
    if (item >= p.items.size())
        return std::nullopt;
    return joined_lines(element_texts(p.items[item], path));
}

// --- rows ---

struct DtiRowDecoder::Column {
    enum class Source { Carried, WholeDocument, RootPath, ItemPath } source = Source::Carried;
    FieldSpec spec;
    std::vector<std::string> path; // local names below the root or the item
    std::string label;             // the path as error details show it
};

DtiRowDecoder::DtiRowDecoder(DtiRowKind kind, std::vector<FieldSpec> fields, std::string table_name)
    : kind_(kind), table_name_(std::move(table_name)) {
    columns_.reserve(fields.size());
    for (FieldSpec &spec : fields) {
        Column column;
        std::string_view name = spec.api_name;
        if (spec.source == FieldSpec::Source::CorpNum || is_listing_field(name))
            column.source = name == kWholeDocumentField ? Column::Source::WholeDocument
                                                        : Column::Source::Carried;
        else {
            if (!name.empty() && name.front() == '/')
                name.remove_prefix(1);
            std::vector<std::string> path = split_path(name);
            if (!path.empty() && path.front() == kRootName)
                path.erase(path.begin());
            bool valid = !path.empty();
            for (const std::string &segment : path)
                valid = valid && is_plain_local_name(segment);
            if (!valid)
                throw Error(sqlstate::kFdwInvalidOptionName,
                            "invalid XML path \"" + spec.api_name + "\" for column \"" +
                                spec.column_name + "\" of foreign table \"" + table_name_ + "\"",
                            {},
                            "Use local element names below TaxInvoice separated by \"/\", e.g. "
                            "\"TaxInvoiceDocument/IssueID\".");
            if (kind_ == DtiRowKind::Item && path.size() > 1 && path.front() == kItemName) {
                path.erase(path.begin());
                column.source = Column::Source::ItemPath;
            } else {
                column.source = Column::Source::RootPath;
            }
            column.label = join_path(path);
            column.path = std::move(path);
            needs_parse_ = true;
        }
        column.spec = std::move(spec);
        columns_.push_back(std::move(column));
    }
    // Item rows exist only by parsing, whatever the columns.
    if (kind_ == DtiRowKind::Item)
        needs_parse_ = true;
}

DtiRowDecoder::~DtiRowDecoder() = default;

bool DtiRowDecoder::is_carried(size_t column) const {
    return columns_.at(column).source == Column::Source::Carried;
}

size_t DtiRowDecoder::row_count(DtiDocument &document) const {
    return kind_ == DtiRowKind::Document ? 1 : document.item_count();
}

namespace {

// The SQLSTATE PostgreSQL's own input function would raise for this kind of mistake.
const char *sqlstate_for(FieldKind kind, const std::string &problem) {
    if (problem.find("range") != std::string::npos)
        return sqlstate::kNumericValueOutOfRange;
    if (kind == FieldKind::Date || kind == FieldKind::Timestamp)
        return sqlstate::kInvalidDatetimeFormat;
    return sqlstate::kInvalidTextRepresentation;
}

// Converts one element's text with the listing's rules (core/field_parse.hpp), so a value reads
// the same in every table; `where` locates the element for the error detail.
void convert_text(const FieldSpec &spec, const std::string &table_name, const std::string &where,
                  const std::string &text, FieldValue &out) {
    std::string_view value = spec.kind == FieldKind::Text ? text : trim_xml_space(text);
    std::optional<std::string> problem = parse_field(spec.kind, JsonScalar::String, value, out);
    if (!problem)
        return;
    throw Error(sqlstate_for(spec.kind, *problem),
                "invalid value for column \"" + spec.column_name + "\" of foreign table \"" +
                    table_name + "\"",
                where + ": " + *problem);
}

} // namespace

void DtiRowDecoder::decode_row(DtiDocument &document, size_t index,
                               std::vector<FieldValue> &row) const {
    row.resize(columns_.size());
    for (size_t i = 0; i < columns_.size(); ++i) {
        const Column &column = columns_[i];
        std::optional<std::string> text;
        std::string where = "issue_id " + document.issue_id();
        switch (column.source) {
        case Column::Source::Carried:
            continue;
        case Column::Source::WholeDocument:
            text = document.xml();
            where += ", DTI_MSG";
            break;
        case Column::Source::RootPath:
            text = document.text_at(column.path);
            where += ", " + column.label;
            break;
        case Column::Source::ItemPath:
            text = document.item_text_at(index, column.path);
            where += ", line " + std::to_string(index + 1) + ", " + column.label;
            break;
        }
        if (!text) {
            row[i] = FieldValue{};
            continue;
        }
        convert_text(column.spec, table_name_, where, *text, row[i]);
    }
}

// --- everything at once ---

namespace {

constexpr const char *kDocumentsTable = "tax_invoice_documents";
constexpr const char *kItemsTable = "tax_invoice_items";

std::optional<std::string> text_of(const FieldValue &v) {
    return v.is_null ? std::nullopt : std::optional<std::string>(v.text);
}
std::optional<int64_t> integer_of(const FieldValue &v) {
    return v.is_null ? std::nullopt : std::optional<int64_t>(v.integer);
}
std::optional<Day> day_of(const FieldValue &v) {
    return v.is_null ? std::nullopt : std::optional<Day>(v.day);
}

void add_party_fields(std::vector<FieldSpec> &fields, const std::string &role,
                      const std::string &element) {
    const std::string base = "TaxInvoiceTradeSettlement/" + element + "/";
    fields.push_back({role + "_regno", base + "SpecifiedOrganization/TaxRegistrationID"});
    fields.push_back({role + "_name", base + "NameText"});
    fields.push_back({role + "_ceo_name", base + "SpecifiedPerson/NameText"});
    fields.push_back({role + "_biz_type", base + "TypeCode"});
    fields.push_back({role + "_biz_class", base + "ClassificationCode"});
    fields.push_back({role + "_address", base + "SpecifiedAddress/LineOneText"});
    fields.push_back({role + "_email", base + "DefinedContact/URICommunication"});
}

DtiParty party_from(const std::vector<FieldValue> &row, size_t first) {
    DtiParty party;
    party.regno = text_of(row[first]);
    party.name = text_of(row[first + 1]);
    party.ceo_name = text_of(row[first + 2]);
    party.biz_type = text_of(row[first + 3]);
    party.biz_class = text_of(row[first + 4]);
    party.address = text_of(row[first + 5]);
    party.email = text_of(row[first + 6]);
    return party;
}

FieldKind kind_of_catalog_type(std::string_view pg_type) {
    if (pg_type == "integer" || pg_type == "bigint")
        return FieldKind::Integer;
    if (pg_type == "date")
        return FieldKind::Date;
    if (pg_type == "numeric")
        return FieldKind::Decimal;
    return FieldKind::Text;
}

std::vector<FieldSpec> line_item_fields() {
    std::vector<FieldSpec> fields;
    for (const ColumnDef &c : find_table(kItemsTable)->columns)
        if (c.api_field.rfind("TaxInvoiceTradeLineItem/", 0) == 0)
            fields.push_back(
                {std::string(c.name), std::string(c.api_field), kind_of_catalog_type(c.pg_type)});
    return fields;
}

bool party_is_empty(const DtiParty &p) {
    return !p.regno && !p.name && !p.ceo_name && !p.biz_type && !p.biz_class && !p.address &&
           !p.email;
}

} // namespace

DtiContent read_dti_content(DtiDocument &document) {
    std::vector<FieldSpec> header = {
        {"issue_id", "TaxInvoiceDocument/IssueID"},
        {"type_code", "TaxInvoiceDocument/TypeCode"},
        {"write_date", "TaxInvoiceDocument/IssueDateTime", FieldKind::Date},
        {"purpose_code", "TaxInvoiceDocument/PurposeCode"},
        {"amendment_code", "TaxInvoiceDocument/AmendmentStatusCode"},
        {"original_issue_id", "TaxInvoiceDocument/OriginalIssueID"},
        {"charge_total_amount",
         "TaxInvoiceTradeSettlement/SpecifiedMonetarySummation/"
         "ChargeTotalAmount",
         FieldKind::Integer},
        {"tax_total_amount", "TaxInvoiceTradeSettlement/SpecifiedMonetarySummation/TaxTotalAmount",
         FieldKind::Integer},
        {"grand_total_amount",
         "TaxInvoiceTradeSettlement/SpecifiedMonetarySummation/GrandTotalAmount",
         FieldKind::Integer},
    };
    const size_t first_party = header.size();
    add_party_fields(header, "supplier", "InvoicerParty");
    add_party_fields(header, "buyer", "InvoiceeParty");
    add_party_fields(header, "broker", "BrokerParty");

    DtiContent content;
    std::vector<FieldValue> row;
    DtiRowDecoder(DtiRowKind::Document, header, kDocumentsTable).decode_row(document, 0, row);
    content.issue_id = text_of(row[0]);
    content.type_code = text_of(row[1]);
    content.write_day = day_of(row[2]);
    content.purpose_code = text_of(row[3]);
    content.amendment_code = text_of(row[4]);
    content.original_issue_id = text_of(row[5]);
    content.charge_total = integer_of(row[6]);
    content.tax_total = integer_of(row[7]);
    content.grand_total = integer_of(row[8]);
    content.supplier = party_from(row, first_party);
    content.buyer = party_from(row, first_party + 7);
    DtiParty broker = party_from(row, first_party + 14);
    if (!party_is_empty(broker))
        content.broker = std::move(broker);

    // Each DescriptionText separately (a column joins them).
    std::vector<std::string> description_path = {"TaxInvoiceDocument", "DescriptionText"};
    content.descriptions = document.texts_at(description_path);

    // The line-item columns of the catalogue, in its order: line_no, trade_date, item_name, spec,
    // quantity, unit_price, supply_amount, tax_amount, remark.
    const std::vector<FieldSpec> item_fields = line_item_fields();
    DtiRowDecoder items(DtiRowKind::Item, item_fields, kItemsTable);
    size_t count = items.row_count(document);
    content.items.reserve(count);
    for (size_t i = 0; i < count; ++i) {
        items.decode_row(document, i, row);
        DtiLineItem item;
        item.line_no = integer_of(row[0]);
        item.trade_day = day_of(row[1]);
        item.name = text_of(row[2]);
        item.spec = text_of(row[3]);
        item.quantity = text_of(row[4]);
        item.unit_price = text_of(row[5]);
        item.supply_amount = integer_of(row[6]);
        item.tax_amount = integer_of(row[7]);
        item.remark = text_of(row[8]);
        content.items.push_back(std::move(item));
    }
    return content;
}

} // namespace sbfdw
