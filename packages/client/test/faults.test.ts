// Faults on a real socket, against a loopback server of the test's own.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ChertAbortError,
  ChertApiError,
  ChertNetworkError,
  ChertTimeoutError,
  createChertClient,
  type ChertClientOptions,
  type RetryInfo,
} from '../src/index.js';
import { SECRET, TENANT } from './support/fetch.js';
import { envelope, json, startServer } from './support/server.js';
import { watchTimers } from './support/timers.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const sentOk = { chat_id: 'ch_1', status: 'sent' };
const card = { contact: { full_name: 'Zoë 山田 👩🏽‍💻' } };

function client(options: Partial<ChertClientOptions> = {}) {
  const retries: RetryInfo[] = [];
  const c = createChertClient({
    auth: { hmac: { tenant: TENANT, signingSecret: SECRET } },
    baseUrl: server.url,
    onRetry: (info) => retries.push(info),
    ...options,
  });
  return { c, retries };
}

/** What a server checks: HMAC-SHA256 of "<ts>.<the bytes received>" under the secret. */
function verify(signature: string | string[] | undefined, body: Buffer) {
  const [version, ts, hex] = String(signature).split(',');
  const want = createHmac('sha256', SECRET).update(`${ts}.`).update(body).digest('hex');
  return { ok: version === 'v1' && hex === want, ts: Number(ts) };
}

type Send = (c: ReturnType<typeof client>['c'], options?: { signal?: AbortSignal; timeoutMs?: number }) => Promise<unknown>;
/** The same request through both surfaces: the task method, and the typed client. */
const ways: [name: string, send: Send][] = [
  ['contacts.send', (c, options) => c.contacts.send({ chatId: 'ch_1' }, card, options)],
  ['the typed client', (c, options) =>
    c.POST('/api/v1/chats/{id}/send-contact', { params: { path: { id: 'ch_1' } }, body: card, ...(options?.signal ? { signal: options.signal } : {}) })],
];

let watch: ReturnType<typeof watchTimers>;
beforeEach(() => {
  watch = watchTimers();
});
afterEach(() => watch.restore());

/** Resolves when the server sees the client hang up on the last request. */
function hangUp(res: import('node:http').ServerResponse) {
  return new Promise<void>((resolve) => res.on('close', resolve));
}

describe('on the wire', () => {
  it('the signature sent verifies over the exact bytes the server received', async () => {
    server.handle((a, _req, res) => json(res, verify(a.headers['x-chert-signature'], a.body).ok ? 200 : 401, sentOk));
    const { c } = client();
    await expect(c.contacts.send({ to: '+14155550123' }, card)).resolves.toEqual(sentOk);
    await expect(c.contacts.shareOwnCard({ chatId: 'ch_1' })).resolves.toEqual(sentOk);
    expect(server.arrived.map((a) => verify(a.headers['x-chert-signature'], a.body).ok)).toEqual([true, true]);
    expect(server.arrived[0]!.body.toString('utf8')).toBe(JSON.stringify({ to: '+14155550123', ...card }));
    expect(server.arrived[1]!.body).toHaveLength(0);
    for (const a of server.arrived) {
      expect(JSON.stringify(a.headers)).not.toContain(SECRET);
      expect(a.body.toString('utf8')).not.toContain(SECRET);
    }
  });
});

