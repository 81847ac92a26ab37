-- tax_invoice_documents: one row per invoice with what only the original XML holds, and the
-- document itself, unmodified. Planned and fetched like tax_invoice_items.
\getenv sim_url SB_SIM_URL
\getenv regno SB_SEND_COM_REGNO
\getenv token SB_AUTH_TOKEN
\getenv auth_code SB_AUTH_CODE
SET client_min_messages = warning;
DROP SERVER IF EXISTS docs_srv CASCADE;
DROP SCHEMA IF EXISTS docs CASCADE;
RESET client_min_messages;
CREATE SERVER docs_srv FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (endpoint :'sim_url');
CREATE USER MAPPING FOR CURRENT_USER SERVER docs_srv
    OPTIONS (send_com_regno :'regno', auth_token :'token', auth_code :'auth_code');
CREATE SCHEMA docs;
IMPORT FOREIGN SCHEMA smartbill LIMIT TO (tax_invoices, tax_invoice_documents)
    FROM SERVER docs_srv INTO docs;
\d+ docs.tax_invoice_documents
\! test/scripts/simlog > /dev/null

-- one row per listed invoice; the XML's own header agrees with the listing
EXPLAIN (VERBOSE, COSTS OFF)
SELECT issue_id, supplier_address FROM docs.tax_invoice_documents
 WHERE sent_at >= timestamptz '2026-10-05 00:00+09' AND sent_at < timestamptz '2026-10-06 00:00+09';
SELECT supbuy_type, count(*) AS invoices,
       count(*) FILTER (WHERE (xpath('/t:TaxInvoice/t:TaxInvoiceDocument/t:IssueID/text()', document,
               ARRAY[ARRAY['t', 'urn:kr:or:kec:standard:Tax:ReusableAggregateBusinessInformationEntitySchemaModule:1:0']]))[1]::text
               = issue_id) AS xml_ids_match,
       count(supplier_address) AS with_supplier_address,
       count(buyer_biz_type) AS with_buyer_biz_type
  FROM docs.tax_invoice_documents
 WHERE sent_at >= timestamptz '2026-10-05 00:00+09' AND sent_at < timestamptz '2026-10-06 00:00+09'
 GROUP BY 1 ORDER BY 1;
\! test/scripts/simlog

-- corrections carry their amendment code and the original approval number; 위수탁 its broker
SELECT count(*) AS corrections, count(original_issue_id) AS with_original,
       min(amendment_code) >= '1' AND max(amendment_code) <= '6' AS codes_in_range
  FROM docs.tax_invoice_documents d JOIN docs.tax_invoices t USING (corp_num, supbuy_type, issue_id)
 WHERE d.write_date BETWEEN date '2026-09-01' AND date '2026-09-30'
   AND t.write_date BETWEEN date '2026-09-01' AND date '2026-09-30'
   AND t.type_code IN ('02', '04');
SELECT t.invoice_type, count(*) AS invoices, count(d.broker_regno) AS with_broker
  FROM docs.tax_invoice_documents d JOIN docs.tax_invoices t USING (corp_num, supbuy_type, issue_id)
 WHERE d.write_date BETWEEN date '2026-09-01' AND date '2026-09-30'
   AND t.write_date BETWEEN date '2026-09-01' AND date '2026-09-30'
 GROUP BY 1 ORDER BY 1;
\! test/scripts/simlog

-- by approval number, with the listing columns of that invoice
SELECT issue_id AS id1, sent_at AS id1_sent FROM docs.tax_invoices
 WHERE write_date = date '2026-10-02' AND supbuy_type = 'AP' ORDER BY issue_id LIMIT 1 \gset
\! test/scripts/simlog > /dev/null
SELECT issue_id = :'id1' AS is_id1, supbuy_type, sent_at = :'id1_sent' AS same_sent_at,
       document IS DOCUMENT AS is_document, remarks IS NULL OR length(remarks) > 0 AS remarks_ok
  FROM docs.tax_invoice_documents WHERE issue_id = :'id1';
\! test/scripts/simlog

-- only the columns the query uses are read: the document alone needs no parsing, and a
-- document that is not XML fails only when a column needs an element
\! curl -fsS -o /dev/null -H 'Content-Type: application/json' -d '{"kind":"oversized","field":"DTI_MSG","bytes":40,"signal":"OS_DTI_XML"}' "$SB_SIM_CONTROL/faults"
SELECT count(*) FROM docs.tax_invoice_documents WHERE issue_id = :'id1';
\! curl -fsS -o /dev/null -H 'Content-Type: application/json' -d '{"kind":"oversized","field":"DTI_MSG","bytes":40,"signal":"OS_DTI_XML"}' "$SB_SIM_CONTROL/faults"
SELECT buyer_address FROM docs.tax_invoice_documents WHERE issue_id = :'id1';
\! curl -fsS -o /dev/null -X DELETE "$SB_SIM_CONTROL/faults"
\! test/scripts/simlog
