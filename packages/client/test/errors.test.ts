// Every error answer becomes a typed error, and no error ever shows a secret.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ChertAbortError,
  ChertApiError,
  ChertError,
  ChertNetworkError,
  ChertTimeoutError,
  createChertClient,
  type FetchLike,
} from '../src/index.js';
import { toNetworkError } from '../src/core/errors.js';
import { chertError, recordingFetch, SECRET, TENANT, undiciFailure } from './support/fetch.js';

const auths = [
  ['HMAC', { hmac: { tenant: TENANT, signingSecret: SECRET } }],
  ['bearer', { bearer: { token: SECRET, tenant: TENANT } }],
] as const;

function client(answer: Response | Error | FetchLike, auth: (typeof auths)[number][1] = auths[0][1], timeoutMs?: number) {
  const fetch = typeof answer === 'function' ? answer : recordingFetch(answer).fetch;
  return createChertClient({ auth, fetch, maxRetries: 0, timeoutMs });
}

/** A fetch that never answers, and gives up only when its signal aborts. */
const silent: FetchLike = (_request, init) =>
  new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));

const call = (c: ReturnType<typeof client>) => c.contacts.send({ chatId: 'ch_1' }, { contact: { full_name: 'Ada' } });

describe('answers that are not an envelope still become ChertApiError', () => {
  // Factories: a Response's body can be read once, and each case runs twice.
  const cases: [name: string, answer: () => Response, want: Partial<ChertApiError>][] = [
    [
      'an HTML 502 from a proxy',
      () => new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } }),
      { status: 502, code: undefined, retryable: false, traceId: undefined, message: 'HTTP 502 Bad Gateway: not a Chert error envelope' },
    ],
    [
      'a 500 without a body, trace id from the header',
      () => new Response(null, { status: 500, headers: { 'x-trace-id': 'hdr-trace' } }),
      { status: 500, code: undefined, retryable: false, traceId: 'hdr-trace' },
    ],
    [
      'JSON that is not the envelope',
      () => new Response('{"message":"nope"}', { status: 503, headers: { 'content-type': 'application/json', 'retry-after': '7' } }),
      { status: 503, code: undefined, retryable: false, retryAfter: 7 },
    ],
  ];
  it.each(cases)('%s, from the task-shaped methods', async (_name, answer, want) => {
    const error = await call(client(answer())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertApiError);
    expect(error).toMatchObject({ ...want, operationId: 'sendContactToChat' });
  });

  it.each(cases)('%s, thrown by the typed client (its `error` is always an envelope)', async (_name, answer, want) => {
    const c = client(answer());
    const error = await c
      .POST('/api/v1/chats/{id}/send-contact', { params: { path: { id: 'ch_1' } }, body: { vcard_text: 'BEGIN:VCARD' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertApiError);
    expect(error).toMatchObject(want);
  });
});

describe('the typed client', () => {
  it('returns an envelope error as its typed `error`, trace id in body and header', async () => {
    const c = client(chertError(404, 2002, { trace_id: 'body-trace' }));
    const { data, error, response } = await c.POST('/api/v1/chats/{id}/send-contact', {
      params: { path: { id: 'ch_1' } },
      body: { contact: { full_name: 'Ada' } },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(response.headers.get('x-trace-id')).toBe('trace-header');
    expect(error?.error.code).toBe(2002);
    expect(error?.trace_id).toBe('body-trace');
  });
});

describe('ChertApiError', () => {
  it('prefers the trace id of the body over the header', async () => {
    const error = await call(client(chertError(400, 1002, { trace_id: 'from-body' }))).catch((e: unknown) => e);
    expect(error).toMatchObject({ traceId: 'from-body' });
  });

  it('serialises to everything a log needs', async () => {
    const error = (await call(client(chertError(429, 1007, { retryable: true, retry_after: 2 }))).catch((e: unknown) => e)) as ChertApiError;
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'ChertApiError',
      message: 'error 1007',
      status: 429,
      code: 1007,
      retryable: true,
      retryAfter: 2,
      traceId: 'trace-body',
      operationId: 'sendContactToChat',
      headers: { 'content-type': 'application/json', 'x-trace-id': 'trace-header' },
    });
    expect(String(error)).toBe('ChertApiError: error 1007 (code 1007, HTTP 429, trace trace-body)');
    expect(error).toBeInstanceOf(ChertError);
    expect(error).toBeInstanceOf(Error);
  });
});

