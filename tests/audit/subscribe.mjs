// Subscribes with the real graphql-ws client (graphql-transport-ws) and reports what it receives.
//
//   node subscribe.mjs ws://127.0.0.1:5080/graphql '<subscription document>' '<variables json>' <count>
//
// The access token is read from SUBSCRIBE_AUTHORIZATION ("Bearer <jwt>") and sent in connection_init's payload.
// Prints one JSON line per event on stdout, for the caller (tests/Host.Tests/Realtime/GraphQLWsClientTests.cs):
//   {"event":"connected","payload":{...}}   once connection_ack arrived
//   {"event":"next","payload":{...}}         for each result, until <count> results arrived
//   {"event":"closed","code":n,"reason":"..."} or {"event":"error","message":"..."} when something went wrong
// and exits 0 after <count> results, 1 otherwise.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, query, variablesJson = '{}', countArg = '1'] = process.argv.slice(2);
if (!url || !query) {
  console.error('usage: node subscribe.mjs <ws url> <document> [variables json] [count]');
  process.exit(2);
}
const wanted = Number(countArg);
const report = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  lazy: false,
  retryAttempts: 0,
  connectionParams: () => ({ authorization: process.env.SUBSCRIBE_AUTHORIZATION }),
  on: {
    connected: (_socket, payload) => report({ event: 'connected', payload }),
    closed: (event) => report({ event: 'closed', code: event?.code, reason: event?.reason }),
  },
});

let received = 0;
try {
  await new Promise((resolve, reject) => {
    client.subscribe(
      { query, variables: JSON.parse(variablesJson) },
      {
        next: (result) => {
          report({ event: 'next', payload: result });
          if (++received >= wanted) resolve();
        },
        error: (err) => reject(err),
        complete: () => (received >= wanted ? resolve() : reject(new Error('completed early'))),
      },
    );
  });
} catch (err) {
  report({ event: 'error', message: String(err?.message ?? err?.reason ?? JSON.stringify(err)) });
}
await client.dispose();
process.exit(received >= wanted ? 0 : 1);
