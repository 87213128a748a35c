#!/usr/bin/env python3
"""Live subscribers: latency from a stock change to its subscribers, and memory per idle connection, on one host.

    source scripts/services.sh && start_services
    (cd tests/audit && npm ci)          # the ws package the client uses
    python3 bench/subscribers.py [--subscribers 1000] [--changes 30]

Builds the host in Release and starts it on the run's PostgreSQL and RabbitMQ (the live events travel as in
production: outbox, broker, this host's own live-event queue, the hub, the socket), creates one product and
receives stock (bench/reservations_setup.py), then runs bench/subscribers.mjs twice in one run:
 - baseline: 1 subscriber;
 - N subscribers (default 1,000) on N graphql-transport-ws connections, each with stockLevelChanged of that SKU.
Each run sends C stock receipts one after another (the next once every subscriber has the previous one) and
records, for every delivery, the time from the change's occurredAt (written in its transaction) to its arrival
at the client, plus the spread between the first and the last subscriber of one change. Memory: the host's
resident set before opening the connections and once all are subscribed and idle, divided by N. The client is
one Node.js process on the same two cores. Prints a Markdown table; drops its databases.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from outbox_lag import ROOT, TENANT, Variant, log  # noqa: E402


def run_clients(variant, token, subscribers, changes):
    result = subprocess.run(["node", os.path.join(ROOT, "bench", "subscribers.mjs"), variant.url, token, "LIVE-0001",
                             str(subscribers), str(changes), str(variant.process.pid)], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"subscribers.mjs failed: {result.stderr.strip()[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=30)
    options = parser.parse_args()
    if not os.path.isdir(os.path.join(ROOT, "tests", "audit", "node_modules", "ws")):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=os.path.join(ROOT, "tests", "audit"), check=True, stdout=subprocess.DEVNULL)

    work = tempfile.mkdtemp(prefix="subscribers-")
    variant = Variant("host", ROOT, work, prefix="bench_live",
                      extra_args=["--GraphQL:WebSocket:MaxConnectionsPerTenant", str(options.subscribers + 100),
                                  # every subscriber connects from this machine's one address, twice per run
                                  "--GraphQL:WebSocket:ConnectionInitBurstPerAddress", str(2 * options.subscribers + 100)])
    variant.build()
    try:
        variant.start()
        setup = subprocess.run([sys.executable, os.path.join(ROOT, "bench", "reservations_setup.py"), variant.url,
                                os.path.join(variant.data, f"{TENANT}-admin.txt"), "LIVE-", "1", "1000",
                                "LIVE-HOT", "1", "LIVE-LAST", "1"], capture_output=True, text=True, check=True)
        token = setup.stdout.strip().splitlines()[-1]
        variant.wait_drained()
        log(f"baseline: 1 subscriber, {options.changes} changes")
        one = run_clients(variant, token, 1, options.changes)
        log(f"{options.subscribers} subscribers, {options.changes} changes")
        many = run_clients(variant, token, options.subscribers, options.changes)
    finally:
        variant.stop()
        variant.drop()

    print("| subscribers | deliveries | change→client p50 | p99 | max | first→last subscriber (p50) | p50 / p99 ratio to 1 subscriber | host RSS growth per idle connection |")
    print("|---|---|---|---|---|---|---|---|")
    for r in (one, many):
        per_connection = (r["rss_idle_kb"] - r["rss_before_kb"]) / r["subscribers"]
        print(f"| {r['subscribers']} | {r['deliveries']} of {r['expected']} | {r['p50']} ms | {r['p99']} ms | {r['max']} ms | {r['spread_p50']} ms "
              f"| {r['p50'] / max(one['p50'], 1):.1f} / {r['p99'] / max(one['p99'], 1):.1f} | {per_connection:.1f} KiB |")


if __name__ == "__main__":
    main()
