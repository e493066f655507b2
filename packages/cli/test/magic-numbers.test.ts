import { ChertAbortError, ChertApiError, createChertClient, type ChertClient, type RetryInfo } from '@chert/client';
import { magicNumbers, startMock, type RunningSandbox } from '@chert/mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

/**
 * The sandbox's magic numbers through @chert/client, the way a user's code meets them: each
 * outcome, with the client's retry rules visible through `onRetry` and its log. The
 * retryable ones (1007, 4002) are sent again after `retry_after`, within `maxRetries` and
 * the deadline; the others are thrown at once. (The mock's own tests check every sending
 * operation against the document; this is the client's view.)
 */
const number = (outcome: string) => magicNumbers.find((m) => m.outcome === outcome)!.number;
const FAILED = number('delivery_failed');
const SATURATED = number('lines_saturated');
const RATE_LIMITED = number('rate_limited');
const UNSUPPORTED = number('unsupported');
const READ = number('read');
const ECHO = number('echo');

let mock: RunningSandbox;
beforeAll(async () => {
  mock = (await startMock({ port: 0, deliveredAfterMs: 50 })) as RunningSandbox;
});
afterEach(() => mock.reset());
afterAll(() => mock?.close());

interface Observed {
  chert: ChertClient;
  retries: RetryInfo[];
  info: string[];
  /** Requests that reached the sandbox. */
  sent: string[];
}

function client(options: { deadlineMs?: number; signal?: AbortController; abortOnRetry?: boolean } = {}): Observed {
  const observed: Omit<Observed, 'chert'> = { retries: [], info: [], sent: [] };
  const chert = createChertClient({
    baseUrl: mock.url,
    auth: { bearer: { token: 'sandbox-token' } },
    logLevel: 'info',
    logger: { debug() {}, info: (line: string) => observed.info.push(line), warn() {}, error() {} },
    fetch: (request, init) => {
      observed.sent.push(`${request.method} ${new URL(request.url).pathname}`);
      return fetch(request, init);
    },
    onRetry: (info) => {
      observed.retries.push(info);
      if (options.abortOnRetry) options.signal?.abort(new Error('seen the retry'));
    },
    ...(options.deadlineMs === undefined ? {} : { deadlineMs: options.deadlineMs }),
  });
  return { ...observed, chert };
}

