#include "core/api_session.hpp"
#include "core/token_cache.hpp"
#include "core/xml_decoder.hpp"

#include "fake_api_server.hpp"

#include <gtest/gtest.h>

#include <atomic>

using namespace sbfdw;
using sbfdw::testing::FakeApiServer;
using sbfdw::testing::field_of;

namespace {

const std::string kEmptySuccess = R"({"ResultCode":"30000","ResultDataSet":{"Table":[]}})";

Credentials issuing_credentials() {
    Credentials c;
    c.send_com_regno = "1208147521";
    c.sb_id = "tester";
    c.auth_code = "0123456789ABCDEF0123456789ABCDEF";
    return c;
}

ApiRequest xml_request(const Credentials &credentials, const std::string &cache_key = "") {
    ApiRequest request;
    request.description = "Signal OS_DTI_XML, SearchComRegno 1078674544";
    request.cache_key = cache_key;
    request.body = [credentials](const std::string &token, const std::string &message_id) {
        return build_xml_body(credentials, token, "1078674544", Direction::Sales, {"id-1"},
                              message_id, now_instant());
    };
    return request;
}

// Sends one request and judges every reply until it is settled; returns the last outcome.
ReplyOutcome run_one(ApiSession &session, ApiRequest request) {
    XmlDecoder decoder;
    session.send(std::move(request));
    ReplyOutcome outcome = ReplyOutcome::Resent;
    while (session.in_flight() > 0)
        for (ApiReply &reply : session.wait()) {
            DecodedDocuments decoded;
            outcome = session.accept(reply, [&]() -> const Envelope & {
                decoded = decoder.decode(reply.body, reply.request.message_id);
                return decoded.envelope;
            });
            if (outcome == ReplyOutcome::Failed)
                throw session.failure(reply, decoded.envelope);
        }
    return outcome;
}

} // namespace

TEST(ApiSession, RenewsAnExpiredTokenOnceForOriginalDocuments) {
    TokenSource::clear_cache();
    std::atomic<int> tokens{0};
    FakeApiServer api([&](const std::string &body) {
        if (field_of(body, "Signal") == "GET_TOKEN")
            return R"({"ResultCode":"30000","ResultDataSet":{"Table1":[{"AUTH_TOKEN":"tok-)" +
                   std::to_string(++tokens) + R"("}]}})";
        if (field_of(body, "AuthToken") == "tok-1")
            return std::string(R"({"ResultCode":"32002","ResultMessage":"expired token"})");
        return kEmptySuccess;
    });
    ApiSession session(api.settings(), issuing_credentials(), nullptr);
    EXPECT_EQ(run_one(session, xml_request(issuing_credentials())), ReplyOutcome::Succeeded);
    std::vector<std::string> sent = api.bodies("OS_DTI_XML");
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(field_of(sent[0], "AuthToken"), "tok-1");
    EXPECT_EQ(field_of(sent[1], "AuthToken"), "tok-2");
    EXPECT_EQ(field_of(sent[1], "SearchComRegno"), "1078674544");
    EXPECT_EQ(field_of(sent[1], "AuthCode"), "0123456789ABCDEF0123456789ABCDEF");
    // Each attempt has its own MessageId.
    EXPECT_NE(field_of(sent[0], "MessageId"), field_of(sent[1], "MessageId"));
    ScanStats stats;
    session.add_stats(stats);
    EXPECT_EQ(stats.token_requests, 2);
    EXPECT_EQ(stats.requests, 4); // two GET_TOKEN, two OS_DTI_XML
    TokenSource::clear_cache();
}

TEST(ApiSession, AsksAgainOnceAfterAGarbledAnswer) {
    std::atomic<int> calls{0};
    FakeApiServer api([&](const std::string &) {
        return ++calls == 1 ? std::string(R"({"ResultCode":"30000","ResultDa)") : kEmptySuccess;
    });
    Credentials c = issuing_credentials();
    c.auth_token = "fixed";
    ApiSession session(api.settings(), c, nullptr);
    EXPECT_EQ(run_one(session, xml_request(c)), ReplyOutcome::Succeeded);
    EXPECT_EQ(calls.load(), 2);
}

