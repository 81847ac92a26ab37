// Executes a ScanPlan: concurrent OS_DTI_LIST calls (libcurl multi on the caller's thread),
// 31005 splitting, deduplication across windows, decoding one response at a time. Tokens,
// retries and the rescan cache are ApiSession's.
#pragma once
#include "core/no_postgres.hpp"
#include "core/error.hpp"
#include "core/field_value.hpp"
#include "core/scan_plan.hpp"
#include "core/scan_stats.hpp"
#include "core/settings.hpp"

#include <memory>
#include <string>
#include <vector>

namespace sbfdw {

class InvoiceScan {
public:
    // `fields` lists one spec per output column the query needs (others are not decoded).
    InvoiceScan(ServerSettings settings, Credentials credentials, ScanPlan plan,
                std::vector<FieldSpec> fields, std::string table_name, InterruptCheck interrupted);
    ~InvoiceScan();

    // Advances to the next row; false at the end. Throws Error or Interrupted.
    bool next();
    // The values of the current row, in the order of `fields`.
    const std::vector<FieldValue> &row() const;

    // Starts over with a new plan (parameterized rescan) or the same one (plain rescan);
    // answers already fetched for identical calls are reused, not requested again.
    void restart(const ScanPlan *new_plan);

    const ScanStats &stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace sbfdw
