import type { Event } from '@chert/client';
import { verifyWebhook } from '@chert/client/webhooks';
import { webhookDelivery } from '@chert/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { firstLineOf, forward, LISTEN_SUBSCRIPTION_ID, webhookRequest, type Result } from '../src/listen/forward.js';
import { backoffMs, CHERT_RETRY, isDelivered, isRetried, type Outcome, type RetryRules } from '../src/listen/retry.js';
import { deadUrl, startReceiver, type Receiver } from './helpers.js';

/** An event row as the stream yields it. */
const EVENT = {
  id: 'evt_01HZY7Q3M5N8P2R4T6V8X0Z2B4',
  type: 'message.received',
  event_id: 'chert:msg:0123abcd',
  created_at: '2026-05-04T12:00:00.000Z',
  payload: { event: 'message.received', event_id: 'chert:msg:0123abcd', note: 'Café ☕ 7pm' },
} as unknown as Event;

describe("Chert's retry rules, from the document", () => {
  it('are the delivery facts of the document', () => {
    expect(CHERT_RETRY).toBe(webhookDelivery.retry);
  });

  const answered = (status: number): Outcome => ({ kind: 'answered', status });
  // [name, outcome, delivered, retried]
  it.each<[string, Outcome, boolean, boolean]>([
    ['200', answered(200), true, false],
    ['204', answered(204), true, false],
    ['500', answered(500), false, true],
    ['503', answered(503), false, true],
    ['404', answered(404), false, false],
    ['400', answered(400), false, false],
    ['302 (no redirect is followed)', answered(302), false, false],
    ['a timeout', { kind: 'timeout' }, false, true],
    ['no connection', { kind: 'unreachable', reason: 'connection refused' }, false, true],
    ['stopping', { kind: 'stopped' }, false, false],
  ])('%s: delivered %s, retried %s', (_name, outcome, delivered, retried) => {
    expect(isDelivered(outcome)).toBe(delivered);
    expect(isRetried(outcome)).toBe(retried);
  });

  it('read what the rules say, not a list of their own', () => {
    const only5xx: RetryRules = { maxAttempts: 5, backoff: 'constant', retryOn: ['5xx'], noRetryOn: ['4xx'] };
    expect(isRetried({ kind: 'timeout' }, only5xx)).toBe(false);
    expect(isRetried(answered(502), only5xx)).toBe(true);
    const also4xx: RetryRules = { ...only5xx, retryOn: ['5xx', '4xx'], noRetryOn: ['4xx'] };
    expect(isRetried(answered(429), also4xx)).toBe(false);
  });

  // [attempt, rules, base, wait]
  it.each<[number, RetryRules, number, number]>([
    [1, CHERT_RETRY, 250, 250],
    [2, CHERT_RETRY, 250, 500],
    [3, CHERT_RETRY, 250, 1000],
    [3, { ...CHERT_RETRY, backoff: 'constant' }, 250, 250],
  ])('after attempt %s (%o, base %s): wait %s ms', (n, rules, base, want) => {
    expect(backoffMs(n, rules, base)).toBe(want);
  });
});

describe('the request', () => {
  it("is Chert's delivery: method, content type, the payload as the body, the headers, a signature verifyWebhook accepts", async () => {
    const ts = Math.floor(Date.now() / 1000);
    const request = await webhookRequest(EVENT, 'whsec_local', ts);
    expect(request.method).toBe(webhookDelivery.method);
    expect(request.body).toBe(JSON.stringify(EVENT.payload));
    const h = webhookDelivery.headers;
    expect(request.headers).toMatchObject({
      'content-type': webhookDelivery.contentType,
      [h.event]: 'message.received',
      [h.eventId]: 'chert:msg:0123abcd',
      [h.subscriptionId]: LISTEN_SUBSCRIPTION_ID,
    });
    const current = webhookDelivery.signature.formats.find((f) => f.name === 'current')!;
    expect(request.headers[h.signature]).toMatch(new RegExp(current.pattern));
    expect(request.headers[h.signature]).toMatch(new RegExp(`^t=${ts},`));
    const event = await verifyWebhook({ rawBody: request.body, headers: request.headers, secret: 'whsec_local' });
    expect(event).toEqual(EVENT.payload);
    await expect(verifyWebhook({ rawBody: request.body, headers: request.headers, secret: 'whsec_other' })).rejects.toMatchObject({ reason: 'mismatch' });
  });

  // [name, body, first line]
  it.each<[string, string, string]>([
    ['plain text', 'boom\nat line 2', 'boom'],
    ['leading blank lines', '\n\n  Internal error  \n', 'Internal error'],
    ['an HTML error page', '<!DOCTYPE html><html><head><title>Error</title></head><body><pre>TypeError: x is undefined</pre></body></html>', 'Error'],
    ['escapes and control characters', '\x1b[31mred\x07 alert\x1b[0m', 'red alert'],
    ['CRLF', 'first\r\nsecond', 'first'],
    ['empty', '', ''],
    ['long', 'x'.repeat(300), `${'x'.repeat(119)}…`],
  ])('the first line of %s', (_name, body, want) => {
    expect(firstLineOf(body)).toBe(want);
  });
});

