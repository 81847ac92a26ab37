// Scans of tax_invoice_items and tax_invoice_documents: the invoices are listed first
// (OS_DTI_LIST, planned like tax_invoices), then their original documents are fetched with
// OS_DTI_XML in batches of at most 100 approval numbers, several batches at a time.
//
// Why list first even when the query names the approval numbers (issue_id = / IN / a join):
// OS_DTI_XML needs the direction (SupBuy_Type) and its documents lack the listing's columns
// (sent_at above all). An approval number starts with its issue date (yyyyMMdd), so the listing
// of just those days (SearchDate=I) tells, without guessing, which company and direction hold
// each number and carries the listing's columns; only the numbers found there are requested.
// Numbers that are not listed (purged, unknown, malformed) yield no rows.
#pragma once
#include "core/no_postgres.hpp"
#include "core/dti_document.hpp"
#include "core/error.hpp"
#include "core/field_value.hpp"
#include "core/invoice_scan.hpp"
#include "core/scan_plan.hpp"
#include "core/settings.hpp"

#include <memory>
#include <string>
#include <vector>

namespace sbfdw {

// OS_DTI_XML accepts at most this many IssueId per call.
inline constexpr size_t kMaxIssueIdsPerCall = 100;

struct DocumentPlan {
    ScanPlan listing;
    bool by_issue_id = false;           // the quals name the approval numbers
    std::vector<std::string> issue_ids; // sorted, unique; when by_issue_id
};

// Plans the listing as plan_scan does; when the quals name approval numbers and listing their
// issue days needs no more calls than the date quals, lists those days instead.
DocumentPlan plan_document_scan(const PlanInputs &inputs);

// One line for EXPLAIN, e.g. "OS_DTI_LIST SearchDate=I windows=1 [...] ... calls=2, then
// OS_DTI_XML for 3 issue_ids in batches of at most 100". Never contains a secret.
std::string describe_document_plan(const DocumentPlan &plan);

class DocumentScan {
public:
    // `fields` lists the output columns in order (see DtiRowDecoder for their sources).
    // Throws Error (28000) when the credentials have no auth_code: OS_DTI_XML requires it.
    DocumentScan(ServerSettings settings, Credentials credentials, DtiRowKind kind,
                 DocumentPlan plan, std::vector<FieldSpec> fields, std::string table_name,
                 InterruptCheck interrupted);
    ~DocumentScan();

    bool next();
    const std::vector<FieldValue> &row() const;
    // Starts over with a new plan or the same one; answers already fetched are reused.
    void restart(const DocumentPlan *new_plan);
    const ScanStats &stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace sbfdw
