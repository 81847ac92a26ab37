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
    std::string out = "{";
    append_json_key(out, "send_com_regno");
    append_json_string(out, account.send_com_regno);
    out += ',';
    append_json_key(out, "sb_id");
    append_json_string(out, account.sb_id);
    out += ',';
    append_json_key(out, "auth_code");
    append_json_string(out, account.auth_code);
    out += ',';
    append_json_key(out, "auth_token");
    append_json_string(out, initial_token.token);
    out += ',';
    append_json_key(out, "corp_nums");
    out += '[';
    bool first = true;
    for (const auto &company : state.dataset.companies()) {
        if (!first)
            out += ',';
        first = false;
        append_json_string(out, company.party.regno);
    }
    out += "],";
    append_json_key(out, "port");
    append_json_int(out, port);
    out += ',';
    append_json_key(out, "profile");
    append_json_string(out, profile_name(state.profile));
    out += ',';
    append_json_key(out, "clock");
    append_json_string(out, state.clock.describe());
    out += '}';
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
