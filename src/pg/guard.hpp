// The one door from PostgreSQL into the C++ core.
//
// guarded(fn) runs fn; any exception it throws is copied into static storage, every C++ frame of
// fn unwinds, and only then is the error raised with ereport() (or, for Interrupted, PostgreSQL's
// own CHECK_FOR_INTERRUPTS()). So no longjmp ever crosses a live C++ object and no exception ever
// reaches PostgreSQL's C frames. fn must not call anything that can ereport(ERROR) itself.
#pragma once

#include <exception>
#include <new>
#include <type_traits>
#include <utility>

#include "core/error.hpp"

namespace sbfdw::pg {

// Records the exception that is being handled (call only inside a catch block). Never throws,
// never allocates.
void capture_current_exception() noexcept;
// Raises the recorded error; does not return.
[[noreturn]] void raise_captured_error();

template <typename Fn> auto guarded(Fn &&fn) -> decltype(fn()) {
    try {
        return std::forward<Fn>(fn)();
    } catch (...) {
        capture_current_exception();
    }
    raise_captured_error();
}

} // namespace sbfdw::pg
