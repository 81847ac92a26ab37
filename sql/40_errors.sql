-- Errors of the API reach the user as PostgreSQL errors with a proper SQLSTATE, the API's
-- result code, a hint, and the request in the detail — never a secret. Transient failures are
-- retried, expired tokens renewed, and too-large answers split.
\getenv sim_url SB_SIM_URL
\getenv sim_ctl SB_SIM_CONTROL
\getenv regno SB_SEND_COM_REGNO
\getenv token SB_AUTH_TOKEN
\getenv sb_id SB_SB_ID
\getenv auth_code SB_AUTH_CODE
SET client_min_messages = warning;
DROP SERVER IF EXISTS err_srv CASCADE;
DROP SERVER IF EXISTS err_auto CASCADE;
DROP SCHEMA IF EXISTS err CASCADE;
RESET client_min_messages;
CREATE SERVER err_srv FOREIGN DATA WRAPPER smartbill_fdw
    OPTIONS (endpoint :'sim_url', max_retries '2');
CREATE USER MAPPING FOR CURRENT_USER SERVER err_srv
    OPTIONS (send_com_regno :'regno', auth_token :'token');
CREATE SCHEMA err;
IMPORT FOREIGN SCHEMA smartbill LIMIT TO (tax_invoices) FROM SERVER err_srv INTO err;
\! curl -s -o /dev/null -X DELETE "$SB_SIM_CONTROL/faults"
\! test/scripts/simlog > /dev/null

