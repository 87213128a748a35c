#!/usr/bin/env bash
# Read-path benchmark of the GraphQL endpoint, reported as ratios against a trivial query measured in the
# same run on the same machine (the machines are shared and noisy: absolute figures drift, ratios much less).
#   bash bench/run.sh [seconds-per-scenario]      (default 10)
#   INVENTORY_BENCH_HOST_DLL=/path/to/Inventory.Host.dll bash bench/run.sh 5   (a host built elsewhere, e.g. an
#   older commit: `git worktree add /tmp/old REV && dotnet build /tmp/old/src/Host -c Release -p:SkipWebBuild=true`)
# The demo administrator signs in first; every scenario but the baseline sends that bearer token.
# Starts the host in Release on the embedded default (SQLite, in-memory bus) in a temporary data folder, and,
# when INVENTORY_TEST_POSTGRES is set (source scripts/services.sh && start_services), again on PostgreSQL.
# Needs wrk (apt-get install -y wrk). Prints a Markdown table for docs/benchmarks.md, with the host's CPU time per
# request (from /proc). bench/host_cpu.sh measures the GraphQL layer alone (requests that reach no database).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-10}"
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null; }

if [[ -n "${INVENTORY_BENCH_HOST_DLL:-}" ]]; then
  host_dll="$INVENTORY_BENCH_HOST_DLL"
else
  dotnet build "$root/src/Host" -c Release -p:SkipWebBuild=true -v q -nologo >/dev/null
  host_dll="$root/src/Host/bin/Release/net10.0/Inventory.Host.dll"
fi
host_dir="$(dirname "$host_dll")"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

declare -A scenarios=(
  [1-baseline]='{"query":"{ __typename }"}'
  [2-product-by-sku]='{"query":"{ product(sku: \"WID-001\") { id sku name status } }"}'
  [3-products-page]='{"query":"{ products(first: 20) { totalCount nodes { id sku name category status attributes { key value } } pageInfo { hasNextPage endCursor } } }"}'
  [4-ten-lookups-batched]='{"query":"{ a: product(sku: \"WID-001\") { name } b: product(sku: \"WID-002\") { name } c: product(sku: \"BOLT-M6\") { name } d: product(sku: \"NUT-M6\") { name } e: product(sku: \"CABLE-2M\") { name } f: product(sku: \"wid-001\") { sku } g: product(sku: \"wid-002\") { sku } h: product(sku: \"bolt-m6\") { sku } i: product(sku: \"nut-m6\") { sku } j: product(sku: \"cable-2m\") { sku } }"}'
)

run_provider() {
  local provider="$1" port data pid
  port="$(free_port)"; data="$(mktemp -d)"
  # One token sends every request: its cost budget (ADR 15) would throttle the page scenario, so budgets are off
  # here (the cost is still computed and the caps still checked); a host that predates budgets ignores the key.
  local args=(--urls "http://127.0.0.1:$port" --Database:DataFolder "$data" --Logging:LogLevel:Default Warning --GraphQL:Cost:MaximumAvailable 0)
  if [[ "$provider" == PostgreSql ]]; then
    args+=(--Database:Provider PostgreSql --Database:ConnectionTemplate "${INVENTORY_TEST_POSTGRES};Database=bench_{tenant};Maximum Pool Size=64")
  fi
  (cd "$host_dir" && exec dotnet "$host_dll" "${args[@]}") >"$data/host.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { cat "$data/host.log"; kill "$pid"; return 1; }

  local password token auth
  for _ in $(seq 1 50); do [[ -s "$data/demo-admin.txt" ]] && break; sleep 0.1; done
  password="$(sed -n 's/^password: //p' "$data/demo-admin.txt")"
  token="$(curl -s "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' \
    -d "{\"query\":\"mutation { login(input: { tenant: \\\"demo\\\", email: \\\"admin@demo.local\\\", password: \\\"$password\\\" }) { accessToken } }\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["login"]["accessToken"])')"

  local baseline=""
  for name in $(printf '%s\n' "${!scenarios[@]}" | sort); do
    auth=""; [[ "$name" != 1-baseline ]] && auth="Bearer $token"
    AUTH="$auth" BODY="${scenarios[$name]}" wrk -t2 -c16 -d2s -s "$root/bench/post.lua" "http://127.0.0.1:$port/graphql" >/dev/null   # warm-up
    local out rps p50 p99 requests cpu_before cpu_after
    cpu_before="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
    out="$(AUTH="$auth" BODY="${scenarios[$name]}" wrk -t2 -c16 -d"${seconds}s" --latency -s "$root/bench/post.lua" "http://127.0.0.1:$port/graphql")"
    cpu_after="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
    if grep -q "Non-2xx" <<<"$out"; then echo "scenario $name answered non-2xx:"; echo "$out"; kill "$pid"; return 1; fi
    rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
    p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
    p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
    requests="$(awk '/requests in/ {print $1}' <<<"$out")"
    [[ -z "$baseline" ]] && baseline="$rps"
    # The host process's CPU time (user + system, from /proc) over the run, per request: not wrk's, not the database's.
    printf '| %s | %s | %.0f | %.2f | %s | %s | %.3f |\n' "$provider" "${name#*-}" "$rps" "$(echo "$rps / $baseline" | bc -l)" "$p50" "$p99" \
      "$(echo "($cpu_after - $cpu_before) * 1000 / $(getconf CLK_TCK) / $requests" | bc -l)"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data"
}

echo "| provider | scenario | requests/s | ratio to baseline | p50 | p99 | host CPU ms per request |"
echo "|---|---|---|---|---|---|---|"
run_provider Sqlite
if [[ -n "${INVENTORY_TEST_POSTGRES:-}" ]]; then run_provider PostgreSql; fi
