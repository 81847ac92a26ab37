#include "sim_host.hpp"

#include "json_text.hpp"

namespace sim {

SimHost::SimHost(const ServerOptions &options)
    : state(options.generator, options.clock), start(options) {
    state.profile = options.profile;
    state.row_cap = options.row_cap;
    state.limiter.set_limit(options.rate_limit);
    // The account's long-lived token, so a user can query without GET_TOKEN first.
    initial_token = state.tokens.issue(std::nullopt);
    for (const auto &company : state.dataset.companies())
        initial_hometax.emplace_back(company.party.regno, company.hometax);
}

std::string SimHost::account_json() const {
    const Account &account = state.dataset.account();
    std::string out;
    JsonObjectWriter object(out);
    object.text("send_com_regno", account.send_com_regno);
    object.text("sb_id", account.sb_id);
    object.text("auth_code", account.auth_code);
    object.text("auth_token", initial_token.token);
    object.key("corp_nums");
    out += '[';
    bool first = true;
    for (const auto &company : state.dataset.companies()) {
        if (!first)
            out += ',';
        first = false;
        append_json_string(out, company.party.regno);
    }
    out += ']';
    object.number("port", port);
    object.text("profile", profile_name(state.profile));
    object.text("clock", state.clock.describe());
    object.finish();
    return out;
}

void SimHost::reset() {
    state.log.clear();
    state.faults.clear();
    state.limiter.clear();
    state.limiter.set_limit(start.rate_limit);
    state.tokens.keep_only_initial();
    state.clock = start.clock;
    state.profile = start.profile;
    state.row_cap = start.row_cap;
    state.rendered_rows.clear();
    for (const auto &[regno, hometax] : initial_hometax)
        if (Company *company = state.dataset.find_company(regno))
            company->hometax = hometax;
}

} // namespace sim
