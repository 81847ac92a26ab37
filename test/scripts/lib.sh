# Shared steps of check.sh and demo.sh: packages, builds, a throwaway PostgreSQL cluster and the
# simulator, and the cleanup that undoes all of it. Sourced, not run.
#
# Overridable from the environment:
#   SB_PG_PORT   port of the throwaway cluster (default 54329; socket only)
#   SB_SIM_PORT  port of the simulator on 127.0.0.1 (default 18080)
#   SB_OS_USER   unprivileged user that owns the cluster when run as root (default sbfdw)
#   SB_KEEP_TMP  set to 1 to keep the temporary directory (data, logs) for inspection
#   SB_BUILD_DIR build directory (default build/ci), so that two runs at once do not share one

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD_DIR=${SB_BUILD_DIR:-$REPO_ROOT/build/ci}
PG_BIN=/usr/lib/postgresql/15/bin
PG_CONFIG="$PG_BIN/pg_config"
SB_PG_PORT=${SB_PG_PORT:-54329}
SB_SIM_PORT=${SB_SIM_PORT:-18080}
SB_OS_USER=${SB_OS_USER:-sbfdw}

# The simulator's world for every suite: fixed seed and clock, so expected outputs are stable.
SIM_SEED=42
SIM_CLOCK=2026-11-15T12:00:00
SIM_COMPANIES=3
SIM_INVOICES_PER_DAY=20

REQUIRED_PACKAGES=(
    postgresql-15 postgresql-client-15 postgresql-server-dev-15 postgresql-15-cron
    libsimdjson-dev libcurl4-openssl-dev libcpp-httplib-dev libpugixml-dev
    libgtest-dev libgmock-dev cmake make g++ pkg-config curl ca-certificates
    python3 # test/scripts/simlog (standard library only)
)

WORK_DIR=""
SIM_PID=""
PG_STARTED=0

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }

# --- packages ------------------------------------------------------------------------------

