#include "dti_xml.hpp"

#include <cstdio>

namespace sim {

namespace {

std::string compact_day(Day day) {
    sbfdw::CivilDate date = sbfdw::civil_from_day(day);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d%02d%02d", date.year, date.month, date.day);
    return buffer;
}

// Writes elements with escaped text; indentation follows nesting so the XML reads well.
class XmlWriter {
public:
    void open(const char *name) {
        indent();
        out_ += '<';
        out_ += name;
        out_ += ">\n";
        ++depth_;
    }
    void close(const char *name) {
        --depth_;
        indent();
        out_ += "</";
        out_ += name;
        out_ += ">\n";
    }
    void element(const char *name, const std::string &text) {
        indent();
        out_ += '<';
        out_ += name;
        out_ += '>';
        escape(text);
        out_ += "</";
        out_ += name;
        out_ += ">\n";
    }
    void optional_element(const char *name, const std::string &text) {
        if (!text.empty())
            element(name, text);
    }
    std::string &text() { return out_; }

private:
    void indent() { out_.append(static_cast<size_t>(depth_) * 2, ' '); }
    void escape(const std::string &text) {
        for (char c : text) {
            switch (c) {
            case '&':
                out_ += "&amp;";
                break;
            case '<':
                out_ += "&lt;";
                break;
            case '>':
                out_ += "&gt;";
                break;
            case '"':
                out_ += "&quot;";
                break;
            case '\'':
                out_ += "&apos;";
                break;
            default:
                out_ += c;
            }
        }
    }

    std::string out_;
    int depth_ = 1; // inside the root element
};

void write_party(XmlWriter &xml, const char *role, const Party &party) {
    xml.open(role);
    xml.open("SpecifiedOrganization");
    xml.element("TaxRegistrationID", party.regno);
    // 01 business, 02 individual (resident number)
    xml.element("BusinessTypeCode", party.regno.size() == 13 ? "02" : "01");
    xml.close("SpecifiedOrganization");
    xml.optional_element("TypeCode", party.biz_type);
    xml.element("NameText", party.name);
    xml.optional_element("ClassificationCode", party.biz_class);
    xml.open("SpecifiedPerson");
    xml.element("NameText", party.ceo_name);
    xml.close("SpecifiedPerson");
    if (!party.email.empty()) {
        xml.open("DefinedContact");
        xml.element("URICommunication", party.email);
        xml.close("DefinedContact");
    }
    if (!party.address.empty()) {
        xml.open("SpecifiedAddress");
        xml.element("LineOneText", party.address);
        xml.close("SpecifiedAddress");
    }
    xml.close(role);
}

void write_line_item(XmlWriter &xml, const LineItem &item) {
    xml.open("TaxInvoiceTradeLineItem");
    xml.element("SequenceNumeric", std::to_string(item.seq));
    xml.optional_element("DescriptionText", item.remark);
    xml.element("InvoiceAmount", std::to_string(item.supply_amount));
    xml.optional_element("ChargeableUnitQuantity", item.quantity);
    xml.optional_element("InformationText", item.spec);
    xml.element("NameText", item.name);
    xml.element("PurchaseExpiryDateTime", compact_day(item.trade_day));
    xml.open("TotalTax");
    xml.element("CalculatedAmount", std::to_string(item.tax_amount));
    xml.close("TotalTax");
    if (!item.unit_price.empty()) {
        xml.open("UnitPrice");
        xml.element("UnitAmount", item.unit_price);
        xml.close("UnitPrice");
    }
    xml.close("TaxInvoiceTradeLineItem");
}

} // namespace

std::string render_dti_xml(const Invoice &invoice) {
    XmlWriter xml;
    xml.text() = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TaxInvoice xmlns=\"";
    xml.text() += kDtiNamespace;
    xml.text() += "\">\n";
    xml.open("ExchangedDocument");
    xml.element("IssueDateTime", sbfdw::format_kst_compact(invoice.issued_at));
    xml.close("ExchangedDocument");

    xml.open("TaxInvoiceDocument");
    xml.element("IssueID", invoice.issue_id);
    xml.element("TypeCode", invoice.dti_type);
    xml.optional_element("DescriptionText", invoice.remark);
    xml.element("IssueDateTime", compact_day(invoice.write_day));
    xml.optional_element("AmendmentStatusCode", invoice.amendment_code);
    xml.element("PurposeCode", invoice.purpose_code);
    xml.optional_element("OriginalIssueID", invoice.original_issue_id);
    xml.close("TaxInvoiceDocument");

    xml.open("TaxInvoiceTradeSettlement");
    write_party(xml, "InvoicerParty", invoice.supplier);
    write_party(xml, "InvoiceeParty", invoice.buyer);
    if (invoice.broker)
        write_party(xml, "BrokerParty", *invoice.broker);
    xml.open("SpecifiedMonetarySummation");
    xml.element("ChargeTotalAmount", std::to_string(invoice.supply_amount));
    xml.element("TaxTotalAmount", std::to_string(invoice.tax_amount));
    xml.element("GrandTotalAmount", std::to_string(invoice.total_amount));
    xml.close("SpecifiedMonetarySummation");
    xml.close("TaxInvoiceTradeSettlement");

    for (const LineItem &item : invoice.items)
        write_line_item(xml, item);
    xml.text() += "</TaxInvoice>\n";
    return std::move(xml.text());
}

} // namespace sim
