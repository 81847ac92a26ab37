// Original tax-invoice documents: namespaces, optional parts, exact values, errors naming the
// issue_id, column and line, and rows decoded only for the columns a scan needs.
#include <gtest/gtest.h>

#include "core/dti_document.hpp"
#include "core/error.hpp"
#include "core/table_catalog.hpp"

#include <string>
#include <vector>

using namespace sbfdw;

namespace {

const std::string kIssueId = "20260701410000001234ABCD";

// One line item, in the element order of the NTS schema.
std::string item_xml(const std::string &seq, const std::string &quantity = "3",
                     const std::string &amount = "150000", const std::string &name = "A4 복사용지",
                     const std::string &prefix = "") {
    auto el = [&](const std::string &name, const std::string &text) {
        return "<" + prefix + name + ">" + text + "</" + prefix + name + ">";
    };
    return "<" + prefix + "TaxInvoiceTradeLineItem>" + el("SequenceNumeric", seq) +
           el("DescriptionText", "납품 " + seq) + el("InvoiceAmount", amount) +
           el("ChargeableUnitQuantity", quantity) + el("InformationText", "80g 2500매") +
           el("NameText", name) + el("PurchaseExpiryDateTime", "20260701") + "<" + prefix +
           "TotalTax>" + el("CalculatedAmount", "15000") + "</" + prefix + "TotalTax><" + prefix +
           "UnitPrice>" + el("UnitAmount", "50000.00") + "</" + prefix + "UnitPrice></" + prefix +
           "TaxInvoiceTradeLineItem>";
}

std::string party_xml(const std::string &element, const std::string &regno, const std::string &name,
                      const std::string &ceo, const std::string &address,
                      const std::string &email) {
    return "<" + element + "><TypeCode>도소매</TypeCode><NameText>" + name +
           "</NameText><ClassificationCode>사무용품</ClassificationCode>"
           "<SpecifiedOrganization><TaxRegistrationID>" +
           regno +
           "</TaxRegistrationID></SpecifiedOrganization>"
           "<SpecifiedPerson><NameText>" +
           ceo + "</NameText></SpecifiedPerson><DefinedContact><URICommunication>" + email +
           "</URICommunication></DefinedContact><SpecifiedAddress><LineOneText>" + address +
           "</LineOneText></SpecifiedAddress></" + element + ">";
}

// A complete document in the default namespace, with the given line items.
std::string default_document(const std::string &items, const std::string &document_extra = "",
                             const std::string &settlement_extra = "") {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<TaxInvoice xmlns=\"") +
           kDtiNamespace +
           "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
           "<ExchangedDocument><IssueDateTime>20260702093000</IssueDateTime></ExchangedDocument>\n"
           "<TaxInvoiceDocument><IssueID>" +
           kIssueId +
           "</IssueID><TypeCode>0101</TypeCode>"
           "<DescriptionText>7월분</DescriptionText><DescriptionText>현장 A동</DescriptionText>"
           "<IssueDateTime>20260701</IssueDateTime><PurposeCode>02</PurposeCode>" +
           document_extra + "</TaxInvoiceDocument>\n<TaxInvoiceTradeSettlement>" +
           party_xml("InvoicerParty", "1208147521", "(주)한빛문구", "김철수",
                     "서울특별시 중구 세종대로 110", "sales@hanbit.example") +
           party_xml("InvoiceeParty", "1078674544", "대한상사 주식회사", "이영희",
                     "부산광역시 해운대구 센텀중앙로 79", "ap@daehan.example") +
           settlement_extra +
           "<SpecifiedMonetarySummation><ChargeTotalAmount>150000</ChargeTotalAmount>"
           "<TaxTotalAmount>15000</TaxTotalAmount><GrandTotalAmount>165000</GrandTotalAmount>"
           "</SpecifiedMonetarySummation></TaxInvoiceTradeSettlement>\n" +
           items + "\n</TaxInvoice>\n";
}

