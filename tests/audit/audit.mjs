// Runs every graphql-http server audit (GraphQL over HTTP conformance) against one endpoint.
//
//   node audit.mjs http://127.0.0.1:5080/graphql
//
// Prints one JSON object on stdout:
//   { "ok": n, "notice": n, "warn": n, "error": n, "results": [{ id, name, status, reason, response? }] }
// and exits 0 whatever the outcome: the caller (tests/Host.Tests/Http/GraphQLHttpAuditTests.cs) judges.
// Only a bad invocation exits non-zero. An audit that throws is reported as an error.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <url of the GraphQL endpoint>');
  process.exit(2);
}

// A failing audit's response is summarised so that a red test says what the server answered.
async function describe(response) {
  if (!response || typeof response.status !== 'number') return undefined;
  let body = '';
  try {
    body = await response.text();
  } catch {
    // the audit already consumed the body
  }
  return {
    status: response.status,
    contentType: response.headers?.get?.('content-type') ?? null,
    body: body.length > 500 ? `${body.slice(0, 500)}...` : body,
  };
}

const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
const results = [];
// The endpoint admits only signed-in callers beyond onboarding and sign-in: the test passes a token.
const authorization = process.env.AUDIT_AUTHORIZATION;
const fetchFn = authorization
  ? (input, init = {}) => {
      const headers = new Headers(init.headers ?? {});
      headers.set('authorization', authorization);
      return fetch(input, { ...init, headers });
    }
  : fetch;
for (const audit of serverAudits({ url, fetchFn })) {
  let result;
  try {
    result = await audit.fn();
  } catch (err) {
    result = { id: audit.id, name: audit.name, status: 'error', reason: `audit threw: ${err?.stack ?? err}` };
  }
  const status = result.status in counts ? result.status : 'error';
  counts[status]++;
  const entry = { id: result.id, name: result.name, status, reason: result.reason ?? null };
  if (status !== 'ok') {
    const response = await describe(result.response);
    if (response) entry.response = response;
  }
  results.push(entry);
}

process.stdout.write(`${JSON.stringify({ ...counts, results })}\n`);
