#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "dti_xml.hpp"
#include "generator.hpp"

namespace sim {
namespace {

const Day kDay = sbfdw::day_from_civil(2026, 11, 2);

std::string compact(Day day) {
    std::string text = sbfdw::format_day(day);
    return text.substr(0, 4) + text.substr(5, 2) + text.substr(8, 2);
}

void expect_party(const pugi::xml_node &node, const Party &party) {
    ASSERT_TRUE(node) << party.regno;
    EXPECT_EQ(party.regno, node.child("SpecifiedOrganization").child_value("TaxRegistrationID"));
    EXPECT_EQ(party.name, node.child_value("NameText"));
    EXPECT_EQ(party.ceo_name, node.child("SpecifiedPerson").child_value("NameText"));
    EXPECT_EQ(party.biz_type, node.child_value("TypeCode"));
    EXPECT_EQ(party.biz_class, node.child_value("ClassificationCode"));
    EXPECT_EQ(party.address, node.child("SpecifiedAddress").child_value("LineOneText"));
    EXPECT_EQ(party.email, node.child("DefinedContact").child_value("URICommunication"));
}

// Parses the XML and checks every contract path against the model.
void expect_matches_model(const Invoice &invoice) {
    std::string xml = render_dti_xml(invoice);
    pugi::xml_document document;
    pugi::xml_parse_result parsed = document.load_string(xml.c_str());
    ASSERT_TRUE(parsed) << parsed.description() << "\n" << xml;
    pugi::xml_node root = document.document_element();
    EXPECT_STREQ(root.name(), "TaxInvoice");
    EXPECT_STREQ(
        root.attribute("xmlns").value(),
        "urn:kr:or:kec:standard:Tax:ReusableAggregateBusinessInformationEntitySchemaModule:"
        "1:0");

    pugi::xml_node header = root.child("TaxInvoiceDocument");
    EXPECT_EQ(invoice.issue_id, header.child_value("IssueID"));
    EXPECT_EQ(invoice.dti_type, header.child_value("TypeCode"));
    EXPECT_EQ(compact(invoice.write_day), header.child_value("IssueDateTime"));
    EXPECT_EQ(invoice.purpose_code, header.child_value("PurposeCode"));
    EXPECT_EQ(invoice.amendment_code, header.child_value("AmendmentStatusCode"));
    EXPECT_EQ(invoice.original_issue_id, header.child_value("OriginalIssueID"));
    EXPECT_EQ(invoice.remark, header.child_value("DescriptionText"));
    EXPECT_EQ(sbfdw::format_kst_compact(invoice.issued_at),
              root.child("ExchangedDocument").child_value("IssueDateTime"));

    pugi::xml_node settlement = root.child("TaxInvoiceTradeSettlement");
    expect_party(settlement.child("InvoicerParty"), invoice.supplier);
    expect_party(settlement.child("InvoiceeParty"), invoice.buyer);
    if (invoice.broker)
        expect_party(settlement.child("BrokerParty"), *invoice.broker);
    else
        EXPECT_FALSE(settlement.child("BrokerParty"));
    pugi::xml_node sums = settlement.child("SpecifiedMonetarySummation");
    EXPECT_EQ(std::to_string(invoice.supply_amount), sums.child_value("ChargeTotalAmount"));
    EXPECT_EQ(std::to_string(invoice.tax_amount), sums.child_value("TaxTotalAmount"));
    EXPECT_EQ(std::to_string(invoice.total_amount), sums.child_value("GrandTotalAmount"));

    size_t index = 0;
    int64_t supply = 0, tax = 0;
    for (pugi::xml_node line : root.children("TaxInvoiceTradeLineItem")) {
        ASSERT_LT(index, invoice.items.size());
        const LineItem &item = invoice.items[index++];
        EXPECT_EQ(std::to_string(item.seq), line.child_value("SequenceNumeric"));
        EXPECT_EQ(compact(item.trade_day), line.child_value("PurchaseExpiryDateTime"));
        EXPECT_EQ(item.name, line.child_value("NameText"));
        EXPECT_EQ(item.spec, line.child_value("InformationText"));
        EXPECT_EQ(item.quantity, line.child_value("ChargeableUnitQuantity"));
        EXPECT_EQ(item.unit_price, line.child("UnitPrice").child_value("UnitAmount"));
        EXPECT_EQ(item.remark, line.child_value("DescriptionText"));
        supply += std::stoll(line.child_value("InvoiceAmount"));
        tax += std::stoll(line.child("TotalTax").child_value("CalculatedAmount"));
    }
    EXPECT_EQ(index, invoice.items.size());
    EXPECT_EQ(supply, invoice.supply_amount);
    EXPECT_EQ(tax, invoice.tax_amount);
}

TEST(DtiXmlTest, GeneratedInvoicesRenderEveryContractPath) {
    Generator generator(GeneratorConfig{42, 3, 20});
    bool broker = false, correction = false, individual = false, many_items = false;
    for (Day day = kDay; day < kDay + 30; ++day) {
        for (int owner = 0; owner < 3; ++owner) {
            for (const Invoice &invoice : generator.invoices_for_day(day, owner)) {
                bool interesting = (invoice.broker && !broker) ||
                                   (!invoice.amendment_code.empty() && !correction) ||
                                   (invoice.buyer.regno.size() == 13 && !individual) ||
                                   (invoice.items.size() > 20 && !many_items) || day == kDay;
                if (!interesting)
                    continue;
                broker |= invoice.broker.has_value();
                correction |= !invoice.amendment_code.empty();
                individual |= invoice.buyer.regno.size() == 13;
                many_items |= invoice.items.size() > 20;
                SCOPED_TRACE(invoice.issue_id);
                expect_matches_model(invoice);
            }
        }
    }
    EXPECT_TRUE(broker && correction && individual && many_items);
}

TEST(DtiXmlTest, TextIsEscaped) {
    Invoice invoice;
    invoice.issue_id = "202611024112345600000001";
    invoice.dti_type = "0101";
    invoice.type_code = "01";
    invoice.purpose_code = "02";
    invoice.write_day = kDay;
    invoice.issued_at = sbfdw::kst_day_start(kDay);
    invoice.supplier = {
        "1208147521", "A&B <\"상사\"> 'x'", "김민준", "a@b.kr", "서울 & 경기", "도소매", "R&D"};
    invoice.buyer = {"1078674544", "</NameText>", "이서연", "", "", "", ""};
    invoice.remark = "]]> & <!-- -->";
    LineItem item;
    item.trade_day = kDay;
    item.name = "<item>";
    item.spec = "10\" & 20'";
    item.quantity = "1.5";
    item.unit_price = "1000";
    item.supply_amount = 1500;
    item.tax_amount = 150;
    invoice.items.push_back(item);
    invoice.supply_amount = 1500;
    invoice.tax_amount = 150;
    invoice.total_amount = 1650;
    std::string xml = render_dti_xml(invoice);
    EXPECT_EQ(xml.find("<item>"), std::string::npos);
    EXPECT_NE(xml.find("A&amp;B &lt;&quot;상사&quot;&gt; &apos;x&apos;"), std::string::npos);
    expect_matches_model(invoice);
}

} // namespace
} // namespace sim
