#include "server.hpp"

#include <chrono>
#include <httplib.h>

#include "control_api.hpp"
#include "sim_host.hpp"

namespace sim {
namespace {

constexpr const char *kApiPath = "/sb-api/request/";
constexpr const char *kJsonType = "application/json; charset=utf-8";

// What leaves the mutex: the answer plus how to put it on the wire.
struct Delivery {
    ApiAnswer answer;
    std::optional<Fault> fault;
};

const char *reason_phrase(int status) {
    switch (status) {
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Error";
    }
}

std::string status_page(int status) {
    const char *reason = reason_phrase(status);
    return "<html><head><title>" + std::to_string(status) + " " + reason +
           "</title></head><body><h1>" + std::to_string(status) + " " + reason +
           "</h1></body></html>";
}

// Decides the answer under the lock: parse, pick a fault, answer, log.
Delivery decide(SimHost &host, const std::string &body) {
    std::lock_guard<std::mutex> lock(host.mutex);
    SimState &state = host.state;
    LoggedRequest entry;
    entry.sim_time = state.clock.now();
    entry.real_time = real_now();

    Delivery delivery;
    auto request = parse_api_request(body);
    std::string signal;
    if (request) {
        signal = std::string(request->get("Signal"));
        entry.fields = request->raw_fields;
    } else {
        entry.body_is_json = false;
    }
    entry.signal = signal;
    delivery.fault = state.faults.take(signal);

    const Fault *fault = delivery.fault ? &*delivery.fault : nullptr;
    try {
        if (fault && fault->kind == FaultKind::HttpStatus) {
            delivery.answer.http_status = fault->status;
            delivery.answer.body = status_page(fault->status);
        } else if (!request) {
            delivery.answer = answer_bad_body(state);
        } else if (fault && fault->kind == FaultKind::ResultCode) {
            delivery.answer = answer_with_code(state, *request, fault->code);
            if (fault->code == result_code::kTooManyRequests)
                delivery.answer.retry_after = fault->retry_after;
        } else {
            auto field_fault = fault ? fault->field_fault() : std::nullopt;
            delivery.answer =
                answer_api_request(state, *request, field_fault ? &*field_fault : nullptr);
        }
    } catch (const std::exception &e) {
        // Anything unexpected is the simulator's own bug: answer as the service would.
        delivery.answer =
            answer_with_code(state, request ? *request : ApiRequest{}, result_code::kInternalError);
    }
    if (fault && fault->kind == FaultKind::InvalidJson && !delivery.answer.body.empty())
        delivery.answer.body.pop_back(); // the final '}' goes missing

    entry.result_code = delivery.answer.http_status == 200 ? delivery.answer.result_code : "";
    entry.http_status = delivery.answer.http_status;
    entry.fault = fault ? fault_kind_name(fault->kind) : "";
    entry.rows = delivery.answer.rows;
    state.log.add(std::move(entry));
    return delivery;
}

// Puts the answer on the wire, outside the lock, as the fault (if any) wants it.
void deliver(Delivery &delivery, httplib::Response &res) {
    ApiAnswer &answer = delivery.answer;
    res.status = answer.http_status;
    if (answer.retry_after)
        res.set_header("Retry-After", std::to_string(*answer.retry_after));
    const char *content_type = answer.http_status >= 500 ? "text/html" : kJsonType;
    auto body = std::make_shared<std::string>(std::move(answer.body));
    const FaultKind kind = delivery.fault ? delivery.fault->kind : FaultKind::Latency;
    const Fault *fault = delivery.fault ? &*delivery.fault : nullptr;

    if (fault && kind == FaultKind::Latency)
        std::this_thread::sleep_for(std::chrono::milliseconds(fault->ms));

    if (fault && (kind == FaultKind::Reset || kind == FaultKind::Truncated)) {
        const size_t sent = std::min(fault->bytes > 0 ? fault->bytes : body->size() / 2,
                                     body->size() > 0 ? body->size() - 1 : 0);
        auto send_part_then_abort = [body, sent](size_t offset, httplib::DataSink &sink) {
            if (offset < sent)
                sink.write(body->data() + offset, sent - offset);
            return false; // httplib closes the connection when a provider gives up
        };
        if (kind == FaultKind::Truncated)
            res.set_content_provider(
                body->size(), content_type,
                [send_part_then_abort](size_t offset, size_t, httplib::DataSink &sink) {
                    return send_part_then_abort(offset, sink);
                });
        else
            res.set_chunked_content_provider(
                content_type, [body, sent](size_t offset, httplib::DataSink &sink) {
                    if (offset < sent) {
                        sink.write(body->data() + offset, sent - offset);
                        return true; // the next call gives up, after this chunk went out
                    }
                    return false;
                });
        return;
    }

    if (fault && kind == FaultKind::SlowDrip) {
        const size_t chunk = static_cast<size_t>(fault->chunk_bytes);
        const auto pause = std::chrono::milliseconds(fault->pause_ms);
        res.set_content_provider(
            body->size(), content_type,
            [body, chunk, pause](size_t offset, size_t length, httplib::DataSink &sink) {
                if (offset > 0)
                    std::this_thread::sleep_for(pause);
                return sink.write(body->data() + offset, std::min(chunk, length));
            });
        return;
    }

    // The body is shared, not copied: a 10,000-row answer is several megabytes.
    res.set_content_provider(body->size(), content_type,
                             [body](size_t offset, size_t length, httplib::DataSink &sink) {
                                 return sink.write(body->data() + offset, length);
                             });
}

void method_not_allowed(const httplib::Request &, httplib::Response &res) {
    res.status = 405;
    res.set_header("Allow", "POST");
    res.set_content("{\"error\":\"method not allowed: use POST\"}", kJsonType);
}

} // namespace

struct SimServer::Impl {
    explicit Impl(const ServerOptions &options) : host(options) {}

