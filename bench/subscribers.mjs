// Live subscribers for bench/subscribers.py: opens graphql-transport-ws connections to one host, subscribes
// each to stockLevelChanged of one SKU, sends stock changes over HTTP, and measures for every delivery the time
// from the change's occurredAt (written in the transaction) to its arrival here.
//   node bench/subscribers.mjs URL TOKEN SKU SUBSCRIBERS CHANGES HOST_PID
// Prints one JSON line: {subscribers, deliveries, expected, p50, p99, max, spread_p50, rss_before_kb, rss_idle_kb}.
// Uses the ws package installed in tests/audit (npm ci there).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(new URL('../tests/audit/package.json', import.meta.url));
const WebSocket = require('ws');

const [url, token, sku, subscribersArg, changesArg, hostPid] = process.argv.slice(2);
const subscribers = Number(subscribersArg);
const changes = Number(changesArg);
const wsUrl = url.replace(/^http/, 'ws');
const query = 'subscription($s: [String!]) { stockLevelChanged(filter: { skus: $s }) { sku onHand version occurredAt } }';

const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${hostPid}/status`, 'utf8'))[1]);

function connect(onEvent) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables: { s: [sku] } } }));
        resolve(socket);
      } else if (message.type === 'ping') {
        socket.send(JSON.stringify({ type: 'pong' }));
      } else if (message.type === 'next') {
        onEvent(message.payload.data.stockLevelChanged, Date.now());
      } else if (message.type === 'error') {
        reject(new Error(JSON.stringify(message.payload)));
      }
    });
    socket.on('error', reject);
    socket.on('close', (code, reason) => { if (code !== 1000) console.error(`closed ${code} ${reason}`); });
  });
}

async function receive(quantity, key) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'mutation($i: ReceiveStockInput!, $k: String!) { receiveStock(input: $i, idempotencyKey: $k) { stockLevel { version } userErrors { code } } }',
      variables: { i: { sku, warehouseCode: 'MAIN', quantity }, k: key },
    }),
  });
  const body = await response.json();
  if (body.errors || body.data.receiveStock.userErrors.length) throw new Error(JSON.stringify(body));
  return body.data.receiveStock.stockLevel.version;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

// Waits until every subscriber has seen the change with this version.
async function delivered(seen, version, count, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  while ((seen.get(version)?.length ?? 0) < count) {
    if (Date.now() > deadline) throw new Error(`version ${version}: ${seen.get(version)?.length ?? 0} of ${count} deliveries`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const seen = new Map(); // version -> [latency ms]
const arrivals = new Map(); // version -> [arrival ms]
const onEvent = (change, now) => {
  const latency = now - Date.parse(change.occurredAt);
  if (!seen.has(change.version)) { seen.set(change.version, []); arrivals.set(change.version, []); }
  seen.get(change.version).push(latency);
  arrivals.get(change.version).push(now);
};

const rssBefore = rssKb();
const sockets = [];
for (let i = 0; i < subscribers; i += 50) {
  const batch = [];
  for (let j = i; j < Math.min(subscribers, i + 50); j++) batch.push(connect(onEvent));
  sockets.push(...(await Promise.all(batch)));
}
// Every subscription is live once a first change reaches all of them.
const runId = `${process.pid}-${Date.now()}`;
await delivered(seen, await receive(1, `${runId}-warm`), subscribers);
const rssIdle = rssKb();
seen.clear();
arrivals.clear();

const versions = [];
for (let n = 0; n < changes; n++) {
  const version = await receive(1, `${runId}-${n}`);
  versions.push(version);
  await delivered(seen, version, subscribers);
}

const latencies = versions.flatMap((v) => seen.get(v)).sort((a, b) => a - b);
const spreads = versions.map((v) => Math.max(...arrivals.get(v)) - Math.min(...arrivals.get(v))).sort((a, b) => a - b);
for (const socket of sockets) socket.close(1000);
console.log(JSON.stringify({
  subscribers,
  deliveries: latencies.length,
  expected: subscribers * changes,
  p50: percentile(latencies, 0.5),
  p99: percentile(latencies, 0.99),
  max: latencies[latencies.length - 1],
  spread_p50: percentile(spreads, 0.5),
  rss_before_kb: rssBefore,
  rss_idle_kb: rssIdle,
}));
process.exit(0);
