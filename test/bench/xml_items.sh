#!/usr/bin/env bash
# Line items of 10,000 invoices: through the FDW (listing + OS_DTI_XML + pugixml), and the same
# extraction in plain SQL with XMLTABLE over the documents stored in a local table. Prints
# documents/s and line items/s for both and their ratio.
#
# Needs a running cluster and a simulator started with enough invoices (e.g. --companies 1
# --invoices-per-day 650 gives about 10,000 sales in 30 days), and SB_SIM_URL,
# SB_SEND_COM_REGNO, SB_AUTH_TOKEN, SB_AUTH_CODE. Usage: xml_items.sh [first-day] [last-day]
set -euo pipefail
first=${1:-2026-09-01}
last=${2:-2026-09-30}
db=sbfdw_bench_xml
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d "$db" >/dev/null <<SQL
\i $(cd "$(dirname "$0")/../scripts" && pwd)/sim_foreign_schema.sql
CREATE TABLE stored AS SELECT issue_id, document FROM sb.tax_invoice_documents
 WHERE write_date BETWEEN '$first' AND '$last' AND supbuy_type = 'AR';
SQL

measure() { # prints "<ms> <documents> <items>"
    psql -X -At -d "$db" -c "$1" | tail -1
}
fdw=$(measure "DO \$\$ DECLARE t0 timestamptz := clock_timestamp(); d bigint; n bigint; BEGIN
  SELECT count(DISTINCT issue_id), count(*) INTO d, n FROM sb.tax_invoice_items
   WHERE write_date BETWEEN '$first' AND '$last' AND supbuy_type = 'AR'
     AND quantity IS DISTINCT FROM -1 AND unit_price IS DISTINCT FROM -1 AND item_name <> '';
  RAISE NOTICE '% % %', extract(epoch FROM clock_timestamp() - t0) * 1000, d, n; END \$\$;" 2>&1)
sql=$(measure "DO \$\$ DECLARE t0 timestamptz := clock_timestamp(); d bigint; n bigint; BEGIN
  SELECT count(DISTINCT s.issue_id), count(*) INTO d, n FROM stored s, XMLTABLE(
    XMLNAMESPACES('urn:kr:or:kec:standard:Tax:ReusableAggregateBusinessInformationEntitySchemaModule:1:0' AS t),
    '/t:TaxInvoice/t:TaxInvoiceTradeLineItem' PASSING s.document COLUMNS
      line_no int PATH 't:SequenceNumeric', trade_date text PATH 't:PurchaseExpiryDateTime',
      item_name text PATH 't:NameText', spec text PATH 't:InformationText',
      quantity numeric PATH 't:ChargeableUnitQuantity', unit_price numeric PATH 't:UnitPrice/t:UnitAmount',
      supply_amount bigint PATH 't:InvoiceAmount', tax_amount bigint PATH 't:TotalTax/t:CalculatedAmount',
      remark text PATH 't:DescriptionText') x
   WHERE x.quantity IS DISTINCT FROM -1 AND x.unit_price IS DISTINCT FROM -1 AND x.item_name <> '';
  RAISE NOTICE '% % %', extract(epoch FROM clock_timestamp() - t0) * 1000, d, n; END \$\$;" 2>&1)
read -r fdw_ms fdw_docs fdw_items <<<"$(grep -o '[0-9.]* [0-9]* [0-9]*$' <<<"$fdw")"
read -r sql_ms sql_docs sql_items <<<"$(grep -o '[0-9.]* [0-9]* [0-9]*$' <<<"$sql")"
awk -v fm="$fdw_ms" -v fd="$fdw_docs" -v fi="$fdw_items" -v sm="$sql_ms" -v sd="$sql_docs" -v si="$sql_items" 'BEGIN {
  printf "fdw (OS_DTI_XML + parse): %d documents, %d items in %.0f ms: %.0f documents/s, %.0f items/s\n", fd, fi, fm, fd / fm * 1000, fi / fm * 1000
  printf "XMLTABLE over stored xml: %d documents, %d items in %.0f ms: %.0f documents/s, %.0f items/s\n", sd, si, sm, sd / sm * 1000, si / sm * 1000
  printf "ratio fdw / XMLTABLE (items/s): %.2f\n", (fi / fm) / (si / sm) }'
psql -X -q -d postgres -c "DROP DATABASE $db"