    SimHost host;
    httplib::Server http;
};

SimServer::SimServer(ServerOptions options) : impl_(std::make_unique<Impl>(options)) {
    auto &http = impl_->http;
    SimHost &host = impl_->host;
    http.set_tcp_nodelay(true);
    http.set_payload_max_length(16 * 1024 * 1024);

    http.Post(kApiPath, [&host](const httplib::Request &req, httplib::Response &res) {
        Delivery delivery = decide(host, req.body);
        deliver(delivery, res);
    });
    http.Get(kApiPath, method_not_allowed);
    http.Put(kApiPath, method_not_allowed);
    http.Delete(kApiPath, method_not_allowed);
    http.Patch(kApiPath, method_not_allowed);
    http.Options(kApiPath, method_not_allowed);

    register_control_api(http, host);

    // Unknown paths get a JSON body; our own 4xx/5xx answers come through content providers
    // and must be left alone.
    http.set_error_handler([](const httplib::Request &, httplib::Response &res) {
        if (res.status == 404)
            res.set_content("{\"error\":\"" + std::to_string(res.status) + " " +
                                reason_phrase(res.status) + "\"}",
                            kJsonType);
    });
    port_ = options.port;
}

SimServer::~SimServer() {
    stop();
}

int SimServer::bind() {
    auto &http = impl_->http;
    const std::string &address = impl_->host.start.bind;
    if (port_ == 0)
        port_ = http.bind_to_any_port(address);
    else if (!http.bind_to_port(address, port_))
        port_ = -1;
    if (port_ < 0)
        throw std::runtime_error("cannot listen on " + address + ":" +
                                 std::to_string(impl_->host.start.port));
    std::lock_guard<std::mutex> lock(impl_->host.mutex);
    impl_->host.port = port_;
    return port_;
}

void SimServer::listen() {
    impl_->http.listen_after_bind();
}

int SimServer::start_in_background() {
    int port = bind();
    thread_ = std::thread([this] { listen(); });
    while (!impl_->http.is_running())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return port;
}

void SimServer::stop() {
    impl_->http.stop();
    if (thread_.joinable())
        thread_.join();
}

std::string SimServer::account_json() {
    std::lock_guard<std::mutex> lock(impl_->host.mutex);
    return impl_->host.account_json();
}

} // namespace sim
