// Generates the simulator's world from a seed: the account, its linked companies, a stable pool
// of outside businesses, and the invoices each linked company exchanges on each KST day.
//
// Every invoice is a pure function of (seed, config, sent day, owning company, slot), so the
// dataset never depends on the order or timing of calls. An invoice belongs to exactly one linked
// company, its "owner": the supplier when the supplier is linked (its AR; when the buyer is linked
// too the same invoice is also the buyer's AP), else the buyer (an AP from an outside supplier).
//
// Choices (the contract leaves them open):
// - The account's own SendComRegno is the first linked company: the company reads itself.
// - Dates: sent day S is the generation day; issue is minutes before sending (same day or just
//   before midnight), or, for ~15 %, the previous day with the transmission the next morning.
//   Write date: mostly the issue day, else 1-14 days earlier, "month-end" invoices issued by the
//   10th of the next month, and rarely up to 40 days earlier.
// - Approval numbers: yyyyMMdd of the issue date + "41" + 6 digits for the issuing system (stable
//   per supplier) + an 8-digit serial that is a bijection of (sent day mod 10, owner, slot), so
//   numbers are unique by construction.
// - Corrections (02xx/04xx) reference an original generated 2-30 days earlier by the same owner
//   between the same parties; the original may already be purged or lie before the retention
//   window, as in reality.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dataset.hpp"
#include "model.hpp"
#include "random.hpp"

namespace sim {

class Generator {
public:
    explicit Generator(const GeneratorConfig &config);

    const GeneratorConfig &config() const { return config_; }
    const Account &account() const { return account_; }
    const std::vector<Company> &companies() const { return companies_; }
    // Outside businesses and individuals invoices are exchanged with.
    const std::vector<Party> &outside_parties() const { return outside_; }

    // How many invoices linked company `owner` (index into companies()) owns on sent day `day`.
    int invoice_count(Day day, int owner) const;

    // Those invoices, in slot order.
    std::vector<Invoice> invoices_for_day(Day day, int owner) const;

    // One invoice (slot < invoice_count(day, owner)).
    Invoice invoice(Day day, int owner, int slot) const;

    // Upper bounds used to guarantee unique approval numbers.
    static constexpr int kMaxCompanies = 999;
    static constexpr int kMaxInvoicesPerCompanyDay = 9999;

private:
    struct Slot {
        Day day;
        int owner;
        int slot;
    };
    bool is_correction_slot(const Slot &slot) const;
    Invoice original_invoice(const Slot &slot) const;
    Invoice correction_invoice(const Slot &slot) const;
    std::string issue_id(const Slot &slot, const Invoice &invoice) const;
    int pick_outside_partner(Rng &rng, int owner) const;
    Party make_individual(Rng &rng) const;

    GeneratorConfig config_;
    Account account_;
    std::vector<Company> companies_;
    std::vector<int> company_industry_;
    std::vector<Party> outside_;
    std::vector<int> outside_industry_;
};

// Korean resident-number-shaped 13-digit identifier for individual buyers, with its check digit
// (weights 2,3,4,5,6,7,8,9,2,3,4,5; check = (11 - sum mod 11) mod 10).
bool is_valid_personal_number(const std::string &number);

} // namespace sim
