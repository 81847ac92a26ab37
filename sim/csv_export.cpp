#include "csv_export.hpp"

#include "dti_xml.hpp"

namespace sim {

const char *const kInvoicesCsvHeader =
    "corp_num,supbuy_type,issue_id,write_date,issued_at,sent_at,type_code,invoice_type,"
    "purpose_code,document_no,supplier_regno,supplier_ceo_name,supplier_name,supplier_email,"
    "buyer_regno,buyer_ceo_name,buyer_name,buyer_email,supply_amount,tax_amount,total_amount\n";

const char *const kItemsCsvHeader =
    "corp_num,supbuy_type,issue_id,write_date,issued_at,sent_at,line_no,trade_date,item_name,"
    "spec,quantity,unit_price,supply_amount,tax_amount,remark\n";

const char *const kDocumentsCsvHeader =
    "corp_num,supbuy_type,issue_id,write_date,issued_at,sent_at,amendment_code,original_issue_id,"
    "supplier_address,supplier_biz_type,supplier_biz_class,supplier_email,buyer_address,"
    "buyer_biz_type,buyer_biz_class,buyer_email,broker_regno,broker_name,broker_ceo_name,"
    "broker_address,broker_biz_type,broker_biz_class,broker_email,remarks,document\n";

namespace {

std::string timestamp(Instant instant) {
    return sbfdw::format_kst_datetime(instant) + "+09";
}

// Absent (empty) optional XML values are NULL: an unquoted empty field.
void append_optional_text(std::string &out, const std::string &text) {
    if (!text.empty())
        append_csv_text(out, text);
}

void append_optional_number(std::string &out, const std::string &text) {
    out += text;
}

void append_row_key(std::string &out, const std::string &corp_num, bool sales,
                    const Invoice &invoice) {
    append_csv_text(out, corp_num);
    out += ',';
    append_csv_text(out, sales ? "AR" : "AP");
    out += ',';
    append_csv_text(out, invoice.issue_id);
    out += ',';
    out += sbfdw::format_day(invoice.write_day);
    out += ',';
    out += timestamp(invoice.issued_at);
    out += ',';
    out += timestamp(invoice.sent_at);
}

} // namespace

void append_csv_text(std::string &out, const std::string &text) {
    out += '"';
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

void append_invoice_csv_row(std::string &out, const std::string &corp_num, bool sales,
                            const Invoice &invoice) {
    append_row_key(out, corp_num, sales, invoice);
    for (const std::string *text :
         {&invoice.type_code, &invoice.dti_type, &invoice.tax_demand, &invoice.seq_id,
          &invoice.supplier.regno, &invoice.supplier.ceo_name, &invoice.supplier.name,
          &invoice.supplier.email, &invoice.buyer.regno, &invoice.buyer.ceo_name,
          &invoice.buyer.name, &invoice.buyer.email}) {
        out += ',';
        append_csv_text(out, *text);
    }
    out += ',' + std::to_string(invoice.supply_amount);
    out += ',' + std::to_string(invoice.tax_amount);
    out += ',' + std::to_string(invoice.total_amount);
    out += '\n';
}

void append_item_csv_rows(std::string &out, const std::string &corp_num, bool sales,
                          const Invoice &invoice) {
    for (const LineItem &item : invoice.items) {
        append_row_key(out, corp_num, sales, invoice);
        out += ',' + std::to_string(item.seq);
        out += ',' + sbfdw::format_day(item.trade_day);
        out += ',';
        append_csv_text(out, item.name);
        out += ',';
        append_optional_text(out, item.spec);
        out += ',';
        append_optional_number(out, item.quantity);
        out += ',';
        append_optional_number(out, item.unit_price);
        out += ',' + std::to_string(item.supply_amount);
        out += ',' + std::to_string(item.tax_amount);
        out += ',';
        append_optional_text(out, item.remark);
        out += '\n';
    }
}

void append_document_csv_row(std::string &out, const std::string &corp_num, bool sales,
                             const Invoice &invoice) {
    append_row_key(out, corp_num, sales, invoice);
    const Party none;
    const Party &broker = invoice.broker ? *invoice.broker : none;
    for (const std::string *text :
         {&invoice.amendment_code, &invoice.original_issue_id, &invoice.supplier.address,
          &invoice.supplier.biz_type, &invoice.supplier.biz_class, &invoice.supplier.email,
          &invoice.buyer.address, &invoice.buyer.biz_type, &invoice.buyer.biz_class,
          &invoice.buyer.email, &broker.regno, &broker.name, &broker.ceo_name, &broker.address,
          &broker.biz_type, &broker.biz_class, &broker.email, &invoice.remark}) {
        out += ',';
        append_optional_text(out, *text);
    }
    out += ',';
    append_csv_text(out, render_dti_xml(invoice));
    out += '\n';
}

} // namespace sim
