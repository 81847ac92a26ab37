-- tax_invoice_items: the listing first, then OS_DTI_XML for the listed invoices in batches of at
-- most 100. EXPLAIN (VERBOSE) shows the plan, the simulator's log the calls made.
\getenv sim_url SB_SIM_URL
\getenv sim_control SB_SIM_CONTROL
\getenv regno SB_SEND_COM_REGNO
\getenv token SB_AUTH_TOKEN
\getenv auth_code SB_AUTH_CODE
SET client_min_messages = warning;
DROP SERVER IF EXISTS items_srv CASCADE;
DROP SERVER IF EXISTS items_nocode_srv CASCADE;
DROP SCHEMA IF EXISTS items CASCADE;
DROP SCHEMA IF EXISTS items_nocode CASCADE;
RESET client_min_messages;
CREATE SERVER items_srv FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (endpoint :'sim_url');
CREATE USER MAPPING FOR CURRENT_USER SERVER items_srv
    OPTIONS (send_com_regno :'regno', auth_token :'token', auth_code :'auth_code');
CREATE SCHEMA items;
IMPORT FOREIGN SCHEMA smartbill FROM SERVER items_srv INTO items;
\d+ items.tax_invoice_items
\! test/scripts/simlog > /dev/null

-- a date qual: listed first, then the documents of the listed invoices
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM items.tax_invoice_items WHERE write_date = date '2026-10-01';
SELECT supbuy_type, count(*) AS items, count(DISTINCT issue_id) AS invoices,
       sum(supply_amount) AS supply, sum(tax_amount) AS tax
  FROM items.tax_invoice_items WHERE write_date = date '2026-10-01'
 GROUP BY 1 ORDER BY 1;
\! test/scripts/simlog

-- line items sum up to their invoice; quantities and unit prices are exact
SELECT count(*) AS invoices,
       count(*) FILTER (WHERE i.supply <> t.supply_amount OR i.tax <> t.tax_amount) AS mismatched
  FROM items.tax_invoices t
  JOIN (SELECT corp_num, supbuy_type, issue_id, sum(supply_amount) AS supply, sum(tax_amount) AS tax
          FROM items.tax_invoice_items WHERE write_date = date '2026-10-01' GROUP BY 1, 2, 3) i
       USING (corp_num, supbuy_type, issue_id)
 WHERE t.write_date = date '2026-10-01';
SELECT issue_id, line_no, trade_date, item_name, spec, quantity, unit_price, supply_amount,
       tax_amount, remark
  FROM items.tax_invoice_items WHERE write_date = date '2026-10-01' AND supbuy_type = 'AR'
 ORDER BY issue_id, line_no LIMIT 6;
\! test/scripts/simlog

-- a month of sales: OS_DTI_XML in batches of at most 100 approval numbers
SELECT count(*) AS items, count(DISTINCT issue_id) AS invoices
  FROM items.tax_invoice_items
 WHERE write_date BETWEEN date '2026-09-01' AND date '2026-09-30' AND supbuy_type = 'AR';
\! test/scripts/simlog

-- approval numbers named by the query: only their issue days are listed (SearchDate=I), and
-- only those numbers are requested
SELECT issue_id AS id1 FROM items.tax_invoices
 WHERE write_date = date '2026-10-02' AND supbuy_type = 'AR' ORDER BY issue_id LIMIT 1 \gset
SELECT issue_id AS id2, supbuy_type AS id2_type FROM items.tax_invoices
 WHERE write_date = date '2026-10-20' AND supbuy_type = 'AP' ORDER BY issue_id LIMIT 1 \gset
\! test/scripts/simlog > /dev/null
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM items.tax_invoice_items WHERE issue_id = :'id1';
SELECT issue_id = :'id1' AS is_id1, supbuy_type, count(*) > 0 AS has_items
  FROM items.tax_invoice_items WHERE issue_id = :'id1' GROUP BY 1, 2;
\! test/scripts/simlog
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM items.tax_invoice_items WHERE issue_id IN (:'id1', :'id2') AND supbuy_type = 'AP';
SELECT issue_id = :'id2' AS is_id2, supbuy_type, count(*) > 0 AS has_items
  FROM items.tax_invoice_items WHERE issue_id IN (:'id1', :'id2') AND supbuy_type = 'AP'
 GROUP BY 1, 2;
\! test/scripts/simlog

-- purged or unknown approval numbers yield no rows; a number without a date asks for nothing
SELECT count(*) FROM items.tax_invoice_items
 WHERE issue_id IN ('202601054100000000000001', '202610029999999999999999');
\! test/scripts/simlog
SELECT count(*) FROM items.tax_invoice_items WHERE issue_id = 'not an approval number';
\! test/scripts/simlog

-- a join on issue_id: per outer row, the listing of its issue day (answered from the rescan
-- cache after the first) and one OS_DTI_XML call with that one number
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t.issue_id, count(*)
  FROM items.tax_invoices t JOIN items.tax_invoice_items i USING (issue_id)
 WHERE t.write_date = date '2026-10-03' AND t.supbuy_type = 'AR'
 GROUP BY 1;
SELECT count(*) AS items, count(DISTINCT t.issue_id) AS invoices
  FROM items.tax_invoices t JOIN items.tax_invoice_items i USING (issue_id)
 WHERE t.write_date = date '2026-10-03' AND t.supbuy_type = 'AR';
\! test/scripts/simlog

-- malformed XML (fault injection) is an error naming the approval number
\! curl -fsS -o /dev/null -H 'Content-Type: application/json' -d '{"kind":"oversized","field":"DTI_MSG","bytes":40,"signal":"OS_DTI_XML"}' "$SB_SIM_CONTROL/faults"
SELECT count(*) FROM items.tax_invoice_items WHERE issue_id = :'id1';
\! curl -fsS -o /dev/null -X DELETE "$SB_SIM_CONTROL/faults"
\! test/scripts/simlog

-- OS_DTI_XML requires the auth code: a clear error when the user mapping lacks it
CREATE SERVER items_nocode_srv FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (endpoint :'sim_url');
CREATE USER MAPPING FOR CURRENT_USER SERVER items_nocode_srv
    OPTIONS (send_com_regno :'regno', auth_token :'token');
CREATE SCHEMA items_nocode;
IMPORT FOREIGN SCHEMA smartbill LIMIT TO (tax_invoice_items, tax_invoices)
    FROM SERVER items_nocode_srv INTO items_nocode;
SELECT count(*) FROM items_nocode.tax_invoice_items WHERE write_date = date '2026-10-01';
SELECT count(*) > 0 AS invoices_still_work
  FROM items_nocode.tax_invoices WHERE write_date = date '2026-10-01';
\! test/scripts/simlog