describe('forwarding, against a loopback endpoint', () => {
  let hook: Receiver;
  beforeAll(async () => {
    hook = await startReceiver();
  });
  beforeEach(() => {
    hook.received.length = 0;
    hook.script([]);
  });
  afterAll(() => hook.close());

  const never = new AbortController().signal;
  const options = () => ({ url: new URL(hook.url), secret: 'whsec_local', stop: never, abandon: never, backoffBaseMs: 5 });
  const { maxAttempts } = webhookDelivery.retry;

  // [name, the endpoint's answers, result, attempts, what the last one saw]
  const cases: Array<[string, Array<[number, string]>, Result, number, Outcome, string | undefined]> = [
    ['answered 200', [], 'delivered', 1, { kind: 'answered', status: 200 }, undefined],
    ['503, then 200', [[503, 'warming up']], 'delivered', 2, { kind: 'answered', status: 200 }, undefined],
    ['500 every time', Array.from({ length: maxAttempts }, () => [500, 'boom\nstack'] as [number, string]), 'gave-up', maxAttempts, { kind: 'answered', status: 500 }, 'boom'],
    ['404, not retried', [[404, 'Cannot POST /webhooks/chert']], 'refused', 1, { kind: 'answered', status: 404 }, 'Cannot POST /webhooks/chert'],
    ['a redirect, not followed', [[302, '']], 'refused', 1, { kind: 'answered', status: 302 }, ''],
  ];
  it.each(cases)('%s', async (_name, answers, result, attempts, last, firstLine) => {
    hook.script(answers);
    const got = await forward(EVENT, options());
    expect(got.result).toBe(result);
    expect(got.attempts).toHaveLength(attempts);
    expect(got.attempts.at(-1)!.outcome).toEqual(last);
    expect(got.attempts.at(-1)!.firstLine).toBe(firstLine);
    expect(hook.received).toHaveLength(attempts);
    // Each attempt is the same body, signed afresh, and verifies.
    for (const r of hook.received) await expect(verifyWebhook({ rawBody: r.body, headers: r.headers, secret: 'whsec_local' })).resolves.toEqual(EVENT.payload);
  });

  it('no connection: tried as often as Chert tries, then given up', async () => {
    const got = await forward(EVENT, { ...options(), url: new URL(await deadUrl()) });
    expect(got.result).toBe('gave-up');
    expect(got.attempts.map((a) => a.outcome)).toEqual(Array.from({ length: maxAttempts }, () => ({ kind: 'unreachable', reason: 'connection refused' })));
  });

  it('a timeout is retried like Chert retries one, then given up', async () => {
    const slow = await startReceiver();
    slow.hang();
    try {
      // Long enough that each attempt reaches the endpoint even on a loaded machine (it is counted
      // there once its body has arrived), short enough to keep the test quick.
      const got = await forward(EVENT, { ...options(), url: new URL(slow.url), timeoutMs: 1_000 });
      expect(got.result).toBe('gave-up');
      expect(got.attempts.map((a) => a.outcome.kind)).toEqual(Array.from({ length: maxAttempts }, () => 'timeout'));
      expect(slow.received).toHaveLength(maxAttempts);
    } finally {
      await slow.close();
    }
  });

  it('stopping: no retry after the attempt in flight', async () => {
    hook.script([[500, 'boom']]);
    const stop = new AbortController();
    const got = forward(EVENT, { ...options(), stop: stop.signal, backoffBaseMs: 60_000 });
    await hook.waitFor(1);
    stop.abort();
    expect(await got).toMatchObject({ result: 'stopped', attempts: [{ outcome: { kind: 'answered', status: 500 } }] });
    expect(hook.received).toHaveLength(1);
  });

  it('abandoning: the attempt in flight is dropped', async () => {
    const slow = await startReceiver();
    slow.hang();
    try {
      const abandon = new AbortController();
      const got = forward(EVENT, { ...options(), url: new URL(slow.url), abandon: abandon.signal });
      await slow.waitFor(1);
      abandon.abort();
      expect(await got).toMatchObject({ result: 'stopped', attempts: [{ outcome: { kind: 'stopped' } }] });
    } finally {
      await slow.close();
    }
  });
});