std::vector<FieldSpec> item_specs() {
    return {
        {"corp_num", "", FieldKind::Text, FieldSpec::Source::CorpNum},
        {"issue_id", "ISSUE_ID"},
        {"line_no", "TaxInvoiceTradeLineItem/SequenceNumeric", FieldKind::Integer},
        {"trade_date", "TaxInvoiceTradeLineItem/PurchaseExpiryDateTime", FieldKind::Date},
        {"item_name", "TaxInvoiceTradeLineItem/NameText"},
        {"spec", "TaxInvoiceTradeLineItem/InformationText"},
        {"quantity", "TaxInvoiceTradeLineItem/ChargeableUnitQuantity", FieldKind::Decimal},
        {"unit_price", "TaxInvoiceTradeLineItem/UnitPrice/UnitAmount", FieldKind::Decimal},
        {"supply_amount", "TaxInvoiceTradeLineItem/InvoiceAmount", FieldKind::Integer},
        {"tax_amount", "TaxInvoiceTradeLineItem/TotalTax/CalculatedAmount", FieldKind::Integer},
        {"remark", "TaxInvoiceTradeLineItem/DescriptionText"},
    };
}

// Runs `body` and returns the Error it throws (fails the test when nothing is thrown).
template <typename Body> Error error_of(Body body) {
    try {
        body();
    } catch (const Error &e) {
        return e;
    }
    ADD_FAILURE() << "no error thrown";
    return Error("XX000", "not thrown");
}

} // namespace

TEST(DtiDocument, ReadsEveryPartOfADefaultNamespaceDocument) {
    DtiDocument doc(kIssueId, default_document(item_xml("1")));
    DtiContent c = read_dti_content(doc);
    EXPECT_EQ(c.issue_id, kIssueId);
    EXPECT_EQ(c.type_code, "0101");
    EXPECT_EQ(c.write_day, day_from_civil(2026, 7, 1));
    EXPECT_EQ(c.purpose_code, "02");
    EXPECT_FALSE(c.amendment_code);
    EXPECT_FALSE(c.original_issue_id);
    EXPECT_EQ(c.descriptions, (std::vector<std::string>{"7월분", "현장 A동"}));
    EXPECT_EQ(c.supplier.regno, "1208147521");
    EXPECT_EQ(c.supplier.name, "(주)한빛문구");
    EXPECT_EQ(c.supplier.ceo_name, "김철수");
    EXPECT_EQ(c.supplier.biz_type, "도소매");
    EXPECT_EQ(c.supplier.biz_class, "사무용품");
    EXPECT_EQ(c.supplier.address, "서울특별시 중구 세종대로 110");
    EXPECT_EQ(c.supplier.email, "sales@hanbit.example");
    EXPECT_EQ(c.buyer.regno, "1078674544");
    EXPECT_EQ(c.buyer.name, "대한상사 주식회사");
    EXPECT_EQ(c.buyer.address, "부산광역시 해운대구 센텀중앙로 79");
    EXPECT_FALSE(c.broker);
    EXPECT_EQ(c.charge_total, 150000);
    EXPECT_EQ(c.tax_total, 15000);
    EXPECT_EQ(c.grand_total, 165000);
    ASSERT_EQ(c.items.size(), 1u);
    const DtiLineItem &item = c.items[0];
    EXPECT_EQ(item.line_no, 1);
    EXPECT_EQ(item.trade_day, day_from_civil(2026, 7, 1));
    EXPECT_EQ(item.name, "A4 복사용지");
    EXPECT_EQ(item.spec, "80g 2500매");
    EXPECT_EQ(item.quantity, "3");
    EXPECT_EQ(item.unit_price, "50000"); // canonical: "50000.00" -> "50000"
    EXPECT_EQ(item.supply_amount, 150000);
    EXPECT_EQ(item.tax_amount, 15000);
    EXPECT_EQ(item.remark, "납품 1");
}

