#!/usr/bin/env bash
# Throwaway PostgreSQL 15 + RabbitMQ 3.10 for the test suite (no systemd, no docker; run as root).
#
# Two ways to use it:
#   In a dev shell:   source scripts/services.sh; start_services      # exports INVENTORY_TEST_* here
#                     ...run dotnet test / psql / rabbitmqctl...
#                     stop_services
#   As a command:     bash scripts/services.sh start                  # prints: source <run dir>/env.sh
#                     bash scripts/services.sh stop [RUN_DIR]         # default: $INVENTORY_TEST_RUN_DIR, else the last started
#                     bash scripts/services.sh status [RUN_DIR]
# scripts/test.sh sources this file.
#
# Everything lives in one `mktemp -d` run directory (data, sockets, logs, env.sh, state.sh) that
# stop_services removes. Ports are picked free on 127.0.0.1, so an already-running PostgreSQL on
# 5432, RabbitMQ on 5672 or epmd on 4369 is never touched. RabbitMQ gets its own epmd on a private
# port (ERL_EPMD_PORT), started and stopped by pid, so no other Erlang node is ever affected.
#
# This file is sourced into interactive shells: it must not `exit`, not change shell options, and
# check every step itself (set -e does not apply inside functions called from `cmd || ...`).

SVC_PG_BIN_DEFAULT=/usr/lib/postgresql/15/bin
SVC_RABBITMQ_SERVER=/usr/sbin/rabbitmq-server   # Debian wrapper: as root it `su`s to user rabbitmq
SVC_RABBITMQCTL=/usr/sbin/rabbitmqctl           # same wrapper, so HOME (= the Erlang cookie) matches the server's
SVC_PORT_MIN=20000                              # below the kernel's ephemeral range (32768+) and
SVC_PORT_SPAN=12000                             # below RabbitMQ's CLI distribution ports (35672-35682)
SVC_PG_START_TIMEOUT=${SVC_PG_START_TIMEOUT:-60}
SVC_RABBITMQ_START_TIMEOUT=${SVC_RABBITMQ_START_TIMEOUT:-180}   # ~6 s idle; 30-45 s seen on a loaded 2-core box

# ---------------------------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------------------------
svc_log() { printf '[%s] %s\n' "$(date '+%H:%M:%S')" "$*"; }
svc_err() { printf '[%s] ERROR: %s\n' "$(date '+%H:%M:%S')" "$*" >&2; }

# Milliseconds since the epoch (for deadlines; no bare sleep loops anywhere).
_svc_now_ms() { local t; t=$(date +%s%N); echo $((t / 1000000)); }

# _svc_wait_until TIMEOUT_SECONDS CMD...: polls CMD every 0.2 s until it succeeds or time runs out.
_svc_wait_until() {
    local timeout=$1; shift
    local deadline=$(($(_svc_now_ms) + timeout * 1000))
    while true; do
        "$@" && return 0
        (($(_svc_now_ms) >= deadline)) && return 1
        sleep 0.2
    done
}

# True while PID exists and is not a zombie.
_svc_alive() {
    local pid=$1 state
    [[ -n $pid && -r /proc/$pid/stat ]] || return 1
    state=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1) || return 1
    [[ -n $state && $state != Z && $state != X ]]
}
_svc_dead() { ! _svc_alive "$1"; }

# True when PID is alive and its command name is NAME (guards against killing a reused pid).
_svc_pid_is() {
    local pid=$1 name=$2 comm
    _svc_alive "$pid" || return 1
    comm=$(cat "/proc/$pid/comm" 2>/dev/null) || return 1
    [[ $comm == "$name"* ]]
}

# Stops PID (only if its command is NAME): SIGTERM, wait up to TIMEOUT s, then SIGKILL.
_svc_kill_pid() {
    local pid=$1 name=$2 timeout=${3:-20}
    _svc_pid_is "$pid" "$name" || return 0
    kill -TERM "$pid" 2>/dev/null || true
    _svc_wait_until "$timeout" _svc_dead "$pid" && return 0
    svc_err "$name (pid $pid) ignored SIGTERM for ${timeout}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    _svc_wait_until 10 _svc_dead "$pid"
}

