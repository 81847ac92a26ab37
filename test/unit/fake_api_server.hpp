// A SmartBill stand-in for unit tests: a cpp-httplib server on 127.0.0.1 whose answers come
// from a function of the request body, with every body it received kept for assertions.
#pragma once
#include "core/settings.hpp"

#include <httplib.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sbfdw::testing {

// The string value of `"name":"..."` in a request body (empty when absent).
inline std::string field_of(const std::string &body, const std::string &name) {
    const std::string key = "\"" + name + "\":\"";
    size_t at = body.find(key);
    if (at == std::string::npos)
        return {};
    at += key.size();
    return body.substr(at, body.find('"', at) - at);
}

class FakeApiServer {
public:
    using Answer = std::function<std::string(const std::string &body)>;

    explicit FakeApiServer(Answer answer) : answer_(std::move(answer)) {
        server_.Post("/sb-api/request/",
                     [this](const httplib::Request &req, httplib::Response &res) {
                         {
                             std::lock_guard<std::mutex> lock(mutex_);
                             bodies_.push_back(req.body);
                         }
                         res.set_content(answer_(req.body), "application/json");
                     });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        // stop() is a no-op before the accept loop runs, so wait for it (bounded).
        for (int i = 0; i < 5000 && !server_.is_running(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~FakeApiServer() {
        server_.stop();
        thread_.join();
    }

    ServerSettings settings() const {
        ServerSettings s;
        s.endpoint = "http://127.0.0.1:" + std::to_string(port_) + "/sb-api/request/";
        s.retry_base_delay_ms = 10;
        s.max_concurrency = 3;
        return s;
    }

    // Bodies received with this Signal, in arrival order.
    std::vector<std::string> bodies(const std::string &signal) {
        std::lock_guard<std::mutex> lock(mutex_);
        std::vector<std::string> out;
        for (const std::string &body : bodies_)
            if (field_of(body, "Signal") == signal)
                out.push_back(body);
        return out;
    }

private:
    Answer answer_;
    httplib::Server server_;
    std::mutex mutex_;
    std::vector<std::string> bodies_;
    int port_ = 0;
    std::thread thread_;
};

} // namespace sbfdw::testing
