// The core's error type carries everything PostgreSQL needs across the boundary.
#include <gtest/gtest.h>

#include "core/error.hpp"

using sbfdw::Error;

TEST(Error, CarriesSqlstateMessageDetailHint) {
    try {
        throw Error("28000", "SmartBill API error 32002: token expired", "ResultCode 32002",
                    "Issue a new token.");
    } catch (const Error &e) {
        EXPECT_EQ(e.sqlstate(), "28000");
        EXPECT_EQ(e.message(), "SmartBill API error 32002: token expired");
        EXPECT_STREQ(e.what(), "SmartBill API error 32002: token expired");
        EXPECT_EQ(e.detail(), "ResultCode 32002");
        EXPECT_EQ(e.hint(), "Issue a new token.");
        return;
    }
    FAIL() << "not thrown";
}

TEST(Error, MalformedSqlstateBecomesInternalError) {
    Error e("ABC", "bad");
    EXPECT_EQ(e.sqlstate(), "XX000");
}

TEST(Error, AddDetailAppendsLines) {
    Error e("HV000", "m");
    e.add_detail("issue_id 1");
    e.add_detail("");
    e.add_detail("field SUP_AMOUNT");
    EXPECT_EQ(e.detail(), "issue_id 1\nfield SUP_AMOUNT");
}

TEST(Error, IsCaughtAsStdException) {
    try {
        throw Error("HV000", "boom");
    } catch (const std::exception &e) {
        EXPECT_STREQ(e.what(), "boom");
    }
}
