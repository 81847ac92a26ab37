// The few URL and ASCII facts the FDW needs about an endpoint, in one place: the option validator
// and the HTTP engine must judge an endpoint the same way.
#pragma once
#include "core/no_postgres.hpp"

#include <string>
#include <string_view>

namespace sbfdw {

struct UrlParts {
    std::string scheme; // lower case
    std::string host;   // as written, without IPv6 brackets
    bool has_userinfo = false;
};

// Splits scheme://[userinfo@]host[:port][/...]; false for anything else (spaces and control
// characters, an empty or malformed host, a port outside 1..65535).
bool split_url(std::string_view url, UrlParts &parts);

// True for localhost, 127.0.0.0/8 in dotted-quad form and ::1 (plain http to these needs no
// opt-in).
bool is_loopback_host(std::string_view host) noexcept;

// True when `text` has a space or an ASCII control character (never valid in URLs or secrets).
bool has_space_or_control(std::string_view text) noexcept;

// ASCII case-insensitive comparisons (header names, JSON keys, option words).
bool iequals(std::string_view a, std::string_view b) noexcept;
bool starts_with_nocase(std::string_view text, std::string_view prefix) noexcept;

} // namespace sbfdw
