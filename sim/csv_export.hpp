// The ground-truth CSV files: what the foreign tables should return, row for row.
//
// RFC 4180, UTF-8, "\n" line ends (PostgreSQL's COPY ... CSV reads both), a header row with the
// foreign tables' column names. Text fields are always quoted, so an empty string is "" and
// COPY reads it as '' (not NULL); an unquoted empty field is NULL and appears only in items.csv
// for what the XML leaves out (spec, quantity, unit_price, remark when absent; in documents.csv
// every element the document lacks). Numbers are never
// quoted. Timestamps are "yyyy-MM-dd HH:mm:ss+09", dates "yyyy-MM-dd".
#pragma once

#include <string>

#include "model.hpp"

namespace sim {

extern const char *const kInvoicesCsvHeader;
extern const char *const kItemsCsvHeader;
extern const char *const kDocumentsCsvHeader;

// One invoices.csv row for `invoice` as seen by `corp_num` in one direction.
void append_invoice_csv_row(std::string &out, const std::string &corp_num, bool sales,
                            const Invoice &invoice);

// One items.csv row per line item of `invoice`, in line order.
void append_item_csv_rows(std::string &out, const std::string &corp_num, bool sales,
                          const Invoice &invoice);

// One documents.csv row for `invoice`: what only the original XML holds (absent elements are
// NULL) and the document itself, exactly as OS_DTI_XML serves it.
void append_document_csv_row(std::string &out, const std::string &corp_num, bool sales,
                             const Invoice &invoice);

// RFC 4180 quoting of one text field: always quoted, inner quotes doubled.
void append_csv_text(std::string &out, const std::string &text);

} // namespace sim
