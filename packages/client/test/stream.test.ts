// The event stream (`x-chert-stream`): typed events over Server-Sent Events with the client's auth
// headers, heartbeats skipped, reconnected when the server closes (`event: close`) or the
// connection drops, resumed with `since` without losing or repeating an event. Against a loopback
// SSE server of our own that follows a script per connection, and in units for what a server
// cannot show quickly (silence, giving up).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChertAbortError, ChertApiError, ChertNetworkError, createChertClient, type Event } from '../src/index.js';
import { eventStream, MAX_FAILURES, type StreamSource } from '../src/core/stream.js';
import { SECRET, TENANT } from './support/fetch.js';
import { envelope, json, startServer } from './support/server.js';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.close());

// Events are created after the stream opens (a reader resumes from the server's Date until it has one).
const BASE = Math.ceil(Date.now() / 1000) * 1000 + 60_000;
/** An event of the log: `n` orders them; `second` is its created_at (several may share one). */
const event = (n: number, second = n) => ({
  id: `evt_${n}`,
  type: 'message.received',
  event_id: `chert:msg:${n}`,
  lead_id: 'ch_1',
  convo_id: 'cv_1',
  payload: { event: 'lead_reply', event_id: `chert:msg:${n}` },
  delivery: { status: 'delivered', attempts: [] },
  created_at: new Date(BASE + second * 1000).toISOString(),
});
type Row = ReturnType<typeof event>;

/**
 * What one connection does: send the events of the log at the `since` instant again (inclusive,
 * as a server may be: the reader must skip those it has), then up to `send` newer ones, then end so.
 */
interface Step {
  send: number;
  end: 'close' | 'close-bare' | 'drop' | 'drop-mid-frame' | 'hang' | 'eof';
  heartbeat?: boolean;
}

/** Serves `log` over SSE, connection `i` following `script[i]` (the last step repeats). */
function serveStream(log: Row[], script: Step[]) {
  const opened: { since: string | null; headers: IncomingMessage['headers']; closed: Promise<void> }[] = [];
  server.handle((a, req, res: ServerResponse) => {
    const since = new URL(a.path, server.url).searchParams.get('since');
    const closed = new Promise<void>((resolve) => res.on('close', () => resolve()));
    opened.push({ since, headers: a.headers, closed });
    const step = script[Math.min(opened.length - 1, script.length - 1)]!;
    const again = log.filter((e) => e.created_at === since);
    const rows = [...again, ...log.filter((e) => since === null || e.created_at > since).slice(0, step.send)];
    res.writeHead(200, { 'content-type': 'text/event-stream', 'x-trace-id': 'loopback' });
    if (step.heartbeat !== false) res.write(': heartbeat\n\n');
    for (const row of rows) res.write(`data: ${JSON.stringify(row)}\n\n`);
    if (step.end === 'close') res.end('event: close\ndata: \n\n');
    else if (step.end === 'close-bare') res.end('event: close\n\n');
    else if (step.end === 'eof') res.end();
    else if (step.end === 'drop') setTimeout(() => res.socket?.destroy(), 5);
    else if (step.end === 'drop-mid-frame') {
      res.write(`data: {"id":"evt_partial","created_at":"2026-05-04T18:`);
      setTimeout(() => res.socket?.destroy(), 5);
    }
    // 'hang': nothing more, the connection stays open until the client goes
    void req;
  });
  return opened;
}

const chert = () => createChertClient({ auth: { hmac: { tenant: TENANT, signingSecret: SECRET } }, baseUrl: server.url, maxRetries: 0 });

/** The first `n` items of a stream, then out of the loop (which closes the connection). */
async function take(stream: AsyncIterable<Event>, n: number): Promise<string[]> {
  const ids: string[] = [];
  if (n === 0) return ids;
  for await (const e of stream) {
    ids.push(e.id);
    if (ids.length === n) break;
  }
  return ids;
}

