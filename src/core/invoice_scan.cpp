// Runs the OS_DTI_LIST calls of a ScanPlan: concurrently through the HTTP engine, with token
// issuance and renewal, 31005 window splitting, retries of throttled or garbled answers,
// deduplication across windows, and a cache of raw answers so a rescan does not refetch.
#include "core/invoice_scan.hpp"
#include "core/http_engine.hpp"
#include "core/list_decoder.hpp"
#include "core/protocol.hpp"
#include "core/result_codes.hpp"
#include "core/token_cache.hpp"

#include <chrono>
#include <deque>
#include <unordered_map>
#include <unordered_set>

namespace sbfdw {
namespace {

using Clock = std::chrono::steady_clock;

// One OS_DTI_LIST call as it travels through retries, renewals and splits.
struct PendingCall {
    ListCall call;
    int attempt = 0;   // retries decided here (34001, garbled answer)
    long delay_ms = 0; // before the next send
    bool parse_retried = false;
    bool renewed = false;
    int token_generation = 0; // of the token it was sent with
    std::string token;
    std::string message_id;
};

// The decoded rows of one answer, handed out one at a time.
struct Answer {
    std::string corp_num;
    Direction direction;
    std::vector<DecodedRow> rows;
    size_t next = 0;
};

std::string call_key(const ListCall &c) {
    return std::string(1, static_cast<char>(c.kind)) + format_day(c.window.first) +
           format_day(c.window.last) + c.corp_num + static_cast<char>(c.direction);
}

} // namespace

struct InvoiceScan::Impl {
    ServerSettings settings;
    Credentials credentials;
    ScanPlan plan;
    ListDecoder decoder;
    InterruptCheck interrupted;
    std::unique_ptr<HttpEngine> engine;
    TokenSource tokens;

    std::deque<PendingCall> to_send;
    std::unordered_map<uint64_t, PendingCall> in_flight;
    std::deque<Answer> ready;
    Answer current;
    std::unordered_set<std::string> seen; // corp_num, direction, issue_id of rows handed out
    std::vector<FieldValue> row;

    // Rescan cache: raw answers of completed calls, and the calls known to need splitting.
    std::unordered_map<std::string, std::string> answers;
    int64_t answers_bytes = 0;
    std::unordered_set<std::string> split_calls;

    ScanStats stats;

    Impl(ServerSettings s, Credentials c, ScanPlan p, std::vector<FieldSpec> fields,
         std::string table_name, InterruptCheck check)
        : settings(std::move(s)), credentials(std::move(c)), plan(std::move(p)),
          decoder(std::move(fields), std::move(table_name)), interrupted(check),
          tokens(settings.endpoint, credentials) {
        validate_endpoint(settings.endpoint, settings.allow_insecure_http);
        enqueue_plan();
    }

    void enqueue_plan() {
        if (plan.empty())
            return;
        for (ListCall &call : plan.calls()) {
            PendingCall pending;
            pending.call = std::move(call);
            to_send.push_back(std::move(pending));
        }
    }

    HttpEngine &http() {
        if (!engine)
            engine = std::make_unique<HttpEngine>(settings, interrupted);
        return *engine;
    }

    size_t concurrency() const {
        return static_cast<size_t>(std::max(1, settings.max_concurrency));
    }

    void refresh_stats() {
        if (engine) {
            const HttpCounters &c = engine->counters();
            stats.requests = c.requests;
            stats.retries = c.retries;
            stats.bytes = c.bytes;
            stats.http_ms = c.wait_ms;
        }
        stats.token_requests = tokens.tokens_issued();
    }

    void send(PendingCall pending) {
        HttpEngine &engine_ref = http();
        pending.token = tokens.token(engine_ref);
        pending.token_generation = tokens.generation();
        pending.message_id = next_message_id();
        std::string body = build_list_body(credentials, pending.token, pending.call,
                                           pending.message_id, now_instant());
        const uint64_t id = engine_ref.submit(std::move(body), pending.delay_ms, pending.attempt);
        in_flight.emplace(id, std::move(pending));
    }

    void resend_later(PendingCall pending, long retry_after_seconds) {
        pending.attempt++;
        pending.delay_ms = http().backoff_ms(pending.attempt, retry_after_seconds);
        send(std::move(pending));
    }

    void split(const PendingCall &pending) {
        const DayRange w = pending.call.window;
        const Day middle = w.first + (w.last - w.first) / 2;
        PendingCall low, high;
        low.call = high.call = pending.call;
        low.call.window = {w.first, middle};
        high.call.window = {middle + 1, w.last};
        // At the front, in date order, so the answer order follows the plan.
        to_send.push_front(std::move(high));
        to_send.push_front(std::move(low));
        stats.splits++;
    }

    void remember_answer(const std::string &key, const std::string &body) {
        if (answers_bytes + static_cast<int64_t>(body.size()) > settings.rescan_cache_bytes)
            return; // beyond the budget a rescan simply asks again
        answers_bytes += static_cast<int64_t>(body.size());
        answers.emplace(key, body);
    }

