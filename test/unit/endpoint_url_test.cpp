// One judgement of endpoint URLs for the option validator and the HTTP engine.
#include <gtest/gtest.h>

#include "core/endpoint_url.hpp"

using namespace sbfdw;

TEST(EndpointUrl, SplitsSchemeHostAndUserinfo) {
    UrlParts u;
    ASSERT_TRUE(split_url("HTTPS://api.smartbill.co.kr/sb-api/request/", u));
    EXPECT_EQ(u.scheme, "https");
    EXPECT_EQ(u.host, "api.smartbill.co.kr");
    EXPECT_FALSE(u.has_userinfo);
    ASSERT_TRUE(split_url("http://user:pw@127.0.0.1:18080/sb-api/request/", u));
    EXPECT_EQ(u.host, "127.0.0.1");
    EXPECT_TRUE(u.has_userinfo);
    ASSERT_TRUE(split_url("http://[::1]:8080/x", u));
    EXPECT_EQ(u.host, "::1");
    EXPECT_TRUE(is_loopback_host(u.host));
}

TEST(EndpointUrl, RejectsMalformedUrls) {
    UrlParts u;
    EXPECT_FALSE(split_url("api.smartbill.co.kr/sb-api/request/", u));
    EXPECT_FALSE(split_url("https://", u));
    EXPECT_FALSE(split_url("https://host:0/", u));
    EXPECT_FALSE(split_url("https://host:65536/", u));
    EXPECT_FALSE(split_url("https://ho st/", u));
    EXPECT_FALSE(split_url("https://[::1/", u));
}

TEST(EndpointUrl, CaseInsensitiveAscii) {
    EXPECT_TRUE(iequals("Retry-After", "retry-after"));
    EXPECT_FALSE(iequals("Retry-After", "retry-afte"));
    EXPECT_TRUE(starts_with_nocase("HTTP/1.1 200 OK", "http/"));
    EXPECT_FALSE(starts_with_nocase("HT", "http/"));
    EXPECT_TRUE(has_space_or_control("a\tb"));
    EXPECT_FALSE(has_space_or_control("ABCDEF0123"));
}
