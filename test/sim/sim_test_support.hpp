// An in-process simulator on an ephemeral loopback port and helpers to call it, for the
// simulator's tests.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <simdjson.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "json_text.hpp"
#include "server.hpp"

namespace sim::testing {

inline constexpr const char *kStartClock = "fixed:2026-11-15T12:00:00";

struct AccountInfo {
    std::string send_com_regno, sb_id, auth_code, auth_token;
    std::vector<std::string> corp_nums;
};

// A parsed API answer; `ok` is false when the body was not JSON.
struct Answer {
    int http_status = 0;
    std::string body;
    std::map<std::string, std::string> headers;
    bool ok = false;
    std::string result_code;
    std::string result_message;
    std::string message_id;
    std::vector<std::map<std::string, std::string>> rows; // each value as compact JSON
    std::string table_name;
};

using Fields = std::vector<std::pair<std::string, std::string>>;

class SimServerTest : public ::testing::Test {
protected:
    void SetUp() override { start(ServerOptions{}); }
    void TearDown() override { server_.reset(); }

    void start(ServerOptions options) {
        server_.reset();
        options.clock = *SimClock::parse(kStartClock);
        options.port = 0;
        server_ = std::make_unique<SimServer>(options);
        port_ = server_->start_in_background();
        client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
        client_->set_read_timeout(30, 0);
        account_ = read_account();
    }

    AccountInfo read_account() {
        auto res = client_->Get("/_sim/accounts");
        EXPECT_TRUE(res);
        simdjson::dom::parser parser;
        simdjson::dom::element doc = parser.parse(res->body);
        AccountInfo info;
        info.send_com_regno = std::string(doc["send_com_regno"].get_string().value());
        info.sb_id = std::string(doc["sb_id"].get_string().value());
        info.auth_code = std::string(doc["auth_code"].get_string().value());
        info.auth_token = std::string(doc["auth_token"].get_string().value());
        for (auto regno : doc["corp_nums"].get_array())
            info.corp_nums.emplace_back(regno.get_string().value());
        return info;
    }

    static std::string to_json(const Fields &fields) {
        std::string out = "{";
        for (const auto &[name, value] : fields) {
            if (out.size() > 1)
                out += ',';
            append_json_string(out, name);
            out += ':';
            // Values starting with '[' or '{' or digits-only marked by '#' are raw JSON.
            if (!value.empty() && value[0] == '#')
                out += value.substr(1);
            else
                append_json_string(out, value);
        }
        return out + "}";
    }

    Fields base(const std::string &signal) const {
        Fields fields = {{"MessageId", "msg-" + signal},
                         {"Signal", signal},
                         {"RequestTime", "20261115120000"},
                         {"SendComRegno", account_.send_com_regno},
                         {"ServiceCode", "DTI"}};
        if (signal == "GET_TOKEN") {
            fields.push_back({"SbId", account_.sb_id});
            fields.push_back({"AuthCode", account_.auth_code});
            fields.push_back({"ExpirationDateCode", "D"});
        } else if (signal == "OS_DTI_LIST") {
            fields.push_back({"AuthToken", account_.auth_token});
            fields.push_back({"SearchDate", "S"});
            fields.push_back({"SearchFromDate", "2026-11-01"});
            fields.push_back({"SearchToDate", "2026-11-15"});
            fields.push_back({"SearchComRegno", account_.corp_nums.at(0)});
            fields.push_back({"SupBuy_Type", "AR"});
        } else if (signal == "OS_DTI_XML") {
            fields.push_back({"AuthToken", account_.auth_token});
            fields.push_back({"AuthCode", account_.auth_code});
            fields.push_back({"SupBuy_Type", "AR"});
            fields.push_back({"IssueId", "#[]"});
        }
        return fields;
    }

    static Fields with(Fields fields, const std::string &name, const std::string &value) {
        for (auto &field : fields)
            if (field.first == name) {
                field.second = value;
                return fields;
            }
        fields.push_back({name, value});
        return fields;
    }

    static Fields without(Fields fields, const std::string &name) {
        Fields out;
        for (auto &field : fields)
            if (field.first != name)
                out.push_back(field);
        return out;
    }

    Answer call(const Fields &fields) { return post(to_json(fields)); }

    Answer post(const std::string &body) {
        Answer answer;
        auto res = client_->Post("/sb-api/request/", body, "application/json");
        if (!res)
            return answer;
        answer.http_status = res->status;
        answer.body = res->body;
        for (const auto &[name, value] : res->headers)
            answer.headers[name] = value;
        simdjson::dom::parser parser;
        simdjson::dom::element doc;
        if (parser.parse(answer.body).get(doc))
            return answer;
        answer.ok = true;
        std::string_view text;
        if (!doc["ResultCode"].get_string().get(text))
            answer.result_code = std::string(text);
        if (!doc["ResultMessage"].get_string().get(text))
            answer.result_message = std::string(text);
        if (!doc["MessageId"].get_string().get(text))
            answer.message_id = std::string(text);
        simdjson::dom::object data;
        if (doc["ResultDataSet"].get_object().get(data))
            return answer;
        for (auto table : data) {
            answer.table_name = std::string(table.key);
            for (auto row : table.value.get_array()) {
                std::map<std::string, std::string> values;
                for (auto field : row.get_object())
                    values[std::string(field.key)] = simdjson::minify(field.value);
                answer.rows.push_back(std::move(values));
            }
        }
        return answer;
    }

    std::string control(const std::string &method, const std::string &path,
                        const std::string &body = "{}", int expected_status = 200) {
        httplib::Result res = method == "GET" ? client_->Get(path.c_str())
                              : method == "DELETE"
                                  ? client_->Delete(path.c_str())
                                  : client_->Post(path.c_str(), body, "application/json");
        EXPECT_TRUE(res) << path;
        if (!res)
            return {};
        EXPECT_EQ(res->status, expected_status) << path << " " << res->body;
        return res->body;
    }

    std::string new_token(const std::string &code) {
        Answer answer = call(with(base("GET_TOKEN"), "ExpirationDateCode", code));
        EXPECT_EQ(answer.result_code, "30000");
        std::string token = answer.rows.at(0).at("AUTH_TOKEN");
        return token.substr(1, token.size() - 2);
    }

    std::unique_ptr<SimServer> server_;
    std::unique_ptr<httplib::Client> client_;
    int port_ = 0;
    AccountInfo account_;
};

// "\"abc\"" -> "abc" for the compact JSON values the helpers keep.
inline std::string unquote(const std::string &json) {
    simdjson::dom::parser parser;
    std::string_view text;
    if (parser.parse(json).get_string().get(text))
        return json;
    return std::string(text);
}

} // namespace sim::testing
