// Option catalogue and validation. Messages follow postgres_fdw: `invalid option "x"` with a hint
// listing the valid names, `invalid value for option "x": "v"` with a hint naming what is
// accepted. Values of secret options are never repeated back.
#include "core/options.hpp"

#include "core/business_number.hpp"
#include "core/endpoint_url.hpp"
#include "core/error.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace sbfdw {
namespace {

using L = OptionLevel;

// Integer options and their accepted ranges.
struct IntegerRange {
    const char *name;
    int64_t min;
    int64_t max;
};
constexpr IntegerRange kIntegerRanges[] = {
    {"connect_timeout_ms", 1, 600000},   // at most 10 minutes
    {"request_timeout_ms", 1, 86400000}, // at most a day; always finite
    {"max_retries", 0, 10},
    {"max_concurrency", 1, 32},
    {"max_range_days", 1, 30}, // the API refuses longer ranges
    {"max_response_bytes", 1024, 4294967296LL},
    {"retention_days", 1, 3660},
};

constexpr double kMaxRowsPerDay = 1000000;
constexpr size_t kMaxSecretLength = 4096;
constexpr size_t kMaxFieldNameLength = 255;
constexpr size_t kAuthCodeLength = 32;

const char *const kResources[] = {"tax_invoices", "tax_invoice_items", "tax_invoice_documents"};

std::string quoted(std::string_view s) {
    return "\"" + std::string(s) + "\"";
}

[[noreturn]] void bad_value(std::string_view name, std::string_view value, bool secret,
                            std::string hint, std::string detail = {}) {
    std::string message = "invalid value for option " + quoted(name);
    if (!secret)
        message += ": " + quoted(value);
    throw Error(sqlstate::kFdwInvalidAttributeValue, message, std::move(detail), std::move(hint));
}

bool parse_integer(std::string_view text, int64_t &out) {
    if (text.empty() || text.size() > 19)
        return false;
    size_t i = 0;
    bool negative = false;
    if (text[0] == '-' || text[0] == '+') {
        negative = text[0] == '-';
        if (++i == text.size())
            return false;
    }
    int64_t value = 0;
    for (; i < text.size(); ++i) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        value = value * 10 + (text[i] - '0');
    }
    out = negative ? -value : value;
    return true;
}

bool parse_number(std::string_view text, double &out) {
    if (text.empty() || text.size() > 64)
        return false;
    std::string copy(text);
    char *end = nullptr;
    out = std::strtod(copy.c_str(), &end);
    return end == copy.c_str() + copy.size() && std::isfinite(out) &&
           !std::isspace(static_cast<unsigned char>(copy[0]));
}

const IntegerRange *integer_range(std::string_view name) {
    for (const IntegerRange &r : kIntegerRanges)
        if (name == r.name)
            return &r;
    return nullptr;
}

void validate_business_number(std::string_view name, std::string_view value) {
    const std::string digits = strip_business_number(value);
    bool ten_digits = digits.size() == 10;
    for (char c : digits)
        ten_digits = ten_digits && c >= '0' && c <= '9';
    if (!ten_digits)
        bad_value(name, value, false,
                  "A business number has 10 digits, hyphens allowed (e.g. 120-81-47521).");
    if (!is_valid_business_number(digits))
        throw Error(sqlstate::kFdwInvalidAttributeValue,
                    "business number " + quoted(value) + " in option " + quoted(name) +
                        " has a wrong check digit",
                    {}, "Check the number against the business registration certificate.");
}

void validate_endpoint(std::string_view value) {
    UrlParts url;
    const bool parsed = split_url(value, url);
    if (parsed && url.has_userinfo)
        bad_value("endpoint", value, true,
                  "The endpoint must not contain a user name or password.");
    if (!parsed || (url.scheme != "http" && url.scheme != "https"))
        bad_value("endpoint", value, false,
                  "The endpoint must be an http or https URL, e.g. " +
                      std::string(kProductionEndpoint) + ".");
}

void validate_proxy(std::string_view value) {
    if (value.empty())
        return; // explicitly no proxy
    UrlParts url;
    static const char *const kSchemes[] = {"http",    "https",  "socks4",
                                           "socks4a", "socks5", "socks5h"};
    bool ok = split_url(value, url);
    bool known_scheme = false;
    for (const char *s : kSchemes)
        known_scheme = known_scheme || url.scheme == s;
    if (!ok || !known_scheme)
        bad_value("proxy", value, true,
                  "The proxy must be a URL such as http://proxy.example.com:3128 (schemes http, "
                  "https, socks4, socks4a, socks5, socks5h), or empty for none.");
}

// An API field name (SUP_AMOUNT) or an XML element path (TaxInvoiceDocument/IssueID): names of
// letters, digits, '_', '-' and '.', separated by single slashes.
bool is_field_name(std::string_view value) {
    if (value.empty() || value.size() > kMaxFieldNameLength)
        return false;
    bool segment_empty = true;
    for (char c : value) {
        if (c == '/') {
            if (segment_empty)
                return false;
            segment_empty = true;
        } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ||
                   c == '.') {
            segment_empty = false;
        } else {
            return false;
        }
    }
    return !segment_empty;
}

