-- A Korean database still in EUC-KR: the extension installs, IMPORT sets the Korean comments,
-- and names arrive converted from the API's UTF-8. Output is shown in UTF-8.
\getenv sim_url SB_SIM_URL
\getenv regno SB_SEND_COM_REGNO
\getenv token SB_AUTH_TOKEN
SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS smartbill_euckr;
RESET client_min_messages;
CREATE DATABASE smartbill_euckr ENCODING 'EUC_KR' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c smartbill_euckr
SET client_encoding = 'UTF8';
SHOW server_encoding;
CREATE EXTENSION smartbill_fdw;
SELECT obj_description(oid, 'pg_foreign_data_wrapper') FROM pg_foreign_data_wrapper
 WHERE fdwname = 'smartbill_fdw';
CREATE SERVER sim FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (endpoint :'sim_url');
CREATE USER MAPPING FOR CURRENT_USER SERVER sim
    OPTIONS (send_com_regno :'regno', auth_token :'token');
IMPORT FOREIGN SCHEMA smartbill LIMIT TO (tax_invoices) FROM SERVER sim INTO public;
SELECT obj_description('tax_invoices'::regclass, 'pg_class') AS table_comment,
       col_description('tax_invoices'::regclass, 19) AS supply_amount_comment;
SELECT issue_id, supplier_name, supplier_ceo_name, buyer_name
  FROM tax_invoices
 WHERE write_date = date '2026-10-05' AND supbuy_type = 'AP'
 ORDER BY issue_id LIMIT 5;
-- names compare in the database encoding
SELECT count(*) FROM tax_invoices
 WHERE write_date BETWEEN date '2026-10-01' AND date '2026-10-10'
   AND supplier_name LIKE '%주식회사%';
-- a name EUC-KR cannot hold (똠 is not in KS X 1001) is an error naming column and invoice,
-- never a silently altered row
\! curl -s -o /dev/null -X POST -d '{"kind":"replace_field","field":"SUP_REP_NAME","value":"똠방각하","count":1}' "$SB_SIM_CONTROL/faults"
SELECT issue_id, supplier_ceo_name FROM tax_invoices
 WHERE write_date = date '2026-10-06' AND supbuy_type = 'AP' ORDER BY issue_id;
-- columns the query does not read are not converted
\! curl -s -o /dev/null -X POST -d '{"kind":"replace_field","field":"SUP_REP_NAME","value":"똠방각하","count":1}' "$SB_SIM_CONTROL/faults"
SELECT count(*) FROM tax_invoices WHERE write_date = date '2026-10-06' AND supbuy_type = 'AP';
\c :regress_db
DROP DATABASE smartbill_euckr;
