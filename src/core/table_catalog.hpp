// The foreign tables smartbill_fdw knows: their columns, PostgreSQL types, API field names and
// Korean comments. IMPORT FOREIGN SCHEMA writes its DDL from here, and the scan maps a column to
// its API field through here unless the column has an explicit `field` option.
//
// api_field of tax_invoices is an OS_DTI_LIST row field. For tax_invoice_items and
// tax_invoice_documents (one OS_DTI_LIST row plus its OS_DTI_XML document) it is one of:
//   - an upper-case OS_DTI_LIST field (ISSUE_ID, DTI_WDATE...): carried from the invoice listing;
//   - "DTI_MSG": the whole original XML document, unmodified;
//   - an XML path of local element names below the TaxInvoice root, e.g.
//     "TaxInvoiceDocument/OriginalIssueID"; in tax_invoice_items, a path starting with
//     "TaxInvoiceTradeLineItem/" reads the row's own line item (see core/dti_document.hpp).
#pragma once
#include "core/no_postgres.hpp"

#include <string_view>
#include <vector>

namespace sbfdw {

enum class Resource { TaxInvoices, TaxInvoiceItems, TaxInvoiceDocuments };

struct ColumnDef {
    std::string_view name;       // e.g. "supply_amount"
    std::string_view pg_type;    // e.g. "bigint"
    std::string_view api_field;  // e.g. "SUP_AMOUNT"; empty for values not read from a row field
    std::string_view comment_ko; // e.g. "공급가액"
};

struct TableDef {
    Resource resource;
    std::string_view name; // e.g. "tax_invoices" (also the `resource` table option value)
    std::string_view comment_ko;
    std::vector<ColumnDef> columns;
};

// Every table, in the order IMPORT FOREIGN SCHEMA creates them.
const std::vector<TableDef> &table_catalog();
// nullptr when unknown.
const TableDef *find_table(std::string_view resource_name);
const ColumnDef *find_column(const TableDef &table, std::string_view column_name);

} // namespace sbfdw