TEST(ApiSession, ASecondGarbledAnswerIsAnErrorNamingTheCall) {
    FakeApiServer api([](const std::string &) { return std::string("{\"ResultCode\":"); });
    Credentials c = issuing_credentials();
    c.auth_token = "fixed";
    ApiSession session(api.settings(), c, nullptr);
    try {
        run_one(session, xml_request(c));
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.sqlstate(), "HV00B");
        EXPECT_NE(e.detail().find("MessageId sbfdw-"), std::string::npos) << e.detail();
        EXPECT_NE(e.detail().find("Signal OS_DTI_XML, SearchComRegno 1078674544"),
                  std::string::npos)
            << e.detail();
    }
    EXPECT_EQ(api.bodies("OS_DTI_XML").size(), 2u);
}

TEST(ApiSession, ThrottlingIsRetriedWithBackoff) {
    std::atomic<int> calls{0};
    FakeApiServer api([&](const std::string &) {
        return ++calls <= 2 ? std::string(R"({"ResultCode":"34001","ResultMessage":"slow down"})")
                            : kEmptySuccess;
    });
    Credentials c = issuing_credentials();
    c.auth_token = "fixed";
    ApiSession session(api.settings(), c, nullptr);
    EXPECT_EQ(run_one(session, xml_request(c)), ReplyOutcome::Succeeded);
    EXPECT_EQ(calls.load(), 3);
    ScanStats stats;
    session.add_stats(stats);
    EXPECT_EQ(stats.retries, 2);
}

TEST(ApiSession, FailedResultCodeNamesCodeMessageIdAndCall) {
    FakeApiServer api([](const std::string &) {
        return std::string(R"({"ResultCode":"33002","ResultMessage":"not linked"})");
    });
    Credentials c = issuing_credentials();
    c.auth_token = "secret-token";
    ApiSession session(api.settings(), c, nullptr);
    try {
        run_one(session, xml_request(c));
        FAIL();
    } catch (const Error &e) {
        EXPECT_EQ(e.sqlstate(), "42501");
        EXPECT_EQ(e.message(), "SmartBill API error 33002: not linked");
        const std::string sent_id = field_of(api.bodies("OS_DTI_XML").at(0), "MessageId");
        EXPECT_NE(e.detail().find("ResultCode 33002, MessageId " + sent_id), std::string::npos)
            << e.detail();
        EXPECT_NE(e.detail().find("SearchComRegno 1078674544"), std::string::npos);
        for (const std::string *text : {&e.message(), &e.detail(), &e.hint()}) {
            EXPECT_EQ(text->find("secret-token"), std::string::npos);
            EXPECT_EQ(text->find("0123456789ABCDEF"), std::string::npos);
        }
    }
    EXPECT_EQ(api.bodies("OS_DTI_XML").size(), 1u); // not worth a retry
}

TEST(ApiSession, IdenticalCallIsAnsweredFromTheCache) {
    FakeApiServer api([](const std::string &) { return kEmptySuccess; });
    Credentials c = issuing_credentials();
    c.auth_token = "fixed";
    ApiSession session(api.settings(), c, nullptr);
    EXPECT_EQ(run_one(session, xml_request(c, "batch-1")), ReplyOutcome::Succeeded);
    EXPECT_EQ(run_one(session, xml_request(c, "batch-1")), ReplyOutcome::Succeeded);
    EXPECT_EQ(run_one(session, xml_request(c, "batch-2")), ReplyOutcome::Succeeded);
    EXPECT_EQ(api.bodies("OS_DTI_XML").size(), 2u);
    ScanStats stats;
    session.add_stats(stats);
    EXPECT_EQ(stats.cache_hits, 1);
}
