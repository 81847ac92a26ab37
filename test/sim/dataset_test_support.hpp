// Helpers for the dataset's tests: a fixed clock reading and a walk over every visible invoice.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "dataset.hpp"

namespace sim::dataset_testing {

inline Instant kst(const char *text) {
    return *sbfdw::parse_kst_datetime(text);
}

// Every invoice visible at `now`, once, in the order companies and directions are listed.
inline std::vector<const Invoice *> all_visible(const Dataset &dataset, Instant now) {
    std::vector<const Invoice *> out;
    std::set<const Invoice *> seen;
    Day today = sbfdw::kst_day_of(now);
    for (const Company &company : dataset.companies())
        for (bool sales : {false, true})
            for (const Invoice *invoice : dataset.list(company.party.regno, sales,
                                                       ListDateKind::Sent, today - 120, today, now))
                if (seen.insert(invoice).second)
                    out.push_back(invoice);
    return out;
}

} // namespace sim::dataset_testing
