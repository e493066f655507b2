// Cursor pagination (`x-chert-pagination`): the call resolves to the first page, and iterating it
// (or a page) reads every item of every page, following the next cursor until it is null. Against
// a loopback server of our own that serves several pages, and against the mock's examples.
import { startMock, type RequestReport, type RunningMock } from '@chert/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChertError, createChertClient } from '../src/index.js';
import { SECRET, TENANT } from './support/fetch.js';
import { json, startServer } from './support/server.js';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.close());

const event = (n: number) => ({ id: `evt_${n}`, type: 'message.received', created_at: `2026-05-04T18:00:${String(n).padStart(2, '0')}Z` });

/** Serves `total` events, `size` a page, the cursor being the index of the next one. */
function servePages(total: number, size: number) {
  server.handle((a, _req, res) => {
    const url = new URL(a.path, server.url);
    const from = Number(url.searchParams.get('cursor') ?? 0);
    const events = Array.from({ length: Math.min(size, total - from) }, (_, i) => event(from + i));
    const next = from + size < total ? String(from + size) : null;
    json(res, 200, { events, next_cursor: next, count: events.length });
  });
}

const client = () => createChertClient({ auth: { bearer: { token: SECRET } }, baseUrl: server.url });
const queries = () => server.arrived.map((a) => Object.fromEntries(new URL(a.path, server.url).searchParams));

describe('against pages of our own', () => {
  const cases: [name: string, total: number, size: number, requests: number][] = [
    ['one page', 3, 5, 1],
    ['an empty log', 0, 5, 1],
    ['pages that divide evenly', 6, 2, 3],
    ['a short last page', 7, 3, 3],
  ];
  it.each(cases)('%s: every item once, in order, one request a page', async (_name, total, size, requests) => {
    servePages(total, size);
    const seen: string[] = [];
    for await (const e of client().events.list({ type: 'message.received', limit: size })) seen.push(e.id);
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => `evt_${i}`));
    expect(server.arrived).toHaveLength(requests);
    // The query is kept on every page; only the cursor is added.
    for (const [i, q] of queries().entries()) {
      expect(q).toEqual({ type: 'message.received', limit: String(size), ...(i === 0 ? {} : { cursor: String(i * size) }) });
    }
  });

  it('the call resolves to the first page: its items, the next cursor and the answer’s own fields', async () => {
    servePages(5, 2);
    const page = await client().events.list({ limit: 2 });
    expect(page.data.map((e) => e.id)).toEqual(['evt_0', 'evt_1']);
    expect(page.nextCursor).toBe('2');
    expect(page.next_cursor).toBe('2');
    expect(page.count).toBe(2);
    expect(page.events).toBe(page.data);
    expect(server.arrived).toHaveLength(1);
  });

  it('a page iterates from itself on; getNextPage follows the cursor by hand', async () => {
    servePages(5, 2);
    const first = await client().events.list({ limit: 2 });
    const second = await first.getNextPage();
    expect(second.data.map((e) => e.id)).toEqual(['evt_2', 'evt_3']);
    const rest: string[] = [];
    for await (const e of second) rest.push(e.id);
    expect(rest).toEqual(['evt_2', 'evt_3', 'evt_4']);
    const last = await second.getNextPage();
    expect(last.nextCursor).toBeNull();
    await expect(last.getNextPage()).rejects.toThrow(ChertError);
  });

  it('iterating the call sends its first request once, and withResponse gives that answer', async () => {
    servePages(4, 2);
    const call = client().events.list({ limit: 2 });
    const { data: page, response } = await call.withResponse();
    expect(response.status).toBe(200);
    const all: string[] = [];
    for await (const e of call) all.push(e.id);
    expect(all).toEqual(['evt_0', 'evt_1', 'evt_2', 'evt_3']);
    expect(page.data).toHaveLength(2);
    expect(server.arrived).toHaveLength(2);
  });

  it('breaking out of the loop asks for no further page', async () => {
    servePages(10, 2);
    for await (const e of client().devInbox.list()) if (e.id === 'evt_2') break;
    expect(server.arrived).toHaveLength(2);
  });

  it('an error on a later page rejects the loop with the typed error, after the items before it', async () => {
    server.handle((a, _req, res) => {
      const from = Number(new URL(a.path, server.url).searchParams.get('cursor') ?? 0);
      if (from >= 4) return json(res, 400, { success: false, error: { status: 400, code: 1002, message: 'bad cursor', retryable: false }, trace_id: 'loopback' });
      json(res, 200, { events: [event(from), event(from + 1)], next_cursor: String(from + 2), count: 2 });
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const e of client().events.list()) seen.push(e.id);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['evt_0', 'evt_1', 'evt_2', 'evt_3']);
    expect(error).toMatchObject({ name: 'ChertApiError', status: 400, code: 1002, operationId: 'listEvents' });
  });

  it('a server that answers the cursor it was sent is not asked for that page forever', async () => {
    server.handle((a, _req, res) => {
      const cursor = new URL(a.path, server.url).searchParams.get('cursor');
      json(res, 200, { events: [event(cursor ? 1 : 0)], next_cursor: 'again', count: 1 });
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const e of client().events.list()) seen.push(e.id);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['evt_0', 'evt_1']);
    expect(error).toBeInstanceOf(ChertError);
    expect((error as Error).message).toMatch(/listEvents answered the cursor it was sent/);
    expect(server.arrived).toHaveLength(2);
  });

  it('bad input rejects the call before anything is sent', async () => {
    servePages(1, 1);
    await expect(client().events.list('type=x' as never)).rejects.toMatchObject({ name: 'ChertInputError', field: 'query' });
    await expect(client().events.list({}, { timeoutMs: -1 })).rejects.toMatchObject({ name: 'ChertInputError', field: 'timeoutMs' });
    expect(server.arrived).toHaveLength(0);
  });
});

