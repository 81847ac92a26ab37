#!/usr/bin/env bash
# `make check`: every test of the project on a throwaway cluster and the simulator.
#   1. unit and simulator tests (ctest over build/ci, or SB_BUILD_DIR)
#   2. SQL regression suites (pg_regress through `make installcheck`, test/regress_schedule)
#   3. the differential tests (WHERE clauses: foreign tables against the simulator's ground truth):
#      tax_invoices (run.sh) and tax_invoice_items / tax_invoice_documents (run_documents.sh)
# Ends with exactly one line "N passed, N failed" and a non-zero status if anything failed.
# Works as root on a fresh Debian 12 (installs what is missing) and cleans up on any exit.
set -uo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PASSED=0
FAILED=0
FAILURES=()

count_passed() { PASSED=$((PASSED + $1)); }
count_failed() {
    FAILED=$((FAILED + $1))
    [ "$1" -gt 0 ] && FAILURES+=("$2")
}

finish() {
    if [ "$FAILED" -gt 0 ]; then
        show_failure_context
        printf 'failed: %s\n' "${FAILURES[@]}" >&2
    fi
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
    exit $?
}

show_failure_context() {
    local diffs="$REGRESS_OUT/regression.diffs"
    if [ -s "$diffs" ]; then
        echo "---- regression.diffs (first 300 lines) ----" >&2
        head -n 300 "$diffs" >&2
    fi
    if [ -n "$WORK_DIR" ] && [ -f "$(pg_log_file)" ]; then
        echo "---- PostgreSQL server log (tail) ----" >&2
        tail -n 40 "$(pg_log_file)" >&2
    fi
    if [ -n "$WORK_DIR" ] && [ -f "$(sim_log_file)" ]; then
        echo "---- simulator log (tail) ----" >&2
        tail -n 40 "$(sim_log_file)" >&2
    fi
}

# ctest prints "NN% tests passed, F tests failed out of T".
run_ctest() {
    local out="$BUILD_DIR/ctest.log" line total failed
    log "unit and simulator tests (ctest)"
    (cd "$BUILD_DIR" && ctest -j2 --timeout 60 --output-on-failure) >"$out" 2>&1
    line=$(grep -E 'tests failed out of [0-9]+' "$out" | tail -n 1)
    if [ -z "$line" ]; then
        tail -n 30 "$out" >&2
        count_failed 1 "ctest (no result line)"
        return
    fi
    total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
    failed=$(sed -E 's/.* ([0-9]+) tests failed.*/\1/' <<<"$line")
    echo "    $line" >&2
    if [ "$failed" -gt 0 ]; then
        sed -n '/The following tests FAILED/,$p' "$out" >&2
    fi
    count_passed $((total - failed))
    count_failed "$failed" "ctest: $failed test(s)"
}

# Results go to $BUILD_DIR/regress, not the Makefile's build/regress, so that a developer's
# `make installcheck` running at the same time cannot overwrite them.
REGRESS_OUT="$BUILD_DIR/regress"
regress_opts() {
    sed -n 's/^REGRESS_OPTS *= *//p' "$REPO_ROOT/Makefile" | sed 's/--outputdir=[^ ]*//'
    echo "--outputdir=$REGRESS_OUT"
}

# pg_regress prints one line per suite ending in "... ok" or "... FAILED" (also "failed (ignored)").
run_regression() {
    local out="$BUILD_DIR/installcheck.log" ok failed
    log "SQL regression suites (make installcheck)"
    mkdir -p "$REGRESS_OUT"
    rm -f "$REGRESS_OUT/regression.diffs"
    (cd "$REPO_ROOT" && make installcheck PG_CONFIG="$PG_CONFIG" REGRESS_OPTS="$(regress_opts | tr '\n' ' ')") \
        >"$out" 2>&1
    local rc=$?
    grep -E '\.\.\. +(ok|FAILED|failed)' "$out" | sed 's/^/    /' >&2
    ok=$(grep -cE '\.\.\. +ok' "$out")
    failed=$(grep -cE '\.\.\. +(FAILED|failed)' "$out")
    count_passed "$ok"
    count_failed "$failed" "regression: $failed suite(s)"
    if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
        tail -n 30 "$out" >&2
        count_failed 1 "make installcheck exited with $rc"
    fi
}

# A differential runner prints one line per failed query (MISMATCH, FAIL or ERROR; SETUP when it
# could not start) and its own "N passed, N failed" as its last line.
# run_differential NAME SCRIPT LOG
run_differential() {
    local name=$1 script=$2 out="$BUILD_DIR/$3" line passed failed
    log "$name differential test ($script)"
    "$REPO_ROOT/$script" >"$out" 2>&1
    local rc=$?
    grep -E '^(MISMATCH|FAIL|ERROR|SETUP)' "$out" | head -n 20 | sed 's/^/    /' >&2
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)
    if [ -z "$line" ]; then
        tail -n 20 "$out" >&2
        count_failed 1 "$name differential (no result line, see $out)"
        return
    fi
    echo "    $name differential: $line" >&2
    passed=$(cut -d' ' -f1 <<<"$line")
    failed=$(cut -d' ' -f3 <<<"$line")
    count_passed "$passed"
    count_failed "$failed" "$name differential: $failed queries (see $out)"
    [ "$rc" -eq 0 ] || [ "$failed" -gt 0 ] || count_failed 1 "$name differential exited with $rc"
}

main() {
    install_cleanup_trap
    if ! prepare_everything; then
        count_failed 1 "setup (packages or user)"
        finish
    fi
    [ "$CMAKE_BUILD_OK" = 1 ] || count_failed 1 "cmake build (see $BUILD_DIR/cmake-build.log)"
    [ "$PGXS_BUILD_OK" = 1 ] || count_failed 1 "extension build (see $BUILD_DIR/pgxs-build.log)"

    make_work_dir
    if ! start_postgres; then
        count_failed 1 "PostgreSQL start"
        finish
    fi
    start_simulator || count_failed 1 "simulator start"

    # Also after a partial build: ctest reports what could not be built as failed.
    if [ -f "$BUILD_DIR/CTestTestfile.cmake" ]; then
        run_ctest
    fi
    run_regression
    run_differential invoices test/differential/run.sh differential.log
    run_differential documents test/differential/run_documents.sh differential-documents.log

    local crash
    if crash=$(server_crashed); then
        echo "---- the server crashed ----" >&2
        echo "$crash" >&2
        count_failed 1 "server crash"
    fi
    finish
}

main "$@"
