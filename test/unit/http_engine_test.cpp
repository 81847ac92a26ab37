#include "core/http_engine.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace sbfdw;
using namespace std::chrono_literals;

namespace {

// A loopback HTTP server on an ephemeral port, serving one POST handler.
class TestServer {
public:
    explicit TestServer(httplib::Server::Handler handler) {
        server_.Post("/sb-api/request/", std::move(handler));
        server_.Post("/elsewhere", [this](const httplib::Request &, httplib::Response &res) {
            ++elsewhere_hits;
            res.set_content("{}", "application/json");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        // stop() is a no-op before the accept loop runs, so wait for it (bounded).
        for (int i = 0; i < 5000 && !server_.is_running(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~TestServer() {
        server_.stop();
        thread_.join();
    }
    ServerSettings settings() const {
        ServerSettings s;
        s.endpoint = "http://127.0.0.1:" + std::to_string(port_) + "/sb-api/request/";
        s.retry_base_delay_ms = 20;
        s.connect_timeout_ms = 2000;
        s.request_timeout_ms = 5000;
        return s;
    }
    std::atomic<int> elsewhere_hits{0};

private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
};

double ms_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

std::chrono::steady_clock::time_point g_interrupt_at;
bool interrupt_after_deadline() {
    return std::chrono::steady_clock::now() >= g_interrupt_at;
}

} // namespace

TEST(HttpEngine, EndpointValidation) {
    EXPECT_NO_THROW(validate_endpoint("https://api.smartbill.co.kr/sb-api/request/", false));
    EXPECT_NO_THROW(validate_endpoint("http://127.0.0.1:8080/sb-api/request/", false));
    EXPECT_NO_THROW(validate_endpoint("http://localhost/sb-api/request/", false));
    EXPECT_NO_THROW(validate_endpoint("http://example.com/sb-api/request/", true));
    try {
        validate_endpoint("http://example.com/sb-api/request/", false);
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.sqlstate(), "HV024");
        EXPECT_EQ(e.message(), "plain http is only allowed to a loopback host");
    }
    EXPECT_THROW(validate_endpoint("ftp://example.com/x", true), Error);
    EXPECT_THROW(validate_endpoint("file:///etc/passwd", true), Error);
    EXPECT_THROW(validate_endpoint("https://user:pw@example.com/", true), Error);
    EXPECT_THROW(validate_endpoint("not a url", true), Error);
}

TEST(HttpEngine, PostsTheBodyAndReturnsTheAnswer) {
    std::string seen_body, seen_type;
    TestServer server([&](const httplib::Request &req, httplib::Response &res) {
        seen_body = req.body;
        seen_type = req.get_header_value("Content-Type");
        res.set_content(R"({"ResultCode":"30000"})", "application/json");
    });
    HttpEngine engine(server.settings(), nullptr);
    HttpResult r = engine.perform("{\"a\":1}");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"ResultCode":"30000"})");
    EXPECT_EQ(seen_body, "{\"a\":1}");
    EXPECT_EQ(seen_type, "application/json; charset=utf-8");
    EXPECT_EQ(engine.counters().requests, 1);
    EXPECT_EQ(engine.counters().bytes, 22);
}

TEST(HttpEngine, ConcurrencyLimitIsRespected) {
    std::atomic<int> active{0}, peak{0};
    TestServer server([&](const httplib::Request &, httplib::Response &res) {
        int now = ++active;
        int old = peak.load();
        while (now > old && !peak.compare_exchange_weak(old, now)) {
        }
        std::this_thread::sleep_for(100ms);
        --active;
        res.set_content("{}", "application/json");
    });
    ServerSettings s = server.settings();
    s.max_concurrency = 2;
    HttpEngine engine(s, nullptr);
    for (int i = 0; i < 6; ++i)
        engine.submit("{}");
    int finished = 0;
    while (engine.pending() > 0)
        for (const HttpResult &r : engine.wait()) {
            EXPECT_TRUE(r.ok());
            ++finished;
        }
    EXPECT_EQ(finished, 6);
    EXPECT_EQ(peak.load(), 2);
}

TEST(HttpEngine, RetriesA503ThenSucceeds) {
    std::atomic<int> calls{0};
    TestServer server([&](const httplib::Request &, httplib::Response &res) {
        if (++calls == 1) {
            res.status = 503;
            return;
        }
        res.set_content("{\"ok\":1}", "application/json");
    });
    HttpEngine engine(server.settings(), nullptr);
    HttpResult r = engine.perform("{}");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.body, "{\"ok\":1}");
    EXPECT_EQ(calls.load(), 2);
    EXPECT_EQ(engine.counters().requests, 2);
    EXPECT_EQ(engine.counters().retries, 1);
}

TEST(HttpEngine, GivesUpAfterMaxRetries) {
    std::atomic<int> calls{0};
    TestServer server([&](const httplib::Request &, httplib::Response &res) {
        ++calls;
        res.status = 502;
    });
    ServerSettings s = server.settings();
    s.max_retries = 2;
    HttpEngine engine(s, nullptr);
    HttpResult r = engine.perform("{}");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error->sqlstate(), "08006");
    EXPECT_EQ(r.error->message(), "SmartBill API is unavailable (HTTP status 502)");
    EXPECT_EQ(calls.load(), 3);
}

