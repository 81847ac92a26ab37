-- The foreign tables of the simulator's account, for scripts that compare or measure them:
-- server "sim", a user mapping for the current user, and schema "sb" with every table.
-- The account comes from the environment (SB_SIM_URL, SB_SEND_COM_REGNO, SB_AUTH_TOKEN,
-- SB_AUTH_CODE), never from a command line.
\getenv url SB_SIM_URL
\getenv regno SB_SEND_COM_REGNO
\getenv token SB_AUTH_TOKEN
\getenv code SB_AUTH_CODE
CREATE EXTENSION smartbill_fdw;
CREATE SERVER sim FOREIGN DATA WRAPPER smartbill_fdw OPTIONS (endpoint :'url');
CREATE USER MAPPING FOR CURRENT_USER SERVER sim
  OPTIONS (send_com_regno :'regno', auth_token :'token', auth_code :'code');
CREATE SCHEMA sb;
IMPORT FOREIGN SCHEMA smartbill FROM SERVER sim INTO sb;
