#!/usr/bin/env bash
# The stock write engine in process (no HTTP, no GraphQL) against the guarded UPDATE of one reservation sent by
# the same process with as many clients, on the PostgreSQL of INVENTORY_TEST_POSTGRES:
#   source scripts/services.sh && start_services
#   bash bench/engine.sh [seconds] [clients] [max-batch-size]      (defaults 10, 32, 128)
# Prints a Markdown table; exits non-zero if a level is oversold or off its ledger. Not part of the tests.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[[ -n "${INVENTORY_TEST_POSTGRES:-}" ]] || { echo "INVENTORY_TEST_POSTGRES is not set: source scripts/services.sh && start_services" >&2; exit 1; }
dotnet build "$root/bench/EngineBench" -c Release -v q -nologo >/dev/null
cd "$root/src/Host" && exec dotnet "$root/bench/EngineBench/bin/Release/net10.0/Inventory.EngineBench.dll" "$@"