TEST(DtiDocument, PrefixedNamespaceReadsTheSame) {
    std::string xml = default_document(item_xml("1"));
    // Rewrite every element with a "dti:" prefix bound to the NTS namespace.
    std::string prefixed;
    for (size_t i = 0; i < xml.size(); ++i) {
        prefixed += xml[i];
        if (xml[i] == '<' && i + 1 < xml.size() && xml[i + 1] != '?') {
            if (xml[i + 1] == '/') {
                prefixed += '/';
                ++i;
            }
            prefixed += "dti:";
        }
    }
    size_t ns = prefixed.find("xmlns=");
    ASSERT_NE(ns, std::string::npos);
    prefixed.replace(ns, 6, "xmlns:dti=");
    ASSERT_NE(prefixed.find("<dti:TaxInvoiceTradeLineItem><dti:SequenceNumeric>"),
              std::string::npos);

    DtiDocument doc(kIssueId, prefixed);
    DtiContent c = read_dti_content(doc);
    EXPECT_EQ(c.issue_id, kIssueId);
    EXPECT_EQ(c.supplier.address, "서울특별시 중구 세종대로 110");
    EXPECT_EQ(c.descriptions.size(), 2u);
    ASSERT_EQ(c.items.size(), 1u);
    EXPECT_EQ(c.items[0].unit_price, "50000");
    EXPECT_EQ(c.items[0].tax_amount, 15000);
}

TEST(DtiDocument, WrongOrMissingNamespaceIsRejected) {
    std::string other = default_document(item_xml("1"));
    other.replace(other.find(kDtiNamespace), std::string(kDtiNamespace).size(),
                  "urn:example:other");
    DtiDocument doc(kIssueId, other);
    Error e = error_of([&] { doc.item_count(); });
    EXPECT_EQ(e.sqlstate(), "2200M");
    EXPECT_EQ(e.message(),
              "XML document of tax invoice \"" + kIssueId + "\" is not an NTS tax invoice");
    EXPECT_NE(e.detail().find("\"urn:example:other\""), std::string::npos);

    DtiDocument bare(kIssueId, "<TaxInvoice><TaxInvoiceDocument/></TaxInvoice>");
    EXPECT_EQ(error_of([&] { bare.item_count(); }).sqlstate(), "2200M");

    DtiDocument wrong_root(kIssueId, std::string("<Invoice xmlns=\"") + kDtiNamespace + "\"/>");
    EXPECT_NE(
        error_of([&] { wrong_root.item_count(); }).detail().find("root element is \"Invoice\""),
        std::string::npos);
}

TEST(DtiDocument, MalformedXmlNamesTheIssueId) {
    std::string xml = default_document(item_xml("1"));
    xml.resize(xml.size() / 2); // truncated answer
    DtiDocument doc(kIssueId, xml);
    Error e = error_of([&] { read_dti_content(doc); });
    EXPECT_EQ(e.sqlstate(), "2200M");
    EXPECT_EQ(e.message(), "could not parse the XML document of tax invoice \"" + kIssueId + "\"");
    EXPECT_NE(e.detail().find(" at offset "), std::string::npos);

    DtiDocument mismatched(kIssueId, std::string("<TaxInvoice xmlns=\"") + kDtiNamespace +
                                         "\"><A></B></TaxInvoice>");
    EXPECT_EQ(error_of([&] { mismatched.item_count(); }).sqlstate(), "2200M");
    DtiDocument empty(kIssueId, "");
    EXPECT_EQ(error_of([&] { empty.item_count(); }).sqlstate(), "2200M");
}

TEST(DtiDocument, MissingOptionalPartsAreNull) {
    std::string xml = std::string("<TaxInvoice xmlns=\"") + kDtiNamespace +
                      "\"><TaxInvoiceDocument><IssueID>" + kIssueId +
                      "</IssueID><TypeCode>0101</TypeCode><DescriptionText/></TaxInvoiceDocument>"
                      "<TaxInvoiceTradeSettlement><InvoicerParty><NameText>갑</NameText>"
                      "</InvoicerParty></TaxInvoiceTradeSettlement>"
                      "<TaxInvoiceTradeLineItem><SequenceNumeric>1</SequenceNumeric>"
                      "<NameText>용역</NameText><InformationText></InformationText>"
                      "<ChargeableUnitQuantity>  </ChargeableUnitQuantity>"
                      "<InvoiceAmount>1000</InvoiceAmount></TaxInvoiceTradeLineItem>"
                      "</TaxInvoice>";
    DtiDocument doc(kIssueId, xml);
    DtiContent c = read_dti_content(doc);
    EXPECT_FALSE(c.write_day);
    EXPECT_TRUE(c.descriptions.empty());
    EXPECT_EQ(c.supplier.name, "갑");
    EXPECT_FALSE(c.supplier.address);
    EXPECT_FALSE(c.buyer.regno);
    EXPECT_FALSE(c.broker);
    EXPECT_FALSE(c.charge_total);
    ASSERT_EQ(c.items.size(), 1u);
    EXPECT_EQ(c.items[0].name, "용역");
    EXPECT_FALSE(c.items[0].spec);       // empty element
    EXPECT_FALSE(c.items[0].quantity);   // blank number
    EXPECT_FALSE(c.items[0].unit_price); // absent
    EXPECT_FALSE(c.items[0].trade_day);
    EXPECT_FALSE(c.items[0].tax_amount);
    EXPECT_EQ(c.items[0].supply_amount, 1000);
}

