// The one exception type of the core: everything PostgreSQL needs to raise a proper ERROR.
#pragma once
#include "core/no_postgres.hpp"

#include <exception>
#include <string>

namespace sbfdw {

// SQLSTATE codes used by the core, as their five-character text.
namespace sqlstate {
inline constexpr const char *kFdwError = "HV000";
inline constexpr const char *kFdwOptionNameNotFound = "HV00D";
inline constexpr const char *kFdwInvalidOptionName = "HV00D";
inline constexpr const char *kFdwInvalidAttributeValue = "HV024";
inline constexpr const char *kFdwUnableToEstablishConnection = "HV00N";
inline constexpr const char *kFdwInvalidDataType = "HV004";
inline constexpr const char *kFdwInvalidStringFormat = "HV00A";
inline constexpr const char *kFdwReplyHandle = "HV00B";
inline constexpr const char *kFdwOutOfMemory = "HV001";
inline constexpr const char *kInvalidAuthorization = "28000";
inline constexpr const char *kInvalidPassword = "28P01";
inline constexpr const char *kInvalidParameterValue = "22023";
inline constexpr const char *kInvalidTextRepresentation = "22P02";
inline constexpr const char *kNumericValueOutOfRange = "22003";
inline constexpr const char *kDatetimeFieldOverflow = "22008";
inline constexpr const char *kInvalidDatetimeFormat = "22007";
inline constexpr const char *kCharacterNotInRepertoire = "22021";
inline constexpr const char *kProgramLimitExceeded = "54000";
inline constexpr const char *kConfigurationLimitExceeded = "53400";
inline constexpr const char *kTooManyConnections = "53300";
inline constexpr const char *kConnectionFailure = "08006";
inline constexpr const char *kSqlClientUnableToEstablishConnection = "08001";
inline constexpr const char *kProtocolViolation = "08P01";
inline constexpr const char *kInsufficientPrivilege = "42501";
inline constexpr const char *kObjectNotInPrerequisiteState = "55000";
inline constexpr const char *kQueryCanceled = "57014";
inline constexpr const char *kInternalError = "XX000";
} // namespace sqlstate

// An error raised by the core. The PostgreSQL face turns it into ereport(ERROR) with the same
// SQLSTATE, message, detail and hint once every C++ frame has unwound.
// Messages follow PostgreSQL style: lower case, no final period. Never put a secret in any field.
class Error : public std::exception {
public:
    Error(std::string sqlstate, std::string message, std::string detail = {},
          std::string hint = {});

    const char *what() const noexcept override { return message_.c_str(); }
    const std::string &sqlstate() const noexcept { return sqlstate_; }
    const std::string &message() const noexcept { return message_; }
    const std::string &detail() const noexcept { return detail_; }
    const std::string &hint() const noexcept { return hint_; }

    // Appends a line to the detail (used to add context such as the issue_id while unwinding).
    void add_detail(const std::string &line);

private:
    std::string sqlstate_;
    std::string message_;
    std::string detail_;
    std::string hint_;
};

// Thrown when the interrupt check reported a pending PostgreSQL interrupt (cancel, statement
// timeout, termination). The PostgreSQL face answers it with CHECK_FOR_INTERRUPTS() after the
// C++ frames are gone, so PostgreSQL raises its own, exact error.
class Interrupted : public std::exception {
public:
    const char *what() const noexcept override { return "interrupted"; }
};

// Polled by every network wait at least every 100 ms; returns true when the wait must stop.
// Must not throw, allocate through PostgreSQL or longjmp.
using InterruptCheck = bool (*)();

} // namespace sbfdw
