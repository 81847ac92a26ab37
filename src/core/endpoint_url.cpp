#include "core/endpoint_url.hpp"

#include <cctype>

namespace sbfdw {
namespace {

char ascii_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool valid_port(std::string_view port) {
    if (port.empty() || port.size() > 5)
        return false;
    int n = 0;
    for (char c : port) {
        if (c < '0' || c > '9')
            return false;
        n = n * 10 + (c - '0');
    }
    return n >= 1 && n <= 65535;
}

} // namespace

bool split_url(std::string_view url, UrlParts &parts) {
    const size_t sep = url.find("://");
    if (sep == std::string_view::npos || sep == 0 || has_space_or_control(url))
        return false;
    parts.scheme.clear();
    for (char c : url.substr(0, sep))
        parts.scheme += ascii_lower(c);
    std::string_view authority = url.substr(sep + 3);
    authority = authority.substr(0, authority.find_first_of("/?#"));
    const size_t at = authority.rfind('@');
    parts.has_userinfo = at != std::string_view::npos;
    if (parts.has_userinfo)
        authority = authority.substr(at + 1);
    std::string_view host;
    if (!authority.empty() && authority[0] == '[') {
        const size_t close = authority.find(']');
        if (close == std::string_view::npos)
            return false;
        host = authority.substr(1, close - 1);
        const std::string_view rest = authority.substr(close + 1);
        if (!rest.empty() && (rest[0] != ':' || !valid_port(rest.substr(1))))
            return false;
    } else {
        const size_t colon = authority.find(':');
        host = authority.substr(0, colon);
        if (colon != std::string_view::npos && !valid_port(authority.substr(colon + 1)))
            return false;
    }
    if (host.empty())
        return false;
    for (char c : host)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_' &&
            c != ':')
            return false;
    parts.host = std::string(host);
    return true;
}

bool is_loopback_host(std::string_view host) noexcept {
    if (iequals(host, "localhost") || host == "::1" || host == "[::1]")
        return true;
    if (host.substr(0, 4) != "127.")
        return false;
    int parts = 1, digits = 0;
    for (char c : host.substr(4)) {
        if (c == '.') {
            if (digits == 0)
                return false;
            ++parts;
            digits = 0;
        } else if (c >= '0' && c <= '9' && ++digits <= 3) {
            continue;
        } else {
            return false;
        }
    }
    return parts == 3 && digits > 0; // three parts after "127."
}

bool has_space_or_control(std::string_view text) noexcept {
    for (char ch : text) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c == 0x7f)
            return true;
    }
    return false;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i]))
            return false;
    return true;
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) noexcept {
    return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

} // namespace sbfdw