void validate_value(const OptionSpec &spec, std::string_view value) {
    const std::string_view name = spec.name;

    if (const IntegerRange *range = integer_range(name)) {
        int64_t n = 0;
        if (!parse_integer(value, n) || n < range->min || n > range->max)
            bad_value(name, value, false,
                      "Valid values are integers from " + std::to_string(range->min) + " to " +
                          std::to_string(range->max) + ".");
        return;
    }
    if (name == "endpoint")
        return validate_endpoint(value);
    if (name == "environment") {
        if (value != "demo" && value != "production")
            bad_value(name, value, false, "Valid values are \"demo\" and \"production\".");
        return;
    }
    if (name == "proxy")
        return validate_proxy(value);
    if (name == "ca_file") {
        if (value.empty() || value[0] != '/')
            bad_value(name, value, false,
                      "The CA file must be an absolute path on the database server.");
        return;
    }
    if (name == "allow_insecure_http") {
        bool b = false;
        if (!parse_bool_option(value, b))
            bad_value(name, value, false, "Valid values are true and false.");
        return;
    }
    if (name == "rows_per_day") {
        double d = 0;
        if (!parse_number(value, d) || d <= 0 || d > kMaxRowsPerDay)
            bad_value(name, value, false,
                      "Valid values are numbers greater than 0 and at most 1000000.");
        return;
    }
    if (name == "send_com_regno" || name == "corp_num")
        return validate_business_number(name, value);
    if (name == "auth_token") {
        if (value.empty() || value.size() > kMaxSecretLength || has_space_or_control(value))
            bad_value(name, value, true,
                      "The auth token is the text GET_TOKEN returned, without spaces.");
        return;
    }
    if (name == "sb_id") {
        if (value.empty() || value.size() > kMaxSecretLength || has_space_or_control(value))
            bad_value(name, value, true,
                      "The SmartBill id is the portal login name, without spaces.");
        return;
    }
    if (name == "auth_code") {
        bool hex = value.size() == kAuthCodeLength;
        for (char c : value)
            hex = hex && std::isxdigit(static_cast<unsigned char>(c));
        if (!hex)
            bad_value(name, value, true,
                      "The auth code has 32 hexadecimal characters, as shown by SmartBill.");
        return;
    }
    if (name == "resource") {
        for (const char *r : kResources)
            if (value == r)
                return;
        std::string hint = "Valid values are: ";
        for (size_t i = 0; i < std::size(kResources); ++i)
            hint += std::string(i ? ", " : "") + kResources[i];
        bad_value(name, value, false, hint + ".");
    }
    if (name == "field") {
        if (!is_field_name(value))
            bad_value(name, value, false,
                      "A field is an API field name such as SUP_AMOUNT, or for original documents "
                      "an XML element path such as TaxInvoiceDocument/IssueID.");
        return;
    }
}

const std::string *find_value(const OptionList &options, std::string_view name) {
    for (const auto &[key, value] : options)
        if (key == name)
            return &value;
    return nullptr;
}

int64_t integer_value(const std::string &text) {
    int64_t n = 0;
    parse_integer(text, n);
    return n;
}

} // namespace

const std::vector<OptionSpec> &option_catalog() {
    static const std::vector<OptionSpec> options = {
        {"endpoint", L::Server, false},
        {"environment", L::Server, false},
        {"connect_timeout_ms", L::Server, false},
        {"request_timeout_ms", L::Server, false},
        {"max_retries", L::Server, false},
        {"max_concurrency", L::Server, false},
        {"max_range_days", L::Server, false},
        {"max_response_bytes", L::Server, false},
        {"proxy", L::Server, true}, // may carry a proxy password
        {"ca_file", L::Server, false},
        {"allow_insecure_http", L::Server, false},
        {"rows_per_day", L::Server, false},
        {"retention_days", L::Server, false},
        {"send_com_regno", L::UserMapping, false},
        {"auth_token", L::UserMapping, true},
        {"sb_id", L::UserMapping, true},
        {"auth_code", L::UserMapping, true},
        {"resource", L::Table, false},
        {"corp_num", L::Table, false},
        {"field", L::Column, false},
    };
    return options;
}

const OptionSpec *find_option(OptionLevel level, std::string_view name) {
    for (const OptionSpec &spec : option_catalog())
        if (spec.level == level && name == spec.name)
            return &spec;
    return nullptr;
}

void validate_option(OptionLevel level, std::string_view name, std::string_view value) {
    const OptionSpec *spec = find_option(level, name);
    if (!spec) {
        std::string valid;
        for (const OptionSpec &s : option_catalog())
            if (s.level == level)
                valid += std::string(valid.empty() ? "" : ", ") + s.name;
        throw Error(sqlstate::kFdwInvalidOptionName, "invalid option " + quoted(name), {},
                    valid.empty() ? "There are no valid options in this context."
                                  : "Valid options in this context are: " + valid);
    }
    validate_value(*spec, value);
}

