#!/usr/bin/env bash
# Throughput and latency of tax_invoices against the simulator, side by side with a local table
# holding the same rows. Prints numbers; asserts nothing.
#
#   1. rows/s of SELECT * (every column converted) and of SELECT count(*) over a 90-day window
#      for 10 companies, through the FDW and from a local heap table loaded from the export
#   2. wall time of the same 90-day query with 100 ms of simulated latency per request, at
#      max_concurrency 1 and 8
#
# Usage: test/bench/fdw_scan.sh   (as root or as a user who can run PostgreSQL; builds if needed)
# Environment: BENCH_INVOICES_PER_DAY (default 150 per company), BENCH_REPEAT (default 3).
set -uo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

SB_PG_PORT=${BENCH_PG_PORT:-54339}
SB_SIM_PORT=${BENCH_SIM_PORT:-18090}
SIM_COMPANIES=10
SIM_INVOICES_PER_DAY=${BENCH_INVOICES_PER_DAY:-150}
REPEAT=${BENCH_REPEAT:-3}

install_cleanup_trap
prepare_everything || exit 1
[ "$CMAKE_BUILD_OK" = 1 ] && [ "$PGXS_BUILD_OK" = 1 ] || { echo "build failed" >&2; exit 1; }
make_work_dir
start_postgres || exit 1
start_simulator || exit 1

# The window: the 90 days before the simulator's clock, by sent date.
TO_DAY=${SIM_CLOCK%%T*}
FROM_DAY=$(date -d "$TO_DAY - 89 days" +%F)
WHERE="sent_at >= '$FROM_DAY 00:00+09' AND sent_at < date '$TO_DAY' + 1"
CORPS="'$(sed "s/,/','/g" <<<"$SB_CORP_NUMS")'"

curl -fsS -o "$WORK_DIR/invoices.csv" "$SB_SIM_CONTROL/export/invoices.csv" || exit 1

psql -X -q -v ON_ERROR_STOP=1 >/dev/null <<SQL || exit 1
\i $REPO_ROOT/test/scripts/sim_foreign_schema.sql
ALTER SERVER sim OPTIONS (ADD max_concurrency '4', ADD request_timeout_ms '60000');
CREATE TABLE local_invoices (LIKE sb.tax_invoices);
\copy local_invoices FROM '$WORK_DIR/invoices.csv' WITH (FORMAT csv, HEADER true)
VACUUM ANALYZE local_invoices;
SQL

# Milliseconds of one statement, best of $REPEAT runs (psql's \timing, client side).
time_query() {
    local sql=$1 best="" ms i
    for i in $(seq 1 "$REPEAT"); do
        ms=$(psql -X -q -t -A -c '\timing on' -c "$sql" 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n 1)
        [ -n "$ms" ] || { echo "query failed: $sql" >&2; psql -X -c "$sql" >&2; return 1; }
        if [ -z "$best" ] || awk -v a="$ms" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$ms; fi
    done
    echo "$best"
}

ROWS=$(psql -X -t -A -c "SELECT count(*) FROM local_invoices WHERE $WHERE AND corp_num IN ($CORPS)")
echo "dataset: $SIM_COMPANIES companies, $SIM_INVOICES_PER_DAY invoices/day each; 90-day window $FROM_DAY..$TO_DAY: $ROWS rows"

# A whole-row reference makes every column be converted, as SELECT * does.
STAR="SELECT sum(length(t::text)) FROM %s t WHERE $WHERE AND corp_num IN ($CORPS)"
COUNT="SELECT count(*) FROM %s t WHERE $WHERE AND corp_num IN ($CORPS)"
report() {
    local label=$1 fdw_ms=$2 local_ms=$3
    awk -v l="$label" -v r="$ROWS" -v f="$fdw_ms" -v h="$local_ms" 'BEGIN {
        printf "%-18s fdw %8.1f ms %10.0f rows/s | local table %7.1f ms %10.0f rows/s | fdw/local time %.1fx\n",
        l, f, r / (f / 1000), h, r / (h / 1000), f / h }'
}
fdw_star=$(time_query "$(printf "$STAR" sb.tax_invoices)") || exit 1
local_star=$(time_query "$(printf "$STAR" local_invoices)") || exit 1
report "SELECT *" "$fdw_star" "$local_star"
fdw_count=$(time_query "$(printf "$COUNT" sb.tax_invoices)") || exit 1
local_count=$(time_query "$(printf "$COUNT" local_invoices)") || exit 1
report "SELECT count(*)" "$fdw_count" "$local_count"

CALLS=$(psql -X -t -A -c "EXPLAIN (VERBOSE, COSTS OFF) $(printf "$COUNT" sb.tax_invoices)" | sed -n 's/.*calls=\([0-9]*\).*/\1/p' | head -n 1)
curl -fsS -o /dev/null -H 'Content-Type: application/json' \
    -d '{"kind":"latency","ms":100,"fraction":1,"count":1000000,"signal":"OS_DTI_LIST"}' "$SB_SIM_CONTROL/faults" || exit 1
REPEAT=1
for c in 1 8; do
    psql -X -q -c "ALTER SERVER sim OPTIONS (SET max_concurrency '$c')" || exit 1
    ms=$(time_query "$(printf "$COUNT" sb.tax_invoices)") || exit 1
    printf 'latency 100 ms, %s calls, max_concurrency %s: %8.0f ms\n' "$CALLS" "$c" "$ms"
    eval "lat_$c=$ms"
done
awk -v a="$lat_1" -v b="$lat_8" 'BEGIN { printf "speed-up from concurrency 8: %.1fx\n", a / b }'
