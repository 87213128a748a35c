#!/usr/bin/env bash
# Reservation benchmark: reserveStock over HTTP on PostgreSQL, reported as ratios against pgbench baselines
# measured in the same run on the same PostgreSQL (the machines are shared and noisy: absolute figures drift,
# ratios much less).
#   source scripts/services.sh && start_services
#   bash bench/reservations.sh [seconds-per-scenario] [connections]      (defaults 15 and 32)
#   INVENTORY_BENCH_DURABLE=1 bash bench/reservations.sh ...            (fsync and synchronous_commit on)
#   INVENTORY_BENCH_HOST_ARGS="--Stock:Writes:MaxBatchSize 1" bash bench/reservations.sh ...   (one write per transaction)
#
# What it does, in one run against the PostgreSQL of INVENTORY_TEST_POSTGRES:
#  1. builds and starts the host in Release on PostgreSQL (databases <prefix>_system and <prefix>_demo), signs
#     in as the demo tenant's administrator, creates 1,000 products RSV-0001..RSV-1000 plus RSV-HOT and RSV-LAST,
#     waits until Stock knows them and receives stock into MAIN (1,000,000 each, 100,000,000 of RSV-HOT,
#     1 of RSV-LAST, topped up before scenario C) (bench/reservations_setup.py);
#  2. copies the tenant's stock schema with its data into a scratch database and runs the pgbench baselines
#     there, each with the same number of clients as the HTTP scenarios have connections: the built-in
#     simple-update (on its own scratch database after pgbench -i), the guarded UPDATE alone
#     (bench/guarded-update.sql) over 1,000 rows and on one row, and the statements of one reservation in
#     their round trips without the host (bench/reserve-transaction.sql), over 1,000 rows and on one row;
#  3. HTTP scenarios with wrk (bench/reserve.lua: a unique idempotency key per request, one line of 1 unit,
#     ttlSeconds 900), after a 10 s warm-up over the 1,000 SKUs before the baselines (so that the runtime's
#     tiered compilation is done): A over the 1,000 SKUs at random, B all on RSV-HOT, each after a further
#     3 s warm-up, and C
#     all on RSV-LAST without warm-up, stocked with what B reserved in a third of its run (at least 100 units),
#     so that it sells out early in the run (then refusals with INSUFFICIENT_STOCK);
#  4. checks the tenant database: no level promises more than it has, every level's reserved equals its
#     ledger and its held reservation lines, RSV-LAST reserved exactly what it had; counts every answer
#     that is not a reservation or INSUFFICIENT_STOCK;
#  5. prints a Markdown table for docs/benchmarks.md; stops the host and drops every database it created.
# Needs wrk (installed by apt-get when missing) and pgbench ($INVENTORY_TEST_PG_BIN). Not part of the tests.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-15}"
clients="${2:-32}"
warmup=3
warmup_first=10
sku_count=1000
[[ -n "${INVENTORY_TEST_POSTGRES:-}" ]] || { echo "INVENTORY_TEST_POSTGRES is not set: source scripts/services.sh && start_services" >&2; exit 1; }
pg_bin="${INVENTORY_TEST_PG_BIN:-/usr/lib/postgresql/15/bin}"
[[ -x "$pg_bin/pgbench" ]] || { echo "pgbench not found in $pg_bin" >&2; exit 1; }
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null; }

declare -A pg=()
IFS=';' read -ra parts <<<"$INVENTORY_TEST_POSTGRES"
for part in "${parts[@]}"; do [[ "$part" == *=* ]] && pg["${part%%=*}"]="${part#*=}"; done
export PGHOST="${pg[Host]}" PGPORT="${pg[Port]:-5432}" PGUSER="${pg[Username]}" PGPASSWORD="${pg[Password]:-}"

prefix="bench_rsv_$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
tenant_db="${prefix}_demo"
scratch_db="${prefix}_scratch"
pgbench_db="${prefix}_pgbench"
work="$(mktemp -d)"
host_pid=""

sql() { local db="$1"; shift; "$pg_bin/psql" -X -qAt -v ON_ERROR_STOP=1 -d "$db" "$@"; }

