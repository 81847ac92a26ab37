// The simulator's world: the API account, its linked companies and every invoice they exchanged,
// generated deterministically from a seed, with collection visibility and retention on a clock.
// Not thread-safe: the server serialises access.
//
// Choices where the contract leaves room (details in generator.hpp, collection.hpp, dti_xml.hpp,
// csv_export.hpp):
// - The account's SendComRegno is the first linked company (the company reads itself); SbId is
//   "sbdemo" + 4 digits and AuthCode 32 upper-case hex characters, all derived from the seed.
// - collected_at is the first :00/:20/:40 run strictly after sent_at (sent 10:05:00 or 10:00:00
//   -> visible from 10:20:00); purged at collected_at + 3 calendar months, same time of day,
//   clamped to the month's last day.
// - The dataset always covers the whole retention window before `now`: advance_to() generates
//   every sent day that can still hold a visible invoice and drops the days fully purged.
// - CSV text fields are always quoted, so an empty SEQ_ID or e-mail is "" (COPY reads ''); in
//   items.csv spec, quantity, unit_price and remark are unquoted empty (NULL) when the XML
//   leaves them out.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "model.hpp"

namespace sim {

struct GeneratorConfig {
    uint64_t seed = 42;
    int companies = 3;         // linked SearchComRegnos of the account
    int invoices_per_day = 20; // per company, both directions together, on average
};

// Identifies the account that calls the API (an accounting firm or the company itself).
struct Account {
    std::string send_com_regno;
    std::string sb_id;
    std::string auth_code; // 32 upper-case hex characters
};

enum class ListDateKind : char { Write = 'W', Issue = 'I', Sent = 'S' };

class Dataset {
public:
    explicit Dataset(GeneratorConfig config);
    ~Dataset();
    Dataset(Dataset &&) noexcept;
    Dataset &operator=(Dataset &&) noexcept;

    const GeneratorConfig &config() const;
    const Account &account() const;
    const std::vector<Company> &companies() const;
    Company *find_company(const std::string &regno);

    // Makes sure every invoice that can be visible at `now` exists (generation is lazy and
    // deterministic per day, so the result never depends on the order of calls), and forgets
    // those purged before `now` so memory stays proportional to the retention window.
    void advance_to(Instant now);

    // Only what advance_to() generated is listed: call it with the same `now` first.
    // Invoices visible at `now` to `corp_num` in one direction (sales = supplier side, AR;
    // purchases = buyer side, AP) whose date of `kind` is within [from, to] (KST days, inclusive),
    // in a stable order (by sent_at, then issue_id).
    std::vector<const Invoice *> list(const std::string &corp_num, bool sales, ListDateKind kind,
                                      Day from, Day to, Instant now) const;

    // The invoice with this approval number if `corp_num` sees it in that direction at `now`.
    const Invoice *find_visible(const std::string &corp_num, bool sales,
                                const std::string &issue_id, Instant now) const;

    // Visible = collected at or before `now` and not yet purged (3 months after collection).
    static bool visible(const Invoice &invoice, Instant now);

    // Ground truth: exactly what the API would return at `now` for every linked company and both
    // directions; one row per (corp_num, supbuy_type, issue_id), or per line item. Header row
    // uses the foreign tables' column names.
    std::string export_invoices_csv(Instant now) const;
    std::string export_items_csv(Instant now) const;
    std::string export_documents_csv(Instant now) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace sim
