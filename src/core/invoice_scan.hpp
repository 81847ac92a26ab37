// Executes a ScanPlan: concurrent OS_DTI_LIST calls (libcurl multi on the caller's thread),
// retries, 31005 splitting, token issuance and renewal, decoding one response at a time.
#pragma once
#include "core/no_postgres.hpp"
#include "core/error.hpp"
#include "core/field_value.hpp"
#include "core/scan_plan.hpp"
#include "core/settings.hpp"

#include <memory>
#include <string>
#include <vector>

namespace sbfdw {

struct ScanStats {
    long requests = 0; // HTTP requests sent (retries and splits included)
    long retries = 0;
    long splits = 0;         // windows halved after 31005
    long token_requests = 0; // GET_TOKEN calls
    long cache_hits = 0;     // calls answered from the rescan cache
    int64_t bytes = 0;       // response bytes received
    double http_ms = 0;      // wall time spent waiting for the network
    double parse_ms = 0;     // time spent decoding JSON
    long rows = 0;
};

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