TEST(DtiDocument, BrokerPartyAndAmendmentAreRead) {
    std::string xml =
        default_document(item_xml("1", "-3", "-150000"),
                         "<AmendmentStatusCode>1</AmendmentStatusCode><OriginalIssueID>"
                         "20260601410000009999ZZZZ</OriginalIssueID>",
                         party_xml("BrokerParty", "4108106350", "수탁물류(주)", "박수탁",
                                   "인천광역시 중구 공항로 272", "broker@example.kr"));
    DtiDocument doc(kIssueId, xml);
    DtiContent c = read_dti_content(doc);
    EXPECT_EQ(c.amendment_code, "1");
    EXPECT_EQ(c.original_issue_id, "20260601410000009999ZZZZ");
    ASSERT_TRUE(c.broker);
    EXPECT_EQ(c.broker->regno, "4108106350");
    EXPECT_EQ(c.broker->name, "수탁물류(주)");
    EXPECT_EQ(c.broker->ceo_name, "박수탁");
    EXPECT_EQ(c.broker->email, "broker@example.kr");
    EXPECT_EQ(c.items[0].quantity, "-3");
    EXPECT_EQ(c.items[0].supply_amount, -150000);
}

TEST(DtiDocument, NinetyNineItemsInDocumentOrder) {
    std::string items;
    for (int i = 1; i <= 99; ++i)
        items += item_xml(std::to_string(i), std::to_string(i) + ".50", std::to_string(i * 1000),
                          "품목 " + std::to_string(i));
    DtiDocument doc(kIssueId, default_document(items));
    DtiContent c = read_dti_content(doc);
    ASSERT_EQ(c.items.size(), 99u);
    for (int i = 1; i <= 99; ++i) {
        const DtiLineItem &item = c.items[i - 1];
        EXPECT_EQ(item.line_no, i);
        EXPECT_EQ(item.quantity, std::to_string(i) + ".5");
        EXPECT_EQ(item.supply_amount, i * 1000);
        EXPECT_EQ(item.name, "품목 " + std::to_string(i));
    }
}

TEST(DtiDocument, EscapesCdataAndCharacterReferencesAreDecoded) {
    std::string name = "<![CDATA[A&B <특가>]]>";
    std::string xml =
        default_document(item_xml("1", "1", "1000", name) +
                         item_xml("2", "1", "1000", "&lt;볼트&gt; &amp; 너트 &#xD55C;"));
    DtiDocument doc(kIssueId, xml);
    DtiContent c = read_dti_content(doc);
    ASSERT_EQ(c.items.size(), 2u);
    EXPECT_EQ(c.items[0].name, "A&B <특가>");
    EXPECT_EQ(c.items[1].name, "<볼트> & 너트 한");
    // The document column is the text exactly as received.
    DtiRowDecoder decoder(DtiRowKind::Document, {{"document", "DTI_MSG"}}, "tax_invoice_documents");
    std::vector<FieldValue> row;
    decoder.decode_row(doc, 0, row);
    EXPECT_EQ(row[0].text, xml);
}

