#!/usr/bin/env bash
# `make demo`: builds and installs smartbill_fdw, starts a throwaway PostgreSQL and the SmartBill
# simulator, connects them and prints an ERP-style report:
#   - monthly 매출 (AR) / 매입 (AP) totals for the last 3 months, by supbuy_type
#   - purchase invoices Hometax knows that a small local ledger never booked (미등록 매입)
# Everything is removed at the end. Set SB_KEEP_TMP=1 to keep the cluster's files.
set -uo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_cleanup_trap
prepare_everything || exit 1
if [ "$PGXS_BUILD_OK" != 1 ]; then
    echo "error: the extension did not build (see build/ci/pgxs-build.log)" >&2
    exit 1
fi
[ "$CMAKE_BUILD_OK" = 1 ] || warn "the simulator build had errors (see build/ci/cmake-build.log)"

make_work_dir
start_postgres || exit 1
start_simulator || exit 1

# The simulator's clock is fixed; the report's "today" follows it, not this machine's date.
export SB_DEMO_TODAY=${SIM_CLOCK%%T*}

log "running the report"
echo
# VERBOSITY terse keeps statement text (which holds the token) out of error output.
psql -X -d postgres -v ON_ERROR_STOP=0 <<'SQL'
\set VERBOSITY terse
\set QUIET on
\pset null '∅'
\set QUIET off
\getenv url SB_SIM_URL
\getenv regno SB_SEND_COM_REGNO
\getenv token SB_AUTH_TOKEN
\getenv today SB_DEMO_TODAY

\echo '== 1. the extension is live'
CREATE EXTENSION smartbill_fdw;
SELECT extname, extversion FROM pg_extension WHERE extname = 'smartbill_fdw';

CREATE SERVER smartbill FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (endpoint :'url');
CREATE USER MAPPING FOR CURRENT_USER SERVER smartbill
  OPTIONS (send_com_regno :'regno', auth_token :'token');
\des+
-- \deu+ would print the mapping's options, including the token.
SELECT srvname AS server, usename AS "user" FROM pg_user_mappings;

\echo '== 2. the SmartBill tables'
CREATE SCHEMA sb;
IMPORT FOREIGN SCHEMA smartbill FROM SERVER smartbill INTO sb;
\det+ sb.*

\echo '== 3. 월별 매출/매입 합계, last 3 months by write date (작성일자)'
SELECT to_char(date_trunc('month', write_date), 'YYYY-MM') AS month,
       supbuy_type,
       CASE supbuy_type WHEN 'AR' THEN '매출' WHEN 'AP' THEN '매입' END AS direction,
       count(*) AS invoices,
       sum(supply_amount) AS supply_amount,
       sum(tax_amount) AS tax_amount,
       sum(total_amount) AS total_amount
  FROM sb.tax_invoices
 WHERE write_date >= (date_trunc('month', :'today'::date) - interval '2 months')::date
   AND write_date <= :'today'::date
 GROUP BY 1, 2
 ORDER BY 1, 2;

-- The last complete month, for the ledger check.
SELECT (date_trunc('month', :'today'::date) - interval '1 month')::date AS month_start,
       date_trunc('month', :'today'::date)::date AS month_end \gset

\echo '== 4. a local ERP ledger of purchases (매입 장부), booked by hand: most, not all'
CREATE TABLE erp_ap_ledger (
    issue_id text PRIMARY KEY,
    supplier_regno text NOT NULL,
    booked_amount bigint NOT NULL,
    booked_on date NOT NULL
);
COMMENT ON TABLE erp_ap_ledger IS '매입 장부 (ERP)';
-- The ERP booked every purchase of last month except roughly one in eight.
INSERT INTO erp_ap_ledger
SELECT DISTINCT ON (issue_id) issue_id, supplier_regno, total_amount, write_date + 3
  FROM sb.tax_invoices
 WHERE supbuy_type = 'AP'
   AND write_date >= :'month_start' AND write_date < :'month_end'
   AND abs(hashtext(issue_id)) % 8 <> 0;
SELECT count(*) AS booked_invoices FROM erp_ap_ledger;

\echo '== 5. 미등록 매입: last month''s purchases on Hometax missing from the ledger'
SELECT t.corp_num, t.write_date, t.issue_id, t.supplier_name, t.total_amount
  FROM sb.tax_invoices t
 WHERE t.supbuy_type = 'AP'
   AND t.write_date >= :'month_start' AND t.write_date < :'month_end'
   AND NOT EXISTS (SELECT FROM erp_ap_ledger l WHERE l.issue_id = t.issue_id)
 ORDER BY t.corp_num, t.write_date, t.issue_id
 LIMIT 20;

\echo '== 6. what the FDW asks SmartBill for'
EXPLAIN (VERBOSE, COSTS OFF)
SELECT count(*) FROM sb.tax_invoices
 WHERE supbuy_type = 'AP' AND write_date >= :'month_start' AND write_date < :'month_end';
SQL
status=$?
echo
log "done; the cluster and the simulator are stopped and removed"
exit $status