describe('against the mock’s examples', () => {
  let mock: RunningMock;
  const reports: RequestReport[] = [];
  beforeAll(async () => {
    mock = await startMock({ mode: 'examples', port: 0, host: '127.0.0.1', onReport: (r) => reports.push(r) });
  });
  afterAll(() => mock?.close());
  const urls: URL[] = [];
  const chert = () =>
    createChertClient({
      auth: { hmac: { tenant: TENANT, signingSecret: SECRET } },
      baseUrl: mock.url,
      fetch: (request, init) => (urls.push(new URL(request.url)), globalThis.fetch(request, init)),
    });

  it('devInbox.list: one page whose next cursor is null, so the loop ends after its items', async () => {
    reports.length = 0;
    const items = [];
    for await (const e of chert().devInbox.list({ limit: 50 })) items.push(e);
    const page = await chert().devInbox.list();
    expect(page.nextCursor).toBeNull();
    expect(items).toEqual(page.data);
    expect(items.length).toBeGreaterThan(0);
    expect(reports.map((r) => [r.operation, r.status])).toEqual([
      ['listDevInboxEvents', 200],
      ['listDevInboxEvents', 200],
    ]);
  });

  it('events.list: the example page points past itself, so the loop sends its cursor, then stops at the repeat', async () => {
    reports.length = 0;
    urls.length = 0;
    const first = await chert().events.list({ type: 'message.received' });
    expect(first.nextCursor).toEqual(expect.any(String));
    const items: unknown[] = [];
    const error = await (async () => {
      for await (const e of chert().events.list({ type: 'message.received' })) items.push(e);
    })().catch((e: unknown) => e);
    // The examples answer the same page to every cursor: read twice, then the guard stops.
    expect(items).toEqual([...first.data, ...first.data]);
    expect(error).toBeInstanceOf(ChertError);
    expect(reports.slice(1).map((r) => [r.operation, r.status])).toEqual([
      ['listEvents', 200],
      ['listEvents', 200],
    ]);
    expect(urls.slice(1).map((u) => [u.searchParams.get('type'), u.searchParams.get('cursor')])).toEqual([
      ['message.received', null],
      ['message.received', first.nextCursor],
    ]);
  });
});