void validate_server_options(const OptionList &options) {
    const std::string *endpoint = find_value(options, "endpoint");
    if (endpoint && find_value(options, "environment"))
        throw Error(sqlstate::kFdwInvalidAttributeValue,
                    "options \"endpoint\" and \"environment\" cannot be used together", {},
                    "Use environment 'demo' or 'production' for SmartBill's servers, or endpoint "
                    "for any other URL.");
    if (!endpoint)
        return;
    UrlParts url;
    if (!split_url(*endpoint, url) || url.scheme != "http" || is_loopback_host(url.host))
        return;
    bool allowed = false;
    const std::string *insecure = find_value(options, "allow_insecure_http");
    if (insecure)
        parse_bool_option(*insecure, allowed);
    if (!allowed)
        throw Error(sqlstate::kFdwInvalidAttributeValue,
                    "endpoint " + quoted(*endpoint) + " would send credentials unencrypted",
                    "Plain http is accepted without opt-in only for loopback hosts.",
                    "Use an https URL, or set allow_insecure_http 'true' on the server.");
}

void validate_option_list(OptionLevel level, const OptionList &options) {
    for (const auto &[name, value] : options)
        validate_option(level, name, value);
    if (level == L::Server)
        validate_server_options(options);
    if (level == L::UserMapping) {
        const bool sb_id = find_value(options, "sb_id");
        const bool auth_code = find_value(options, "auth_code");
        const bool auth_token = find_value(options, "auth_token");
        if (sb_id && !auth_code)
            throw Error(sqlstate::kFdwInvalidAttributeValue,
                        "option \"sb_id\" requires option \"auth_code\"", {},
                        "Tokens are issued with sb_id and auth_code together.");
        if (auth_code && !sb_id && !auth_token)
            throw Error(sqlstate::kFdwInvalidAttributeValue,
                        "option \"auth_code\" requires option \"sb_id\" or \"auth_token\"", {},
                        "Give auth_token, or sb_id with auth_code so that tokens are issued "
                        "automatically.");
    }
}

ServerSettings server_settings_from(const OptionList &server_options) {
    ServerSettings s;
    for (const auto &[name, value] : server_options) {
        if (name == "endpoint")
            s.endpoint = value;
        else if (name == "environment")
            s.endpoint = value == "demo" ? kDemoEndpoint : kProductionEndpoint;
        else if (name == "connect_timeout_ms")
            s.connect_timeout_ms = static_cast<long>(integer_value(value));
        else if (name == "request_timeout_ms")
            s.request_timeout_ms = static_cast<long>(integer_value(value));
        else if (name == "max_retries")
            s.max_retries = static_cast<int>(integer_value(value));
        else if (name == "max_concurrency")
            s.max_concurrency = static_cast<int>(integer_value(value));
        else if (name == "max_range_days")
            s.max_range_days = static_cast<int>(integer_value(value));
        else if (name == "max_response_bytes")
            s.max_response_bytes = integer_value(value);
        else if (name == "proxy")
            s.proxy = value;
        else if (name == "ca_file")
            s.ca_file = value;
        else if (name == "allow_insecure_http")
            parse_bool_option(value, s.allow_insecure_http);
        else if (name == "rows_per_day")
            parse_number(value, s.rows_per_day);
        else if (name == "retention_days")
            s.retention_days = static_cast<int>(integer_value(value));
    }
    return s;
}

Credentials credentials_from(const OptionList &user_mapping_options) {
    Credentials c;
    for (const auto &[name, value] : user_mapping_options) {
        if (name == "send_com_regno") {
            c.send_com_regno = strip_business_number(value);
        } else if (name == "auth_token") {
            c.auth_token = value;
        } else if (name == "sb_id") {
            c.sb_id = value;
        } else if (name == "auth_code") {
            c.auth_code = value;
            for (char &ch : c.auth_code)
                ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        }
    }
    return c;
}

TableOptions table_options_from(const OptionList &table_options) {
    TableOptions t;
    for (const auto &[name, value] : table_options) {
        if (name == "resource")
            t.resource = value;
        else if (name == "corp_num")
            t.corp_num = strip_business_number(value);
    }
    return t;
}

std::string column_field_from(const OptionList &column_options) {
    const std::string *field = find_value(column_options, "field");
    return field ? *field : std::string();
}

bool parse_bool_option(std::string_view text, bool &out) noexcept {
    // Same spellings as PostgreSQL's parse_bool: whole words or unique prefixes.
    if (text.empty())
        return false;
    struct Spelling {
        const char *word;
        size_t min_prefix;
        bool value;
    };
    static const Spelling kSpellings[] = {
        {"true", 1, true}, {"false", 1, false}, {"yes", 1, true}, {"no", 1, false},
        {"on", 2, true},   {"off", 2, false},   {"1", 1, true},   {"0", 1, false},
    };
    for (const Spelling &s : kSpellings) {
        const std::string_view word = s.word;
        if (text.size() >= s.min_prefix && text.size() <= word.size() &&
            starts_with_nocase(word, text)) {
            out = s.value;
            return true;
        }
    }
    return false;
}

} // namespace sbfdw
