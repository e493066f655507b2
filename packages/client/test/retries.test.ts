// Retries happen only when an answer proves them safe. Waits are skipped with fake timers; the
// real waits are covered against a loopback server in faults.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ChertAbortError,
  ChertApiError,
  ChertInputError,
  ChertNetworkError,
  createChertClient,
  signV1,
  type ChertClientOptions,
  type RetryInfo,
} from '../src/index.js';
import { chertError, ok, recordingFetch, SECRET, TENANT, undiciFailure } from './support/fetch.js';

const sentOk = { chat_id: 'ch_1', status: 'sent' };
const T0 = 1_700_000_000_000;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(answers: Parameters<typeof recordingFetch>, options: Partial<ChertClientOptions> = {}) {
  const recorder = recordingFetch(...answers);
  const retries: RetryInfo[] = [];
  const client = createChertClient({
    auth: { hmac: { tenant: TENANT, signingSecret: SECRET } },
    fetch: recorder.fetch,
    now: () => T0,
    // No timeout or deadline timers: the fake clock below must only ever skip the waits between attempts.
    timeoutMs: 0,
    deadlineMs: 0,
    onRetry: (info) => retries.push(info),
    ...options,
  });
  return { client, sent: recorder.sent, retries };
}

/** Runs a call to the end, letting any waits between attempts elapse at once. */
async function settle<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  const settled = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  void settled.then(() => (done = true));
  while (!done) {
    await vi.runAllTimersAsync();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const result = (await settled) as { value?: T; error?: unknown };
  if ('error' in result) throw result.error;
  return result.value as T;
}

const send = (client: ReturnType<typeof setup>['client']) =>
  client.contacts.send({ chatId: 'ch_1' }, { contact: { full_name: 'Ada' } });

describe('retryable answers are sent again', () => {
  it('retries a retryable error and resolves with the success', async () => {
    const { client, sent, retries } = setup([chertError(503, 3002, { retryable: true }), ok(sentOk)]);
    await expect(settle(send(client))).resolves.toEqual(sentOk);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.text).toBe(sent[0]!.text);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ operationId: 'sendContactToChat', retry: 1, error: { code: 3002 } });
  });

  it('backs off exponentially with jitter, bounded by maxRetries', async () => {
    const { client, sent, retries } = setup(
      [500, 500, 500].map(() => chertError(500, 3001, { retryable: true })),
      { maxRetries: 2 },
    );
    const error = await settle(send(client)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertApiError);
    expect(error).toMatchObject({ code: 3001, retryable: true });
    expect(sent).toHaveLength(3);
    const [first, second] = retries.map((r) => r.delayMs);
    expect(first).toBeGreaterThanOrEqual(250);
    expect(first).toBeLessThanOrEqual(500);
    expect(second).toBeGreaterThanOrEqual(500);
    expect(second).toBeLessThanOrEqual(1000);
  });

  it.each([
    ['retry_after in the body', chertError(429, 1007, { retryable: true, retry_after: 2 }), 2000],
    ['Retry-After seconds', chertError(503, 4002, { retryable: true, headers: { 'retry-after': '3' } }), 3000],
    [
      'Retry-After as an HTTP date, against the answer’s Date',
      chertError(503, 3002, {
        retryable: true,
        headers: { date: 'Wed, 25 Nov 2026 10:00:00 GMT', 'retry-after': 'Wed, 25 Nov 2026 10:00:05 GMT' },
      }),
      5000,
    ],
  ])('honours %s', async (_name, answer, delayMs) => {
    const { client, retries } = setup([answer, ok(sentOk)]);
    await settle(send(client));
    expect(retries.map((r) => r.delayMs)).toEqual([delayMs]);
  });

  it('trusts retryable: true even on a status that usually is not', async () => {
    const { client, sent } = setup([chertError(400, 1002, { retryable: true }), ok(sentOk)]);
    await expect(settle(send(client))).resolves.toEqual(sentOk);
    expect(sent).toHaveLength(2);
  });

  it('signs each attempt afresh, over the same bytes, at the time of that attempt', async () => {
    let clock = T0;
    const { client, sent } = setup(
      [
        () => {
          clock += 5_000;
          return chertError(429, 1007, { retryable: true, retry_after: 1 });
        },
        ok(sentOk),
      ],
      { now: () => clock },
    );
    await settle(send(client));
    const stamps = sent.map((r) => r.headers['x-chert-signature']!.split(',')[1]);
    expect(stamps).toEqual(['1700000000', '1700000005']);
    for (const r of sent) {
      const ts = Number(r.headers['x-chert-signature']!.split(',')[1]);
      expect(r.headers['x-chert-signature']).toBe(await signV1(SECRET, ts, r.bytes));
    }
  });
});

