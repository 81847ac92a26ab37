-- IMPORT FOREIGN SCHEMA creates the tables of the catalogue with their Korean comments;
-- LIMIT TO and EXCEPT are honoured; the remote schema must be "smartbill".
\getenv sim_url SB_SIM_URL
\getenv regno SB_SEND_COM_REGNO
\getenv token SB_AUTH_TOKEN
SET client_min_messages = warning;
DROP SERVER IF EXISTS sim CASCADE;
DROP SCHEMA IF EXISTS sb CASCADE;
DROP SCHEMA IF EXISTS sb_except CASCADE;
RESET client_min_messages;
CREATE SERVER sim FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (endpoint :'sim_url');
CREATE USER MAPPING FOR CURRENT_USER SERVER sim
    OPTIONS (send_com_regno :'regno', auth_token :'token');
CREATE SCHEMA sb;
CREATE SCHEMA sb_except;

-- only "smartbill" exists on the remote side
IMPORT FOREIGN SCHEMA public FROM SERVER sim INTO sb;
SELECT 1 FROM pg_foreign_table WHERE ftserver = (SELECT oid FROM pg_foreign_server WHERE srvname = 'sim');

IMPORT FOREIGN SCHEMA smartbill LIMIT TO (tax_invoices) FROM SERVER sim INTO sb;
\d+ sb.tax_invoices

-- EXCEPT: every table but the listed ones
IMPORT FOREIGN SCHEMA smartbill EXCEPT (tax_invoice_items, tax_invoice_documents)
    FROM SERVER sim INTO sb_except;
SELECT c.relname, obj_description(c.oid, 'pg_class') AS comment,
       count(a.attnum) AS columns,
       count(col_description(c.oid, a.attnum)) AS commented_columns
  FROM pg_class c
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
 WHERE c.relnamespace = 'sb_except'::regnamespace
 GROUP BY c.oid, c.relname ORDER BY 1;

-- everything: three tables, every column commented
CREATE SCHEMA sb_all;
IMPORT FOREIGN SCHEMA smartbill FROM SERVER sim INTO sb_all;
SELECT c.relname, obj_description(c.oid, 'pg_class') AS comment,
       count(a.attnum) AS columns,
       count(col_description(c.oid, a.attnum)) AS commented_columns
  FROM pg_class c
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
 WHERE c.relnamespace = 'sb_all'::regnamespace
 GROUP BY c.oid, c.relname ORDER BY 1;
-- line items and documents need the auth code (OS_DTI_XML): a clear error with a hint
SELECT count(*) FROM sb_all.tax_invoice_items WHERE write_date = date '2026-10-01';
DROP SCHEMA sb_all CASCADE;

-- a name that is not in the catalogue imports nothing
IMPORT FOREIGN SCHEMA smartbill LIMIT TO (no_such_table) FROM SERVER sim INTO sb_except;
SELECT count(*) FROM pg_class WHERE relnamespace = 'sb_except'::regnamespace;

-- the imported table reads the API
SELECT supbuy_type, count(*), sum(supply_amount) AS supply, sum(tax_amount) AS tax
  FROM sb.tax_invoices
 WHERE write_date >= date '2026-10-01' AND write_date < date '2026-10-08'
 GROUP BY 1 ORDER BY 1;
DROP SCHEMA sb_except CASCADE;
