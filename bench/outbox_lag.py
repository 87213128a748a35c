#!/usr/bin/env python3
"""Outbox lag: how long an integration event takes from the transaction that wrote it to the consumer that
applied it, on PostgreSQL and RabbitMQ, idle and under load.

    source scripts/services.sh && start_services
    python3 bench/outbox_lag.py [--seconds 20] [--rate 25] [--compare GIT_REF] [--sent-rows 10000000]

For the working tree (and, with --compare, for another commit built from a temporary git worktree, measured
in the same run against the same servers), it:
 1. builds the host in Release and starts it on the run's PostgreSQL and RabbitMQ (its own databases and
    queue prefix), creates 100 products LAG-0001..LAG-0100 and receives 1,000,000 units of each
    (bench/reservations_setup.py), and waits until every outbox is drained;
 2. idle (the baseline): places 100 orders one after another, 20 ms apart, so that each event travels alone;
 3. load: orders placed at a fixed rate (open loop: R a second, each on its own schedule whatever the answers
    before it; one line of 1 unit of a random SKU, a new idempotency key per order) for S seconds, then waits
    until every outbox is drained again (the time that takes after the last order is reported). A fixed rate
    makes the lag of two variants comparable: at saturation lag only grows with the run;
 4. reads, from the tenant database, for each event of each phase: occurred (written in the transaction),
    sent (marked sent by the dispatcher, after the broker confirmed it) and processed (the consumer's inbox
    row, written in the consumer's transaction). Two hops are measured: OrderPlaced (Orders outbox to
    Stock's allocation consumer) and StockAllocated / StockAllocationFailed (Stock outbox to Orders);
 5. prints a Markdown table: per variant, phase and hop, the count, the p50 and p99 of occurred-to-sent and
    occurred-to-processed, and the p50 and p99 ratios to the same variant's idle lag of that hop.
With --sent-rows N, after a first pass that warms the host up, the same host then gets N sent rows (a day old, inside the retention) in the Stock outbox,
and steps 2-5 run again beside the first: the dispatcher's lag with a full table against an empty one.
Every database it created is dropped at the end. Not part of the tests.
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TENANT = "demo"
SKU_PREFIX = "LAG-"
SKU_COUNT = 100
HOPS = {
    "OrderPlaced → Stock": ("orders", "stock", ["%.OrderPlaced"]),
    "StockAllocated → Orders": ("stock", "orders", ["%.StockAllocated", "%.StockAllocationFailed"]),
}


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def pg_settings():
    raw = os.environ.get("INVENTORY_TEST_POSTGRES") or sys.exit("INVENTORY_TEST_POSTGRES is not set: source scripts/services.sh && start_services")
    parts = dict(p.split("=", 1) for p in raw.split(";") if "=" in p)
    return raw, {"PGHOST": parts["Host"], "PGPORT": parts.get("Port", "5432"), "PGUSER": parts["Username"], "PGPASSWORD": parts.get("Password", "")}


PG_RAW, PG_ENV = pg_settings()
PG_BIN = os.environ.get("INVENTORY_TEST_PG_BIN", "/usr/lib/postgresql/15/bin")
RABBITMQ = os.environ.get("INVENTORY_TEST_RABBITMQ") or sys.exit("INVENTORY_TEST_RABBITMQ is not set: source scripts/services.sh && start_services")


def sql(database, statement):
    result = subprocess.run([f"{PG_BIN}/psql", "-X", "-qAt", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", statement],
                            env={**os.environ, **PG_ENV}, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"psql: {result.stderr.strip()}")
    return [line.split("\t") for line in result.stdout.splitlines() if line]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def graphql(url, query, variables, token):
    request = urllib.request.Request(url, json.dumps({"query": query, "variables": variables}).encode(),
                                     {"content-type": "application/json", "authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        answer = json.load(response)
    if answer.get("errors"):
        raise RuntimeError(f"GraphQL errors: {answer['errors']}")
    return answer["data"]


class Variant:
    def __init__(self, name, tree, work, extra_args=(), prefix="bench_lag"):
        self.name = name
        self.extra_args = list(extra_args)
        self.tree = tree
        self.prefix = f"{prefix}_{uuid.uuid4().hex[:8]}"
        self.data = os.path.join(work, f"data-{self.prefix}")
        self.db = f"{self.prefix}_{TENANT}"
        self.process = None
        self.url = None

    def build(self):
        log(f"{self.name}: building the host (Release) in {self.tree}")
        subprocess.run(["dotnet", "build", os.path.join(self.tree, "src", "Host"), "-c", "Release", "-v", "q", "-nologo"],
                       check=True, stdout=subprocess.DEVNULL)

    def start(self):
        port = free_port()
        self.url = f"http://127.0.0.1:{port}/graphql"
        dll = os.path.join(self.tree, "src", "Host", "bin", "Release", "net10.0", "Inventory.Host.dll")
        args = ["dotnet", dll, "--urls", f"http://127.0.0.1:{port}", "--Database:DataFolder", self.data,
                "--Database:Provider", "PostgreSql",
                "--Database:ConnectionTemplate", f"{PG_RAW};Database={self.prefix}_{{tenant}};Maximum Pool Size=64",
                "--Messaging:Transport", "RabbitMq", "--Messaging:RabbitMqUri", RABBITMQ,
                "--Messaging:EndpointPrefix", self.prefix, "--Logging:LogLevel:Default", "Warning"] + self.extra_args
        os.makedirs(self.data, exist_ok=True)
        self.log_file = open(os.path.join(self.data, "host.log"), "w")
        self.process = subprocess.Popen(args, cwd=os.path.join(self.tree, "src", "Host"), stdout=self.log_file, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/ready", timeout=2):
                    return
            except Exception:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        raise RuntimeError(f"{self.name}: the host did not become ready; see {self.data}/host.log")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def drop(self):
        for (name,) in sql("postgres", f"SELECT datname FROM pg_database WHERE starts_with(datname, '{self.prefix}')"):
            sql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def pending(self):
        return int(sql(self.db, "SELECT (SELECT count(*) FROM orders.outbox_messages WHERE status = 0) + "
                                "(SELECT count(*) FROM stock.outbox_messages WHERE status = 0) + "
                                "(SELECT count(*) FROM catalog.outbox_messages WHERE status = 0)")[0][0])

    def wait_drained(self, timeout=300):
        started = time.monotonic()
        while self.pending() > 0:
            if time.monotonic() - started > timeout:
                raise RuntimeError(f"{self.name}: outbox not drained after {timeout} s")
            time.sleep(0.05)
        return time.monotonic() - started

    def db_now(self):
        return sql(self.db, "SELECT to_char(now() at time zone 'utc', 'YYYY-MM-DD HH24:MI:SS.US')")[0][0]


PLACE = "mutation($i: PlaceOrderInput!, $k: String!) { placeOrder(input: $i, idempotencyKey: $k) { order { status } userErrors { code } } }"


def place(variant, token, reference, key, n):
    answer = graphql(variant.url, PLACE, {"i": {"customerReference": reference, "lines": [{"sku": f"{SKU_PREFIX}{n % SKU_COUNT + 1:04d}", "quantity": 1}]},
                                          "k": key}, token)["placeOrder"]
    if answer["userErrors"] or answer["order"]["status"] != "PENDING":
        raise RuntimeError(f"placeOrder: {answer}")


def place_idle(variant, token, count, name="idle"):
    for n in range(count):
        place(variant, token, name, f"{name}-{variant.prefix}-{n}", n)
        time.sleep(0.02)


def place_at_rate(variant, token, rate, seconds, name):
    """Open loop: order n is sent at start + n / rate, by a pool of workers, whatever happened to the ones before."""
    total = int(rate * seconds)
    started = time.monotonic()
    late = 0
    with ThreadPoolExecutor(64) as pool:
        futures = []
        for n in range(total):
            wait = started + n / rate - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            elif wait < -0.05:
                late += 1
            futures.append(pool.submit(place, variant, token, name, f"{name}-{variant.prefix}-{n}", n))
        for future in futures:
            future.result()
    return {"placed": total, "rate": total / (time.monotonic() - started), "late": late}


def lag(variant, hop, since, until):
    source, target, types = HOPS[hop]
    type_filter = " OR ".join(f"o.type LIKE '{t}'" for t in types)
    rows = sql(variant.db, f"""
        WITH e AS (
          SELECT extract(epoch FROM o.sent_at - o.occurred_at) * 1000 AS sent_ms,
                 extract(epoch FROM i.processed_at - o.occurred_at) * 1000 AS processed_ms
          FROM {source}.outbox_messages o JOIN {target}.inbox_messages i ON i.message_id = o.id
          WHERE ({type_filter}) AND o.occurred_at >= '{since}' AND o.occurred_at < '{until}')
        SELECT count(*),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY sent_ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY sent_ms),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY processed_ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY processed_ms)
        FROM e""")
    count, s50, s99, p50, p99 = rows[0]
    return int(count), float(s50 or 0), float(s99 or 0), float(p50 or 0), float(p99 or 0)


def fill_sent(variant, rows):
    """Rows already sent a day ago (inside the retention, so the pruner leaves them), as a busy tenant's outbox holds."""
    log(f"{variant.name}: inserting {rows:,} sent rows into stock.outbox_messages")
    started = time.monotonic()
    chunk = 1_000_000
    for offset in range(0, rows, chunk):
        sql(variant.db, f"""
            INSERT INTO stock.outbox_messages (id, tenant_id, type, payload, occurred_at, status, attempts, next_attempt_at, sent_at)
            SELECT gen_random_uuid(), '{TENANT}', 'Bench.Old', '{{}}', now() - interval '1 day', 1, 1, now() - interval '1 day', now() - interval '1 day'
            FROM generate_series(1, {min(chunk, rows - offset)})""")
    sql(variant.db, "VACUUM ANALYZE stock.outbox_messages")
    # Write the inserted pages out now, so that the measured pass does not pay for this setup's checkpoint.
    sql(variant.db, "CHECKPOINT")
    log(f"{variant.name}: {rows:,} sent rows in {time.monotonic() - started:.0f} s")


