-- The module loads and its entry points resolve. A missing library only shows when the shared
-- object is loaded ("undefined symbol"), so load it explicitly and call into it.
DROP EXTENSION IF EXISTS smartbill_fdw CASCADE;
CREATE EXTENSION smartbill_fdw;
SELECT extname, extversion FROM pg_extension WHERE extname = 'smartbill_fdw';
LOAD 'smartbill_fdw';
SELECT proname, probin, prorettype::regtype
  FROM pg_proc WHERE proname LIKE 'smartbill_fdw%' ORDER BY proname;
SELECT fdwname, fdwhandler::regproc, fdwvalidator::regproc
  FROM pg_foreign_data_wrapper WHERE fdwname = 'smartbill_fdw';
-- CREATE SERVER runs the validator from the library; nothing connects yet, so this suite needs
-- no simulator.
CREATE SERVER load_check FOREIGN DATA WRAPPER smartbill_fdw
  OPTIONS (endpoint 'http://127.0.0.1:9/sb-api/request/');
SELECT srvname, srvoptions = ARRAY['endpoint=http://127.0.0.1:9/sb-api/request/'] AS endpoint_kept
  FROM pg_foreign_server WHERE srvname = 'load_check';
DROP SERVER load_check;
