#!/bin/sh
# Throughput of smartbill-sim for large OS_DTI_LIST answers on loopback: answers/s and MB/s.
# Usage: test/bench/sim_throughput.sh [build-dir] [requests]   (default build/simserver, 50)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build/simserver}
REQUESTS=${2:-50}
PORT=${SIM_BENCH_PORT:-18190}
SIM=$BUILD/smartbill-sim
[ -x "$SIM" ] || { echo "build smartbill-sim first: cmake --build $BUILD --target smartbill-sim" >&2; exit 1; }

OUT=$(mktemp)
# Enough invoices that one 30-day window by sent date holds about 10,000 rows.
"$SIM" --port "$PORT" --seed 7 --companies 1 --invoices-per-day 700 --row-cap 100000 \
    --clock fixed:2026-11-15T12:00:00 >"$OUT" &
SIM_PID=$!
trap 'kill $SIM_PID 2>/dev/null; rm -f "$OUT" "$OUT.body"' EXIT INT TERM
for _ in $(seq 1 100); do [ -s "$OUT" ] && break; sleep 0.1; done
[ -s "$OUT" ] || { echo "simulator did not start" >&2; exit 1; }

field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" "$OUT"; }
REGNO=$(field send_com_regno)
TOKEN=$(field auth_token)
cat >"$OUT.body" <<JSON
{"MessageId":"bench","Signal":"OS_DTI_LIST","RequestTime":"20261115120000","SendComRegno":"$REGNO",
 "AuthToken":"$TOKEN","ServiceCode":"DTI","SearchDate":"S","SearchFromDate":"2026-10-17",
 "SearchToDate":"2026-11-15","SearchComRegno":"$REGNO","SupBuy_Type":"AR"}
JSON
URL=http://127.0.0.1:$PORT/sb-api/request/

# First call generates the data; not measured.
FIRST=$(curl -s --data-binary @"$OUT.body" -H 'Content-Type: application/json' "$URL")
ROWS=$(printf '%s' "$FIRST" | grep -o '"ISSUE_ID"' | wc -l)
BYTES=$(printf '%s' "$FIRST" | wc -c)
echo "answer: $ROWS rows, $BYTES bytes"

# One curl process fetching the same URL $REQUESTS times over a kept-alive connection.
set --
i=0
while [ $i -lt "$REQUESTS" ]; do set -- "$@" -o /dev/null "$URL"; i=$((i + 1)); done
START=$(date +%s.%N)
curl -s --data-binary @"$OUT.body" -H 'Content-Type: application/json' "$@"
END=$(date +%s.%N)
awk -v n="$REQUESTS" -v b="$BYTES" -v s="$START" -v e="$END" 'BEGIN {
    t = e - s; printf "%d answers in %.3f s: %.1f answers/s, %.1f MB/s, %.1f ms per answer\n",
    n, t, n / t, n * b / t / 1e6, 1000 * t / n }'