    // Acts on one answer body: rows become ready, or the call is retried, renewed or split.
    void handle_body(PendingCall pending, const std::string &body, bool from_cache,
                     long retry_after_seconds) {
        const auto started = Clock::now();
        DecodedList list;
        try {
            list = decoder.decode(body, pending.call.corp_num, pending.message_id);
        } catch (Error &e) {
            // A garbled answer (typically truncated) is worth one more try.
            if (!from_cache && e.sqlstate() == sqlstate::kFdwReplyHandle &&
                !pending.parse_retried && pending.attempt < settings.max_retries) {
                pending.parse_retried = true;
                resend_later(std::move(pending), -1);
                return;
            }
            e.add_detail(describe_list_call(pending.call));
            throw;
        }
        stats.parse_ms += std::chrono::duration<double, std::milli>(Clock::now() - started).count();

        const Envelope &envelope = list.envelope;
        const std::string &code = envelope.result_code;
        if (envelope.succeeded()) {
            if (from_cache)
                stats.cache_hits++;
            else
                remember_answer(call_key(pending.call), body);
            Answer answer;
            answer.corp_num = pending.call.corp_num;
            answer.direction = pending.call.direction;
            answer.rows = std::move(list.rows);
            ready.push_back(std::move(answer));
            return;
        }
        const std::string request = describe_list_call(pending.call);
        if (code == kResultTooManyRows && pending.call.window.first < pending.call.window.last) {
            split_calls.insert(call_key(pending.call));
            split(pending);
            return;
        }
        if (code == kResultTokenExpired && tokens.can_renew() && !pending.renewed) {
            // Renew once per expired token: calls sent with it share the new one.
            if (pending.token_generation == tokens.generation())
                tokens.renew(http(), pending.token);
            pending.renewed = true;
            pending.delay_ms = 0;
            send(std::move(pending));
            return;
        }
        if (result_code_info(code).retryable && pending.attempt < settings.max_retries) {
            resend_later(std::move(pending), retry_after_seconds);
            return;
        }
        throw api_error(code, envelope.result_message, pending.message_id, request);
    }

    // Sends what may be sent, then waits until at least one answer arrived.
    void pump() {
        while (!to_send.empty() && in_flight.size() < concurrency() &&
               ready.size() < concurrency()) {
            PendingCall pending = std::move(to_send.front());
            to_send.pop_front();
            const std::string key = call_key(pending.call);
            if (split_calls.count(key)) {
                split(pending);
                continue;
            }
            auto cached = answers.find(key);
            if (cached != answers.end()) {
                handle_body(std::move(pending), cached->second, true, -1);
                continue;
            }
            send(std::move(pending));
        }
        if (!ready.empty() || in_flight.empty())
            return;
        for (HttpResult &result : http().wait()) {
            auto it = in_flight.find(result.id);
            if (it == in_flight.end())
                continue;
            PendingCall pending = std::move(it->second);
            in_flight.erase(it);
            if (!result.ok()) {
                Error error = std::move(*result.error);
                error.add_detail("MessageId " + pending.message_id + ", " +
                                 describe_list_call(pending.call));
                throw error;
            }
            handle_body(std::move(pending), result.body, false, result.retry_after_seconds);
        }
    }

    bool next_row() {
        for (;;) {
            if (current.next < current.rows.size()) {
                DecodedRow &decoded = current.rows[current.next++];
                if (!decoded.issue_id.empty()) {
                    std::string key = current.corp_num;
                    key += static_cast<char>(current.direction);
                    key += decoded.issue_id;
                    if (!seen.insert(std::move(key)).second)
                        continue; // already returned from another window
                }
                row = std::move(decoded.values);
                stats.rows++;
                return true;
            }
            if (!ready.empty()) {
                current = std::move(ready.front());
                ready.pop_front();
                continue;
            }
            current = Answer{};
            if (to_send.empty() && in_flight.empty())
                return false;
            pump();
        }
    }

    void drop_work() {
        if (engine)
            engine->abort_all();
        to_send.clear();
        in_flight.clear();
        ready.clear();
        current = Answer{};
    }
};

InvoiceScan::InvoiceScan(ServerSettings settings, Credentials credentials, ScanPlan plan,
                         std::vector<FieldSpec> fields, std::string table_name,
                         InterruptCheck interrupted)
    : impl_(std::make_unique<Impl>(std::move(settings), std::move(credentials), std::move(plan),
                                   std::move(fields), std::move(table_name), interrupted)) {}

InvoiceScan::~InvoiceScan() = default;

bool InvoiceScan::next() {
    try {
        const bool more = impl_->next_row();
        impl_->refresh_stats();
        return more;
    } catch (...) {
        // No transfer may outlive a failed scan.
        impl_->drop_work();
        impl_->refresh_stats();
        throw;
    }
}

const std::vector<FieldValue> &InvoiceScan::row() const {
    return impl_->row;
}

void InvoiceScan::restart(const ScanPlan *new_plan) {
    impl_->drop_work();
    impl_->seen.clear();
    if (new_plan)
        impl_->plan = *new_plan;
    impl_->enqueue_plan();
}

const ScanStats &InvoiceScan::stats() const {
    return impl_->stats;
}

} // namespace sbfdw