describe('reading', () => {
  it('yields typed events, skips heartbeats, and sends the auth headers EventSource cannot', async () => {
    const log = [event(1), event(2), event(3)];
    const opened = serveStream(log, [{ send: 3, end: 'hang' }]);
    const items: Event[] = [];
    for await (const e of chert().events.stream()) {
      items.push(e);
      if (items.length === 3) break;
    }
    expect(items).toEqual(log);
    expect(opened[0]!.headers['x-chert-tenant']).toBe(TENANT);
    expect(opened[0]!.headers['x-chert-signature']).toMatch(/^v1,\d+,[0-9a-f]{64}$/);
    expect(opened[0]!.headers.accept ?? '').not.toContain('application/json;');
    await opened[0]!.closed; // break closed the connection
  });

  it('awaiting it opens the first connection; withResponse gives its answer', async () => {
    serveStream([event(1)], [{ send: 1, end: 'hang' }]);
    const { data: stream, response, traceId } = await chert().events.stream().withResponse();
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(traceId).toBe('loopback');
    expect(await take(stream, 1)).toEqual(['evt_1']);
  });

  it('passes `since` and keeps it, with the other query fields, on every connection', async () => {
    const log = [event(1), event(2), event(3), event(4), event(5)];
    const opened = serveStream(log, [{ send: 2, end: 'close' }]);
    // (2) 3, 4 | (4) 5
    const ids = await take(chert().events.stream({ since: event(2).created_at }), 4);
    expect(ids).toEqual(['evt_2', 'evt_3', 'evt_4', 'evt_5']);
    expect(opened.map((o) => o.since)).toEqual([event(2).created_at, event(4).created_at]);
  });
});

describe('reconnecting without losing or repeating an event', () => {
  const log = [event(1), event(2), event(3, 3), event(4, 3), event(5, 3), event(6), event(7)];
  const at = (n: number) => log[n - 1]!.created_at;
  const cases: [name: string, script: Step[], sinces: (string | null)[]][] = [
    // 1, 2 | (2) 3, 4 | (3, 4) 5, 6, 7
    ['the server closes each connection after two events (event: close)', [{ send: 2, end: 'close' }], [null, at(2), at(3)]],
    ['the connection drops after two events', [{ send: 2, end: 'drop' }], [null, at(2), at(3)]],
    // 1, 2, 3, half a frame | (3) 4, 5, 6, 7: 4 and 5 share 3's instant
    ['the connection drops in the middle of a frame', [{ send: 3, end: 'drop-mid-frame' }], [null, at(3)]],
    ['the server ends the answer without its close frame', [{ send: 3, end: 'eof' }], [null, at(3)]],
    ['the server sends its close frame without a data line (as the mock does)', [{ send: 3, end: 'close-bare' }], [null, at(3)]],
  ];
  it.each(cases)('%s', async (_name, script, sinces) => {
    const opened = serveStream(log, script);
    const ids = await take(chert().events.stream(), log.length);
    expect(ids).toEqual(log.map((e) => e.id));
    // Each reconnection resumes from the last event's created_at; events of that instant
    // that the server sends again (three share 18:00:03) are skipped by id.
    expect(opened.map((o) => o.since)).toEqual(sinces);
  });

  it('before any event, a reconnection resumes from when the first connection opened (the server’s Date)', async () => {
    const opened = serveStream([], [{ send: 0, end: 'close' }, { send: 0, end: 'hang' }]);
    const controller = new AbortController();
    const { data: stream, response } = await chert().events.stream({ signal: controller.signal }).withResponse();
    const reading = take(stream, 1).catch((e: unknown) => e);
    await vi.waitFor(() => expect(opened).toHaveLength(2));
    expect(opened[0]!.since).toBeNull();
    expect(opened[1]!.since).toBe(new Date(response.headers.get('date')!).toISOString());
    controller.abort();
    expect(await reading).toBeInstanceOf(ChertAbortError);
    await opened[1]!.closed;
  });
});

