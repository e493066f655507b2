import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { document } from './document.js';
import { ADA, startSandbox } from './sandbox.js';

/**
 * The event stream as `x-chert-stream` describes it, with the timings shortened: events as
 * `data:` frames (each an Event, valid against the document's schema), heartbeats, the
 * close frame after the connection's life, resume with `since`, any number of clients, and
 * nothing left behind by clients that go away.
 */
const stream = document.paths['/api/v1/events/stream'].get['x-chert-stream'];
const ajv = new Ajv2020({ strict: false });
addFormats.default(ajv);
ajv.addSchema(document, 'doc');
const validEvent = ajv.compile({ $ref: `doc#/components/schemas/${stream.item}` });

let mock: RunningSandbox;
const HEARTBEAT_MS = 60;
const LIFE_MS = 600;

beforeAll(async () => {
  ({ mock } = await startSandbox({ streamHeartbeatMs: HEARTBEAT_MS, streamLifeMs: LIFE_MS }));
});
afterAll(() => mock?.close());

interface Listener {
  res: IncomingMessage;
  req: ClientRequest;
  text: () => string;
  ended: Promise<string>;
  /** Resolves once the received text matches. */
  until(pattern: RegExp): Promise<string>;
}

function listen(query = ''): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(mock.url);
    const req = request({ host: hostname, port, path: `/api/v1/events/stream${query}`, headers: { authorization: 'Bearer t' }, agent: false }, (res) => {
      let text = '';
      const waiters: Array<[RegExp, (t: string) => void]> = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        for (const w of [...waiters]) if (w[0].test(text)) waiters.splice(waiters.indexOf(w), 1), w[1](text);
      });
      const ended = new Promise<string>((done) => res.on('end', () => done(text)));
      resolve({
        res,
        req,
        text: () => text,
        ended,
        until: (pattern) => (pattern.test(text) ? Promise.resolve(text) : new Promise((done) => waiters.push([pattern, done]))),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const frames = (text: string) => text.split('\n\n').filter(Boolean);
const dataOf = (text: string) => frames(text).filter((f) => f.startsWith('data: ')).map((f) => JSON.parse(f.slice(6)));

describe('the event stream', () => {
  it('serves any number of clients each new event as a data: frame holding an Event', async () => {
    const clients = await Promise.all([listen(), listen(), listen()]);
    for (const c of clients) expect([c.res.statusCode, c.res.headers['content-type']]).toEqual([200, 'text/event-stream']);
    const { events } = await mock.inbound({ from: ADA, text: 'Hi there' });
    for (const c of clients) {
      const seen = dataOf(await c.until(/lead_reply/));
      expect(seen.map((e) => e.id)).toEqual(events.map((e) => e.id));
      for (const e of seen) expect(validEvent(e), JSON.stringify(validEvent.errors)).toBe(true);
      c.req.destroy();
    }
  });

  it(`sends a heartbeat comment, then ends with an event: ${stream.closeEvent} frame after its life`, async () => {
    const c = await listen();
    const text = await c.ended;
    const all = frames(text);
    expect(all.filter((f) => f.startsWith(':')).length).toBeGreaterThanOrEqual(2);
    expect(all.at(-1)).toBe(`event: ${stream.closeEvent}`);
    expect((await mock.stats()).streamClients).toBe(0);
  });

  it(`resumes with ${stream.resume}: the events after it first, then the new ones`, async () => {
    const first = await mock.inbound({ from: ADA, text: 'one' });
    const cut = first.events[1]!.created_at;
    mock.advanceClock(5);
    const second = await mock.inbound({ from: ADA, text: 'two' });
    const c = await listen(`?${stream.resume}=${encodeURIComponent(cut)}`);
    const third = await mock.inbound({ from: ADA, text: 'three' });
    const seen = dataOf(await c.until(new RegExp(third.events[1]!.id)));
    expect(seen.map((e) => e.id)).toEqual([...second.events, ...third.events].map((e) => e.id));
    c.req.destroy();
  });

  it('releases everything a killed client held: 1,000 connect/disconnect cycles leave no connection and no subscriber', { timeout: 120_000 }, async () => {
    const before = process.memoryUsage();
    for (let i = 0; i < 1000; i++) {
      const c = await listen();
      if (i % 2) c.res.destroy();
      else c.req.destroy();
    }
    // The server notices each close on its own time; wait until it has, then count.
    let stats = await mock.stats();
    for (let i = 0; i < 500 && (stats.streamClients || stats.openConnections); i++) {
      await new Promise((r) => setTimeout(r, 10));
      stats = await mock.stats();
    }
    const after = process.memoryUsage();
    console.log(
      `stream cycles: heap ${(before.heapUsed / 2 ** 20).toFixed(1)} MiB → ${(after.heapUsed / 2 ** 20).toFixed(1)} MiB, rss ${(before.rss / 2 ** 20).toFixed(1)} → ${(after.rss / 2 ** 20).toFixed(1)} MiB; open connections ${stats.openConnections}, stream clients ${stats.streamClients}`,
    );
    expect(stats).toEqual({ openConnections: 0, streamClients: 0, pendingDeliveries: 0 });
  });
});