describe('answers that are not retried', () => {
  it.each([
    ['a 400', chertError(400, 1001)],
    ['a 502 delivery failure', chertError(502, 4001)],
    ['a 503 the server says is not retryable', chertError(503, 3002, { retryable: false })],
    ['a 404', chertError(404, 2002)],
  ])('%s', async (_name, answer) => {
    const { client, sent, retries } = setup([answer]);
    await expect(settle(send(client))).rejects.toBeInstanceOf(ChertApiError);
    expect(sent).toHaveLength(1);
    expect(retries).toHaveLength(0);
  });

  it('maxRetries: 0 never retries', async () => {
    const { client, sent } = setup([chertError(503, 3002, { retryable: true })], { maxRetries: 0 });
    await expect(settle(send(client))).rejects.toMatchObject({ code: 3002, retryable: true });
    expect(sent).toHaveLength(1);
  });

  it('does not wait longer than a minute: the caller gets retryAfter instead', async () => {
    const { client, sent } = setup([chertError(503, 4002, { retryable: true, retry_after: 120 })]);
    await expect(settle(send(client))).rejects.toMatchObject({ code: 4002, retryAfter: 120 });
    expect(sent).toHaveLength(1);
  });

  it('stops waiting when the caller aborts, with a ChertAbortError that keeps the reason', async () => {
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const { client, sent } = setup([chertError(429, 1007, { retryable: true, retry_after: 2 })], {
      onRetry: () => controller.abort(reason),
    });
    const error = await settle(client.contacts.shareOwnCard({ chatId: 'ch_1' }, { signal: controller.signal })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertAbortError);
    // The 429 proved the one attempt was not acted on.
    expect(error).toMatchObject({ cause: reason, mayHaveBeenDelivered: false, operationId: 'shareContactInfoToChat' });
    expect(sent).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not start a wait that would end past the deadline: the error comes at once, with retryAfter', async () => {
    vi.useRealTimers(); // the deadline's own timer must not be skipped ahead
    const { client, sent, retries } = setup([chertError(429, 1007, { retryable: true, retry_after: 5 })], { deadlineMs: 3_000 });
    await expect(send(client)).rejects.toMatchObject({ code: 1007, retryAfter: 5 });
    expect(sent).toHaveLength(1);
    expect(retries).toHaveLength(0);
  });
});

describe('per-call options', () => {
  it('maxRetries for one call overrides the client’s', async () => {
    const { client, sent } = setup([chertError(503, 3002, { retryable: true }), ok(sentOk)], { maxRetries: 2 });
    await expect(
      settle(client.contacts.send({ chatId: 'ch_1' }, { contact: { full_name: 'Ada' } }, { maxRetries: 0 })),
    ).rejects.toMatchObject({ code: 3002 });
    expect(sent).toHaveLength(1);
  });

  it('deadlineMs for one call overrides the client’s', async () => {
    vi.useRealTimers(); // the deadline's own timer must not be skipped ahead
    const { client, sent } = setup([chertError(503, 3002, { retryable: true, retry_after: 2 }), ok(sentOk)]);
    const call = client.contacts.send({ chatId: 'ch_1' }, { contact: { full_name: 'Ada' } }, { deadlineMs: 1_000 });
    await expect(call).rejects.toMatchObject({ code: 3002, retryAfter: 2 });
    expect(sent).toHaveLength(1);
  });

  const invalid: [name: string, options: Record<string, unknown>, field: string][] = [
    ['a negative timeoutMs', { timeoutMs: -1 }, 'timeoutMs'],
    ['a deadlineMs that is not a number', { deadlineMs: '5s' }, 'deadlineMs'],
    ['fractional maxRetries', { maxRetries: 0.5 }, 'maxRetries'],
    ['a signal that is not an AbortSignal', { signal: 'stop' }, 'signal'],
  ];
  it.each(invalid)('refuses %s without sending anything, naming the option', async (_name, options, field) => {
    const { client, sent } = setup([]);
    const error = await client.contacts.send({ chatId: 'ch_1' }, { contact: { full_name: 'Ada' } }, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertInputError);
    expect(error).toMatchObject({ field });
    expect(String(error)).toContain(`\`${field}\``);
    expect(sent).toHaveLength(0);
  });
});