describe('faults', () => {
  it('a connection dropped after the body was read is not retried, and may have been delivered', async () => {
    server.handle((_a, req) => req.socket.destroy());
    const { c, retries } = client({ maxRetries: 3 });
    const error = await c.contacts.send({ chatId: 'ch_1' }, card).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertNetworkError);
    expect(error).toMatchObject({ mayHaveBeenDelivered: true, operationId: 'sendContactToChat' });
    expect((error as Error).message).toMatch(/may have been delivered/);
    expect(server.arrived).toHaveLength(1);
    expect(retries).toHaveLength(0);
  });

  it('a retryable 503 with Retry-After: 1 is sent again after a second', async () => {
    server.handle((a, _req, res) =>
      server.arrived.length === 1
        ? json(res, 503, envelope(503, 3002, true), { 'retry-after': '1' })
        : json(res, verify(a.headers['x-chert-signature'], a.body).ok ? 200 : 401, sentOk),
    );
    const { c, retries } = client();
    await expect(c.contacts.send({ chatId: 'ch_1' }, card)).resolves.toEqual(sentOk);
    expect(server.arrived).toHaveLength(2);
    expect(retries.map((r) => r.delayMs)).toEqual([1000]);
    // A lower bound only: the client must not come back sooner than it was told.
    expect(server.arrived[1]!.at - server.arrived[0]!.at).toBeGreaterThanOrEqual(950);
    expect(server.arrived[1]!.body.equals(server.arrived[0]!.body)).toBe(true);
  });

  it('a non-retryable 400 is not sent again', async () => {
    server.handle((_a, _req, res) => json(res, 400, envelope(400, 1002, false)));
    const { c, retries } = client({ maxRetries: 3 });
    await expect(c.contacts.send({ chatId: 'ch_1' }, card)).rejects.toMatchObject({ name: 'ChertApiError', status: 400, code: 1002 });
    expect(server.arrived).toHaveLength(1);
    expect(retries).toHaveLength(0);
  });

  it('a 2013 is re-signed once with the clock corrected from Date, then succeeds', async () => {
    server.handle((a, _req, res) => {
      const { ok, ts } = verify(a.headers['x-chert-signature'], a.body);
      if (Math.abs(ts - Date.now() / 1000) > 300) return json(res, 401, envelope(401, 2013, false), { date: new Date().toUTCString() });
      json(res, ok ? 200 : 401, ok ? sentOk : envelope(401, 2004, false));
    });
    const { c, retries } = client({ now: () => Date.now() - 10 * 60_000, maxRetries: 0 });
    await expect(c.contacts.send({ chatId: 'ch_1' }, card)).resolves.toEqual(sentOk);
    expect(server.arrived).toHaveLength(2);
    expect(retries).toMatchObject([{ error: { code: 2013 }, delayMs: 0 }]);
    const [first, second] = server.arrived.map((a) => verify(a.headers['x-chert-signature'], a.body));
    expect(first!.ok && second!.ok).toBe(true);
    expect(second!.ts - first!.ts).toBeGreaterThanOrEqual(599);
  });

  it('a timeout fires, aborts the request, and is not retried', async () => {
    let closed!: () => void;
    const aborted = new Promise<void>((resolve) => (closed = resolve));
    server.handle((_a, _req, res) => res.on('close', closed));
    const { c, retries } = client({ timeoutMs: 150, maxRetries: 3 });
    const error = await c.contacts.send({ chatId: 'ch_1' }, card).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertTimeoutError);
    expect(error).toMatchObject({ mayHaveBeenDelivered: true, timeoutMs: 150, operationId: 'sendContactToChat' });
    await aborted; // the server saw the client hang up
    expect(server.arrived).toHaveLength(1);
    expect(retries).toHaveLength(0);
  });

  it.each(ways)('a caller who aborts while the request is in flight (%s) stops it at once, with a ChertAbortError', async (_name, send) => {
    let closed!: () => void;
    const hungUp = new Promise<void>((resolve) => (closed = resolve));
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    server.handle((_a, _req, res) => {
      res.on('close', closed);
      controller.abort(reason);
    });
    const { c, retries } = client({ timeoutMs: 0, maxRetries: 3 });
    const error = await send(c, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertAbortError);
    expect(error).toMatchObject({ cause: reason, mayHaveBeenDelivered: true, operationId: 'sendContactToChat' });
    await hungUp; // the server saw the client hang up
    expect(server.arrived).toHaveLength(1);
    expect(retries).toHaveLength(0);
  });

  it('a refused connection proves nothing was sent: retried, then reported as not delivered', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const { c, retries } = client({ baseUrl: `http://127.0.0.1:${closedPort}`, maxRetries: 1 });
    const error = await c.contacts.shareOwnCard({ chatId: 'ch_1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertNetworkError);
    expect(error).toMatchObject({ mayHaveBeenDelivered: false, operationId: 'shareContactInfoToChat' });
    expect(retries).toHaveLength(1);
  });
});