describe('no error shows the secret', () => {
  const failures: [name: string, answer: () => Response | Error | FetchLike, want: abstract new (...args: never[]) => ChertError][] = [
    ['an envelope', () => chertError(401, 2004), ChertApiError],
    ['a page that echoes the request', () => new Response('authorization: Bearer <redacted>', { status: 400 }), ChertApiError],
    ['a dropped connection', () => undiciFailure('other side closed', 'UND_ERR_SOCKET'), ChertNetworkError],
    ['a refused connection', () => undiciFailure('connect ECONNREFUSED', 'ECONNREFUSED'), ChertNetworkError],
    ['a timeout', () => silent, ChertTimeoutError],
  ];
  for (const [mode, auth] of auths) {
    it.each(failures)(`${mode}: %s`, async (_name, answer, want) => {
      const error = await call(client(answer(), auth, 50)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(want);
      const shown = [String(error), JSON.stringify(error), (error as Error).message, (error as Error).stack, inspect(error, { depth: 5 })];
      for (const text of shown) expect(text).not.toContain(SECRET);
    });

    it(`${mode}: an abort`, async () => {
      const controller = new AbortController();
      const pending = client(silent, auth, 0).contacts.send({ chatId: 'ch_1' }, { contact: { full_name: 'Ada' } }, { signal: controller.signal });
      controller.abort(new Error('caller gave up'));
      const error = await pending.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChertAbortError);
      const shown = [String(error), JSON.stringify(error), (error as Error).stack, inspect(error, { depth: 5 })];
      for (const text of shown) expect(text).not.toContain(SECRET);
    });
  }
});

describe('every failure is a ChertError', () => {
  it('a timeout is a ChertNetworkError that may have been delivered, and serialises with its limit', async () => {
    const error = await call(client(silent, auths[0][1], 50)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertTimeoutError);
    expect(error).toBeInstanceOf(ChertNetworkError);
    expect(error).toMatchObject({ mayHaveBeenDelivered: true, timeoutMs: 50 });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: 'ChertTimeoutError', timeoutMs: 50, operationId: 'sendContactToChat' });
  });

  it('an abort is a ChertAbortError, the caller’s reason kept as its cause', async () => {
    const controller = new AbortController();
    const reason = new DOMException('The operation was aborted.', 'AbortError');
    let arrived!: () => void;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const fetch: FetchLike = (request, init) => (arrived(), silent(request, init));
    const aborted = client(fetch, auths[0][1], 0).contacts.send({ chatId: 'ch_1' }, { contact: { full_name: 'Ada' } }, { signal: controller.signal });
    await reached; // in flight: it may have been delivered
    controller.abort(reason);
    const error = await aborted.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertAbortError);
    expect(error).toBeInstanceOf(ChertError);
    expect(error).toMatchObject({ name: 'ChertAbortError', cause: reason, mayHaveBeenDelivered: true, operationId: 'sendContactToChat' });
    expect((error as Error).message).toMatch(/aborted by the caller after it was sent and may have been delivered/);
  });
});

