// Every API request in arrival order, so tests can assert exactly what a client sent and what it
// was answered. Secrets (AuthToken, AuthCode) are masked before they are stored.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "model.hpp"

namespace sim {

struct LoggedRequest {
    Instant sim_time = 0;  // the simulator's clock
    Instant real_time = 0; // wall clock
    std::string signal;    // "" when the body had none
    // Received fields as compact JSON values; empty with body_is_json false for a bad body.
    std::vector<std::pair<std::string, std::string>> fields;
    bool body_is_json = true;
    std::string result_code; // "" when no envelope was answered (HTTP 400, faulted status)
    int http_status = 200;
    std::string fault; // the fault kind applied, "" for none
    size_t rows = 0;
};

class RequestLog {
public:
    // The oldest entries are dropped beyond this many, so a long benchmark cannot exhaust memory.
    static constexpr size_t kMaxEntries = 100000;

    void add(LoggedRequest entry);
    void clear() { entries_.clear(); }
    size_t size() const { return entries_.size(); }

    // A JSON array; each entry has seq, time (KST, simulator clock), real_time, signal, fields,
    // result_code, http_status, fault, rows.
    std::string to_json() const;

private:
    uint64_t next_seq_ = 1;
    std::deque<std::pair<uint64_t, LoggedRequest>> entries_;
};

// True for the request fields whose values never leave the simulator.
bool is_secret_field(const std::string &name);

} // namespace sim
