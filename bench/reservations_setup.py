#!/usr/bin/env python3
"""Setup for bench/reservations.sh, through the GraphQL API of a running host.

    python3 bench/reservations_setup.py URL ADMIN_FILE PREFIX COUNT STOCK HOT_SKU HOT_STOCK LAST_SKU LAST_STOCK

Signs in as the demo tenant's administrator (ADMIN_FILE is <DataFolder>/<tenant>-admin.txt), creates the
products PREFIX0001..PREFIX<COUNT>, HOT_SKU and LAST_SKU (createProduct), waits until Stock knows each of them
(receiveStock answers UNKNOWN_SKU until Catalog's ProductCreated has arrived; a refused write stores nothing,
so the same idempotency key is retried), and receives STOCK units of each into MAIN, HOT_STOCK of HOT_SKU and
LAST_STOCK of LAST_SKU. Prints the access token on stdout, progress on stderr.
"""
import json
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

url, admin_file, prefix, count, stock, hot_sku, hot_stock, last_sku, last_stock = sys.argv[1:10]
count, stock, hot_stock, last_stock = int(count), int(stock), int(hot_stock), int(last_stock)
WORKERS = 8


def graphql(query, variables=None, token=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, json.dumps({"query": query, "variables": variables or {}}).encode(), headers)
    with urllib.request.urlopen(request, timeout=60) as response:
        answer = json.load(response)
    if answer.get("errors"):
        raise RuntimeError(f"GraphQL errors: {answer['errors']}")
    return answer["data"]


fields = dict(line.split(": ", 1) for line in open(admin_file).read().splitlines() if ": " in line)
login = graphql("mutation($i: LoginInput!) { login(input: $i) { accessToken userErrors { code message } } }",
                {"i": {"tenant": fields["tenant"], "email": fields["email"], "password": fields["password"]}})["login"]
if login["userErrors"]:
    sys.exit(f"login failed: {login['userErrors']}")
token = login["accessToken"]

skus = [f"{prefix}{i:04d}" for i in range(1, count + 1)]
quantities = {sku: stock for sku in skus}
quantities[hot_sku] = hot_stock
quantities[last_sku] = last_stock


def create(sku):
    answer = graphql("mutation($i: CreateProductInput!) { createProduct(input: $i) { product { sku } userErrors { code message } } }",
                     {"i": {"sku": sku, "name": f"Reservation benchmark {sku}", "category": "bench"}}, token)["createProduct"]
    if answer["userErrors"]:
        raise RuntimeError(f"createProduct {sku}: {answer['userErrors']}")


def receive(sku):
    deadline = time.monotonic() + 120
    while True:
        answer = graphql(
            "mutation($i: ReceiveStockInput!, $k: String!) { receiveStock(input: $i, idempotencyKey: $k) { stockLevel { onHand } userErrors { code message } } }",
            {"i": {"sku": sku, "warehouseCode": "MAIN", "quantity": quantities[sku], "reference": "bench:setup"}, "k": f"bench-setup-{sku}"},
            token)["receiveStock"]
        codes = [e["code"] for e in answer["userErrors"]]
        if not codes:
            if answer["stockLevel"]["onHand"] != quantities[sku]:
                raise RuntimeError(f"receiveStock {sku}: onHand {answer['stockLevel']['onHand']}, expected {quantities[sku]}")
            return
        if codes != ["UNKNOWN_SKU"] or time.monotonic() > deadline:
            raise RuntimeError(f"receiveStock {sku}: {answer['userErrors']}")
        time.sleep(0.05)  # Stock has not seen the product yet


started = time.monotonic()
with ThreadPoolExecutor(WORKERS) as pool:
    list(pool.map(create, list(quantities)))
    print(f"created {len(quantities)} products in {time.monotonic() - started:.1f} s", file=sys.stderr)
    started = time.monotonic()
    list(pool.map(receive, list(quantities)))
    print(f"received stock for {len(quantities)} products in {time.monotonic() - started:.1f} s", file=sys.stderr)
print(token)