describe('mayHaveBeenDelivered is what the failure proves', () => {
  const cases: [name: string, error: unknown, delivered: boolean, message: RegExp][] = [
    ['a port fetch refuses (undici: "bad port")', undiciFailure('bad port'), false, /was not sent: fetch refuses to connect to this port/],
    ['a refused connection', undiciFailure('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED'), false, /was not sent/],
    ['a name that does not resolve', undiciFailure('getaddrinfo ENOTFOUND x.invalid', 'ENOTFOUND'), false, /was not sent/],
    ['a connect timeout', undiciFailure('Connect Timeout Error', 'UND_ERR_CONNECT_TIMEOUT'), false, /was not sent/],
    ['happy eyeballs, every address refused', new TypeError('fetch failed', { cause: { errors: [{ code: 'ECONNREFUSED' }] } }), false, /was not sent/],
    ['a reset after sending', undiciFailure('read ECONNRESET', 'ECONNRESET'), true, /after it was sent and may have been delivered/],
    ['a socket closed by the other side', undiciFailure('other side closed', 'UND_ERR_SOCKET'), true, /after it was sent/],
    ['a browser’s bare "Failed to fetch" (a network failure or CORS)', new TypeError('Failed to fetch'), true, /CORS may be the cause.*may have been delivered/],
    ['Safari’s bare "Load failed"', new TypeError('Load failed'), true, /CORS/],
    ['something else entirely', new Error('boom'), true, /after it was sent/],
  ];
  it.each(cases)('%s', (_name, given, delivered, message) => {
    const error = toNetworkError(given, 'sendContactToChat');
    expect(error).toBeInstanceOf(ChertNetworkError);
    expect(error.mayHaveBeenDelivered).toBe(delivered);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/^sendContactToChat /);
    expect(error.cause).toBe(given);
  });
});

describe('a fetch that ignores its signal cannot hold a call', () => {
  /** Never answers, never listens. */
  const deaf: FetchLike = () => new Promise<Response>(() => {});
  /** Answers 200 at once with a body that never ends, and never listens. */
  const endless: FetchLike = async () =>
    new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"chat_id":')) }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  const make = (fetch: FetchLike, limits: { timeoutMs?: number; deadlineMs?: number }) =>
    createChertClient({ auth: auths[0][1], fetch, maxRetries: 0, ...limits });
  const ways = [
    ['contacts.send', (c: ReturnType<typeof make>, signal?: AbortSignal) => c.contacts.send({ chatId: 'ch_1' }, { contact: { full_name: 'Ada' } }, { signal })],
    ['the typed client', (c: ReturnType<typeof make>, signal?: AbortSignal) =>
      c.POST('/api/v1/chats/{id}/send-contact', { params: { path: { id: 'ch_1' } }, body: { contact: { full_name: 'Ada' } }, ...(signal ? { signal } : {}) })],
  ] as const;
  const cases: [name: string, fetch: FetchLike, limits: { timeoutMs?: number; deadlineMs?: number }, want: { timeoutMs: number; message: RegExp }][] = [
    ['no answer, timeoutMs', deaf, { timeoutMs: 40 }, { timeoutMs: 40, message: /no complete answer within 40 ms/ }],
    ['no answer, deadlineMs', deaf, { timeoutMs: 0, deadlineMs: 40 }, { timeoutMs: 40, message: /deadline of 40 ms/ }],
    ['a body that never ends, timeoutMs', endless, { timeoutMs: 40 }, { timeoutMs: 40, message: /no complete answer within 40 ms/ }],
  ];
  for (const [way, send] of ways) {
    it.each(cases)(`${way}: %s`, async (_name, fetch, limits, want) => {
      const error = await send(make(fetch, limits)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChertTimeoutError);
      expect(error).toMatchObject({ timeoutMs: want.timeoutMs, operationId: 'sendContactToChat' });
      expect((error as Error).message).toMatch(want.message);
    });

    it(`${way}: the caller's abort, before and after the answer's headers`, async () => {
      for (const fetch of [deaf, endless]) {
        const controller = new AbortController();
        // Aborted once the request is in fetch's hands (not after a fixed delay: on a loaded
        // machine signing may take longer, and an abort before sending is another case).
        let called!: () => void;
        const inFetch = new Promise<void>((resolve) => (called = resolve));
        const watched: FetchLike = (input, init) => (called(), fetch(input, init));
        const pending = send(make(watched, { timeoutMs: 0, deadlineMs: 0 }), controller.signal).catch((e: unknown) => e);
        await inFetch;
        setTimeout(() => controller.abort('enough'), 5);
        await expect(pending).resolves.toMatchObject({ name: 'ChertAbortError', cause: 'enough', mayHaveBeenDelivered: true });
      }
    });
  }
});
