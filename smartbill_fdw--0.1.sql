-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION smartbill_fdw" to load this file. \quit

CREATE FUNCTION smartbill_fdw_handler()
RETURNS fdw_handler
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT;

CREATE FUNCTION smartbill_fdw_validator(text[], oid)
RETURNS void
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT;

CREATE FOREIGN DATA WRAPPER smartbill_fdw
  HANDLER smartbill_fdw_handler
  VALIDATOR smartbill_fdw_validator;

COMMENT ON FOREIGN DATA WRAPPER smartbill_fdw IS 'SmartBill 스크래핑 Open API: 전자세금계산서 외부 테이블';