describe('ending', () => {
  it('an abort while waiting for events ends the loop with a ChertAbortError and closes the connection', async () => {
    const opened = serveStream([event(1)], [{ send: 1, end: 'hang' }]);
    const controller = new AbortController();
    const ids: string[] = [];
    const error = await (async () => {
      for await (const e of chert().events.stream({ signal: controller.signal })) {
        ids.push(e.id);
        setTimeout(() => controller.abort(new Error('done here')), 20);
      }
    })().catch((e: unknown) => e);
    expect(ids).toEqual(['evt_1']);
    expect(error).toBeInstanceOf(ChertAbortError);
    expect((error as ChertAbortError).cause).toEqual(new Error('done here'));
    await opened[0]!.closed;
  });

  it('an abort before the first connection rejects the call itself', async () => {
    serveStream([event(1)], [{ send: 1, end: 'hang' }]);
    await expect(chert().events.stream({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(ChertAbortError);
  });

  it('an error answer to the first connection rejects the call with the typed error', async () => {
    server.handle((_a, _req, res) => json(res, 401, envelope(401, 2004, false)));
    await expect(chert().events.stream()).rejects.toMatchObject({ name: 'ChertApiError', status: 401, code: 2004, operationId: 'streamEvents' });
  });

  it('an error answer to a reconnection ends the loop with it, after the events before', async () => {
    let connections = 0;
    server.handle((_a, _req, res) => {
      if (++connections > 1) return json(res, 403, envelope(403, 2005, false));
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`data: ${JSON.stringify(event(1))}\n\nevent: close\ndata:\n\n`);
    });
    const ids: string[] = [];
    const error = await (async () => {
      for await (const e of chert().events.stream()) ids.push(e.id);
    })().catch((e: unknown) => e);
    expect(ids).toEqual(['evt_1']);
    expect(error).toBeInstanceOf(ChertApiError);
    expect(error).toMatchObject({ code: 2005 });
  });

  it('refuses options it cannot use before connecting', async () => {
    serveStream([], [{ send: 0, end: 'hang' }]);
    await expect(chert().events.stream({ timeoutMs: -5 })).rejects.toMatchObject({ name: 'ChertInputError', field: 'timeoutMs' });
    expect(server.arrived).toHaveLength(0);
  });
});

describe('units: silence, giving up, frames', () => {
  const facts = { closeEvent: 'close', resume: 'since', resumeFrom: 'created_at', itemId: 'id', heartbeatSeconds: 15 };
  const encoder = new TextEncoder();
  /** A body that sends `text` and then, unless `end`, stays silent. */
  const body = (text: string, end = false) =>
    new ReadableStream<Uint8Array>({
      start(c) {
        if (text) c.enqueue(encoder.encode(text));
        if (end) c.close();
      },
    });
  const source = (connect: StreamSource['connect'], extra: Partial<StreamSource> = {}): StreamSource => ({
    operationId: 'streamEvents',
    facts,
    connect,
    signal: undefined,
    log: {},
    backoff: () => 1,
    ...extra,
  });

  it('a connection silent past two heartbeats counts as dropped: reconnected from the last event', async () => {
    const since: (string | undefined)[] = [];
    const stream = eventStream<Row>(body(`data: ${JSON.stringify(event(1))}\n\n`), undefined, source(async (at) => {
      since.push(at);
      return body(`data: ${JSON.stringify(event(2))}\n\n`);
    }, { idleMs: 30 }));
    expect(await take(stream as AsyncIterable<Event>, 2)).toEqual(['evt_1', 'evt_2']);
    expect(since).toEqual([event(1).created_at]);
  });

  it(`gives up after ${MAX_FAILURES} failed connections in a row, with the last error`, async () => {
    let tries = 0;
    const failure = new ChertNetworkError('streamEvents was not sent: no connection could be made', 'streamEvents', false);
    const stream = eventStream<Row>(body('', true), undefined, source(async () => {
      tries++;
      throw failure;
    }));
    const error = await take(stream as AsyncIterable<Event>, 1).catch((e: unknown) => e);
    expect(error).toBe(failure);
    // The first connection ended without its close frame: one failure, then nine refused.
    expect(tries).toBe(MAX_FAILURES - 1);
  });

  it('a failure that is an answer, not the network, is not retried', async () => {
    let tries = 0;
    const answer = new ChertApiError({ status: 404, code: 2001, message: 'no tenant', retryable: false, retryAfter: undefined, traceId: undefined, operationId: 'streamEvents', headers: new Headers() });
    const stream = eventStream<Row>(body('', true), undefined, source(async () => {
      tries++;
      throw answer;
    }));
    await expect(take(stream as AsyncIterable<Event>, 1)).rejects.toBe(answer);
    expect(tries).toBe(1);
  });

  it('skips a frame that is not JSON (with a warning) and events of other names; reads frames split across chunks', async () => {
    const warn = vi.fn();
    const text = `event: ping\ndata: {}\n\ndata: not json\n\n: comment\ndata: ${JSON.stringify(event(1))}\n\n`;
    const chunks = [text.slice(0, 7), text.slice(7, 40), text.slice(40)];
    const split = new ReadableStream<Uint8Array>({
      start(c) {
        for (const chunk of chunks) c.enqueue(encoder.encode(chunk));
      },
    });
    const stream = eventStream<Row>(split, undefined, source(async () => body(''), { log: { warn } }));
    expect(await take(stream as AsyncIterable<Event>, 1)).toEqual(['evt_1']);
    expect(warn).toHaveBeenCalledWith('streamEvents: skipped a frame whose data is not JSON');
    expect(JSON.stringify(warn.mock.calls)).not.toContain('not json');
  });
});
