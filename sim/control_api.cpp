#include "control_api.hpp"

#include <httplib.h>
#include <simdjson.h>

#include "json_text.hpp"
#include "sim_host.hpp"

namespace sim {
namespace {

constexpr const char *kJsonType = "application/json; charset=utf-8";

using Handler = std::function<void(SimHost &, const httplib::Request &, httplib::Response &)>;

void reply(httplib::Response &res, std::string json) {
    res.set_content(std::move(json), kJsonType);
}

void bad_request(httplib::Response &res, const std::string &message) {
    std::string json = "{\"error\":";
    append_json_string(json, message);
    json += '}';
    res.status = 400;
    reply(res, std::move(json));
}

// Every control handler runs with the state locked.
httplib::Server::Handler locked(SimHost &host, Handler handler) {
    return [&host, handler](const httplib::Request &req, httplib::Response &res) {
        std::lock_guard<std::mutex> lock(host.mutex);
        handler(host, req, res);
    };
}

bool parse_object(const std::string &body, simdjson::dom::parser &parser,
                  simdjson::dom::object &object, httplib::Response &res) {
    simdjson::dom::element root;
    if (parser.parse(body).get(root) || root.get_object().get(object)) {
        bad_request(res, "body must be a JSON object");
        return false;
    }
    return true;
}

std::string clock_json(const SimState &state) {
    std::string json = "{\"clock\":";
    append_json_string(json, state.clock.describe());
    json += ",\"now\":";
    append_json_string(json, sbfdw::format_kst_datetime(state.clock.now()));
    json += '}';
    return json;
}

void set_clock(SimHost &host, const httplib::Request &req, httplib::Response &res) {
    simdjson::dom::parser parser;
    simdjson::dom::object object;
    if (!parse_object(req.body, parser, object, res))
        return;
    std::string_view when;
    int64_t seconds;
    bool real;
    if (!object["set"].get_string().get(when)) {
        auto clock = SimClock::parse("fixed:" + std::string(when));
        if (!clock)
            return bad_request(res, "set must be YYYY-MM-DDTHH:MM:SS (KST)");
        host.state.clock = *clock;
    } else if (!object["advance_seconds"].get_int64().get(seconds)) {
        host.state.clock.advance_seconds(seconds);
    } else if (!object["real"].get_bool().get(real) && real) {
        host.state.clock = *SimClock::parse("real");
    } else {
        return bad_request(res,
                           "expected {\"set\":...}, {\"advance_seconds\":N} or {\"real\":true}");
    }
    reply(res, clock_json(host.state));
}

void add_fault(SimHost &host, const httplib::Request &req, httplib::Response &res) {
    std::string error;
    auto fault = parse_fault(req.body, error);
    if (!fault)
        return bad_request(res, error);
    host.state.faults.add(std::move(*fault));
    reply(res, host.state.faults.to_json());
}

void set_profile(SimHost &host, const httplib::Request &req, httplib::Response &res) {
    simdjson::dom::parser parser;
    simdjson::dom::object object;
    if (!parse_object(req.body, parser, object, res))
        return;
    std::string_view name;
    std::optional<Profile> profile;
    if (!object["profile"].get_string().get(name))
        profile = parse_profile(name);
    if (!profile)
        return bad_request(res, "profile must be default, dotnet or strings");
    host.state.profile = *profile;
    reply(res, "{\"profile\":\"" + std::string(profile_name(*profile)) + "\"}");
}

void set_hometax(SimHost &host, const httplib::Request &req, httplib::Response &res) {
    simdjson::dom::parser parser;
    simdjson::dom::object object;
    if (!parse_object(req.body, parser, object, res))
        return;
    std::string_view corp_num, status;
    if (object["corp_num"].get_string().get(corp_num) || object["status"].get_string().get(status))
        return bad_request(
            res, "expected {\"corp_num\":\"...\",\"status\":\"ok|missing|login_failing\"}");
    Company *company = host.state.dataset.find_company(std::string(corp_num));
    if (!company)
        return bad_request(res, "unknown corp_num: " + std::string(corp_num));
    if (status == "ok")
        company->hometax = Company::Hometax::Ok;
    else if (status == "missing")
        company->hometax = Company::Hometax::Missing;
    else if (status == "login_failing")
        company->hometax = Company::Hometax::LoginFailing;
    else
        return bad_request(res, "status must be ok, missing or login_failing");
    reply(res, "{\"corp_num\":\"" + std::string(corp_num) + "\",\"status\":\"" +
                   std::string(status) + "\"}");
}

void set_config(SimHost &host, const httplib::Request &req, httplib::Response &res) {
    simdjson::dom::parser parser;
    simdjson::dom::object object;
    if (!parse_object(req.body, parser, object, res))
        return;
    int64_t value;
    simdjson::dom::element element;
    if (!object["row_cap"].get(element)) {
        if (element.get_int64().get(value) || value < 1)
            return bad_request(res, "row_cap must be a positive integer");
        host.state.row_cap = static_cast<size_t>(value);
    }
    if (!object["rate_limit"].get(element)) {
        if (element.get_int64().get(value) || value < 0 || value > 1000000)
            return bad_request(res, "rate_limit must be an integer >= 0 (0 = off)");
        host.state.limiter.set_limit(static_cast<int>(value));
        host.state.limiter.clear();
    }
    std::string json = "{\"row_cap\":";
    append_json_int(json, static_cast<int64_t>(host.state.row_cap));
    json += ",\"rate_limit\":";
    append_json_int(json, host.state.limiter.limit());
    json += '}';
    reply(res, std::move(json));
}

enum class Export { Invoices, Items, Documents };

void export_csv(SimHost &host, httplib::Response &res, Export what) {
    const Instant now = host.state.clock.now();
    host.state.dataset.advance_to(now);
    const Dataset &dataset = host.state.dataset;
    res.set_content(what == Export::Items       ? dataset.export_items_csv(now)
                    : what == Export::Documents ? dataset.export_documents_csv(now)
                                                : dataset.export_invoices_csv(now),
                    "text/csv; charset=utf-8");
}

} // namespace

void register_control_api(httplib::Server &http, SimHost &host) {
    http.Get("/_sim/accounts", locked(host, [](SimHost &h, const auto &, auto &res) {
                 reply(res, h.account_json());
             }));
    http.Get("/_sim/requests", locked(host, [](SimHost &h, const auto &, auto &res) {
                 reply(res, h.state.log.to_json());
             }));
    http.Delete("/_sim/requests", locked(host, [](SimHost &h, const auto &, auto &res) {
                    h.state.log.clear();
                    reply(res, "[]");
                }));
    http.Get("/_sim/clock", locked(host, [](SimHost &h, const auto &, auto &res) {
                 reply(res, clock_json(h.state));
             }));
    http.Post("/_sim/clock", locked(host, set_clock));
    http.Get("/_sim/faults", locked(host, [](SimHost &h, const auto &, auto &res) {
                 reply(res, h.state.faults.to_json());
             }));
    http.Post("/_sim/faults", locked(host, add_fault));
    http.Delete("/_sim/faults", locked(host, [](SimHost &h, const auto &, auto &res) {
                    h.state.faults.clear();
                    reply(res, "[]");
                }));
    http.Post("/_sim/reset", locked(host, [](SimHost &h, const auto &, auto &res) {
                  h.reset();
                  reply(res, h.account_json());
              }));
    http.Post("/_sim/profile", locked(host, set_profile));
    http.Post("/_sim/hometax", locked(host, set_hometax));
    http.Post("/_sim/config", locked(host, set_config));
    http.Get("/_sim/export/invoices.csv", locked(host, [](SimHost &h, const auto &, auto &res) {
                 export_csv(h, res, Export::Invoices);
             }));
    http.Get("/_sim/export/items.csv", locked(host, [](SimHost &h, const auto &, auto &res) {
                 export_csv(h, res, Export::Items);
             }));
    http.Get("/_sim/export/documents.csv", locked(host, [](SimHost &h, const auto &, auto &res) {
                 export_csv(h, res, Export::Documents);
             }));
}

} // namespace sim
