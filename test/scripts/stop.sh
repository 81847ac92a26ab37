#!/usr/bin/env bash
# Stops what test/scripts/start.sh started and removes its directory.
set -uo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WORK_DIR="/tmp/smartbill_fdw.dev.$SB_PG_PORT"
if [ ! -d "$WORK_DIR" ]; then
    echo "nothing to stop ($WORK_DIR does not exist)" >&2
    exit 0
fi
[ -f "$WORK_DIR/simulator.pid" ] && SIM_PID=$(cat "$WORK_DIR/simulator.pid")
# The simulator was started by another shell: kill it by its recorded id, not by name.
if [ -n "$SIM_PID" ]; then
    kill "$SIM_PID" 2>/dev/null
    SIM_PID=""
fi
[ -f "$WORK_DIR/data/postmaster.pid" ] && PG_STARTED=1
cleanup
log "stopped"
