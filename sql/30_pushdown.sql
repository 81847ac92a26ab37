-- Which quals narrow the OS_DTI_LIST calls: EXPLAIN (VERBOSE) shows the pushed conditions and
-- the planned calls, the simulator's log shows the calls made, and every qual is still checked
-- by PostgreSQL (Filter), so results are exact whatever was pushed.
\getenv sim_url SB_SIM_URL
\getenv regno SB_SEND_COM_REGNO
\getenv token SB_AUTH_TOKEN
\getenv corp_nums SB_CORP_NUMS
SET client_min_messages = warning;
DROP SERVER IF EXISTS push_srv CASCADE;
DROP SCHEMA IF EXISTS push CASCADE;
RESET client_min_messages;
CREATE SERVER push_srv FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (endpoint :'sim_url');
CREATE USER MAPPING FOR CURRENT_USER SERVER push_srv
    OPTIONS (send_com_regno :'regno', auth_token :'token');
CREATE SCHEMA push;
IMPORT FOREIGN SCHEMA smartbill LIMIT TO (tax_invoices) FROM SERVER push_srv INTO push;
-- the linked companies other than the caller
CREATE TABLE push.companies AS
    SELECT regno, 'company ' || ord AS name
      FROM unnest(string_to_array(:'corp_nums', ',')) WITH ORDINALITY AS u(regno, ord)
     WHERE regno <> :'regno';
\! test/scripts/simlog > /dev/null

-- one day, both directions
EXPLAIN (VERBOSE, COSTS OFF)
SELECT issue_id FROM push.tax_invoices WHERE write_date = date '2026-10-01';
SELECT supbuy_type, count(*) FROM push.tax_invoices WHERE write_date = date '2026-10-01' GROUP BY 1 ORDER BY 1;
\! test/scripts/simlog

-- BETWEEN and a direction; the commuted form (constant op column) too
EXPLAIN (VERBOSE, COSTS OFF)
SELECT count(*) FROM push.tax_invoices
 WHERE date '2026-10-10' >= write_date AND write_date >= date '2026-10-08' AND supbuy_type = 'AR';
SELECT count(*), sum(total_amount) FROM push.tax_invoices
 WHERE write_date BETWEEN date '2026-10-08' AND date '2026-10-10' AND supbuy_type = 'AR';
\! test/scripts/simlog

-- IN and OR of dates: the fewest windows that cover them
SELECT count(*) FROM push.tax_invoices
 WHERE write_date IN (date '2026-09-01', date '2026-09-03', date '2026-10-20');
\! test/scripts/simlog
SELECT count(*) FROM push.tax_invoices
 WHERE (write_date >= date '2026-09-01' AND write_date < date '2026-09-05')
    OR write_date = date '2026-10-20';
\! test/scripts/simlog

-- longer than 30 days: split into windows of at most 30 days
SELECT count(*) FROM push.tax_invoices
 WHERE write_date BETWEEN date '2026-08-20' AND date '2026-10-03' AND supbuy_type = 'AP';
\! test/scripts/simlog

-- timestamptz bounds become KST days whatever the session time zone
SET TimeZone = 'America/New_York';
SELECT count(*) FROM push.tax_invoices
 WHERE sent_at >= timestamptz '2026-10-05 00:00:00+09' AND sent_at < timestamptz '2026-10-07 00:00:00+09';
\! test/scripts/simlog
SET TimeZone = 'Asia/Seoul';
SELECT count(*) FROM push.tax_invoices
 WHERE sent_at >= timestamptz '2026-10-05 00:00:00+09' AND sent_at < timestamptz '2026-10-07 00:00:00+09';
\! test/scripts/simlog
-- a date compared with a timestamptz column means midnight in the session time zone
SELECT count(*) FROM push.tax_invoices
 WHERE issued_at >= date '2026-10-05' AND issued_at < date '2026-10-06' AND supbuy_type = 'AR';
\! test/scripts/simlog
RESET TimeZone;

-- companies and directions: = and IN
EXPLAIN (VERBOSE, COSTS OFF)
SELECT count(*) FROM push.tax_invoices
 WHERE corp_num = ANY (string_to_array(:'corp_nums', ','))
   AND supbuy_type IN ('AR', 'AP') AND write_date = date '2026-10-02';
SELECT corp_num = :'regno' AS is_caller, supbuy_type, count(*) FROM push.tax_invoices
 WHERE corp_num = ANY (string_to_array(:'corp_nums', ','))
   AND supbuy_type IN ('AR', 'AP') AND write_date = date '2026-10-02'
 GROUP BY 1, 2 ORDER BY 1, 2;
