-- Options at every level are checked when they are set (CREATE and ALTER), with
-- postgres_fdw-style messages: the SQLSTATE, the message and a hint listing what is valid.
-- Secrets are never echoed back.
\getenv sim_url SB_SIM_URL
SET client_min_messages = warning;
DROP SERVER IF EXISTS opt_srv CASCADE;
RESET client_min_messages;
-- Reports the error a statement raises, as "SQLSTATE: message", then hint and detail.
CREATE FUNCTION pg_temp.error_of(statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    state text; message text; detail text; hint text;
BEGIN
    EXECUTE statement;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                            detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
    RETURN state || ': ' || message
        || coalesce(E'\nhint: ' || nullif(hint, ''), '')
        || coalesce(E'\ndetail: ' || nullif(detail, ''), '');
END $$;
\pset tuples_only on
\pset format unaligned

-- wrapper: no options at all
SELECT pg_temp.error_of($$ALTER FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (endpoint 'x')$$);

-- server
SELECT pg_temp.error_of($$CREATE SERVER opt_bad FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (endpont 'https://a.example/')$$);
SELECT pg_temp.error_of($$CREATE SERVER opt_bad FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (endpoint 'ftp://a.example/')$$);
SELECT pg_temp.error_of($$CREATE SERVER opt_bad FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (environment 'staging')$$);
SELECT pg_temp.error_of($$CREATE SERVER opt_bad FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (environment 'demo', endpoint 'https://a.example/')$$);
SELECT pg_temp.error_of($$CREATE SERVER opt_bad FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (endpoint 'http://api.example.com/sb-api/request/')$$);
SELECT pg_temp.error_of($$CREATE SERVER opt_bad FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (request_timeout_ms '0')$$);
SELECT pg_temp.error_of($$CREATE SERVER opt_bad FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (connect_timeout_ms 'ten')$$);
SELECT pg_temp.error_of($$CREATE SERVER opt_bad FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (max_retries '-1')$$);
SELECT pg_temp.error_of($$CREATE SERVER opt_bad FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (max_concurrency '0')$$);
SELECT pg_temp.error_of($$CREATE SERVER opt_bad FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (max_range_days '31')$$);
SELECT pg_temp.error_of($$CREATE SERVER opt_bad FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (allow_insecure_http 'maybe')$$);
-- (a leaked password would show as <LEAKED>)
SELECT replace(pg_temp.error_of($$CREATE SERVER opt_bad FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (proxy 'gopher://user:hunter2@proxy.example:3128')$$), 'hunter2', '<LEAKED>');
SELECT pg_temp.error_of($$CREATE SERVER opt_bad FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (auth_token 'abc')$$);
-- a valid server, then ALTER is checked against the whole list
CREATE SERVER opt_srv FOREIGN DATA WRAPPER smartbill_fdw
    OPTIONS (endpoint :'sim_url', max_retries '2', max_range_days '30', rows_per_day '50');
SELECT pg_temp.error_of($$ALTER SERVER opt_srv OPTIONS (ADD environment 'production')$$);
SELECT pg_temp.error_of($$ALTER SERVER opt_srv OPTIONS (SET max_retries 'lots')$$);
ALTER SERVER opt_srv OPTIONS (SET max_retries '3', ADD max_concurrency '2');
SELECT replace(srvoptions::text, :'sim_url', '<sim_url>') FROM pg_foreign_server WHERE srvname = 'opt_srv';

-- user mapping: secrets only; values never appear in messages
SELECT pg_temp.error_of($$CREATE USER MAPPING FOR CURRENT_USER SERVER opt_srv OPTIONS (endpoint 'x')$$);
SELECT pg_temp.error_of($$CREATE USER MAPPING FOR CURRENT_USER SERVER opt_srv OPTIONS (send_com_regno '1208147522', auth_token 'tok')$$);
SELECT replace(pg_temp.error_of($$CREATE USER MAPPING FOR CURRENT_USER SERVER opt_srv OPTIONS (send_com_regno '1208147521', sb_id 'someone', auth_code 'SECRET-not-hex')$$), 'SECRET-not-hex', '<LEAKED>');
SELECT pg_temp.error_of($$CREATE USER MAPPING FOR CURRENT_USER SERVER opt_srv OPTIONS (send_com_regno '1208147521', sb_id 'someone')$$);
CREATE USER MAPPING FOR CURRENT_USER SERVER opt_srv
    OPTIONS (send_com_regno '120-81-47521', auth_token 'opaque-token-value');

-- foreign table and column
SELECT pg_temp.error_of($$CREATE FOREIGN TABLE opt_t (issue_id text) SERVER opt_srv OPTIONS (resource 'invoices')$$);
SELECT pg_temp.error_of($$CREATE FOREIGN TABLE opt_t (issue_id text) SERVER opt_srv OPTIONS (corp_num '12345')$$);
SELECT pg_temp.error_of($$CREATE FOREIGN TABLE opt_t (issue_id text) SERVER opt_srv OPTIONS (endpoint 'x')$$);
SELECT pg_temp.error_of($$CREATE FOREIGN TABLE opt_t (issue_id text OPTIONS (field 'ISSUE ID')) SERVER opt_srv$$);
SELECT pg_temp.error_of($$CREATE FOREIGN TABLE opt_t (issue_id text OPTIONS (name 'ISSUE_ID')) SERVER opt_srv$$);
CREATE FOREIGN TABLE opt_t (
    approval text OPTIONS (field 'ISSUE_ID'),
    written date OPTIONS (field 'DTI_WDATE'),
    company text OPTIONS (field 'SearchComRegno'),
    note text
) SERVER opt_srv OPTIONS (resource 'tax_invoices', corp_num '7398198033');
\pset tuples_only off
\pset format aligned

-- a column that maps to no API field is an error only when a query reads it
SELECT pg_temp.error_of($$SELECT note FROM opt_t WHERE written = date '2026-10-01'$$);

-- no user mapping for the current user: the error says how to create one
CREATE ROLE smartbill_no_mapping;
GRANT SELECT ON opt_t TO smartbill_no_mapping;
SET ROLE smartbill_no_mapping;
SELECT pg_temp.error_of($$SELECT count(*) FROM opt_t WHERE written = date '2026-10-01'$$);
RESET ROLE;
DROP OWNED BY smartbill_no_mapping;
DROP ROLE smartbill_no_mapping;

-- renamed columns still narrow the calls (by their field), and corp_num comes from the table
\getenv sim_ctl SB_SIM_CONTROL
\! test/scripts/simlog > /dev/null
DROP USER MAPPING FOR CURRENT_USER SERVER opt_srv;
\getenv regno SB_SEND_COM_REGNO
\getenv token SB_AUTH_TOKEN
CREATE USER MAPPING FOR CURRENT_USER SERVER opt_srv
    OPTIONS (send_com_regno :'regno', auth_token :'token');
SELECT company, count(*), min(approval) FROM opt_t WHERE written = date '2026-10-01' GROUP BY 1;
\! test/scripts/simlog

SET client_min_messages = warning;
DROP SERVER opt_srv CASCADE;
RESET client_min_messages;