-- The error a statement raises: SQLSTATE, message, hint and detail, with the varying MessageId
-- masked and any secret of the account replaced by <LEAKED>.
CREATE FUNCTION pg_temp.error_of(statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    state text; message text; detail text; hint text; report text;
BEGIN
    EXECUTE statement;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                            detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
    report := state || ': ' || message
        || coalesce(E'\nhint: ' || nullif(hint, ''), '')
        || coalesce(E'\ndetail: ' || nullif(detail, ''), '');
    report := regexp_replace(report, 'MessageId [^ ,\n]+', 'MessageId <id>', 'g');
    report := replace(report, current_setting('sbtest.token'), '<LEAKED>');
    report := replace(report, current_setting('sbtest.auth_code'), '<LEAKED>');
    RETURN report;
END $$;
SELECT set_config('sbtest.token', :'token', false) IS NOT NULL AS token_set,
       set_config('sbtest.auth_code', :'auth_code', false) IS NOT NULL AS code_set;
\pset tuples_only on
\pset format unaligned

\set query 'SELECT count(*) FROM err.tax_invoices WHERE write_date = date ''2026-10-01'' AND supbuy_type = ''AR'''
\! curl -s -o /dev/null -X POST -d '{"kind":"result_code","code":"31002","count":1}' "$SB_SIM_CONTROL/faults"
SELECT pg_temp.error_of(:'query');
\! curl -s -o /dev/null -X POST -d '{"kind":"result_code","code":"32001","count":1}' "$SB_SIM_CONTROL/faults"
SELECT pg_temp.error_of(:'query');
\! curl -s -o /dev/null -X POST -d '{"kind":"result_code","code":"32002","count":1}' "$SB_SIM_CONTROL/faults"
SELECT pg_temp.error_of(:'query');
\! curl -s -o /dev/null -X POST -d '{"kind":"result_code","code":"33001","count":1}' "$SB_SIM_CONTROL/faults"
SELECT pg_temp.error_of(:'query');
\! curl -s -o /dev/null -X POST -d '{"kind":"result_code","code":"33002","count":1}' "$SB_SIM_CONTROL/faults"
SELECT pg_temp.error_of(:'query');
\! curl -s -o /dev/null -X POST -d '{"kind":"result_code","code":"33003","count":1}' "$SB_SIM_CONTROL/faults"
SELECT pg_temp.error_of(:'query');
\! test/scripts/simlog

-- transient: retried (up to max_retries), then the answer is complete
\! curl -s -o /dev/null -X POST -d '{"kind":"result_code","code":"39999","count":1}' "$SB_SIM_CONTROL/faults"
SELECT pg_temp.error_of(:'query');
SELECT count(*) FROM err.tax_invoices WHERE write_date = date '2026-10-01' AND supbuy_type = 'AR';
\! test/scripts/simlog
\! curl -s -o /dev/null -X POST -d '{"kind":"http_status","status":503,"count":1}' "$SB_SIM_CONTROL/faults"
SELECT count(*) FROM err.tax_invoices WHERE write_date = date '2026-10-01' AND supbuy_type = 'AR';
\! test/scripts/simlog
-- still failing after the retries
\! curl -s -o /dev/null -X POST -d '{"kind":"http_status","status":502,"count":3}' "$SB_SIM_CONTROL/faults"
SELECT pg_temp.error_of(:'query');
\! test/scripts/simlog

-- too many rows (31005): the window is halved and both halves asked; one day cannot be split
\! curl -s -o /dev/null -X POST -d '{"kind":"result_code","code":"31005","count":1}' "$SB_SIM_CONTROL/faults"
SELECT count(*) FROM err.tax_invoices
 WHERE write_date BETWEEN date '2026-10-01' AND date '2026-10-04' AND supbuy_type = 'AR';
\! test/scripts/simlog
\! curl -s -o /dev/null -X POST -d '{"kind":"result_code","code":"31005","count":1}' "$SB_SIM_CONTROL/faults"
SELECT pg_temp.error_of(:'query');
\! test/scripts/simlog

-- a malformed answer names the column and the invoice
\! curl -s -o /dev/null -X POST -d '{"kind":"wrong_type","field":"SUP_AMOUNT","count":1}' "$SB_SIM_CONTROL/faults"
SELECT pg_temp.error_of($$SELECT sum(supply_amount) FROM err.tax_invoices WHERE write_date = date '2026-10-01' AND supbuy_type = 'AR'$$);
\! test/scripts/simlog
-- a value that does not fit the column's type: the error context names column and invoice
CREATE FOREIGN TABLE err.small_amounts (
    issue_id text OPTIONS (field 'ISSUE_ID'),
    supbuy_type text OPTIONS (field 'SUPBUY_TYPE'),
    write_date date OPTIONS (field 'DTI_WDATE'),
    supply_amount int2 OPTIONS (field 'SUP_AMOUNT')
) SERVER err_srv;
\set VERBOSITY default
\pset tuples_only off
\pset format aligned
-- (one direction only: with two concurrent calls, which answer arrives first is not fixed)
SELECT issue_id, supply_amount FROM err.small_amounts
 WHERE write_date = date '2026-10-01' AND supbuy_type = 'AR' ORDER BY 1;
\! test/scripts/simlog
\pset tuples_only on
\pset format unaligned

-- tokens issued from sb_id and auth_code; an expired token (32002) is renewed and the call
-- repeated
CREATE SERVER err_auto FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (endpoint :'sim_url');
CREATE USER MAPPING FOR CURRENT_USER SERVER err_auto
    OPTIONS (send_com_regno :'regno', sb_id :'sb_id', auth_code :'auth_code');
CREATE FOREIGN TABLE err.auto_invoices (issue_id text, write_date date, supbuy_type text)
    SERVER err_auto OPTIONS (resource 'tax_invoices');
SELECT count(*) FROM err.auto_invoices WHERE write_date = date '2026-10-01' AND supbuy_type = 'AR';
\! curl -s -o /dev/null -X POST -d '{"kind":"result_code","code":"32002","count":1,"signal":"OS_DTI_LIST"}' "$SB_SIM_CONTROL/faults"
SELECT count(*) FROM err.auto_invoices WHERE write_date = date '2026-10-02' AND supbuy_type = 'AR';
\! test/scripts/simlog
-- a wrong auth code: the message never shows it
ALTER USER MAPPING FOR CURRENT_USER SERVER err_auto
    OPTIONS (SET auth_code '0123456789ABCDEF0123456789ABCDEF');
SELECT set_config('sbtest.auth_code', '0123456789ABCDEF0123456789ABCDEF', false) IS NOT NULL;
SELECT pg_temp.error_of($$SELECT count(*) FROM err.auto_invoices WHERE write_date = date '2026-10-03'$$);
\! test/scripts/simlog

-- a slow answer is cancelled by statement_timeout while waiting, and the session goes on
\! curl -s -o /dev/null -X POST -d '{"kind":"latency","ms":2000,"count":1}' "$SB_SIM_CONTROL/faults"
\set VERBOSITY terse
SET statement_timeout = '300ms';
SELECT count(*) FROM err.tax_invoices WHERE write_date = date '2026-10-01' AND supbuy_type = 'AR';
RESET statement_timeout;
\set VERBOSITY default
SELECT pg_sleep(2.2);
\! test/scripts/simlog
SELECT count(*) FROM err.tax_invoices WHERE write_date = date '2026-10-01' AND supbuy_type = 'AR';
\! test/scripts/simlog
\! curl -s -o /dev/null -X DELETE "$SB_SIM_CONTROL/faults"