# Local TCP ports in use (any state), from /proc: needs neither ss nor python.
_svc_used_ports() {
    local f local_addr
    for f in /proc/net/tcp /proc/net/tcp6; do
        [[ -r $f ]] || continue
        while read -r _ local_addr _; do
            [[ $local_addr == *:* ]] || continue
            echo $((16#${local_addr##*:}))
        done <"$f"
    done
}

_svc_port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# svc_free_port [PORT_TO_AVOID...]: prints a free port on 127.0.0.1.
svc_free_port() {
    local used p i
    used=" $(_svc_used_ports | sort -un | tr '\n' ' ') $* "
    for ((i = 0; i < 500; i++)); do
        p=$((SVC_PORT_MIN + (RANDOM * 32768 + RANDOM) % SVC_PORT_SPAN))
        [[ $used == *" $p "* ]] && continue
        _svc_port_answers "$p" && continue
        echo "$p"
        return 0
    done
    svc_err "no free TCP port found in $SVC_PORT_MIN-$((SVC_PORT_MIN + SVC_PORT_SPAN))"
    return 1
}

# ---------------------------------------------------------------------------------------------
# packages (a fresh Debian 12 machine has none of this; `apt-get update` at most once)
# ---------------------------------------------------------------------------------------------
_SVC_APT_UPDATED=${_SVC_APT_UPDATED:-0}

_svc_pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }

# svc_apt_install PKG...: installs the packages that are not installed yet.
svc_apt_install() {
    local missing=() p
    for p in "$@"; do _svc_pkg_installed "$p" || missing+=("$p"); done
    ((${#missing[@]})) || return 0
    if [[ $(id -u) != 0 ]]; then svc_err "must run as root to install: ${missing[*]}"; return 1; fi
    local log
    log=$(mktemp "${TMPDIR:-/tmp}/inventory-apt.XXXXXX.log") || return 1
    if [[ $_SVC_APT_UPDATED != 1 ]]; then
        svc_log "apt-get update"
        if ! DEBIAN_FRONTEND=noninteractive apt-get update -q >"$log" 2>&1; then
            svc_err "apt-get update failed:"; tail -n 30 "$log" >&2; rm -f "$log"; return 1
        fi
        _SVC_APT_UPDATED=1
    fi
    svc_log "apt-get install ${missing[*]}"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o Dpkg::Use-Pty=0 "${missing[@]}" >"$log" 2>&1; then
        svc_err "apt-get install ${missing[*]} failed:"; tail -n 30 "$log" >&2; rm -f "$log"; return 1
    fi
    rm -f "$log"
}

# PostgreSQL + RabbitMQ (and epmd, which comes with erlang-base).
ensure_service_packages() {
    local want=()
    { _svc_pkg_installed postgresql && [[ -x $(svc_pg_bin)/initdb ]]; } || want+=(postgresql)
    { _svc_pkg_installed rabbitmq-server && [[ -x $SVC_RABBITMQ_SERVER ]]; } || want+=(rabbitmq-server)
    ((${#want[@]})) || return 0
    # an installed-but-broken package is reinstalled by listing it explicitly
    svc_apt_install "${want[@]}" || return 1
    [[ -x $(svc_pg_bin)/initdb ]] || { svc_err "initdb not found after installing postgresql"; return 1; }
    [[ -x $SVC_RABBITMQ_SERVER ]] || { svc_err "$SVC_RABBITMQ_SERVER not found after installing rabbitmq-server"; return 1; }
}

# node and npm come with these machines; just say so clearly when they do not.
ensure_node() {
    local t
    for t in node npm; do
        command -v "$t" >/dev/null 2>&1 || { svc_err "'$t' is not on PATH (node 20 + npm are expected on this machine)"; return 1; }
    done
}

# Chromium for the browser tests (tests/Web.Tests), installed from Debian when missing; called by test.sh.
# Microsoft.Playwright launches it with ExecutablePath=/usr/bin/chromium, headless,
# --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync.
ensure_chromium() {
    [[ -x /usr/bin/chromium ]] || svc_apt_install chromium || return 1
    export INVENTORY_TEST_CHROMIUM=/usr/bin/chromium
}

svc_pg_bin() {
    if [[ -n ${INVENTORY_TEST_PG_BIN:-} ]]; then echo "$INVENTORY_TEST_PG_BIN"; return; fi
    if [[ -x $SVC_PG_BIN_DEFAULT/initdb || ! -d /usr/lib/postgresql ]]; then echo "$SVC_PG_BIN_DEFAULT"; return; fi
    # not 15 (not Debian 12?): take the newest installed major version
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
    echo "${d:-$SVC_PG_BIN_DEFAULT}"
}

# ---------------------------------------------------------------------------------------------
# state: internal values live in $SVC_RUN_DIR/state.sh so `services.sh stop` works from another shell
# ---------------------------------------------------------------------------------------------
_SVC_STATE_VARS=(SVC_RUN_DIR SVC_PG_BIN_DIR SVC_PG_DATA SVC_PG_PORT SVC_PG_PID
    SVC_RMQ_DIR SVC_RMQ_NODE SVC_RMQ_PORT SVC_RMQ_DIST_PORT SVC_RMQ_PID SVC_EPMD_PORT SVC_EPMD_PID)

_svc_reset_state() { local v; for v in "${_SVC_STATE_VARS[@]}"; do eval "$v="; done; }

_svc_save_state() {
    local v
    [[ -d ${SVC_RUN_DIR:-} ]] || return 0
    for v in "${_SVC_STATE_VARS[@]}"; do printf '%s=%q\n' "$v" "${!v:-}"; done >"$SVC_RUN_DIR/state.sh"
}

_svc_last_file() { echo "${TMPDIR:-/tmp}/inventory-test-services.last"; }

# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------
_svc_as_postgres() { (cd "$SVC_RUN_DIR" && runuser -u postgres -- "$@"); }

start_postgres() {
    local bin dir data attempt port
    bin=$(svc_pg_bin)
    dir="$SVC_RUN_DIR/postgres"
    data="$dir/data"
    SVC_PG_BIN_DIR=$bin
    { mkdir -p "$dir" && chown postgres:postgres "$dir" && chmod 700 "$dir"; } || { svc_err "cannot create $dir"; return 1; }

    _svc_as_postgres "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync \
        >"$dir/initdb.log" 2>&1 || { svc_err "initdb failed:"; cat "$dir/initdb.log" >&2; return 1; }
    SVC_PG_DATA=$data
    _svc_save_state
    cat >>"$data/postgresql.conf" <<EOF

# --- throwaway test cluster (scripts/services.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$data'
max_connections = 300
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
max_wal_size = 1GB
timezone = 'UTC'
log_timezone = 'UTC'
log_min_duration_statement = -1
EOF

    # A port can be taken between picking and binding (another run): pick again.
    for attempt in 1 2 3; do
        # RabbitMQ may still be booting: its picked ports are not bound yet, so avoid them explicitly
        # shellcheck disable=SC2086  # unquoted on purpose: unset ones vanish
        port=$(svc_free_port ${SVC_RMQ_PORT:-} ${SVC_RMQ_DIST_PORT:-} ${SVC_EPMD_PORT:-}) || return 1
        if _svc_as_postgres "$bin/pg_ctl" -D "$data" -l "$dir/postgres.log" -w -t "$SVC_PG_START_TIMEOUT" \
            -o "-p $port" start >"$dir/pg_ctl.log" 2>&1; then
            SVC_PG_PORT=$port
            SVC_PG_PID=$(head -n1 "$data/postmaster.pid" 2>/dev/null)
            _svc_save_state
            if ! "$bin/psql" -X -q -t -A "host=127.0.0.1 port=$port user=postgres dbname=postgres" \
                -c 'select 1' >/dev/null 2>&1; then
                svc_err "PostgreSQL started but 'select 1' over TCP failed"
                return 1
            fi
            return 0
        fi
        svc_err "pg_ctl start on port $port failed (attempt $attempt):"
        tail -n 20 "$dir/pg_ctl.log" "$dir/postgres.log" >&2 2>/dev/null
    done
    return 1
}

stop_postgres() {
    local pid
    [[ -n ${SVC_PG_DATA:-} && -d $SVC_PG_DATA ]] || return 0
    pid=${SVC_PG_PID:-}
    [[ -z $pid && -r $SVC_PG_DATA/postmaster.pid ]] && pid=$(head -n1 "$SVC_PG_DATA/postmaster.pid")
    if [[ -n $pid ]] && _svc_alive "$pid"; then
        _svc_as_postgres "$SVC_PG_BIN_DIR/pg_ctl" -D "$SVC_PG_DATA" -m fast -w -t 30 stop >/dev/null 2>&1 ||
            _svc_as_postgres "$SVC_PG_BIN_DIR/pg_ctl" -D "$SVC_PG_DATA" -m immediate -w -t 15 stop >/dev/null 2>&1 ||
            _svc_kill_pid "$pid" postgres 5
        _svc_wait_until 15 _svc_dead "$pid" || { svc_err "PostgreSQL (pid $pid) is still running"; return 1; }
    fi
    SVC_PG_PID=
    return 0
}

# ---------------------------------------------------------------------------------------------
# RabbitMQ (+ its private epmd)
# ---------------------------------------------------------------------------------------------
# rabbitmqctl for our node; the wrapper switches to user rabbitmq (HOME=/var/lib/rabbitmq), exactly
# like the server, so both read the same ~/.erlang.cookie.
svc_rabbitmqctl() { ERL_EPMD_PORT=$SVC_EPMD_PORT "$SVC_RABBITMQCTL" -n "$SVC_RMQ_NODE" "$@"; }

# Cheap check (no CLI VM): has our node registered with our epmd yet?
_svc_rmq_registered() { epmd -port "$SVC_EPMD_PORT" -names 2>/dev/null | grep -q "^name ${SVC_RMQ_NODE%@*} at port"; }

_svc_rmq_ready() {
    local pid
    # died during boot? stop polling at once
    if [[ -r $SVC_RMQ_DIR/rabbit.pid ]]; then
        pid=$(<"$SVC_RMQ_DIR/rabbit.pid")
        if [[ -n $pid ]] && _svc_dead "$pid"; then _SVC_RMQ_DIED=1; return 0; fi
    fi
    # await_startup fails at once until the node has registered with epmd, hence the retrying;
    # polling epmd first saves starting a CLI VM (~1 s) for every early try
    _svc_rmq_registered || return 1
    svc_rabbitmqctl await_startup --timeout 10 >/dev/null 2>&1
}

_svc_start_epmd() {
    local port pid
    port=$(svc_free_port) || return 1
    # In a subshell without job control, the background job is no group leader, so setsid execs
    # epmd in place and $! is epmd's own pid. setsid keeps Ctrl-C in the terminal away from it.
    pid=$(setsid epmd -port "$port" -address 127.0.0.1 </dev/null >"$SVC_RMQ_DIR/epmd.log" 2>&1 & echo $!)
    SVC_EPMD_PID=$pid
    SVC_EPMD_PORT=$port
    _svc_save_state
    if ! _svc_wait_until 10 _svc_port_answers "$port"; then
        svc_err "epmd did not listen on port $port"; cat "$SVC_RMQ_DIR/epmd.log" >&2
        return 1
    fi
    _svc_pid_is "$pid" epmd || { svc_err "epmd pid $pid not found"; return 1; }
}

# _svc_rmq_prepare: config dir, node name and our own epmd.
_svc_rmq_prepare() {
    local dir="$SVC_RUN_DIR/rabbitmq"
    SVC_RMQ_DIR=$dir
    mkdir -p "$dir/mnesia" "$dir/log" "$dir/conf.d" || return 1
    printf '[].\n' >"$dir/enabled_plugins"   # no plugins: boots faster, nothing listens besides AMQP
    : >"$dir/rabbitmq-env.conf"               # instead of /etc/rabbitmq/rabbitmq-env.conf
    cat >"$dir/rabbitmq.conf" <<'EOF'
# throwaway test node (scripts/services.sh); listener address and port come from the environment
loopback_users.guest = true
log.console = false
log.file.level = info
disk_free_limit.absolute = 50MB
EOF
    chown -R rabbitmq:rabbitmq "$dir" || return 1
    SVC_RMQ_NODE="inventory-test-${SVC_RUN_DIR##*.}@localhost"
    _svc_start_epmd
}

# _svc_rmq_launch: starts the node detached on fresh free ports; returns at once.
_svc_rmq_launch() {
    local dir=$SVC_RMQ_DIR
    SVC_RMQ_PORT=$(svc_free_port "$SVC_EPMD_PORT") || return 1
    SVC_RMQ_DIST_PORT=$(svc_free_port "$SVC_EPMD_PORT" "$SVC_RMQ_PORT") || return 1
    rm -f "$dir/rabbit.pid"
    _svc_save_state
    # The Debian wrapper runs `su rabbitmq`, which keeps these variables (only HOME, SHELL,
    # USER, LOGNAME, PATH change). -detached: the VM daemonizes and this returns at once.
    (cd "$dir" && env \
        ERL_EPMD_PORT="$SVC_EPMD_PORT" \
        RABBITMQ_NODENAME="$SVC_RMQ_NODE" \
        RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
        RABBITMQ_NODE_PORT="$SVC_RMQ_PORT" \
        RABBITMQ_DIST_PORT="$SVC_RMQ_DIST_PORT" \
        RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
        RABBITMQ_MNESIA_BASE="$dir/mnesia" \
        RABBITMQ_LOG_BASE="$dir/log" \
        RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" \
        RABBITMQ_CONFIG_FILES="$dir/conf.d" \
        RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config" \
        RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
        RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf" \
        RABBITMQ_PID_FILE="$dir/rabbit.pid" \
        "$SVC_RABBITMQ_SERVER" -detached) </dev/null >>"$dir/startup.log" 2>&1 ||
        { svc_err "rabbitmq-server -detached failed:"; cat "$dir/startup.log" >&2; return 1; }
}

# _svc_rmq_await: waits until the launched node has booted; on failure shows the log and
# stops whatever half-started.
_svc_rmq_await() {
    _SVC_RMQ_DIED=0
    if _svc_wait_until "$SVC_RABBITMQ_START_TIMEOUT" _svc_rmq_ready && [[ $_SVC_RMQ_DIED == 0 ]]; then
        SVC_RMQ_PID=$(cat "$SVC_RMQ_DIR/rabbit.pid" 2>/dev/null)
        _svc_save_state
        _svc_port_answers "$SVC_RMQ_PORT" && return 0
        svc_err "RabbitMQ is up but AMQP port $SVC_RMQ_PORT does not answer"
    else
        svc_err "RabbitMQ node $SVC_RMQ_NODE did not start within ${SVC_RABBITMQ_START_TIMEOUT}s; last log lines:"
    fi
    tail -n 30 "$SVC_RMQ_DIR/startup.log" "$SVC_RMQ_DIR/log/$SVC_RMQ_NODE.log" >&2 2>/dev/null
    stop_rabbitmq_node
    return 1
}

# start_rabbitmq: prepare + launch + await, one retry on fresh ports.
start_rabbitmq() {
    _svc_rmq_prepare || return 1
    _svc_rmq_launch && _svc_rmq_await && return 0
    svc_log "retrying RabbitMQ on other ports"
    _svc_rmq_launch && _svc_rmq_await
}

# Pids of beam.smp processes started for THIS run dir (found by RABBITMQ_MNESIA_BASE in their
# environment), for a node that died or hung before writing its pid file.
_svc_our_beams() {
    local d comm
    [[ -n ${SVC_RMQ_DIR:-} ]] || return 0
    for d in /proc/[0-9]*; do
        comm=$(cat "$d/comm" 2>/dev/null) || continue
        [[ $comm == beam.smp ]] || continue
        tr '\0' '\n' <"$d/environ" 2>/dev/null | grep -qxF "RABBITMQ_MNESIA_BASE=$SVC_RMQ_DIR/mnesia" && echo "${d#/proc/}"
    done
}

stop_rabbitmq_node() {
    local pid pids=() rc=0
    pid=${SVC_RMQ_PID:-}
    [[ -z $pid && -n ${SVC_RMQ_DIR:-} && -r $SVC_RMQ_DIR/rabbit.pid ]] && pid=$(<"$SVC_RMQ_DIR/rabbit.pid")
    [[ -n $pid ]] && pids+=("$pid")
    for pid in $(_svc_our_beams); do [[ " ${pids[*]} " == *" $pid "* ]] || pids+=("$pid"); done
    # RabbitMQ 3.10 treats SIGTERM as a graceful stop: ~1 s, against ~4 s for `rabbitmqctl shutdown`
    # (which first boots a CLI VM). SIGKILL after 30 s.
    for pid in ${pids[@]+"${pids[@]}"}; do
        _svc_kill_pid "$pid" beam 30
        _svc_dead "$pid" || { svc_err "RabbitMQ (pid $pid) is still running"; rc=1; }
    done
    SVC_RMQ_PID=
    return $rc
}

stop_rabbitmq() {
    local rc=0
    stop_rabbitmq_node || rc=1
    if [[ -n ${SVC_EPMD_PID:-} ]]; then
        _svc_kill_pid "$SVC_EPMD_PID" epmd 10 || rc=1
        SVC_EPMD_PID=
    fi
    return $rc
}

# ---------------------------------------------------------------------------------------------
# env for the tests
# ---------------------------------------------------------------------------------------------
_svc_write_env() {
    cat >"$SVC_RUN_DIR/env.sh" <<EOF
# Test services started by scripts/services.sh at $(date '+%F %T'); stop with:
#   bash $(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/services.sh stop $SVC_RUN_DIR
export INVENTORY_TEST_RUN_DIR='$SVC_RUN_DIR'
export INVENTORY_TEST_POSTGRES='Host=127.0.0.1;Port=$SVC_PG_PORT;Username=postgres;Password=postgres'
export INVENTORY_TEST_PG_BIN='$SVC_PG_BIN_DIR'
export INVENTORY_TEST_RABBITMQ='amqp://guest:guest@127.0.0.1:$SVC_RMQ_PORT/'
export INVENTORY_TEST_RABBITMQ_NODE='$SVC_RMQ_NODE'
export INVENTORY_TEST_RABBITMQCTL='$SVC_RABBITMQCTL'
# rabbitmqctl -n \$INVENTORY_TEST_RABBITMQ_NODE stop_app|start_app needs our private epmd port:
export ERL_EPMD_PORT='$SVC_EPMD_PORT'
export RABBITMQ_NODENAME='$SVC_RMQ_NODE'
EOF
}

# ---------------------------------------------------------------------------------------------
# public entry points
# ---------------------------------------------------------------------------------------------

# start_services: installs what is missing, starts both services, exports INVENTORY_TEST_* into
# this shell and writes them to $INVENTORY_TEST_RUN_DIR/env.sh.
start_services() {
    local t0 t1 base
    if [[ $(id -u) != 0 ]]; then svc_err "start_services must run as root (it runs the servers as postgres/rabbitmq)"; return 1; fi
    if [[ -n ${SVC_RUN_DIR:-} && -d ${SVC_RUN_DIR:-/nonexistent} ]]; then
        svc_err "services already started in $SVC_RUN_DIR (stop_services first)"; return 1
    fi
    ensure_service_packages || return 1
    _svc_reset_state
    base=${INVENTORY_TEST_TMPDIR:-/tmp}
    SVC_RUN_DIR=$(mktemp -d "$base/inventory-test.XXXXXX") || { svc_err "mktemp -d in $base failed"; return 1; }
    # the postgres and rabbitmq users must be able to enter it
    chmod 755 "$SVC_RUN_DIR" || return 1
    _svc_save_state
    echo "$SVC_RUN_DIR" >"$(_svc_last_file)" 2>/dev/null || true

    # RabbitMQ boots in ~5 s: launch it first and start PostgreSQL (~1.5 s) meanwhile
    t0=$(_svc_now_ms)
    svc_log "launching RabbitMQ (detached)"
    { _svc_rmq_prepare && _svc_rmq_launch; } || { stop_services; return 1; }

    t1=$(_svc_now_ms)
    svc_log "starting PostgreSQL ($(svc_pg_bin))"
    start_postgres || { stop_services; return 1; }
    svc_log "PostgreSQL ready on 127.0.0.1:$SVC_PG_PORT in $(($(_svc_now_ms) - t1)) ms"

    if ! _svc_rmq_await; then
        svc_log "retrying RabbitMQ on other ports"
        { _svc_rmq_launch && _svc_rmq_await; } || { stop_services; return 1; }
    fi
    svc_log "RabbitMQ $SVC_RMQ_NODE ready on 127.0.0.1:$SVC_RMQ_PORT (epmd $SVC_EPMD_PORT) $(($(_svc_now_ms) - t0)) ms after launch"

    _svc_write_env
    # shellcheck source=/dev/null
    source "$SVC_RUN_DIR/env.sh"
    svc_log "env: source $SVC_RUN_DIR/env.sh"
}

# stop_services [RUN_DIR]: stops PostgreSQL, RabbitMQ and our epmd (by pid) and removes the run dir.
# With SVC_KEEP_LOGS_DIR set, the service logs are copied there first.
stop_services() {
    local dir=${1:-} rc=0 t0
    if [[ -n $dir ]]; then
        [[ -r $dir/state.sh ]] || { svc_err "$dir/state.sh not found"; return 1; }
        _svc_reset_state
        # shellcheck source=/dev/null
        source "$dir/state.sh"
    fi
    [[ -n ${SVC_RUN_DIR:-} ]] || return 0
    local t1 t2
    t0=$(_svc_now_ms)
    stop_rabbitmq || rc=1
    t1=$(_svc_now_ms)
    stop_postgres || rc=1
    t2=$(_svc_now_ms)
    if [[ -n ${SVC_KEEP_LOGS_DIR:-} && -d $SVC_RUN_DIR ]]; then
        mkdir -p "$SVC_KEEP_LOGS_DIR" &&
            cp -f "$SVC_RUN_DIR"/postgres/*.log "$SVC_RUN_DIR"/rabbitmq/log/*.log "$SVC_RUN_DIR"/rabbitmq/*.log \
                "$SVC_KEEP_LOGS_DIR"/ 2>/dev/null
    fi
    if ((rc == 0)); then
        case $SVC_RUN_DIR in
            */inventory-test.*) rm -rf "$SVC_RUN_DIR" ;;
            *) svc_err "not removing unexpected run dir '$SVC_RUN_DIR'" ;;
        esac
        [[ $(cat "$(_svc_last_file)" 2>/dev/null) == "$SVC_RUN_DIR" ]] && rm -f "$(_svc_last_file)"
        svc_log "services stopped in $(($(_svc_now_ms) - t0)) ms (RabbitMQ+epmd $((t1 - t0)) ms, PostgreSQL $((t2 - t1)) ms)"
    else
        svc_err "some service did not stop; leaving $SVC_RUN_DIR in place"
    fi
    if [[ ${INVENTORY_TEST_RUN_DIR:-} == "$SVC_RUN_DIR" ]]; then
        unset INVENTORY_TEST_RUN_DIR INVENTORY_TEST_POSTGRES INVENTORY_TEST_PG_BIN INVENTORY_TEST_RABBITMQ \
            INVENTORY_TEST_RABBITMQ_NODE INVENTORY_TEST_RABBITMQCTL ERL_EPMD_PORT RABBITMQ_NODENAME
    fi
    _svc_reset_state
    return $rc
}

services_status() {
    local dir=${1:-${SVC_RUN_DIR:-${INVENTORY_TEST_RUN_DIR:-}}}
    [[ -n $dir && -r $dir/state.sh ]] || { echo "no services running (no state.sh)"; return 1; }
    (
        # shellcheck source=/dev/null
        source "$dir/state.sh"
        echo "run dir:    $SVC_RUN_DIR"
        echo "postgres:   127.0.0.1:$SVC_PG_PORT pid $SVC_PG_PID $(_svc_alive "$SVC_PG_PID" && echo up || echo DOWN)"
        echo "rabbitmq:   $SVC_RMQ_NODE 127.0.0.1:$SVC_RMQ_PORT pid $SVC_RMQ_PID $(_svc_alive "$SVC_RMQ_PID" && echo up || echo DOWN)"
        echo "epmd:       127.0.0.1:$SVC_EPMD_PORT pid $SVC_EPMD_PID $(_svc_alive "$SVC_EPMD_PID" && echo up || echo DOWN)"
        echo "env:        source $SVC_RUN_DIR/env.sh"
    )
}

# ---------------------------------------------------------------------------------------------
# command-line use
# ---------------------------------------------------------------------------------------------
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -uo pipefail
    case ${1:-} in
        start)
            start_services || exit 1
            echo "Started. In your shell:  source $SVC_RUN_DIR/env.sh"
            echo "Stop with:               bash $0 stop"
            ;;
        stop)
            dir=${2:-${INVENTORY_TEST_RUN_DIR:-$(cat "$(_svc_last_file)" 2>/dev/null)}}
            [[ -n $dir ]] || { svc_err "which run dir? (none given, no INVENTORY_TEST_RUN_DIR, no $(_svc_last_file))"; exit 1; }
            stop_services "$dir" || exit 1
            ;;
        status)
            services_status "${2:-${INVENTORY_TEST_RUN_DIR:-$(cat "$(_svc_last_file)" 2>/dev/null)}}" || exit 1
            ;;
        *)
            echo "usage: $0 start | stop [RUN_DIR] | status [RUN_DIR]    (or: source $0; start_services; ...; stop_services)" >&2
            exit 2
            ;;
    esac
fi