cleanup() {
  if [[ -n "$host_pid" ]]; then kill "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true; fi
  local db
  for db in $(sql postgres -c "SELECT datname FROM pg_database WHERE starts_with(datname, '${prefix}')" 2>/dev/null); do
    sql postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || echo "could not drop $db" >&2
  done
  rm -rf "$work"
  if [[ "${INVENTORY_BENCH_DURABLE:-}" == 1 ]]; then
    sql postgres -c "ALTER SYSTEM RESET fsync" -c "ALTER SYSTEM RESET synchronous_commit" -c "SELECT pg_reload_conf()" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

# INVENTORY_BENCH_DURABLE=1: the run's server commits the way production does (fsync and synchronous_commit on,
# both reloadable without a restart); the test servers of scripts/services.sh run with both off. Reset at the end.
if [[ "${INVENTORY_BENCH_DURABLE:-}" == 1 ]]; then
  sql postgres -c "ALTER SYSTEM SET fsync = on" -c "ALTER SYSTEM SET synchronous_commit = on" -c "SELECT pg_reload_conf()" >/dev/null
  sleep 1
fi
durability="fsync $(sql postgres -c 'SHOW fsync'), synchronous_commit $(sql postgres -c 'SHOW synchronous_commit')"

log() { printf '[%s] %s\n' "$(date '+%H:%M:%S')" "$*" >&2; }

# ---- 1. host and data -------------------------------------------------------------------------------
# INVENTORY_BENCH_HOST_DLL runs another build of the host (an older commit built in a worktree, for before and
# after in one session); INVENTORY_BENCH_HOST_ARGS adds settings, e.g. "--Stock:Writes:MaxBatchSize 1" for the
# engine's one-write-per-transaction strategy.
if [[ -n "${INVENTORY_BENCH_HOST_DLL:-}" ]]; then
  host_dll="$INVENTORY_BENCH_HOST_DLL"
else
  log "building the host (Release)"
  dotnet build "$root/src/Host" -c Release -v q -nologo >/dev/null
  host_dll="$root/src/Host/bin/Release/net10.0/Inventory.Host.dll"
fi
read -ra host_args <<<"${INVENTORY_BENCH_HOST_ARGS:-}"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
url="http://127.0.0.1:$port/graphql"
mkdir -p "$work/data"
(cd "$root/src/Host" && exec dotnet "$host_dll" --urls "http://127.0.0.1:$port" --Database:DataFolder "$work/data" \
  --Logging:LogLevel:Default Warning --Database:Provider PostgreSql \
  --Database:ConnectionTemplate "${INVENTORY_TEST_POSTGRES};Database=${prefix}_{tenant};Maximum Pool Size=64" \
  --GraphQL:Cost:MaximumAvailable 0 "${host_args[@]}") >"$work/host.log" 2>&1 &
host_pid=$!
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { cat "$work/host.log" >&2; exit 1; }
log "host ready on port $port; creating $sku_count products and receiving stock"
token="$(python3 "$root/bench/reservations_setup.py" "$url" "$work/data/demo-admin.txt" RSV- "$sku_count" 1000000 RSV-HOT 100000000 RSV-LAST 1)"
last_stock=1

# ---- 2. scratch copies for pgbench -------------------------------------------------------------------
log "copying the stock schema into $scratch_db; pgbench -i on $pgbench_db"
sql postgres -c "CREATE DATABASE \"$scratch_db\"" -c "CREATE DATABASE \"$pgbench_db\""
"$pg_bin/pg_dump" -n stock "$tenant_db" | sql "$scratch_db" >/dev/null
sql "$scratch_db" <<'SQL' >/dev/null
CREATE TABLE bench_level_ids AS
  SELECT (row_number() OVER (ORDER BY sku_key))::int AS n, id, sku_key, warehouse_id
    FROM stock.stock_levels WHERE sku_key ~ '^RSV-[0-9]+$';
INSERT INTO bench_level_ids SELECT 0, id, sku_key, warehouse_id FROM stock.stock_levels WHERE sku_key = 'RSV-HOT';
ALTER TABLE bench_level_ids ADD PRIMARY KEY (n);
VACUUM ANALYZE;
SQL
[[ "$(sql "$scratch_db" -c "SELECT count(*) FROM bench_level_ids")" == "$((sku_count + 1))" ]] || { echo "scratch copy has not $((sku_count + 1)) levels" >&2; exit 1; }
"$pg_bin/pgbench" -i -q -s 1 "$pgbench_db" >"$work/pgbench-init.log" 2>&1 || { cat "$work/pgbench-init.log" >&2; exit 1; }

# ---- measuring --------------------------------------------------------------------------------------
# CPU time, from /proc (the server is on this machine): of the host process, and of PostgreSQL (the postmaster
# with the CPU of its reaped children, plus every live child: backends, WAL writer, autovacuum...). Divided by
# the transactions or requests of a scenario, it says where the time goes, and drifts less with the machine's
# load than throughput does.
clk_tck="$(getconf CLK_TCK)"
postmaster="$(head -n1 "$(sql postgres -c 'SHOW data_directory')/postmaster.pid" 2>/dev/null || true)"
ticks() { # ticks WITH-CHILDREN PID...: utime + stime (+ cutime + cstime) in clock ticks
  local with="$1" total=0 pid f; shift
  for pid in "$@"; do
    read -ra f < <(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null) || continue
    ((${#f[@]} > 14)) || continue
    total=$((total + f[11] + f[12]))
    [[ "$with" == yes ]] && total=$((total + f[13] + f[14]))
  done
  echo "$total"
}
pg_ticks() { [[ -n "$postmaster" ]] || { echo 0; return; }; ticks yes "$postmaster" $(ps -o pid= --ppid "$postmaster"); }
host_ticks() { ticks no "$host_pid"; }
declare -A pg_cpu=() host_cpu=()
# cpu_start / cpu_stop NAME COUNT: CPU milliseconds per transaction or request of scenario NAME.
cpu_start() { cpu_pg0="$(pg_ticks)"; cpu_host0="$(host_ticks)"; }
cpu_stop() {
  local name="$1" count="$2"
  pg_cpu[$name]="$(awk -v d="$(($(pg_ticks) - cpu_pg0))" -v n="$count" -v hz="$clk_tck" 'BEGIN { printf "%.2f", (n > 0 ? d * 1000 / hz / n : 0) }')"
  host_cpu[$name]="$(awk -v d="$(($(host_ticks) - cpu_host0))" -v n="$count" -v hz="$clk_tck" 'BEGIN { printf "%.2f", (n > 0 ? d * 1000 / hz / n : 0) }')"
}

declare -A rps=() p50=() p99=() answers=()
problems=()

# run_pgbench NAME DB ARGS...: clients as the HTTP scenarios have connections, per-transaction log for percentiles.
run_pgbench() {
  local name="$1" db="$2"; shift 2
  log "pgbench: $name"
  local out
  cpu_start
  out="$("$pg_bin/pgbench" -n -c "$clients" -j 2 -T "$seconds" -l --log-prefix="$work/pgb-$name" "$@" "$db" 2>&1)" || {
    echo "$out" >&2; problems+=("pgbench $name failed"); rps[$name]=0; p50[$name]=0; p99[$name]=0; answers[$name]="failed"; return; }
  rps[$name]="$(awk '/^tps = / {print $3}' <<<"$out")"
  cpu_stop "$name" "$(awk '/number of transactions actually processed/ {split($NF, a, "/"); print a[1]}' <<<"$out")"
  local percentiles
  percentiles="$(python3 - "$work"/pgb-"$name".* <<'PY'
import sys
latencies = sorted(int(line.split()[2]) for path in sys.argv[1:] for line in open(path) if line.strip())
print(latencies[len(latencies) // 2], latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))])
PY
)"
  p50[$name]="${percentiles% *}"; p99[$name]="${percentiles#* }"
  local failed
  failed="$(awk -F'[: ]+' '/number of failed transactions/ {print $5}' <<<"$out")"
  answers[$name]="${failed:-0} failed"
  rm -f "$work"/pgb-"$name".*
}

# drain_outbox: waits until the host has dispatched every stock outbox message (two per reservation), so that
# a scenario's CPU includes dispatching its events and the next measurement starts on an idle host; prints
# the seconds it waited.
drain_outbox() {
  local started now pending
  started="$(date +%s.%N)"
  while true; do
    pending="$(sql "$tenant_db" -c "SELECT count(*) FROM stock.outbox_messages WHERE status = 0")"
    now="$(date +%s.%N)"
    ((pending == 0)) && break
    if awk -v a="$now" -v b="$started" 'BEGIN { exit !(a - b > 180) }'; then
      echo "not drained, $pending pending after 180"; return
    fi
    sleep 0.2
  done
  awk -v a="$now" -v b="$started" 'BEGIN { printf "%.1f", a - b }'
}

total_reserved=0
# run_http NAME WARMUP ENV...: a warm-up (when WARMUP is yes), then the measured run; wrk's RESULT line
# comes from bench/reserve.lua.
run_http() {
  local name="$1" phases="warmup measured"; shift
  [[ "$1" == yes ]] || phases="measured"
  shift
  log "wrk: $name"
  local out result
  for phase in $phases; do
    local duration="$seconds"
    [[ "$phase" == warmup ]] && duration="$warmup"
    [[ "$name" == warmup ]] && duration="$warmup_first"
    cpu_start
    out="$(env TOKEN="$token" RUN_ID="$prefix-$name-$phase" "$@" wrk -t2 -c"$clients" -d"${duration}s" --timeout 30s \
      -s "$root/bench/reserve.lua" "$url")"
    result="$(grep '^RESULT ' <<<"$out")" || { echo "$out" >&2; problems+=("wrk $name $phase printed no result"); return; }
    local -A r=()
    for kv in ${result#RESULT }; do r["${kv%%=*}"]="${kv#*=}"; done
    total_reserved=$((total_reserved + r[reserved]))
    if ((r[other] + r[non2xx] + r[socket_errors] > 0)); then
      problems+=("$name $phase: ${r[other]} other answers, ${r[non2xx]} non-2xx, ${r[socket_errors]} socket errors; $(grep '^SAMPLE ' <<<"$out" || true)")
    fi
    local drained
    drained="$(drain_outbox)"
    [[ "$drained" == not* ]] && problems+=("$name $phase: outbox $drained s")
    if [[ "$phase" == measured ]]; then
      cpu_stop "$name" "${r[requests]}"
      rps[$name]="${r[rps]}"; p50[$name]="${r[p50_us]}"; p99[$name]="${r[p99_us]}"
      answers[$name]="${r[reserved]} reserved, ${r[insufficient]} INSUFFICIENT_STOCK, ${r[other]} other, ${r[non2xx]} non-2xx, ${r[socket_errors]} socket errors; outbox drained ${drained} s after the run"
    fi
  done
}

# A first warm-up of the reservation path right after the setup: the runtime's tiered compilation finishes
# in the background while the pgbench baselines run, so no HTTP scenario is measured on unoptimized code.
run_http warmup no SKU_PREFIX=RSV- SKU_COUNT="$sku_count"

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
# Interleaved, so drifting machine load spreads over baselines and scenarios alike.
run_pgbench simple-update "$pgbench_db" -b simple-update
run_pgbench guarded-many "$scratch_db" -f "$root/bench/guarded-update.sql" -D lo=1 -D hi="$sku_count"
run_pgbench sql-many "$scratch_db" -f "$root/bench/reserve-transaction.sql" -D lo=1 -D hi="$sku_count"
run_http http-many yes SKU_PREFIX=RSV- SKU_COUNT="$sku_count"
run_pgbench guarded-one "$scratch_db" -f "$root/bench/guarded-update.sql" -D lo=0 -D hi=0
run_pgbench sql-one "$scratch_db" -f "$root/bench/reserve-transaction.sql" -D lo=0 -D hi=0
run_http http-hot yes HOT_SKU=RSV-HOT
# C's stock: what B reserved in about a third of its run (at least 100), so C sells out early on.
more="$(awk -v r="${rps[http-hot]:-0}" -v s="$seconds" 'BEGIN { n = int(r * s / 3); print (n < 100 ? 100 : n) - 1 }')"
body="$(python3 -c 'import json, sys; print(json.dumps({"query": "mutation($i: ReceiveStockInput!, $k: String!) { receiveStock(input: $i, idempotencyKey: $k) { stockLevel { onHand } userErrors { code } } }", "variables": {"i": {"sku": "RSV-LAST", "warehouseCode": "MAIN", "quantity": int(sys.argv[1])}, "k": "bench-sellout"}}))' "$more")"
answer="$(curl -sf "$url" -H 'Content-Type: application/json' -H "Authorization: Bearer $token" -d "$body")" || true
last_stock=$((last_stock + more))
grep -q "\"onHand\":$last_stock[,}]" <<<"$answer" || { echo "receiving $more of RSV-LAST answered: $answer" >&2; exit 1; }
run_http http-sellout no HOT_SKU=RSV-LAST

load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---- 4. checks --------------------------------------------------------------------------------------
log "checking the tenant database"
oversold="$(sql "$tenant_db" -c "SELECT count(*) FROM stock.stock_levels WHERE reserved > on_hand
  OR (NOT allow_backorder AND on_hand - reserved - committed - damaged - safety_stock < 0)")"
ledger_off="$(sql "$tenant_db" -c "SELECT count(*) FROM stock.stock_levels AS l WHERE l.reserved <>
  COALESCE((SELECT sum(m.reserved_delta) FROM stock.stock_movements AS m WHERE m.level_id = l.id), 0)")"
lines_off="$(sql "$tenant_db" -c "SELECT count(*) FROM stock.stock_levels AS l WHERE l.reserved <>
  COALESCE((SELECT sum(rl.quantity) FROM stock.reservation_lines AS rl JOIN stock.reservations AS r ON r.id = rl.reservation_id
            WHERE rl.level_id = l.id AND r.status = 'Held'), 0)")"
held="$(sql "$tenant_db" -c "SELECT count(*) FROM stock.reservations WHERE status = 'Held'")"
IFS='|' read -r last_on_hand last_reserved < <(sql "$tenant_db" -c "SELECT on_hand, reserved FROM stock.stock_levels WHERE sku_key = 'RSV-LAST'")
((oversold == 0)) || problems+=("$oversold levels promise more than they have")
((ledger_off == 0)) || problems+=("$ledger_off levels whose reserved differs from the ledger")
((lines_off == 0)) || problems+=("$lines_off levels whose reserved differs from their held reservation lines")
((last_reserved == last_stock && last_on_hand == last_stock)) || problems+=("RSV-LAST: on hand $last_on_hand, reserved $last_reserved (expected $last_stock of $last_stock: did it sell out?)")
# Requests still in flight when wrk stops are answered after wrk counted: the database may hold a few more.
((held >= total_reserved)) || problems+=("$held held reservations in the database, but wrk counted $total_reserved reserved answers")

# ---- 5. table ---------------------------------------------------------------------------------------
ms() { awk -v us="$1" 'BEGIN { printf "%.2f ms", us / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else printf "n/a" }'; }
row() { # row NAME LABEL GUARDED-BASELINE
  printf '| %s | %.0f | %s | %s | %s | %s | %s | %s | %s |\n' "$2" "${rps[$1]}" "$(ms "${p50[$1]}")" "$(ms "${p99[$1]}")" \
    "$(ratio "${rps[$1]}" "${rps[simple-update]}")" "$(ratio "${rps[$1]}" "${rps[$3]}")" "${pg_cpu[$1]}" "${host_cpu[$1]}" "${answers[$1]}"
}
echo
echo "$clients clients/connections, ${seconds} s per scenario, $sku_count SKUs, $(nproc) cores, PostgreSQL with $durability, host arguments '${INVENTORY_BENCH_HOST_ARGS:-}', load average $load_before before and $load_after after the measurements; ratio to guarded UPDATE: against the 1,000-row variant for the many-SKU rows, the one-row variant for the one-SKU rows; CPU each: CPU time of PostgreSQL and of the host from the start of a run until the stock outbox was drained, per transaction or request."
echo
echo "| scenario | transactions or requests/s | p50 | p99 | ratio to simple-update | ratio to guarded UPDATE | PostgreSQL CPU ms each | host CPU ms each | answers |"
echo "|---|---|---|---|---|---|---|---|---|"
row simple-update "pgbench simple-update (baseline)" guarded-many
row guarded-many "pgbench guarded UPDATE, 1,000 rows (baseline)" guarded-many
row guarded-one "pgbench guarded UPDATE, one row (baseline)" guarded-one
row sql-many "pgbench reservation statements, 1,000 rows" guarded-many
row sql-one "pgbench reservation statements, one row" guarded-one
row http-many "A: reserveStock over HTTP, 1,000 SKUs" guarded-many
row http-hot "B: reserveStock over HTTP, one hot SKU" guarded-one
row http-sellout "C: reserveStock over HTTP, one SKU selling out ($last_stock units)" guarded-one
echo
echo "Checks: $oversold levels oversold; $ledger_off levels off their ledger; $lines_off levels off their held lines; $held held reservations (wrk counted $total_reserved reserved answers, warm-ups included); RSV-LAST on hand $last_on_hand, reserved $last_reserved."
if ((${#problems[@]} > 0)); then
  echo
  echo "PROBLEMS:"
  printf -- '- %s\n' "${problems[@]}"
  exit 1
fi
