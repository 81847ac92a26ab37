#!/usr/bin/env bash
# Differential test: the same random WHERE clauses run on the foreign table sb.tax_invoices and on
# a local table loaded from the simulator's ground truth (/_sim/export/invoices.csv). Each clause
# is one test; it passes when both sides agree on count, sum(supply_amount) and the md5 of the
# sorted (corp_num, supbuy_type, issue_id) keys. Ends with "N passed, N failed".
#
# Needs a running cluster (PGHOST, PGPORT, PGUSER) and simulator (SB_SIM_URL, SB_SIM_CONTROL,
# SB_SEND_COM_REGNO, SB_AUTH_TOKEN), as check.sh sets up. Reproducible:
#   SB_DIFF_SEED     generator seed (default 20261115)
#   SB_DIFF_QUERIES  number of clauses (default 300)
#   SB_DIFF_TIMEOUT  statement_timeout per query (default 60s)
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
seed=${SB_DIFF_SEED:-20261115}
queries=${SB_DIFF_QUERIES:-300}
timeout=${SB_DIFF_TIMEOUT:-60s}
db=sbfdw_differential

work=$(mktemp -d /tmp/sbfdw_differential.XXXXXX)
trap 'rm -rf "$work"' EXIT

psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }

# When the setup fails no clause can pass: every one counts as failed, with the reason.
setup_failed() {
    echo "SETUP $1"
    [ -f "$work/setup.err" ] && sed 's/^/SETUP   /' "$work/setup.err"
    echo "0 passed, $queries failed"
    exit 1
}

for v in SB_SIM_URL SB_SIM_CONTROL SB_SEND_COM_REGNO SB_AUTH_TOKEN SB_AUTH_CODE; do
    [ -n "${!v:-}" ] || setup_failed "$v is not set (is the simulator running?)"
done

curl -fsS -o "$work/invoices.csv" "$SB_SIM_CONTROL/export/invoices.csv" 2>"$work/setup.err" ||
    setup_failed "cannot download $SB_SIM_CONTROL/export/invoices.csv"
columns=$(head -n 1 "$work/invoices.csv" | tr -d '\r"')
[ -n "$columns" ] || setup_failed "the export has no header line"

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>"$work/setup.err" ||
    setup_failed "cannot create database $db"

# The credentials travel through the environment, never on a command line or in output.
psql_db >/dev/null 2>"$work/setup.err" <<SQL || setup_failed "foreign table or ground truth setup failed"
\set VERBOSITY terse
\i $here/../scripts/sim_foreign_schema.sql
CREATE TABLE truth (LIKE sb.tax_invoices);
-- The export's times are KST wall clock when they carry no offset.
SET TimeZone = 'Asia/Seoul';
\copy truth ($columns) FROM '$work/invoices.csv' WITH (FORMAT csv, HEADER true)
ANALYZE truth;
SQL

truth_rows=$(psql_db -At -c "SELECT count(*) FROM truth")
[ "$truth_rows" -gt 0 ] 2>/dev/null || setup_failed "the ground truth is empty"

# Real values for equality and LIKE atoms, in a stable order.
psql_db -At -F $'\t' >"$work/values.tsv" 2>"$work/setup.err" <<'SQL' || setup_failed "cannot read sample values"
SELECT DISTINCT 'corp', quote_literal(corp_num) FROM truth ORDER BY 2;
(SELECT DISTINCT 'name_prefix', quote_literal(left(supplier_name, 2) || '%') FROM truth ORDER BY 2 LIMIT 20);
(SELECT DISTINCT 'name_part', quote_literal('%' || substr(buyer_name, 2, 2) || '%') FROM truth
  WHERE length(buyer_name) >= 3 ORDER BY 2 LIMIT 20);
(SELECT DISTINCT 'regno', quote_literal(supplier_regno) FROM truth ORDER BY 2 LIMIT 20);
SQL

"$here/generate.sh" "$seed" "$queries" "$work/values.tsv" >"$work/clauses.tsv" 2>"$work/setup.err" ||
    setup_failed "the generator failed"

echo "seed $seed, $queries clauses, $truth_rows ground-truth rows"

summary="count(*) AS n, sum(supply_amount) AS s,
 md5(coalesce(string_agg(corp_num || '/' || supbuy_type || '/' || issue_id, ','
     ORDER BY corp_num, supbuy_type, issue_id), '')) AS h"
passed=0
failed=0
nonempty=0
i=0
while IFS=$'\t' read -r tz clause; do
    i=$((i + 1))
    id=$(printf 'q%04d' "$i")
    result=$(psql_db -At -F ' ' 2>"$work/err" <<SQL
SET TimeZone = '$tz';
SET statement_timeout = '$timeout';
SELECT f.n = t.n AND f.s IS NOT DISTINCT FROM t.s AND f.h = t.h,
       'fdw', f.n, coalesce(f.s::text, 'null'), left(f.h, 8),
       'truth', t.n, coalesce(t.s::text, 'null'), left(t.h, 8)
  FROM (SELECT $summary FROM sb.tax_invoices WHERE $clause) f,
       (SELECT $summary FROM truth WHERE $clause) t;
SQL
    )
    if [ $? -ne 0 ]; then
        failed=$((failed + 1))
        message=$(grep -m1 -E 'ERROR|FATAL' "$work/err" || grep -m1 . "$work/err")
        echo "ERROR $id [TimeZone $tz] $(sed 's/^psql:[^:]*:[0-9]*: //' <<<"$message")"
        echo "      WHERE $clause"
    elif [ "${result%% *}" = t ]; then
        passed=$((passed + 1))
        [ "$(cut -d' ' -f7 <<<"$result")" = 0 ] || nonempty=$((nonempty + 1))
    else
        failed=$((failed + 1))
        echo "MISMATCH $id [TimeZone $tz] ${result#* }"
        echo "      WHERE $clause"
    fi
done <"$work/clauses.tsv"

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
# Agreeing on empty results proves little: say how many passing clauses selected rows.
echo "$nonempty of $passed passing clauses selected rows"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