describe('network failures', () => {
  it.each(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'SOMETHING_NEW'])(
    'a %s after sending is never retried and may have been delivered',
    async (code) => {
      const { client, sent } = setup([undiciFailure(code, code), ok(sentOk)], { maxRetries: 5 });
      const error = await settle(send(client)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChertNetworkError);
      expect(error).toMatchObject({ mayHaveBeenDelivered: true, operationId: 'sendContactToChat' });
      expect((error as Error).message).toMatch(/may have been delivered/);
      expect(sent).toHaveLength(1);
    },
  );

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])('a %s proves nothing left: retried', async (code) => {
    const { client, sent } = setup([undiciFailure(code, code), ok(sentOk)]);
    await expect(settle(send(client))).resolves.toEqual(sentOk);
    expect(sent).toHaveLength(2);
  });

  it('reports not delivered once the retries for a refused connection run out', async () => {
    const { client, sent } = setup([undiciFailure('ECONNREFUSED', 'ECONNREFUSED'), undiciFailure('ECONNREFUSED', 'ECONNREFUSED')], { maxRetries: 1 });
    await expect(settle(send(client))).rejects.toMatchObject({ name: 'ChertNetworkError', mayHaveBeenDelivered: false });
    expect(sent).toHaveLength(2);
  });
});

describe('2013: the clock is skewed', () => {
  const date = 'Wed, 25 Nov 2026 10:00:00 GMT';
  const serverSeconds = Date.parse(date) / 1000;

  it('re-signs once with the clock corrected from Date, and keeps the correction', async () => {
    const { client, sent, retries } = setup(
      [chertError(401, 2013, { headers: { date } }), ok(sentOk), ok(sentOk)],
      { maxRetries: 0 },
    );
    await expect(settle(send(client))).resolves.toEqual(sentOk);
    const stamps = sent.map((r) => Number(r.headers['x-chert-signature']!.split(',')[1]));
    expect(stamps).toEqual([T0 / 1000, serverSeconds]);
    expect(sent[1]!.headers['x-chert-signature']).toBe(await signV1(SECRET, serverSeconds, sent[1]!.bytes));
    expect(retries).toMatchObject([{ delayMs: 0, error: { code: 2013 } }]);
    await settle(send(client));
    expect(Number(sent[2]!.headers['x-chert-signature']!.split(',')[1])).toBe(serverSeconds);
  });

  it('re-signs only once', async () => {
    const { client, sent } = setup([chertError(401, 2013, { headers: { date } }), chertError(401, 2013, { headers: { date } })]);
    await expect(settle(send(client))).rejects.toMatchObject({ code: 2013 });
    expect(sent).toHaveLength(2);
  });

  it('does not re-sign without a Date to correct the clock from', async () => {
    const { client, sent } = setup([chertError(401, 2013)]);
    await expect(settle(send(client))).rejects.toMatchObject({ code: 2013 });
    expect(sent).toHaveLength(1);
  });

  it('does not re-send a bearer request', async () => {
    const { client, sent } = setup([chertError(401, 2013, { headers: { date } })], { auth: { bearer: { token: SECRET } } });
    await expect(settle(send(client))).rejects.toMatchObject({ code: 2013 });
    expect(sent).toHaveLength(1);
  });
});
