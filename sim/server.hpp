// smartbill-sim's HTTP face: the SmartBill endpoint (POST /sb-api/request/), fault delivery on
// the wire, and the control API under /_sim/ that tests and demos use to steer the simulator.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "dataset.hpp"
#include "row_format.hpp"
#include "sim_clock.hpp"

namespace httplib {
class Server;
}

namespace sim {

struct ServerOptions {
    GeneratorConfig generator;
    SimClock clock;
    Profile profile = Profile::Default;
    size_t row_cap = 10000;
    int rate_limit = 0; // requests per second per SendComRegno; 0 = off
    std::string bind = "127.0.0.1";
    int port = 0; // 0 = any free port
};

struct SimState;

class SimServer {
public:
    explicit SimServer(ServerOptions options);
    ~SimServer();

    // Binds the listening socket and returns the port (useful with port 0).
    int bind();
    // Serves until stop(); call bind() first.
    void listen();
    // bind() and serve on a background thread; returns the port once it accepts connections.
    int start_in_background();
    void stop();

    // The account as JSON: send_com_regno, sb_id, auth_code, auth_token, corp_nums, port,
    // profile, clock. This is what GET /_sim/accounts answers and what main prints at start.
    std::string account_json();

    int port() const { return port_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    int port_ = 0;
    std::thread thread_;
};

} // namespace sim