\! test/scripts/simlog

-- nothing can match: no call at all
EXPLAIN (VERBOSE, COSTS OFF)
SELECT count(*) FROM push.tax_invoices WHERE write_date > date '2026-10-10' AND write_date < date '2026-10-05';
SELECT count(*) FROM push.tax_invoices WHERE write_date > date '2026-10-10' AND write_date < date '2026-10-05';
SELECT count(*) FROM push.tax_invoices WHERE write_date = NULL::date;
SELECT count(*) FROM push.tax_invoices WHERE write_date = date '2026-10-01' AND supbuy_type = 'XX';
\! test/scripts/simlog

-- values known only at run time: parameters, stable expressions, subqueries
PREPARE by_week(date) AS
    SELECT count(*) FROM push.tax_invoices
     WHERE write_date >= $1 AND write_date < $1 + 7 AND supbuy_type = 'AR';
SET plan_cache_mode = force_generic_plan;
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE by_week('2026-10-01');
EXECUTE by_week('2026-10-01');
EXECUTE by_week('2026-10-08');
RESET plan_cache_mode;
DEALLOCATE by_week;
\! test/scripts/simlog
SET TimeZone = 'Asia/Seoul';
EXPLAIN (VERBOSE, COSTS OFF)
SELECT count(*) FROM push.tax_invoices
 WHERE write_date = (timestamptz '2026-10-03 01:00:00+09')::date;
SELECT count(*) FROM push.tax_invoices
 WHERE write_date = (timestamptz '2026-10-03 01:00:00+09')::date;
RESET TimeZone;
\! test/scripts/simlog
EXPLAIN (VERBOSE, COSTS OFF)
SELECT count(*) FROM push.tax_invoices
 WHERE write_date = (SELECT max(d) FROM (VALUES (date '2026-10-04'), (date '2026-10-02')) v(d));
SELECT count(*) FROM push.tax_invoices
 WHERE write_date = (SELECT max(d) FROM (VALUES (date '2026-10-04'), (date '2026-10-02')) v(d));
\! test/scripts/simlog

-- a join on corp_num: a nested loop fetches each outer row's company
EXPLAIN (VERBOSE, COSTS OFF)
SELECT c.name, t.supbuy_type, count(*)
  FROM push.companies c JOIN push.tax_invoices t ON t.corp_num = c.regno
 WHERE t.write_date = date '2026-10-06'
 GROUP BY 1, 2 ORDER BY 1, 2;
SELECT c.name, t.supbuy_type, count(*)
  FROM push.companies c JOIN push.tax_invoices t ON t.corp_num = c.regno
 WHERE t.write_date = date '2026-10-06'
 GROUP BY 1, 2 ORDER BY 1, 2;
\! test/scripts/simlog

-- a join on a date column: one day per outer row instead of the default window
CREATE TABLE push.days (d date);
INSERT INTO push.days VALUES ('2026-10-01'), ('2026-10-03');
ANALYZE push.days;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT d.d, count(*) FROM push.days d JOIN push.tax_invoices t ON t.write_date = d.d GROUP BY 1;
SELECT d.d, count(*) FROM push.days d JOIN push.tax_invoices t ON t.write_date = d.d
 GROUP BY 1 ORDER BY 1;
\! test/scripts/simlog

-- LIMIT is never pushed: filters run on every fetched row first
SELECT issue_id, supply_amount FROM push.tax_invoices
 WHERE write_date = date '2026-10-01' AND supbuy_type = 'AP' AND supply_amount > 5000000
 ORDER BY issue_id LIMIT 3;
\! test/scripts/simlog

-- rescans (a correlated subquery here) reuse what was fetched; EXPLAIN ANALYZE counts the calls
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT v.n, (SELECT count(*) FROM push.tax_invoices t
              WHERE t.write_date = date '2026-10-01' AND t.supbuy_type = 'AR'
                AND t.supply_amount % 3 = v.n - 1)
  FROM (VALUES (1), (2), (3)) v(n);
SELECT v.n, (SELECT count(*) FROM push.tax_invoices t
              WHERE t.write_date = date '2026-10-01' AND t.supbuy_type = 'AR'
                AND t.supply_amount % 3 = v.n - 1)
  FROM (VALUES (1), (2), (3)) v(n) ORDER BY 1;
\! test/scripts/simlog
