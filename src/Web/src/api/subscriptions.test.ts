import { describe, expect, it } from 'vitest';
import { connectionParams, createSubscriptionClient, webSocketUrl } from './subscriptions';

describe('webSocketUrl', () => {
  it('uses ws for http and wss for https, on the same host', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:5080' })).toBe('ws://127.0.0.1:5080/graphql');
    expect(webSocketUrl({ protocol: 'https:', host: 'acme.example.com' })).toBe('wss://acme.example.com/graphql');
  });
});

describe('connection_init payload', () => {
  it('carries the token as { authorization: "Bearer <token>" }', () => {
    expect(connectionParams('abc')).toEqual({ authorization: 'Bearer abc' });
    expect(connectionParams(null)).toEqual({});
  });

  it('is what the client sends first over graphql-transport-ws', async () => {
    const sent: string[] = [];
    let protocol: string | string[] | undefined;
    class FakeSocket {
      static CONNECTING = 0;
      static OPEN = 1;
      static CLOSING = 2;
      static CLOSED = 3;
      readyState = 1;
      protocol = 'graphql-transport-ws';
      onopen: (() => void) | null = null;
      onclose: ((e: { code: number; reason: string }) => void) | null = null;
      onmessage: ((e: { data: string }) => void) | null = null;
      onerror: (() => void) | null = null;
      constructor(_url: string, p?: string | string[]) {
        protocol = p;
        setTimeout(() => this.onopen?.(), 0);
      }
      send(data: string) {
        sent.push(data);
        const message = JSON.parse(data) as { type: string; id?: string };
        if (message.type === 'connection_init') setTimeout(() => this.onmessage?.({ data: JSON.stringify({ type: 'connection_ack' }) }), 0);
        if (message.type === 'subscribe')
          setTimeout(() => {
            this.onmessage?.({ data: JSON.stringify({ id: message.id, type: 'next', payload: { data: { ping: 1 } } }) });
            this.onmessage?.({ data: JSON.stringify({ id: message.id, type: 'complete' }) });
          }, 0);
      }
      close() {}
      addEventListener() {}
      removeEventListener() {}
    }

    const client = createSubscriptionClient({ url: 'ws://host/graphql', token: () => 'tok', webSocketImpl: FakeSocket, retryAttempts: 0 });
    const received = await new Promise<unknown>((resolve, reject) => {
      let value: unknown;
      client.subscribe({ query: 'subscription { ping }' }, { next: (r) => (value = r.data), error: reject, complete: () => resolve(value) });
    });
    await client.dispose();

    expect(protocol).toBe('graphql-transport-ws');
    expect(JSON.parse(sent[0]!)).toEqual({ type: 'connection_init', payload: { authorization: 'Bearer tok' } });
    expect(JSON.parse(sent[1]!)).toMatchObject({ type: 'subscribe', payload: { query: 'subscription { ping }' } });
    expect(received).toEqual({ ping: 1 });
  });
});
