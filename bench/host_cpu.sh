#!/usr/bin/env bash
# Host CPU per GraphQL request, the part that is not the database: three requests that reach no database (or
# nearly none) sent by wrk to the host on PostgreSQL, and the host process's CPU time read from /proc over each
# run, divided by the requests. Optionally a CPU-sampling trace of each run (dotnet-trace) to see where it goes.
#   source scripts/services.sh && start_services
#   bash bench/host_cpu.sh [seconds] [connections]             (defaults 10 and 16)
#   TRACE=1 bash bench/host_cpu.sh 10                          (also writes <scenario>.nettrace and a topN report
#                                                               under $OUT, default /tmp/host-cpu; needs
#                                                               `dotnet tool install --global dotnet-trace`)
#   INVENTORY_BENCH_HOST_DLL=/path/to/Inventory.Host.dll ...   (a host built elsewhere, e.g. an older commit)
#   HOST_ARGS="--GraphQL:DocumentCache:Enabled false" ...     (more host settings, e.g. one lever off)
# Scenarios: `{ __typename }` anonymous; the same with the demo administrator's bearer token (JWT validation and
# the security-stamp check); reserveStock with variables and a bearer token whose input fails validation
# (quantity 0: a user error, no database work), so parse, validation, the cost rule and the mutation's payload are
# all there but not the stock engine. Raw Kestrel is not in this host; the anonymous `{ __typename }` is the floor.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-10}"
connections="${2:-16}"
out="${OUT:-/tmp/host-cpu}"
mkdir -p "$out"
[[ -n "${INVENTORY_TEST_POSTGRES:-}" ]] || { echo "INVENTORY_TEST_POSTGRES is not set: source scripts/services.sh && start_services" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed" >&2; exit 1; }

if [[ -n "${INVENTORY_BENCH_HOST_DLL:-}" ]]; then
  host_dll="$INVENTORY_BENCH_HOST_DLL"
else
  dotnet build "$root/src/Host" -c Release -p:SkipWebBuild=true -v q -nologo >/dev/null
  host_dll="$root/src/Host/bin/Release/net10.0/Inventory.Host.dll"
fi
host_dir="$(dirname "$host_dll")"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
data="$(mktemp -d)"
prefix="bench_cpu_$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
(cd "$host_dir" && exec dotnet "$host_dll" --urls "http://127.0.0.1:$port" --Database:DataFolder "$data" \
  --Logging:LogLevel:Default Warning --GraphQL:Cost:MaximumAvailable 0 --Database:Provider PostgreSql \
  --Database:ConnectionTemplate "${INVENTORY_TEST_POSTGRES};Database=${prefix}_{tenant};Maximum Pool Size=64" ${HOST_ARGS:-}) >"$data/host.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  local db
  declare -A pg=()
  IFS=';' read -ra parts <<<"$INVENTORY_TEST_POSTGRES"
  for part in "${parts[@]}"; do [[ "$part" == *=* ]] && pg["${part%%=*}"]="${part#*=}"; done
  for db in "${prefix}_system" "${prefix}_demo"; do
    PGPASSWORD="${pg[Password]:-}" "${INVENTORY_TEST_PG_BIN:-/usr/lib/postgresql/15/bin}/psql" -X -qAt -h "${pg[Host]}" -p "${pg[Port]:-5432}" \
      -U "${pg[Username]}" -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
  done
  rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { cat "$data/host.log" >&2; exit 1; }
for _ in $(seq 1 50); do [[ -s "$data/demo-admin.txt" ]] && break; sleep 0.1; done
password="$(sed -n 's/^password: //p' "$data/demo-admin.txt")"
token="$(curl -s "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' \
  -d "{\"query\":\"mutation { login(input: { tenant: \\\"demo\\\", email: \\\"admin@demo.local\\\", password: \\\"$password\\\" }) { accessToken } }\"}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["login"]["accessToken"])')"

declare -A scenarios=(
  [1-typename-anonymous]='{"query":"{ __typename }"}'
  [2-typename-bearer]='{"query":"{ __typename }"}'
  [3-reserve-invalid-bearer]='{"query":"mutation($i: ReserveStockInput!, $k: String!) { reserveStock(input: $i, idempotencyKey: $k) { reservation { id } userErrors { code } } }","variables":{"i":{"lines":[{"sku":"RSV-0001","warehouseCode":"MAIN","quantity":0}],"ttlSeconds":900},"k":"bench-invalid"}}'
)

# Warm-up of every scenario first, so that the runtime's tiered compilation is done before anything is measured.
for name in "${!scenarios[@]}"; do
  auth=""; [[ "$name" == *bearer* ]] && auth="Bearer $token"
  AUTH="$auth" BODY="${scenarios[$name]}" wrk -t2 -c"$connections" -d4s -s "$root/bench/post.lua" "http://127.0.0.1:$port/graphql" >/dev/null
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz="$(getconf CLK_TCK)"

echo "| scenario | requests/s | ratio to anonymous \`{ __typename }\` | p50 | p99 | host CPU ms per request |"
echo "|---|---|---|---|---|---|"
baseline=""
for name in $(printf '%s\n' "${!scenarios[@]}" | sort); do
  auth=""; [[ "$name" == *bearer* ]] && auth="Bearer $token"
  AUTH="$auth" BODY="${scenarios[$name]}" wrk -t2 -c"$connections" -d3s -s "$root/bench/post.lua" "http://127.0.0.1:$port/graphql" >/dev/null   # warm-up
  trace_pid=""
  if [[ -n "${TRACE:-}" ]]; then
    dotnet-trace collect -p "$pid" --profile dotnet-sampled-thread-time -o "$out/$name.nettrace" --duration "00:00:00:$((seconds + 1))" >"$out/$name.trace.log" 2>&1 &
    trace_pid=$!
    sleep 1
  fi
  before="$(cpu_ticks)"
  result="$(AUTH="$auth" BODY="${scenarios[$name]}" wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$root/bench/post.lua" "http://127.0.0.1:$port/graphql")"
  after="$(cpu_ticks)"
  [[ -n "$trace_pid" ]] && wait "$trace_pid" || true
  if grep -q "Non-2xx" <<<"$result"; then echo "scenario $name answered non-2xx:"; echo "$result"; exit 1; fi
  requests="$(awk '/requests in/ {print $1}' <<<"$result")"
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$result")"
  p50="$(awk '$1=="50%" {print $2}' <<<"$result")"
  p99="$(awk '$1=="99%" {print $2}' <<<"$result")"
  [[ -z "$baseline" ]] && baseline="$rps"
  cpu_ms="$(echo "($after - $before) * 1000 / $hz / $requests" | bc -l)"
  printf '| %s | %.0f | %.2f | %s | %s | %.3f |\n' "${name#*-}" "$rps" "$(echo "$rps / $baseline" | bc -l)" "$p50" "$p99" "$cpu_ms"
  if [[ -n "${TRACE:-}" && -s "$out/$name.nettrace" ]]; then
    dotnet-trace report "$out/$name.nettrace" topN -n 60 --inclusive >"$out/$name.inclusive.txt" 2>&1 || true
    dotnet-trace report "$out/$name.nettrace" topN -n 40 >"$out/$name.exclusive.txt" 2>&1 || true
  fi
done
echo
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