TEST(DtiDocument, BadQuantityNamesColumnLineAndText) {
    std::string items = item_xml("1") + item_xml("2") + item_xml("3", "1,5");
    DtiDocument doc(kIssueId, default_document(items));
    DtiRowDecoder decoder(DtiRowKind::Item, item_specs(), "tax_invoice_items");
    std::vector<FieldValue> row;
    decoder.decode_row(doc, 0, row);
    decoder.decode_row(doc, 1, row);
    Error e = error_of([&] { decoder.decode_row(doc, 2, row); });
    EXPECT_EQ(e.sqlstate(), "22P02");
    EXPECT_EQ(e.message(), "invalid value for column \"quantity\" of foreign table "
                           "\"tax_invoice_items\"");
    EXPECT_EQ(e.detail(), "issue_id " + kIssueId +
                              ", line 3, ChargeableUnitQuantity: expected a number, got \"1,5\"");
}

TEST(DtiDocument, AmountsAreExactIntegers) {
    auto amount_error = [](const std::string &amount) {
        DtiDocument doc(kIssueId, default_document(item_xml("1", "1", amount)));
        DtiRowDecoder decoder(DtiRowKind::Item, item_specs(), "tax_invoice_items");
        std::vector<FieldValue> row;
        return error_of([&] { decoder.decode_row(doc, 0, row); });
    };
    Error fraction = amount_error("1000.5");
    EXPECT_EQ(fraction.sqlstate(), "22P02");
    EXPECT_EQ(fraction.message(),
              "invalid value for column \"supply_amount\" of foreign table \"tax_invoice_items\"");
    EXPECT_NE(fraction.detail().find("line 1, InvoiceAmount: "), std::string::npos);
    EXPECT_NE(fraction.detail().find("\"1000.5\""), std::string::npos);
    EXPECT_EQ(amount_error("9223372036854775808").sqlstate(), "22003");
    EXPECT_EQ(amount_error("1e3x").sqlstate(), "22P02");
    EXPECT_EQ(amount_error("1,000").sqlstate(), "22P02");

    // Zero fractions and surrounding line breaks are fine; the extremes are exact.
    for (auto [text, value] :
         std::vector<std::pair<std::string, int64_t>>{{"1250000.00", 1250000},
                                                      {"\n  -9223372036854775808\n", INT64_MIN},
                                                      {"9223372036854775807", INT64_MAX}}) {
        DtiDocument doc(kIssueId, default_document(item_xml("1", "1", text)));
        DtiRowDecoder decoder(DtiRowKind::Item, item_specs(), "tax_invoice_items");
        std::vector<FieldValue> row;
        decoder.decode_row(doc, 0, row);
        EXPECT_FALSE(row[8].is_null);
        EXPECT_EQ(row[8].integer, value) << text;
    }
}

TEST(DtiDocument, BadDateNamesTheElement) {
    std::string xml = default_document(item_xml("1"));
    xml.replace(xml.find("<PurchaseExpiryDateTime>20260701"), 32,
                "<PurchaseExpiryDateTime>20260231");
    DtiDocument doc(kIssueId, xml);
    Error e = error_of([&] { read_dti_content(doc); });
    EXPECT_EQ(e.sqlstate(), "22007");
    EXPECT_EQ(e.message(),
              "invalid value for column \"trade_date\" of foreign table \"tax_invoice_items\"");
    EXPECT_NE(e.detail().find("line 1, PurchaseExpiryDateTime: "), std::string::npos);
}

TEST(DtiRowDecoder, FillsOnlyDocumentColumnsAndLeavesCarriedOnes) {
    DtiDocument doc(kIssueId, default_document(item_xml("1") + item_xml("2", "0.25", "2000")));
    DtiRowDecoder decoder(DtiRowKind::Item, item_specs(), "tax_invoice_items");
    EXPECT_TRUE(decoder.is_carried(0)); // corp_num
    EXPECT_TRUE(decoder.is_carried(1)); // ISSUE_ID from the listing
    EXPECT_FALSE(decoder.is_carried(2));
    ASSERT_EQ(decoder.row_count(doc), 2u);

    std::vector<FieldValue> row(item_specs().size());
    row[1].is_null = false;
    row[1].text = "from listing";
    decoder.decode_row(doc, 1, row);
    EXPECT_EQ(row[1].text, "from listing"); // untouched
    EXPECT_EQ(row[2].integer, 2);
    EXPECT_EQ(row[3].day, day_from_civil(2026, 7, 1));
    EXPECT_EQ(row[6].text, "0.25");
    EXPECT_EQ(row[8].integer, 2000);
    EXPECT_EQ(row[10].text, "납품 2");
}