def phases(variant, token, seconds, rate, label, tag=""):
    log(f"{variant.name}{label}: idle, 100 orders one by one")
    idle_from = variant.db_now()
    place_idle(variant, token, 100, "idle" + tag)
    variant.wait_drained()
    idle_until = variant.db_now()

    log(f"{variant.name}{label}: warm-up, {rate} orders/s for 3 s")
    place_at_rate(variant, token, rate, 3, "warm" + tag)
    variant.wait_drained()
    load_from = variant.db_now()
    log(f"{variant.name}{label}: load, {rate} orders/s for {seconds} s")
    result = place_at_rate(variant, token, rate, seconds, "load" + tag)
    drain = variant.wait_drained()
    load_until = variant.db_now()

    rows = []
    for hop in HOPS:
        idle = lag(variant, hop, idle_from, idle_until)
        load = lag(variant, hop, load_from, load_until)
        rows.append((variant.name + label, "idle (baseline)", hop, idle, idle, "-", ""))
        rows.append((variant.name + label, f"load: {result['rate']:.1f} orders/s ({result['late']} sent late)", hop, load, idle, f"{drain:.1f} s", result))
    return rows


def measure(variant, seconds, rate, sent_rows=0):
    variant.build()
    try:
        variant.start()
        log(f"{variant.name}: host ready; creating {SKU_COUNT} products and receiving stock")
        setup = subprocess.run([sys.executable, os.path.join(ROOT, "bench", "reservations_setup.py"), variant.url,
                                os.path.join(variant.data, f"{TENANT}-admin.txt"), SKU_PREFIX, str(SKU_COUNT), "1000000",
                                "LAG-HOT", "1", "LAG-LAST", "1"], capture_output=True, text=True, check=True)
        token = setup.stdout.strip().splitlines()[-1]
        variant.wait_drained()

        rows = []
        if sent_rows:
            # A first pass warms the host up (tiered compilation, pools, the broker's channels), so that the
            # empty-table pass and the full-table pass after it differ only in the table.
            rows += phases(variant, token, seconds, rate, " (first pass, cold)", "-cold")
        rows += phases(variant, token, seconds, rate, "")
        if sent_rows:
            fill_sent(variant, sent_rows)
            rows += phases(variant, token, seconds, rate, f", {sent_rows:,} sent rows in the outbox", "-full")
        return rows
    finally:
        variant.stop()
        variant.drop()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--rate", type=float, default=25, help="orders a second during the load phase")
    parser.add_argument("--sent-rows", type=int, default=0, help="after the phases, insert this many sent rows into the Stock outbox and run them again")
    parser.add_argument("--compare", help="a git ref measured the same way in the same run (built from a temporary worktree)")
    options = parser.parse_args()

    work = tempfile.mkdtemp(prefix="outbox-lag-")
    variants = [Variant("working tree", ROOT, work)]
    worktree = None
    if options.compare:
        worktree = os.path.join(work, "compare")
        subprocess.run(["git", "-C", ROOT, "worktree", "add", "--detach", worktree, options.compare], check=True, capture_output=True)
        variants.append(Variant(options.compare, worktree, work))
    rows = []
    try:
        for variant in variants:
            rows += measure(variant, options.seconds, options.rate, options.sent_rows)
    finally:
        if worktree:
            subprocess.run(["git", "-C", ROOT, "worktree", "remove", "--force", worktree], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)

    print("| variant | phase | hop | events | occurred→sent p50 / p99 | occurred→consumed p50 / p99 | p50 / p99 ratio to idle | drained after the last order |")
    print("|---|---|---|---|---|---|---|---|")
    for name, phase, hop, (count, s50, s99, p50, p99), (_, _, _, i50, i99), drain, _ in rows:
        ratio = f"{p50 / i50:.1f} / {p99 / i99:.1f}" if i50 and i99 else "-"
        print(f"| {name} | {phase} | {hop} | {count} | {s50:.1f} / {s99:.1f} ms | {p50:.1f} / {p99:.1f} ms | {ratio} | {drain} |")


if __name__ == "__main__":
    main()