describe('the answer’s body is under the same limits (issue 10, item 1)', () => {
  const stalls: [name: string, status: number, bytes: string][] = [
    ["a 200's headers, then nothing", 200, ''],
    ["a 200's headers and half its body, then nothing", 200, '{"chat_id":"ch_1",'],
    ["a 503's headers and half its envelope, then nothing", 503, '{"success":false,"error":{"status":503,'],
  ];
  for (const [way, send] of ways) {
    it.each(stalls)(`${way}: %s ends with ChertTimeoutError within timeoutMs`, async (_name, status, bytes) => {
      let hungUp!: Promise<void>;
      server.handle((_a, _req, res) => {
        hungUp = hangUp(res);
        res.writeHead(status, { 'content-type': 'application/json', 'x-trace-id': 'loopback' });
        if (bytes) res.write(bytes);
        else res.flushHeaders();
      });
      const { c, retries } = client({ timeoutMs: 200, maxRetries: 3 });
      const started = performance.now();
      const error = await send(c).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChertTimeoutError);
      expect(error).toMatchObject({ timeoutMs: 200, mayHaveBeenDelivered: true, operationId: 'sendContactToChat' });
      // A lower bound only: it must not give up before its time.
      expect(performance.now() - started).toBeGreaterThanOrEqual(190);
      await hungUp;
      expect(server.arrived).toHaveLength(1);
      expect(retries).toHaveLength(0);
      expect(watch.pending()).toBe(0);
    });

    it(`${way}: an abort after the headers settles the call with ChertAbortError`, async () => {
      let hungUp!: Promise<void>;
      server.handle((_a, _req, res) => {
        hungUp = hangUp(res);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"chat_id":');
      });
      const controller = new AbortController();
      const reason = new Error('caller gave up');
      // The client's fetch tells the test when the headers are in; then the caller aborts.
      const { c } = client({
        timeoutMs: 0,
        fetch: async (request, init) => {
          const response = await globalThis.fetch(request, init);
          setTimeout(() => controller.abort(reason), 20);
          return response;
        },
      });
      const error = await send(c, { signal: controller.signal }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChertAbortError);
      expect(error).toMatchObject({ cause: reason, mayHaveBeenDelivered: true, operationId: 'sendContactToChat' });
      await hungUp;
      expect(watch.pending()).toBe(0);
    });
  }

  it('contacts.send takes its own timeoutMs over the client’s', async () => {
    server.handle((_a, _req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"chat_id":');
    });
    const { c } = client({ timeoutMs: 30_000 });
    const error = await ways[0]![1](c, { timeoutMs: 150 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ChertTimeoutError', timeoutMs: 150, operationId: 'sendContactToChat' });
    expect(watch.pending()).toBe(0);
  });

  it('a success leaves no timer behind, though timeoutMs (30 s) and deadlineMs (60 s) were armed', async () => {
    server.handle((_a, _req, res) => json(res, 200, sentOk));
    const { c } = client();
    await expect(c.contacts.send({ chatId: 'ch_1' }, card)).resolves.toEqual(sentOk);
    await expect(c.POST('/api/v1/chats/{id}/send-contact', { params: { path: { id: 'ch_1' } }, body: card })).resolves.toMatchObject({ data: sentOk });
    expect(watch.pending()).toBe(0);
  });
});

describe('deadlines and waits', () => {
  it('an abort during the wait before a retry ends the call at once, and nothing more is sent', async () => {
    server.handle((_a, _req, res) => json(res, 503, envelope(503, 3002, true), { 'retry-after': '1' }));
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const retries: RetryInfo[] = [];
    const { c } = client({
      onRetry: (info) => {
        retries.push(info);
        setTimeout(() => controller.abort(reason), 50);
      },
    });
    const error = await c.contacts.send({ chatId: 'ch_1' }, card, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertAbortError);
    // The 503 said it was not acted on.
    expect(error).toMatchObject({ cause: reason, mayHaveBeenDelivered: false });
    expect(retries).toHaveLength(1);
    expect(watch.pending()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(server.arrived).toHaveLength(1);
  });

  it('deadlineMs bounds an attempt too: a server that never answers ends at the deadline', async () => {
    server.handle(() => {});
    const { c } = client({ timeoutMs: 0, deadlineMs: 200 });
    const error = await c.contacts.send({ chatId: 'ch_1' }, card).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 200, mayHaveBeenDelivered: true });
    expect((error as Error).message).toMatch(/did not finish within its deadline of 200 ms/);
  });

  it('a retry whose wait would pass the deadline is not made: the ChertApiError comes at once', async () => {
    server.handle((_a, _req, res) => json(res, 503, envelope(503, 3002, true), { 'retry-after': '2' }));
    const { c, retries } = client({ deadlineMs: 1_000 });
    const error = await c.contacts.send({ chatId: 'ch_1' }, card).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertApiError);
    expect(error).toMatchObject({ code: 3002, retryAfter: 2 });
    expect(retries).toHaveLength(0);
    expect(server.arrived).toHaveLength(1);
  });
});

describe('what never left (issue 10, item 3)', () => {
  it('a port fetch refuses (127.0.0.1:1) was not sent: retried, then reported as not delivered', async () => {
    const { c, retries } = client({ baseUrl: 'http://127.0.0.1:1', maxRetries: 1 });
    for (const send of [() => c.contacts.send({ chatId: 'ch_1' }, card), () => c.POST('/api/v1/chats/{id}/send-contact', { params: { path: { id: 'ch_1' } }, body: card })]) {
      const error = await send().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChertNetworkError);
      expect(error).toMatchObject({ mayHaveBeenDelivered: false, operationId: 'sendContactToChat' });
      expect((error as Error).message).toMatch(/was not sent: fetch refuses to connect to this port/);
    }
    expect(retries.map((r) => r.error instanceof ChertNetworkError && r.error.mayHaveBeenDelivered)).toEqual([false, false]);
    expect(retries.map((r) => r.error.name)).toEqual(['ChertNetworkError', 'ChertNetworkError']);
  });
});
