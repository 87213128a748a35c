#!/usr/bin/env python3
"""Onboarding time on PostgreSQL: from the onboardTenant request to status ACTIVE, per tenant.

Reported against a baseline measured in the same run on the same server: a bare CREATE DATABASE (what
no provisioning can avoid). Usage, with the test services running (source scripts/services.sh; start_services):
    python3 bench/onboarding.py [tenants]        (default 10)
"""
import json, os, socket, statistics, subprocess, sys, tempfile, time, urllib.request, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PG = os.environ.get("INVENTORY_TEST_POSTGRES")
if not PG:
    sys.exit("INVENTORY_TEST_POSTGRES is not set: source scripts/services.sh && start_services")
COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 10
pg = dict(part.split("=", 1) for part in PG.split(";") if part)
prefix = "bench_onb_" + uuid.uuid4().hex[:6]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(sql):
    subprocess.run(["psql", "-h", pg["Host"], "-p", pg["Port"], "-U", pg["Username"], "-d", "postgres", "-qAtc", sql],
                   check=True, capture_output=True)


def graphql(url, query, variables=None):
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(url, body, {"content-type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


subprocess.run(["dotnet", "build", f"{ROOT}/src/Host", "-c", "Release", "-v", "q", "-nologo"], check=True, capture_output=True)
port = free_port()
data = tempfile.mkdtemp()
template = f"{PG};Database={prefix}_{{tenant}}"
host = subprocess.Popen(
    ["dotnet", f"{ROOT}/src/Host/bin/Release/net10.0/Inventory.Host.dll", "--urls", f"http://127.0.0.1:{port}",
     "--Database:Provider", "PostgreSql", "--Database:ConnectionTemplate", template,
     "--Database:DataFolder", data, "--Logging:LogLevel:Default", "Warning", "--Tenancy:Tenants:0:Id", "benchdemo", "--Tenancy:DefaultTenant", "benchdemo"],
    cwd=f"{ROOT}/src/Host", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
url = f"http://127.0.0.1:{port}/graphql"
try:
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health/ready")
            break
        except Exception:
            time.sleep(0.1)

    baseline = []
    for i in range(COUNT):
        name = f"{prefix}_baseline_{i}"
        started = time.perf_counter()
        psql(f"CREATE DATABASE {name}")
        baseline.append(time.perf_counter() - started)

    onboarding = []
    for i in range(COUNT):
        slug = f"bench-{uuid.uuid4().hex[:8]}"
        started = time.perf_counter()
        answer = graphql(url, "mutation($i: OnboardTenantInput!) { onboardTenant(input: $i) { tenant { status } userErrors { code } } }",
                         {"i": {"slug": slug, "name": "Bench", "adminEmail": "owner@bench.test", "adminPassword": "Str0ng-enough!"}})
        assert answer["data"]["onboardTenant"]["tenant"]["status"] == "PROVISIONING", answer
        while True:
            status = graphql(url, "query($s: String!) { tenant(slug: $s) { status } }", {"s": slug})["data"]["tenant"]["status"]
            if status == "ACTIVE":
                break
            if status == "FAILED":
                sys.exit(f"{slug} failed")
            time.sleep(0.01)
        onboarding.append(time.perf_counter() - started)

    b, o = statistics.median(baseline), statistics.median(onboarding)
    print("| measure | median | max | ratio to CREATE DATABASE |")
    print("|---|---|---|---|")
    print(f"| CREATE DATABASE (baseline) | {b * 1000:.0f} ms | {max(baseline) * 1000:.0f} ms | 1.0 |")
    print(f"| onboardTenant to ACTIVE | {o * 1000:.0f} ms | {max(onboarding) * 1000:.0f} ms | {o / b:.1f} |")
finally:
    host.terminate()
    host.wait()
    databases = subprocess.run(["psql", "-h", pg["Host"], "-p", pg["Port"], "-U", pg["Username"], "-d", "postgres", "-qAtc",
                                f"SELECT datname FROM pg_database WHERE datname LIKE '{prefix}%'"], capture_output=True, text=True).stdout.split()
    for name in databases:
        psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
