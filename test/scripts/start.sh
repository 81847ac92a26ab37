#!/usr/bin/env bash
# Starts a long-lived development setup: the throwaway cluster and the simulator that `make check`
# uses, left running. Builds nothing: run `make check` (or the builds) once first.
#   test/scripts/start.sh && source /tmp/smartbill_fdw.dev.54329/env
#   psql; make installcheck; test/differential/run.sh; ...
#   test/scripts/stop.sh
# SB_PG_PORT and SB_SIM_PORT choose the ports (defaults 54329 and 18080, as `make check`).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dev_dir="/tmp/smartbill_fdw.dev.$SB_PG_PORT"
if [ -e "$dev_dir" ]; then
    echo "error: $dev_dir exists; run test/scripts/stop.sh first" >&2
    exit 1
fi
ensure_os_user
# Undo a half-started setup; a complete one stays up.
trap cleanup EXIT
make_work_dir "$dev_dir"
start_postgres
start_simulator
echo "$SIM_PID" >"$WORK_DIR/simulator.pid"

# The environment holds a token: readable by its owner only.
umask 077
{
    for v in PGHOST PGPORT PGUSER PGDATABASE SB_SIM_URL SB_SIM_CONTROL SB_SEND_COM_REGNO SB_SB_ID \
        SB_AUTH_CODE SB_AUTH_TOKEN SB_CORP_NUMS; do
        printf 'export %s=%q\n' "$v" "${!v}"
    done
} >"$WORK_DIR/env"
trap - EXIT
log "running; now: source $WORK_DIR/env   (stop with test/scripts/stop.sh)"
