// Option validation: names per level, values, combinations, and the settings built from them.
#include "core/options.hpp"

#include "core/error.hpp"
#include "core/table_catalog.hpp"

#include <gtest/gtest.h>

namespace sbfdw {
namespace {

using L = OptionLevel;

// Runs `f` and returns the Error it throws; fails the test when it throws nothing.
template <typename F> Error error_of(F f) {
    try {
        f();
    } catch (const Error &e) {
        return e;
    }
    ADD_FAILURE() << "no error thrown";
    return Error("XX000", "none");
}

Error option_error(L level, const char *name, const char *value) {
    return error_of([&] { validate_option(level, name, value); });
}

void expect_valid(L level, const char *name, const char *value) {
    EXPECT_NO_THROW(validate_option(level, name, value)) << name << " = " << value;
}

void expect_bad_value(L level, const char *name, const char *value, const std::string &hint) {
    Error e = option_error(level, name, value);
    EXPECT_EQ(e.sqlstate(), "HV024");
    EXPECT_EQ(e.message(),
              std::string("invalid value for option \"") + name + "\": \"" + value + "\"");
    EXPECT_EQ(e.hint(), hint);
}

// A secret's value never appears in the error.
void expect_bad_secret(L level, const char *name, const char *value, const std::string &hint) {
    Error e = option_error(level, name, value);
    EXPECT_EQ(e.sqlstate(), "HV024");
    EXPECT_EQ(e.message(), std::string("invalid value for option \"") + name + "\"");
    EXPECT_EQ(e.hint(), hint);
    if (*value) {
        EXPECT_EQ(e.message().find(value), std::string::npos);
        EXPECT_EQ(e.detail().find(value), std::string::npos);
        EXPECT_EQ(e.hint().find(value), std::string::npos);
    }
}

TEST(OptionNames, UnknownOptionListsTheValidOnes) {
    Error e = option_error(L::Server, "foo", "1");
    EXPECT_EQ(e.sqlstate(), "HV00D");
    EXPECT_EQ(e.message(), "invalid option \"foo\"");
    EXPECT_EQ(e.hint(),
              "Valid options in this context are: endpoint, environment, connect_timeout_ms, "
              "request_timeout_ms, max_retries, max_concurrency, max_range_days, "
              "max_response_bytes, proxy, ca_file, allow_insecure_http, rows_per_day, "
              "retention_days");
    EXPECT_EQ(option_error(L::UserMapping, "endpoint", "x").hint(),
              "Valid options in this context are: send_com_regno, auth_token, sb_id, auth_code");
    EXPECT_EQ(option_error(L::Table, "field", "X").hint(),
              "Valid options in this context are: resource, corp_num");
    EXPECT_EQ(option_error(L::Column, "resource", "x").hint(),
              "Valid options in this context are: field");
    Error w = option_error(L::Wrapper, "endpoint", "https://x/");
    EXPECT_EQ(w.message(), "invalid option \"endpoint\"");
    EXPECT_EQ(w.hint(), "There are no valid options in this context.");
    // Names are case-sensitive, as PostgreSQL stores them.
    EXPECT_EQ(option_error(L::Server, "Endpoint", "https://x/").sqlstate(), "HV00D");
}

TEST(OptionNames, FindOption) {
    ASSERT_NE(find_option(L::UserMapping, "auth_code"), nullptr);
    EXPECT_TRUE(find_option(L::UserMapping, "auth_code")->secret);
    EXPECT_FALSE(find_option(L::UserMapping, "send_com_regno")->secret);
    EXPECT_EQ(find_option(L::Server, "auth_code"), nullptr);
}

TEST(ServerOptions, Endpoint) {
    expect_valid(L::Server, "endpoint", "https://api.smartbill.co.kr/sb-api/request/");
    expect_valid(L::Server, "endpoint", "http://127.0.0.1:18080/sb-api/request/");
    expect_valid(L::Server, "endpoint", "HTTPS://demoapi.smartbill.co.kr/sb-api/request/");
    expect_valid(L::Server, "endpoint", "http://[::1]:8080/sb-api/request/");
    const std::string hint = "The endpoint must be an http or https URL, e.g. "
                             "https://api.smartbill.co.kr/sb-api/request/.";
    expect_bad_value(L::Server, "endpoint", "ftp://api.smartbill.co.kr/", hint);
    expect_bad_value(L::Server, "endpoint", "api.smartbill.co.kr/sb-api/request/", hint);
    expect_bad_value(L::Server, "endpoint", "https:///path", hint);
    expect_bad_value(L::Server, "endpoint", "https://host:99999/", hint);
    expect_bad_value(L::Server, "endpoint", "https://host:/", hint);
    expect_bad_value(L::Server, "endpoint", "https://ho st/", hint);
    expect_bad_value(L::Server, "endpoint", "", hint);
    expect_bad_secret(L::Server, "endpoint", "https://user:pw@host/",
                      "The endpoint must not contain a user name or password.");
}

TEST(ServerOptions, Environment) {
    expect_valid(L::Server, "environment", "demo");
    expect_valid(L::Server, "environment", "production");
    expect_bad_value(L::Server, "environment", "test",
                     "Valid values are \"demo\" and \"production\".");
    expect_bad_value(L::Server, "environment", "Demo",
                     "Valid values are \"demo\" and \"production\".");
}

TEST(ServerOptions, IntegerRanges) {
    struct Case {
        const char *name;
        const char *min;
        const char *max;
        const char *below;
        const char *above;
    };
    const Case cases[] = {
        {"connect_timeout_ms", "1", "600000", "0", "600001"},
        {"request_timeout_ms", "1", "86400000", "0", "86400001"},
        {"max_retries", "0", "10", "-1", "11"},
        {"max_concurrency", "1", "32", "0", "33"},
        {"max_range_days", "1", "30", "0", "31"},
        {"max_response_bytes", "1024", "4294967296", "1023", "4294967297"},
        {"retention_days", "1", "3660", "0", "3661"},
    };
    for (const Case &c : cases) {
        expect_valid(L::Server, c.name, c.min);
        expect_valid(L::Server, c.name, c.max);
        const std::string hint =
            std::string("Valid values are integers from ") + c.min + " to " + c.max + ".";
        expect_bad_value(L::Server, c.name, c.below, hint);
        expect_bad_value(L::Server, c.name, c.above, hint);
        expect_bad_value(L::Server, c.name, "", hint);
        expect_bad_value(L::Server, c.name, "5x", hint);
        expect_bad_value(L::Server, c.name, " 5", hint);
        expect_bad_value(L::Server, c.name, "2.5", hint);
        expect_bad_value(L::Server, c.name, "99999999999999999999", hint);
    }
}

TEST(ServerOptions, MaxConcurrencyMessage) {
    Error e = option_error(L::Server, "max_concurrency", "0");
    EXPECT_EQ(e.message(), "invalid value for option \"max_concurrency\": \"0\"");
    EXPECT_EQ(e.hint(), "Valid values are integers from 1 to 32.");
}

TEST(ServerOptions, Proxy) {
    expect_valid(L::Server, "proxy", "http://proxy.example.com:3128");
    expect_valid(L::Server, "proxy", "socks5h://10.0.0.1:1080");
    expect_valid(L::Server, "proxy", "http://user:secret@proxy.example.com:3128");
    expect_valid(L::Server, "proxy", "");
    const std::string hint = "The proxy must be a URL such as http://proxy.example.com:3128 "
                             "(schemes http, https, socks4, socks4a, socks5, socks5h), or empty "
                             "for none.";
    expect_bad_secret(L::Server, "proxy", "ftp://user:secret@proxy:21", hint);
    expect_bad_secret(L::Server, "proxy", "corp-proxy:3128", hint);
}

TEST(ServerOptions, CaFile) {
    expect_valid(L::Server, "ca_file", "/etc/ssl/certs/ca-certificates.crt");
    const std::string hint = "The CA file must be an absolute path on the database server.";
    expect_bad_value(L::Server, "ca_file", "certs/ca.pem", hint);
    expect_bad_value(L::Server, "ca_file", "", hint);
}

TEST(ServerOptions, AllowInsecureHttp) {
    for (const char *v :
         {"true", "false", "on", "off", "yes", "no", "1", "0", "t", "F", "TRUE", "of", "y"})
        expect_valid(L::Server, "allow_insecure_http", v);
    for (const char *v : {"maybe", "o", "", "2", "truee", "enable"})
        expect_bad_value(L::Server, "allow_insecure_http", v, "Valid values are true and false.");
}

TEST(ServerOptions, RowsPerDay) {
    expect_valid(L::Server, "rows_per_day", "200");
    expect_valid(L::Server, "rows_per_day", "0.5");
    expect_valid(L::Server, "rows_per_day", "1000000");
    const std::string hint = "Valid values are numbers greater than 0 and at most 1000000.";
    for (const char *v : {"0", "-1", "1000001", "abc", "", "nan", "inf", "1e400", " 5"})
        expect_bad_value(L::Server, "rows_per_day", v, hint);
}

TEST(UserMappingOptions, SendComRegno) {
    expect_valid(L::UserMapping, "send_com_regno", "1208147521");
    expect_valid(L::UserMapping, "send_com_regno", "120-81-47521");
    const std::string hint = "A business number has 10 digits, hyphens allowed (e.g. "
                             "120-81-47521).";
    expect_bad_value(L::UserMapping, "send_com_regno", "12081475", hint);
    expect_bad_value(L::UserMapping, "send_com_regno", "12081475210", hint);
    expect_bad_value(L::UserMapping, "send_com_regno", "120 81 47521", hint);
    expect_bad_value(L::UserMapping, "send_com_regno", "", hint);
}

TEST(UserMappingOptions, CheckDigit) {
    Error e = option_error(L::UserMapping, "send_com_regno", "1208147522");
    EXPECT_EQ(e.sqlstate(), "HV024");
    EXPECT_EQ(
        e.message(),
        "business number \"1208147522\" in option \"send_com_regno\" has a wrong check digit");
    EXPECT_EQ(e.hint(), "Check the number against the business registration certificate.");
    Error t = option_error(L::Table, "corp_num", "410-81-06351");
    EXPECT_EQ(t.message(),
              "business number \"410-81-06351\" in option \"corp_num\" has a wrong check digit");
}

TEST(UserMappingOptions, Secrets) {
    expect_valid(L::UserMapping, "auth_token", "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo+/=");
    expect_bad_secret(L::UserMapping, "auth_token", "has space",
                      "The auth token is the text GET_TOKEN returned, without spaces.");
    expect_bad_secret(L::UserMapping, "auth_token", "",
                      "The auth token is the text GET_TOKEN returned, without spaces.");
    expect_valid(L::UserMapping, "sb_id", "acme_tax");
    expect_bad_secret(L::UserMapping, "sb_id", "",
                      "The SmartBill id is the portal login name, without spaces.");
    expect_valid(L::UserMapping, "auth_code", "0123456789ABCDEF0123456789ABCDEF");
    expect_valid(L::UserMapping, "auth_code", "0123456789abcdef0123456789abcdef");
    const std::string hint = "The auth code has 32 hexadecimal characters, as shown by SmartBill.";
    expect_bad_secret(L::UserMapping, "auth_code", "0123456789ABCDEF0123456789ABCDE", hint);
    expect_bad_secret(L::UserMapping, "auth_code", "0123456789ABCDEF0123456789ABCDEFA", hint);
    expect_bad_secret(L::UserMapping, "auth_code", "0123456789ABCDEF0123456789ABCDEG", hint);
}

TEST(TableOptions, Resource) {
    expect_valid(L::Table, "resource", "tax_invoices");
    expect_valid(L::Table, "resource", "tax_invoice_items");
    expect_valid(L::Table, "resource", "tax_invoice_documents");
    expect_bad_value(L::Table, "resource", "invoices",
                     "Valid values are: tax_invoices, tax_invoice_items, tax_invoice_documents.");
    expect_valid(L::Table, "corp_num", "4108106350");
}

TEST(ColumnOptions, Field) {
    expect_valid(L::Column, "field", "SUP_AMOUNT");
    expect_valid(L::Column, "field", "dti_wdate2");
    expect_valid(L::Column, "field", "DTI_MSG");
    expect_valid(L::Column, "field", "TaxInvoiceDocument/OriginalIssueID");
    expect_valid(L::Column, "field",
                 "TaxInvoiceTradeSettlement/BrokerParty/SpecifiedOrganization/TaxRegistrationID");
    const std::string hint = "A field is an API field name such as SUP_AMOUNT, or for original "
                             "documents an XML element path such as TaxInvoiceDocument/IssueID.";
    for (const char *bad : {"", "SUP AMOUNT", "/TaxInvoiceDocument", "TaxInvoiceDocument/", "a//b",
                            "a[1]", "x:IssueID", "ISSUE_ID;"})
        expect_bad_value(L::Column, "field", bad, hint);
    expect_bad_value(L::Column, "field", std::string(256, 'A').c_str(), hint);
}

TEST(ColumnOptions, EveryCatalogFieldIsValid) {
    // IMPORT FOREIGN SCHEMA writes these; the validator must accept every one of them.
    for (const TableDef &table : table_catalog())
        for (const ColumnDef &column : table.columns)
            if (!column.api_field.empty())
                expect_valid(L::Column, "field", std::string(column.api_field).c_str());
}

TEST(OptionLists, EndpointAndEnvironmentConflict) {
    Error e = error_of([] {
        validate_option_list(
            L::Server,
            {{"endpoint", "https://api.smartbill.co.kr/sb-api/request/"}, {"environment", "demo"}});
    });
    EXPECT_EQ(e.sqlstate(), "HV024");
    EXPECT_EQ(e.message(), "options \"endpoint\" and \"environment\" cannot be used together");
}

TEST(OptionLists, PlainHttpNeedsOptInOutsideLoopback) {
    Error e = error_of([] {
        validate_option_list(L::Server, {{"endpoint", "http://sb.example.com/sb-api/"}});
    });
    EXPECT_EQ(e.sqlstate(), "HV024");
    EXPECT_EQ(e.message(),
              "endpoint \"http://sb.example.com/sb-api/\" would send credentials unencrypted");
    EXPECT_EQ(e.hint(), "Use an https URL, or set allow_insecure_http 'true' on the server.");
    EXPECT_NO_THROW(validate_option_list(
        L::Server, {{"endpoint", "http://sb.example.com/sb-api/"}, {"allow_insecure_http", "on"}}));
    EXPECT_THROW(validate_option_list(L::Server, {{"endpoint", "http://sb.example.com/sb-api/"},
                                                  {"allow_insecure_http", "false"}}),
                 Error);
    for (const char *url : {"http://127.0.0.1:18080/sb-api/request/", "http://localhost/x",
                            "http://[::1]:80/", "http://127.1.2.3/"})
        EXPECT_NO_THROW(validate_option_list(L::Server, {{"endpoint", url}})) << url;
    EXPECT_NO_THROW(
        validate_option_list(L::Server, {{"endpoint", "https://sb.example.com/sb-api/"}}));
}

TEST(OptionLists, EachValueIsChecked) {
    Error e = error_of([] {
        validate_option_list(L::Server, {{"environment", "demo"}, {"max_range_days", "31"}});
    });
    EXPECT_EQ(e.message(), "invalid value for option \"max_range_days\": \"31\"");
}

TEST(OptionLists, SbIdAndAuthCodeGoTogether) {
    const char *code = "0123456789ABCDEF0123456789ABCDEF";
    Error e = error_of([] {
        validate_option_list(L::UserMapping, {{"send_com_regno", "1208147521"}, {"sb_id", "acme"}});
    });
    EXPECT_EQ(e.message(), "option \"sb_id\" requires option \"auth_code\"");
    Error f = error_of([&] {
        validate_option_list(L::UserMapping,
                             {{"send_com_regno", "1208147521"}, {"auth_code", code}});
    });
    EXPECT_EQ(f.message(), "option \"auth_code\" requires option \"sb_id\" or \"auth_token\"");
    EXPECT_EQ(f.message().find(code), std::string::npos);
    EXPECT_NO_THROW(validate_option_list(
        L::UserMapping,
        {{"send_com_regno", "1208147521"}, {"sb_id", "acme"}, {"auth_code", code}}));
    // A token plus the auth code (needed by OS_DTI_XML) is fine without sb_id.
    EXPECT_NO_THROW(validate_option_list(
        L::UserMapping,
        {{"send_com_regno", "1208147521"}, {"auth_token", "tok"}, {"auth_code", code}}));
}

TEST(Settings, ServerDefaults) {
    ServerSettings s = server_settings_from({});
    EXPECT_EQ(s.endpoint, kProductionEndpoint);
    EXPECT_EQ(s.max_range_days, 30);
    EXPECT_EQ(s.retention_days, 93);
}

TEST(Settings, ServerFromOptions) {
    ServerSettings s = server_settings_from({{"environment", "demo"},
                                             {"connect_timeout_ms", "2500"},
                                             {"request_timeout_ms", "30000"},
                                             {"max_retries", "0"},
                                             {"max_concurrency", "8"},
                                             {"max_range_days", "7"},
                                             {"max_response_bytes", "4294967296"},
                                             {"proxy", "http://p:3128"},
                                             {"ca_file", "/etc/ca.pem"},
                                             {"allow_insecure_http", "yes"},
                                             {"rows_per_day", "12.5"},
                                             {"retention_days", "100"}});
    EXPECT_EQ(s.endpoint, kDemoEndpoint);
    EXPECT_EQ(s.connect_timeout_ms, 2500);
    EXPECT_EQ(s.request_timeout_ms, 30000);
    EXPECT_EQ(s.max_retries, 0);
    EXPECT_EQ(s.max_concurrency, 8);
    EXPECT_EQ(s.max_range_days, 7);
    EXPECT_EQ(s.max_response_bytes, 4294967296LL);
    EXPECT_EQ(s.proxy, "http://p:3128");
    EXPECT_EQ(s.ca_file, "/etc/ca.pem");
    EXPECT_TRUE(s.allow_insecure_http);
    EXPECT_DOUBLE_EQ(s.rows_per_day, 12.5);
    EXPECT_EQ(s.retention_days, 100);
    EXPECT_EQ(server_settings_from({{"environment", "production"}}).endpoint, kProductionEndpoint);
    EXPECT_EQ(server_settings_from({{"endpoint", "http://127.0.0.1:1/x"}}).endpoint,
              "http://127.0.0.1:1/x");
}

TEST(Settings, Credentials) {
    Credentials c = credentials_from({{"send_com_regno", "120-81-47521"},
                                      {"sb_id", "acme"},
                                      {"auth_code", "0123456789abcdef0123456789abcdef"}});
    EXPECT_EQ(c.send_com_regno, "1208147521");
    EXPECT_EQ(c.sb_id, "acme");
    EXPECT_EQ(c.auth_code, "0123456789ABCDEF0123456789ABCDEF");
    EXPECT_EQ(c.auth_token, "");
    EXPECT_EQ(credentials_from({{"auth_token", "abc+/="}}).auth_token, "abc+/=");
}

TEST(Settings, TableAndColumn) {
    TableOptions t =
        table_options_from({{"resource", "tax_invoice_items"}, {"corp_num", "410-81-06350"}});
    EXPECT_EQ(t.resource, "tax_invoice_items");
    EXPECT_EQ(t.corp_num, "4108106350");
    EXPECT_EQ(table_options_from({}).resource, "tax_invoices");
    EXPECT_EQ(table_options_from({}).corp_num, "");
    EXPECT_EQ(column_field_from({{"field", "SUP_AMOUNT"}}), "SUP_AMOUNT");
    EXPECT_EQ(column_field_from({}), "");
}

TEST(Helpers, LoopbackHosts) {
    EXPECT_TRUE(is_loopback_host("localhost"));
    EXPECT_TRUE(is_loopback_host("LocalHost"));
    EXPECT_TRUE(is_loopback_host("127.0.0.1"));
    EXPECT_TRUE(is_loopback_host("127.255.0.9"));
    EXPECT_TRUE(is_loopback_host("::1"));
    EXPECT_FALSE(is_loopback_host("127.0.0.1.example.com"));
    EXPECT_FALSE(is_loopback_host("127.0.0"));
    EXPECT_FALSE(is_loopback_host("10.0.0.1"));
    EXPECT_FALSE(is_loopback_host("localhost.example.com"));
}

} // namespace
} // namespace sbfdw
