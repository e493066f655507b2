// Faults on a real socket, against a loopback server of the test's own.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChertNetworkError, ChertTimeoutError, createChertClient, type RetryInfo } from '../src/index.js';
import { SECRET, TENANT } from './support/fetch.js';
import { envelope, json, startServer } from './support/server.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const sentOk = { chat_id: 'ch_1', status: 'sent' };
const card = { contact: { full_name: 'Zoë 山田 👩🏽‍💻' } };

function client(options: { now?: () => number; timeoutMs?: number; maxRetries?: number; baseUrl?: string } = {}) {
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

  it.each([
    ['contacts.send', (c: ReturnType<typeof client>['c'], signal: AbortSignal) => c.contacts.send({ chatId: 'ch_1' }, card, { signal })],
    ['the typed client', (c: ReturnType<typeof client>['c'], signal: AbortSignal) =>
      c.POST('/api/v1/chats/{id}/send-contact', { params: { path: { id: 'ch_1' } }, body: card, signal })],
  ] as const)('a caller who aborts while the request is in flight (%s) stops it at once, with their reason', async (_name, send) => {
    let closed!: () => void;
    const hungUp = new Promise<void>((resolve) => (closed = resolve));
    const controller = new AbortController();
    server.handle((_a, _req, res) => {
      res.on('close', closed);
      controller.abort(new Error('caller gave up'));
    });
    const { c, retries } = client({ timeoutMs: 0, maxRetries: 3 });
    await expect(send(c, controller.signal)).rejects.toThrow('caller gave up');
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
