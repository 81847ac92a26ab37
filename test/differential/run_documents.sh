#!/usr/bin/env bash
# Differential test of the original documents: queries on sb.tax_invoice_items and
# sb.tax_invoice_documents must equal the same queries on local tables loaded from the
# simulator's ground truth (/_sim/export/items.csv and documents.csv). Each query is one test;
# both sides must agree on the md5 of every row, sorted, and find at least one row. Ends with "N passed, N failed".
#
# Needs a running cluster and simulator, as run.sh (SB_SIM_URL, SB_SIM_CONTROL,
# SB_SEND_COM_REGNO, SB_AUTH_TOKEN, SB_AUTH_CODE, SB_CORP_NUMS).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
db=sbfdw_differential_documents
work=$(mktemp -d /tmp/sbfdw_differential_documents.XXXXXX)
trap 'rm -rf "$work"' EXIT
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }

for v in SB_SIM_URL SB_SIM_CONTROL SB_SEND_COM_REGNO SB_AUTH_TOKEN SB_AUTH_CODE; do
    [ -n "${!v:-}" ] || { echo "SETUP $v is not set"; echo "0 passed, 1 failed"; exit 1; }
done
for f in items documents; do
    curl -fsS -o "$work/$f.csv" "$SB_SIM_CONTROL/export/$f.csv" ||
        { echo "SETUP cannot download $f.csv"; echo "0 passed, 1 failed"; exit 1; }
done
items_columns=$(head -n 1 "$work/items.csv" | tr -d '\r"')
documents_columns=$(head -n 1 "$work/documents.csv" | tr -d '\r"')

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" || exit 1
psql_db >/dev/null <<SQL || { echo "SETUP failed"; echo "0 passed, 1 failed"; exit 1; }
\i $here/../scripts/sim_foreign_schema.sql
SET TimeZone = 'Asia/Seoul';
CREATE TABLE items_truth (LIKE sb.tax_invoice_items);
\copy items_truth ($items_columns) FROM '$work/items.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE documents_truth (LIKE sb.tax_invoice_documents);
ALTER TABLE documents_truth ALTER document TYPE text;
\copy documents_truth ($documents_columns) FROM '$work/documents.csv' WITH (FORMAT csv, HEADER true)
SQL

other_corps=${SB_CORP_NUMS#*,}
first_corp=${other_corps%%,*} # a linked company other than the caller, when there is one
# One WHERE clause per line: table|clause
cat >"$work/queries" <<EOF2
items|write_date = date '2026-10-01'
items|write_date BETWEEN date '2026-09-01' AND date '2026-10-15' AND supbuy_type = 'AR'
items|sent_at >= timestamptz '2026-11-01 00:00+09'
items|issued_at >= timestamptz '2026-10-10 00:00+09' AND issued_at < timestamptz '2026-10-12 00:00+09' AND supbuy_type = 'AP'
items|corp_num = '$first_corp' AND write_date = date '2026-10-07'
items|issue_id IN (SELECT issue_id FROM items_truth WHERE corp_num = '$SB_SEND_COM_REGNO' AND write_date = date '2026-10-04' LIMIT 7)
documents|write_date = date '2026-10-01'
documents|write_date BETWEEN date '2026-09-01' AND date '2026-10-15' AND supbuy_type = 'AP'
documents|sent_at >= timestamptz '2026-11-01 00:00+09'
documents|amendment_code IS NOT NULL AND write_date >= date '2026-10-01'
documents|corp_num = '$first_corp' AND write_date = date '2026-10-08'
EOF2

passed=0 failed=0 n=0
while IFS='|' read -r table clause; do
    n=$((n + 1))
    if [ "$table" = items ]; then
        foreign=sb.tax_invoice_items truth=items_truth
    else
        foreign=sb.tax_invoice_documents truth=documents_truth
    fi
    # issue_id IN (subquery) is evaluated to constants first, so the foreign side sees values.
    if [[ "$clause" == issue_id\ IN\ \(SELECT* ]]; then
        ids=$(psql_db -At -c "SELECT string_agg(quote_literal(issue_id), ',') FROM (${clause#issue_id IN (} x" | head -1)
        clause="issue_id IN ($ids)"
    fi
    # Only the caller's company unless the clause names one: the FDW's default company.
    scope="corp_num = '$SB_SEND_COM_REGNO'"
    [[ "$clause" == *corp_num* ]] && scope="true"
    sql="SET TimeZone = 'Asia/Seoul'; SELECT count(*) || ' ' || coalesce(md5(string_agg(r, E'\\n' ORDER BY r)), '-') FROM (SELECT (x.*)::text AS r FROM (SELECT * FROM %s WHERE $clause AND $scope) x) y"
    if [ "$table" = documents ]; then
        sql="SET TimeZone = 'Asia/Seoul'; SELECT count(*) || ' ' || coalesce(md5(string_agg(r, E'\\n' ORDER BY r)), '-') FROM (SELECT (x.*)::text AS r FROM (SELECT corp_num, supbuy_type, issue_id, write_date, issued_at, sent_at, amendment_code, original_issue_id, supplier_address, supplier_biz_type, supplier_biz_class, supplier_email, buyer_address, buyer_biz_type, buyer_biz_class, buyer_email, broker_regno, broker_name, broker_ceo_name, broker_address, broker_biz_type, broker_biz_class, broker_email, remarks, document::text FROM %s WHERE $clause AND $scope) x) y"
    fi
    got=$(psql_db -At -c "$(printf "$sql" "$foreign")" 2>&1 | tail -1)
    want=$(psql_db -At -c "$(printf "$sql" "$truth")" 2>&1 | tail -1)
    if [ "$got" = "$want" ] && [[ "$got" =~ ^[1-9][0-9]*\ [0-9a-f]{32}$ ]]; then
        passed=$((passed + 1))
        echo "ok $n $table: $clause (${got%% *} rows)"
    else
        failed=$((failed + 1))
        echo "FAIL $n $table: $clause: fdw [$got] truth [$want]"
    fi
done <"$work/queries"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