TEST(HttpEngine, HonoursRetryAfter) {
    std::atomic<int> calls{0};
    TestServer server([&](const httplib::Request &, httplib::Response &res) {
        if (++calls == 1) {
            res.status = 429;
            res.set_header("Retry-After", "1");
            return;
        }
        res.set_content("{}", "application/json");
    });
    HttpEngine engine(server.settings(), nullptr);
    auto started = std::chrono::steady_clock::now();
    HttpResult r = engine.perform("{}");
    EXPECT_TRUE(r.ok());
    EXPECT_GE(ms_since(started), 950);
    EXPECT_EQ(engine.backoff_ms(1, 5), 5000);
    EXPECT_EQ(engine.backoff_ms(1, 100000), 60000); // capped
}

TEST(HttpEngine, BackoffGrowsWithJitter) {
    ServerSettings s;
    s.endpoint = "http://127.0.0.1:1/sb-api/request/";
    s.retry_base_delay_ms = 100;
    HttpEngine engine(s, nullptr);
    for (int i = 0; i < 20; ++i) {
        long first = engine.backoff_ms(1, -1), third = engine.backoff_ms(3, -1);
        EXPECT_GE(first, 50);
        EXPECT_LE(first, 100);
        EXPECT_GE(third, 200);
        EXPECT_LE(third, 400);
    }
}

TEST(HttpEngine, EnforcesMaxResponseBytes) {
    TestServer server([&](const httplib::Request &, httplib::Response &res) {
        res.set_content(std::string(100000, 'x'), "application/json");
    });
    ServerSettings s = server.settings();
    s.max_response_bytes = 1000;
    HttpEngine engine(s, nullptr);
    HttpResult r = engine.perform("{}");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error->sqlstate(), "54000");
    EXPECT_EQ(r.error->message(), "SmartBill API response exceeds max_response_bytes (1000)");
    EXPECT_EQ(engine.counters().requests, 1); // not retried
}

TEST(HttpEngine, DoesNotFollowRedirects) {
    TestServer server([&](const httplib::Request &, httplib::Response &res) {
        res.status = 307;
        res.set_header("Location", "/elsewhere");
    });
    HttpEngine engine(server.settings(), nullptr);
    HttpResult r = engine.perform("{}");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status, 307);
    EXPECT_EQ(r.error->message(), "SmartBill API answered with a redirect (HTTP status 307)");
    EXPECT_EQ(server.elsewhere_hits.load(), 0);
}

TEST(HttpEngine, InterruptStopsASlowRequest) {
    TestServer server([&](const httplib::Request &, httplib::Response &res) {
        std::this_thread::sleep_for(1500ms);
        res.set_content("{}", "application/json");
    });
    HttpEngine engine(server.settings(), &interrupt_after_deadline);
    auto started = std::chrono::steady_clock::now();
    g_interrupt_at = started + 100ms;
    EXPECT_THROW(engine.perform("{}"), Interrupted);
    EXPECT_LT(ms_since(started), 300);
    EXPECT_EQ(engine.pending(), 0u);
}

TEST(HttpEngine, TimeoutsAreCleanErrors) {
    TestServer server([&](const httplib::Request &, httplib::Response &res) {
        std::this_thread::sleep_for(800ms);
        res.set_content("{}", "application/json");
    });
    ServerSettings s = server.settings();
    s.request_timeout_ms = 200;
    s.max_retries = 0;
    HttpEngine engine(s, nullptr);
    HttpResult r = engine.perform("{}");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error->sqlstate(), "08006");
    EXPECT_EQ(r.error->message(), "SmartBill API request timed out");
    EXPECT_EQ(r.error->detail().find("ms"), std::string::npos);
}

TEST(HttpEngine, ConnectionRefusedNamesTheHostOnly) {
    const int port = 1; // privileged and unused: the connection is refused
    ServerSettings s;
    s.endpoint = "http://127.0.0.1:" + std::to_string(port) + "/sb-api/request/";
    s.max_retries = 1;
    s.retry_base_delay_ms = 10;
    s.connect_timeout_ms = 2000;
    s.request_timeout_ms = 2000;
    HttpEngine engine(s, nullptr);
    HttpResult r = engine.perform("{}");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error->sqlstate(), "08001");
    EXPECT_EQ(r.error->message(), "could not connect to SmartBill API at host 127.0.0.1");
    EXPECT_EQ(r.error->message().find(":" + std::to_string(port)), std::string::npos);
    EXPECT_EQ(engine.counters().retries, 1);
}