TEST(DtiRowDecoder, DocumentColumnAloneNeedsNoParse) {
    DtiRowDecoder only_xml(DtiRowKind::Document,
                           {{"issue_id", "ISSUE_ID"}, {"document", "DTI_MSG"}},
                           "tax_invoice_documents");
    EXPECT_FALSE(only_xml.needs_parse());
    DtiDocument broken(kIssueId, "<not xml");
    std::vector<FieldValue> row;
    only_xml.decode_row(broken, 0, row); // the text is passed on as is; no parse error here
    EXPECT_EQ(row[1].text, "<not xml");

    DtiRowDecoder with_path(DtiRowKind::Document,
                            {{"remarks", "TaxInvoiceDocument/DescriptionText"}},
                            "tax_invoice_documents");
    EXPECT_TRUE(with_path.needs_parse());
    EXPECT_EQ(error_of([&] { with_path.decode_row(broken, 0, row); }).sqlstate(), "2200M");
}

TEST(DtiRowDecoder, RepeatedElementsAreJoinedWithNewlines) {
    DtiDocument doc(kIssueId, default_document(item_xml("1")));
    DtiRowDecoder decoder(
        DtiRowKind::Document,
        {{"remarks", "TaxInvoiceDocument/DescriptionText"},
         {"write", "/TaxInvoice/TaxInvoiceDocument/IssueDateTime", FieldKind::Date},
         {"issued", "ExchangedDocument/IssueDateTime", FieldKind::Timestamp}},
        "tax_invoice_documents");
    std::vector<FieldValue> row;
    decoder.decode_row(doc, 0, row);
    EXPECT_EQ(row[0].text, "7월분\n현장 A동");
    EXPECT_EQ(row[1].day, day_from_civil(2026, 7, 1));
    EXPECT_EQ(row[2].instant,
              kst_day_start(day_from_civil(2026, 7, 2)) + (9 * 3600 + 30 * 60) * kMicrosPerSecond);
}

TEST(DtiRowDecoder, InvalidPathIsAnOptionError) {
    for (const char *path : {"TaxInvoiceDocument//IssueID", "Tax Invoice", "a:IssueID", "x/"}) {
        Error e = error_of([&] {
            DtiRowDecoder(DtiRowKind::Document, {{"c", path}}, "tax_invoice_documents");
        });
        EXPECT_EQ(e.sqlstate(), "HV00D") << path;
        EXPECT_EQ(e.message(),
                  std::string("invalid XML path \"") + path +
                      "\" for column \"c\" of foreign table \"tax_invoice_documents\"");
    }
}

TEST(DtiCatalog, ItemAndDocumentTablesUseResolvablePaths) {
    for (const char *name : {"tax_invoice_items", "tax_invoice_documents"}) {
        const TableDef *table = find_table(name);
        ASSERT_NE(table, nullptr) << name;
        std::vector<FieldSpec> specs;
        for (const ColumnDef &column : table->columns) {
            EXPECT_FALSE(column.comment_ko.empty()) << column.name;
            specs.push_back({std::string(column.name), std::string(column.api_field)});
        }
        DtiRowKind kind =
            table->resource == Resource::TaxInvoiceItems ? DtiRowKind::Item : DtiRowKind::Document;
        DtiRowDecoder decoder(kind, specs, std::string(name));
        DtiDocument doc(kIssueId, default_document(item_xml("1")));
        std::vector<FieldValue> row;
        decoder.decode_row(doc, 0, row);
        // The listing's six columns are carried; everything else reads the document.
        for (size_t i = 0; i < specs.size(); ++i)
            EXPECT_EQ(decoder.is_carried(i), i < 6) << specs[i].column_name;
    }
    EXPECT_EQ(find_column(*find_table("tax_invoice_items"), "quantity")->pg_type, "numeric");
    EXPECT_EQ(find_column(*find_table("tax_invoice_documents"), "document")->pg_type, "xml");
}
