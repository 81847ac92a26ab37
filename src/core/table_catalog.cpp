#include "core/table_catalog.hpp"

namespace sbfdw {

const std::vector<TableDef> &table_catalog() {
    static const std::vector<TableDef> tables = {
        {Resource::TaxInvoices,
         "tax_invoices",
         "홈택스에서 수집한 전자세금계산서 (스마트빌 OS_DTI_LIST)",
         {
             {"corp_num", "text", "", "조회 사업자번호 (SearchComRegno)"},
             {"supbuy_type", "text", "SUPBUY_TYPE", "매출/매입 구분 (AR 매출, AP 매입)"},
             {"issue_id", "text", "ISSUE_ID", "국세청 승인번호"},
             {"write_date", "date", "DTI_WDATE", "작성일자"},
             {"issued_at", "timestamptz", "DTI_IDATE", "발행일시"},
             {"sent_at", "timestamptz", "DTI_SDATE", "국세청 전송일시"},
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
         }},
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