async function failure(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('failing numbers, through the client', () => {
  // [name, call, status, code, retryable, the retries' waits in ms (retry_after), requests]
  const cases: Array<[string, (c: ChertClient) => Promise<unknown>, number, number, boolean, number[], number]> = [
    ['delivery failed: messages.send', (c) => c.messages.send({ phone: FAILED, body: 'Hi' }), 502, 4001, false, [], 1],
    ['delivery failed: contacts.send by phone', (c) => c.contacts.send({ to: FAILED }, { contact: { full_name: 'Ada' } }), 502, 4001, false, [], 1],
    ['rate limited: messages.send, retried twice after retry_after', (c) => c.messages.send({ phone: RATE_LIMITED, body: 'Hi' }), 429, 1007, true, [2000, 2000], 3],
    ['rate limited: chats.create, retried the same way', (c) => c.chats.create({ from: '+14155550100', to: [RATE_LIMITED], message: { parts: [{ type: 'text', value: 'Hi' }] } }), 429, 1007, true, [2000, 2000], 3],
    ['the line cannot: contacts.shareOwnCard by phone', (c) => c.contacts.shareOwnCard({ to: UNSUPPORTED }), 501, 4099, false, [], 1],
    ['the line cannot: locations.send', (c) => c.locations.send({ phone: UNSUPPORTED, latitude: 1, longitude: 2 }), 422, 4099, false, [], 1],
  ];

  it.concurrent.each(cases)('%s', { timeout: 30_000 }, async (_name, call, status, code, retryable, waits, requests) => {
    const o = client();
    const error = await failure(call(o.chert));
    expect(error).toBeInstanceOf(ChertApiError);
    expect(error).toMatchObject({ status, code, retryable });
    expect((error as ChertApiError).traceId).toMatch(/^[0-9a-f]{12}$/);
    expect(o.retries.map((r) => r.delayMs)).toEqual(waits);
    expect(o.retries.every((r) => r.error instanceof ChertApiError && r.error.code === code)).toBe(true);
    expect(o.sent).toHaveLength(requests);
    expect(o.info.filter((l) => / retry \d+ in /.test(l))).toHaveLength(waits.length);
  });

  it('lines saturated: retryable, and the client schedules the retry after retry_after (30 s)', async () => {
    const controller = new AbortController();
    const o = client({ signal: controller, abortOnRetry: true });
    const error = await failure(o.chert.messages.send({ phone: SATURATED, body: 'Hi' }, { signal: controller.signal }));
    // The retry was scheduled for retry_after; the test stops the wait rather than sit through it.
    expect(o.retries).toHaveLength(1);
    expect(o.retries[0]).toMatchObject({ operationId: 'sendMessage', retry: 1, delayMs: 30_000 });
    expect(o.retries[0]!.error).toMatchObject({ status: 503, code: 4002, retryable: true, retryAfter: 30 });
    expect(error).toBeInstanceOf(ChertAbortError);
    expect(o.sent).toHaveLength(1);
  });

  it('lines saturated, with a deadline shorter than retry_after: not retried, thrown at once with retryAfter', async () => {
    const o = client({ deadlineMs: 10_000 });
    const began = Date.now();
    const error = await failure(o.chert.contacts.send({ to: SATURATED }, { contact: { full_name: 'Ada' } }));
    expect(Date.now() - began).toBeLessThan(10_000);
    expect(error).toMatchObject({ status: 503, code: 4002, retryable: true, retryAfter: 30 });
    expect(o.retries).toEqual([]);
    expect(o.info.some((l) => /not retried, the wait of 30000 ms is longer than allowed/.test(l))).toBe(true);
    expect(o.sent).toHaveLength(1);
  });

  it('maxRetries: 0 gets the retryable error at once', async () => {
    const o = client();
    const error = await failure(o.chert.messages.send({ phone: RATE_LIMITED, body: 'Hi' }, { maxRetries: 0 }));
    expect(error).toMatchObject({ code: 1007, retryAfter: 2 });
    expect(o.sent).toHaveLength(1);
  });
});

describe('numbers that answer, through the client', () => {
  it('the line that cannot do much still sends a text: /send documents no 4099', async () => {
    const o = client();
    await expect(o.chert.messages.send({ phone: UNSUPPORTED, body: 'Hi' })).resolves.toMatchObject({ status: 'sent' });
    expect(o.retries).toEqual([]);
  });

  it('delivered, then read a moment later', async () => {
    // A sandbox whose messages wait an hour of its clock: only advanceClock moves them.
    const HOUR = 3_600_000;
    const slow = (await startMock({ port: 0, deliveredAfterMs: HOUR })) as RunningSandbox;
    try {
      const chert = createChertClient({ baseUrl: slow.url, auth: { bearer: { token: 'sandbox-token' } } });
      const sent = await chert.messages.send({ phone: READ, body: 'Your table is ready' });
      expect((await chert.messages.get(sent.message_id)).message).toMatchObject({ status: 'sent', read_at: null });
      slow.advanceClock(HOUR);
      expect((await chert.messages.get(sent.message_id)).message).toMatchObject({ status: 'delivered', read_at: null });
      slow.advanceClock(1000);
      const read = (await chert.messages.get(sent.message_id)).message;
      expect(read.read_at).not.toBeNull();
      expect(Date.parse(read.read_at!)).toBeGreaterThan(Date.parse(read.delivered_at!));
    } finally {
      await slow.close();
    }
  });

  it('the echo contact replies with a real message.received, on the event stream', async () => {
    const { chert } = client();
    const controller = new AbortController();
    const stream = await chert.events.stream({ signal: controller.signal });
    const sent = await chert.messages.send({ phone: ECHO, body: 'Ping' });
    const seen: string[] = [];
    try {
      for await (const event of stream) {
        seen.push(event.type);
        if (event.payload.event === 'message.received') {
          expect(event.lead_id).toBe(sent.lead_id);
          expect(event.payload.data.message.parts).toEqual([{ type: 'text', value: 'echo: Ping' }]);
          expect(event.payload.data.message.sender_handle.handle).toBe(ECHO);
          break;
        }
      }
    } finally {
      controller.abort();
    }
    expect(seen).toEqual(['message.received']);
  });
});
