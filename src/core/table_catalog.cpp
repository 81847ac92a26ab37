#include "core/table_catalog.hpp"

namespace sbfdw {
namespace {

// Every table starts with the invoice's listing keys and dates, so that line items and documents
// are filtered (and pushed down) by the same columns as the invoices themselves.
std::vector<ColumnDef> listing_keys_then(std::vector<ColumnDef> own_columns) {
    std::vector<ColumnDef> columns = {
        {"corp_num", "text", "", "조회 사업자번호 (SearchComRegno)"},
        {"supbuy_type", "text", "SUPBUY_TYPE", "매출/매입 구분 (AR 매출, AP 매입)"},
        {"issue_id", "text", "ISSUE_ID", "국세청 승인번호"},
        {"write_date", "date", "DTI_WDATE", "작성일자"},
        {"issued_at", "timestamptz", "DTI_IDATE", "발행일시"},
        {"sent_at", "timestamptz", "DTI_SDATE", "국세청 전송일시"},
    };
    columns.insert(columns.end(), own_columns.begin(), own_columns.end());
    return columns;
}

} // namespace

const std::vector<TableDef> &table_catalog() {
    static const std::vector<TableDef> tables = {
        {Resource::TaxInvoices, "tax_invoices",
         "홈택스에서 수집한 전자세금계산서 (스마트빌 OS_DTI_LIST)",
         listing_keys_then({
             {"type_code", "text", "TYPE_CODE",
              "문서 구분 (01 세금계산서, 02 수정세금계산서, 03 계산서, 04 수정계산서)"},
             {"invoice_type", "text", "DTI_TYPE", "세금계산서 종류 (국세청 4자리 코드)"},
             {"purpose_code", "text", "TAX_DEMAND", "영수/청구 구분 (01 영수, 02 청구)"},
             {"document_no", "text", "SEQ_ID", "문서번호 (발행자 관리번호)"},
             {"supplier_regno", "text", "SUP_COM_REGNO", "공급자 사업자번호"},
             {"supplier_ceo_name", "text", "SUP_REP_NAME", "공급자 대표자명"},
             {"supplier_name", "text", "SUP_COM_NAME", "공급자 상호"},
             {"supplier_email", "text", "SUP_EMAIL", "공급자 이메일"},
             {"buyer_regno", "text", "BYR_COM_REGNO", "공급받는자 사업자번호"},
             {"buyer_ceo_name", "text", "BYR_REP_NAME", "공급받는자 대표자명"},
             {"buyer_name", "text", "BYR_COM_NAME", "공급받는자 상호"},
             {"buyer_email", "text", "BYR_EMAIL", "공급받는자 이메일"},
             {"supply_amount", "bigint", "SUP_AMOUNT", "공급가액 (원)"},
             {"tax_amount", "bigint", "TAX_AMOUNT", "세액 (원)"},
             {"total_amount", "bigint", "TOTAL_AMOUNT", "합계금액 (원)"},
         })},
        {Resource::TaxInvoiceItems, "tax_invoice_items",
         "전자세금계산서 품목 (스마트빌 OS_DTI_LIST + OS_DTI_XML 원본의 품목)",
         listing_keys_then({
             {"line_no", "integer", "TaxInvoiceTradeLineItem/SequenceNumeric", "품목 일련번호"},
             {"trade_date", "date", "TaxInvoiceTradeLineItem/PurchaseExpiryDateTime",
              "공급일자 (품목 거래일)"},
             {"item_name", "text", "TaxInvoiceTradeLineItem/NameText", "품목명"},
             {"spec", "text", "TaxInvoiceTradeLineItem/InformationText", "규격"},
             {"quantity", "numeric", "TaxInvoiceTradeLineItem/ChargeableUnitQuantity", "수량"},
             {"unit_price", "numeric", "TaxInvoiceTradeLineItem/UnitPrice/UnitAmount", "단가 (원)"},
             {"supply_amount", "bigint", "TaxInvoiceTradeLineItem/InvoiceAmount",
              "품목 공급가액 (원)"},
             {"tax_amount", "bigint", "TaxInvoiceTradeLineItem/TotalTax/CalculatedAmount",
              "품목 세액 (원)"},
             {"remark", "text", "TaxInvoiceTradeLineItem/DescriptionText", "품목 비고"},
         })},
        {Resource::TaxInvoiceDocuments, "tax_invoice_documents",
         "전자세금계산서 원본 XML과 원본에만 있는 항목 (스마트빌 OS_DTI_XML)",
         listing_keys_then({
             {"amendment_code", "text", "TaxInvoiceDocument/AmendmentStatusCode",
              "수정사유 코드 (1 기재사항 착오정정 ~ 6 착오에 의한 이중발급; 수정세금계산서만)"},
             {"original_issue_id", "text", "TaxInvoiceDocument/OriginalIssueID",
              "당초 세금계산서 승인번호 (수정세금계산서만)"},
             {"supplier_address", "text",
              "TaxInvoiceTradeSettlement/InvoicerParty/SpecifiedAddress/LineOneText",
              "공급자 주소"},
             {"supplier_biz_type", "text", "TaxInvoiceTradeSettlement/InvoicerParty/TypeCode",
              "공급자 업태"},
             {"supplier_biz_class", "text",
              "TaxInvoiceTradeSettlement/InvoicerParty/ClassificationCode", "공급자 종목"},
             {"supplier_email", "text",
              "TaxInvoiceTradeSettlement/InvoicerParty/DefinedContact/URICommunication",
              "공급자 담당자 이메일"},
             {"buyer_address", "text",
              "TaxInvoiceTradeSettlement/InvoiceeParty/SpecifiedAddress/LineOneText",
              "공급받는자 주소"},
             {"buyer_biz_type", "text", "TaxInvoiceTradeSettlement/InvoiceeParty/TypeCode",
              "공급받는자 업태"},
             {"buyer_biz_class", "text",
              "TaxInvoiceTradeSettlement/InvoiceeParty/ClassificationCode", "공급받는자 종목"},
             {"buyer_email", "text",
              "TaxInvoiceTradeSettlement/InvoiceeParty/DefinedContact/URICommunication",
              "공급받는자 담당자 이메일"},
             {"broker_regno", "text",
              "TaxInvoiceTradeSettlement/BrokerParty/SpecifiedOrganization/TaxRegistrationID",
              "수탁자 사업자번호"},
             {"broker_name", "text", "TaxInvoiceTradeSettlement/BrokerParty/NameText",
              "수탁자 상호"},
             {"broker_ceo_name", "text",
              "TaxInvoiceTradeSettlement/BrokerParty/SpecifiedPerson/NameText", "수탁자 대표자명"},
             {"broker_address", "text",
              "TaxInvoiceTradeSettlement/BrokerParty/SpecifiedAddress/LineOneText", "수탁자 주소"},
             {"broker_biz_type", "text", "TaxInvoiceTradeSettlement/BrokerParty/TypeCode",
              "수탁자 업태"},
             {"broker_biz_class", "text",
              "TaxInvoiceTradeSettlement/BrokerParty/ClassificationCode", "수탁자 종목"},
             {"broker_email", "text",
              "TaxInvoiceTradeSettlement/BrokerParty/DefinedContact/URICommunication",
              "수탁자 담당자 이메일"},
             {"remarks", "text", "TaxInvoiceDocument/DescriptionText",
              "비고 (여러 개면 줄바꿈으로 연결)"},
             {"document", "xml", "DTI_MSG", "국세청 표준 전자세금계산서 XML 원본"},
         })},
    };
    return tables;
}

const TableDef *find_table(std::string_view resource_name) {
    for (const TableDef &t : table_catalog())
        if (t.name == resource_name)
            return &t;
    return nullptr;
}

const ColumnDef *find_column(const TableDef &table, std::string_view column_name) {
    for (const ColumnDef &c : table.columns)
        if (c.name == column_name)
            return &c;
    return nullptr;
}

} // namespace sbfdw
