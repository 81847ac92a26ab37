#include "core/result_codes.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace sbfdw;

TEST(ResultCodes, KnownCodesMapToTheirSqlstate) {
    EXPECT_STREQ(result_code_info("32001").sqlstate, "28000");
    EXPECT_STREQ(result_code_info("32002").sqlstate, "28000");
    EXPECT_STREQ(result_code_info("32003").sqlstate, "28000");
    EXPECT_STREQ(result_code_info("33001").sqlstate, "42501");
    EXPECT_STREQ(result_code_info("33002").sqlstate, "42501");
    EXPECT_STREQ(result_code_info("33003").sqlstate, "55000");
    EXPECT_STREQ(result_code_info("31001").sqlstate, "HV000");
    EXPECT_STREQ(result_code_info("31005").sqlstate, "54000");
    EXPECT_STREQ(result_code_info("34001").sqlstate, "53300");
    EXPECT_STREQ(result_code_info("39999").sqlstate, "HV000");
}

TEST(ResultCodes, RetryableOnlyForThrottlingAndInternalErrors) {
    size_t count = 0;
    const ResultCodeInfo *table = result_code_table(count);
    std::set<std::string> retryable;
    for (size_t i = 0; i < count; ++i)
        if (table[i].retryable)
            retryable.insert(std::string(table[i].code));
    EXPECT_EQ(retryable, (std::set<std::string>{"34001", "39999"}));
}

TEST(ResultCodes, UnknownCodeGetsTheFallbackEntry) {
    const ResultCodeInfo &info = result_code_info("37777");
    EXPECT_TRUE(info.code.empty());
    EXPECT_STREQ(info.sqlstate, "HV000");
    EXPECT_FALSE(info.retryable);
}

TEST(ResultCodes, HintsTellWhatToDo) {
    EXPECT_NE(result_code_info("32002").hint.find("인증토큰 발급"), std::string_view::npos);
    EXPECT_NE(result_code_info("32002").hint.find("sb_id"), std::string_view::npos);
    EXPECT_NE(result_code_info("33001").hint.find("연동등록"), std::string_view::npos);
    EXPECT_NE(result_code_info("33003").hint.find("부서사용자"), std::string_view::npos);
    EXPECT_NE(result_code_info("34001").hint.find("max_concurrency"), std::string_view::npos);
}

TEST(ResultCodes, ApiErrorCarriesCodeMessageIdAndRequest) {
    Error e = api_error("33003", "홈택스 부서사용자 로그인 실패", "sbfdw-1-2-3",
                        "Signal OS_DTI_LIST, SearchComRegno 1208147521");
    EXPECT_EQ(e.sqlstate(), "55000");
    EXPECT_EQ(e.message(), "SmartBill API error 33003: 홈택스 부서사용자 로그인 실패");
    EXPECT_EQ(e.detail(),
              "ResultCode 33003, MessageId sbfdw-1-2-3, Signal OS_DTI_LIST, SearchComRegno "
              "1208147521");
    EXPECT_EQ(e.hint(), std::string(result_code_info("33003").hint));
}

TEST(ResultCodes, LongServerMessagesAreBounded) {
    Error e = api_error("39999", std::string(5000, 'x'), "m", "");
    EXPECT_LT(e.message().size(), 400u);
    EXPECT_EQ(e.detail(), "ResultCode 39999, MessageId m");
}