package_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# apt-get update only when something is missing, so a prepared machine needs no network.
ensure_packages() {
    local missing=() p
    for p in "${REQUIRED_PACKAGES[@]}"; do
        package_installed "$p" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "error: missing Debian packages: ${missing[*]} (run as root to install them)" >&2
        return 1
    fi
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# --- builds --------------------------------------------------------------------------------

# Core library, unit tests, simulator and its tests.
build_cmake() {
    log "building core, simulator and tests in $BUILD_DIR"
    cmake -S "$REPO_ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$BUILD_DIR/cmake-build.log" 2>&1 &&
        cmake --build "$BUILD_DIR" -j2 -- -k >>"$BUILD_DIR/cmake-build.log" 2>&1
    local rc=$?
    [ $rc -eq 0 ] || tail -n 40 "$BUILD_DIR/cmake-build.log" >&2
    return $rc
}

# The extension through PGXS, installed into PostgreSQL's directories. Built in a private copy
# ($BUILD_DIR/pgxs) with header dependencies (autodepend): an object compiled before a header
# changed is rebuilt, and other builds in the working tree cannot leave half-built objects here.
PGXS_COPY="$BUILD_DIR/pgxs"
build_extension() {
    log "building and installing the extension (PGXS, $PGXS_COPY)"
    mkdir -p "$PGXS_COPY"
    # Sources are replaced on every run (mtimes kept) so deleted files do not linger.
    find "$PGXS_COPY" -path "$PGXS_COPY/.deps" -prune -o -type f \
        ! -name '*.o' ! -name '*.so' ! -name '*.bc' -print0 | xargs -0 -r rm -f
    (cd "$REPO_ROOT" && tar -cf - --exclude='*.o' --exclude='*.so' --exclude='*.bc' \
        Makefile ./*.control ./*.sql src) | tar -C "$PGXS_COPY" -xpf -
    (make -C "$PGXS_COPY" -j2 autodepend=yes PG_CONFIG="$PG_CONFIG" &&
        make -C "$PGXS_COPY" install PG_CONFIG="$PG_CONFIG") >"$BUILD_DIR/pgxs-build.log" 2>&1
    local rc=$?
    [ $rc -eq 0 ] || tail -n 40 "$BUILD_DIR/pgxs-build.log" >&2
    return $rc
}

# --- temporary directory and cleanup ------------------------------------------------------

# make_work_dir [DIR]: a fresh temporary directory, or DIR for a long-lived setup (start.sh).
make_work_dir() {
    if [ $# -gt 0 ]; then
        WORK_DIR=$1
        mkdir -p "$WORK_DIR"
    else
        WORK_DIR=$(mktemp -d /tmp/smartbill_fdw.XXXXXX)
    fi
    chmod 755 "$WORK_DIR"
    mkdir -p "$WORK_DIR/data" "$WORK_DIR/socket" "$WORK_DIR/log"
    if [ "$(id -u)" -eq 0 ]; then
        chown -R "$SB_OS_USER:" "$WORK_DIR/data" "$WORK_DIR/socket" "$WORK_DIR/log"
    fi
}

cleanup() {
    stop_simulator
    stop_postgres
    if [ -n "$WORK_DIR" ] && [ -d "$WORK_DIR" ]; then
        if [ "${SB_KEEP_TMP:-0}" = 1 ]; then
            log "kept $WORK_DIR"
        else
            rm -rf "$WORK_DIR"
        fi
    fi
    WORK_DIR=""
}

# EXIT covers normal ends and failures; INT/TERM exit so that EXIT runs once.
install_cleanup_trap() {
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# --- PostgreSQL ----------------------------------------------------------------------------

# initdb, pg_ctl and postgres refuse to run as root.
ensure_os_user() {
    [ "$(id -u)" -eq 0 ] || return 0
    id -u "$SB_OS_USER" >/dev/null 2>&1 && return 0
    log "creating user $SB_OS_USER"
    useradd --system --no-create-home --shell /usr/sbin/nologin "$SB_OS_USER"
}

as_pg_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd "$WORK_DIR" && runuser -u "$SB_OS_USER" -- "$@")
    else
        (cd "$WORK_DIR" && "$@")
    fi
}

pg_log_file() { echo "$WORK_DIR/log/postgresql.log"; }

start_postgres() {
    log "starting PostgreSQL on socket $WORK_DIR/socket, port $SB_PG_PORT"
    as_pg_owner "$PG_BIN/initdb" -D "$WORK_DIR/data" -U postgres --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 >"$WORK_DIR/log/initdb.log" 2>&1 || {
        cat "$WORK_DIR/log/initdb.log" >&2
        return 1
    }
    {
        echo "listen_addresses = ''"
        echo "port = $SB_PG_PORT"
        echo "unix_socket_directories = '$WORK_DIR/socket'"
        echo "fsync = off"
        echo "lc_messages = 'C'"
        # pg_cron lets suites schedule incremental loads (minute granularity).
        if [ -f "$("$PG_CONFIG" --pkglibdir)/pg_cron.so" ]; then
            echo "shared_preload_libraries = 'pg_cron'"
            echo "cron.database_name = 'postgres'"
            echo "cron.host = '$WORK_DIR/socket'"
        fi
    } >>"$WORK_DIR/data/postgresql.conf"
    as_pg_owner "$PG_BIN/pg_ctl" -D "$WORK_DIR/data" -l "$(pg_log_file)" -w -t 60 start \
        >/dev/null || {
        tail -n 30 "$(pg_log_file)" >&2
        return 1
    }
    PG_STARTED=1
    export PGHOST="$WORK_DIR/socket" PGPORT="$SB_PG_PORT" PGUSER=postgres PGDATABASE=postgres
}

stop_postgres() {
    [ "$PG_STARTED" = 1 ] || return 0
    as_pg_owner "$PG_BIN/pg_ctl" -D "$WORK_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
        as_pg_owner "$PG_BIN/pg_ctl" -D "$WORK_DIR/data" -m immediate -w stop >/dev/null 2>&1
    PG_STARTED=0
}

# A backend that died by a signal is a crash, whatever the suites printed.
server_crashed() {
    grep -E 'terminated by signal|server process .* was terminated' "$(pg_log_file)" 2>/dev/null
}

# --- simulator -----------------------------------------------------------------------------

sim_log_file() { echo "$WORK_DIR/log/simulator.log"; }

# Reads a string field from a flat JSON text: json_string FIELD < json.
json_string() {
    grep -o "\"$1\"[[:space:]]*:[[:space:]]*\"[^\"]*\"" | head -n 1 | sed 's/.*:[[:space:]]*"\(.*\)"$/\1/'
}

start_simulator() {
    local sim="$BUILD_DIR/smartbill-sim"
    if [ ! -x "$sim" ]; then
        warn "simulator not built ($sim)"
        return 1
    fi
    log "starting the simulator on 127.0.0.1:$SB_SIM_PORT"
    "$sim" --bind 127.0.0.1 --port "$SB_SIM_PORT" --seed "$SIM_SEED" --clock "fixed:$SIM_CLOCK" \
        --companies "$SIM_COMPANIES" --invoices-per-day "$SIM_INVOICES_PER_DAY" \
        >"$WORK_DIR/log/simulator.out" 2>"$(sim_log_file)" &
    SIM_PID=$!
    export SB_SIM_URL="http://127.0.0.1:$SB_SIM_PORT/sb-api/request/"
    export SB_SIM_CONTROL="http://127.0.0.1:$SB_SIM_PORT/_sim"
    local i
    for i in $(seq 1 100); do
        curl -fsS -o /dev/null "$SB_SIM_CONTROL/accounts" 2>/dev/null && break
        if ! kill -0 "$SIM_PID" 2>/dev/null; then
            warn "the simulator exited at start"
            tail -n 20 "$(sim_log_file)" >&2
            SIM_PID=""
            return 1
        fi
        sleep 0.1
    done
    if ! curl -fsS -o /dev/null "$SB_SIM_CONTROL/accounts"; then
        warn "the simulator does not answer on $SB_SIM_CONTROL/accounts"
        return 1
    fi
    load_sim_account || return 1
}

# Exports the account for the suites: SB_SEND_COM_REGNO, SB_SB_ID, SB_AUTH_CODE, SB_CORP_NUMS and
# a token from GET_TOKEN as SB_AUTH_TOKEN. Secrets go to the environment only, never to output.
load_sim_account() {
    local accounts
    accounts=$(curl -fsS "$SB_SIM_CONTROL/accounts") || return 1
    SB_SEND_COM_REGNO=$(json_string send_com_regno <<<"$accounts")
    SB_SB_ID=$(json_string sb_id <<<"$accounts")
    SB_AUTH_CODE=$(json_string auth_code <<<"$accounts")
    # Every 10-digit value in "companies" (or "corp_nums") is a linked SearchComRegno.
    SB_CORP_NUMS=$(tr -d '\n' <<<"$accounts" | grep -o '"\(companies\|corp_nums\)"[[:space:]]*:[[:space:]]*\[[^]]*\]' |
        grep -o '"[0-9]\{10\}"' | tr -d '"' | paste -sd, -)
    export SB_SEND_COM_REGNO SB_SB_ID SB_AUTH_CODE SB_CORP_NUMS
    if [ -z "$SB_SEND_COM_REGNO" ] || [ -z "$SB_AUTH_CODE" ]; then
        warn "could not read the account from $SB_SIM_CONTROL/accounts"
        return 1
    fi
    # The account carries a ready token; otherwise ask GET_TOKEN like a client would.
    SB_AUTH_TOKEN=$(json_string auth_token <<<"$accounts")
    if [ -z "$SB_AUTH_TOKEN" ]; then
        local now body answer
        now=$(date +%Y%m%d%H%M%S)
        body=$(printf '{"MessageId":"ci-token","Signal":"GET_TOKEN","RequestTime":"%s","SendComRegno":"%s","ServiceCode":"DTI","SbId":"%s","AuthCode":"%s","ExpirationDateCode":"Z"}' \
            "$now" "$SB_SEND_COM_REGNO" "$SB_SB_ID" "$SB_AUTH_CODE")
        answer=$(curl -fsS -H 'Content-Type: application/json' --data-binary @- "$SB_SIM_URL" <<<"$body") ||
            return 1
        SB_AUTH_TOKEN=$(json_string AUTH_TOKEN <<<"$answer")
    fi
    export SB_AUTH_TOKEN
    if [ -z "$SB_AUTH_TOKEN" ]; then
        warn "no auth token from the simulator"
        return 1
    fi
    log "simulator account ${SB_SEND_COM_REGNO}, companies ${SB_CORP_NUMS:-none listed}"
}

stop_simulator() {
    [ -n "$SIM_PID" ] || return 0
    kill "$SIM_PID" 2>/dev/null
    wait "$SIM_PID" 2>/dev/null
    SIM_PID=""
}

# --- common flow ---------------------------------------------------------------------------

# Packages, user, builds: prints nothing on success but progress lines. Returns non-zero when a
# build failed; callers decide whether that is fatal.
CMAKE_BUILD_OK=0
PGXS_BUILD_OK=0
prepare_everything() {
    ensure_packages || return 1
    ensure_os_user || return 1
    mkdir -p "$BUILD_DIR"
    build_cmake && CMAKE_BUILD_OK=1
    build_extension && PGXS_BUILD_OK=1
    return 0
}
