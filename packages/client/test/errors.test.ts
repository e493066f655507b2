// Every error answer becomes a typed error, and no error ever shows a secret.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ChertApiError,
  ChertError,
  ChertNetworkError,
  ChertTimeoutError,
  createChertClient,
} from '../src/index.js';
import { chertError, recordingFetch, SECRET, TENANT } from './support/fetch.js';

const auths = [
  ['HMAC', { hmac: { tenant: TENANT, signingSecret: SECRET } }],
  ['bearer', { bearer: { token: SECRET, tenant: TENANT } }],
] as const;

function client(answer: Response | Error, auth: (typeof auths)[number][1] = auths[0][1]) {
  const { fetch } = recordingFetch(answer);
  return createChertClient({ auth, fetch, maxRetries: 0 });
}

const call = (c: ReturnType<typeof client>) => c.contacts.send({ chatId: 'ch_1' }, { contact: { full_name: 'Ada' } });

describe('answers that are not an envelope still become ChertApiError', () => {
  const cases: [name: string, answer: Response, want: Partial<ChertApiError>][] = [
    [
      'an HTML 502 from a proxy',
      new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } }),
      { status: 502, code: undefined, retryable: false, traceId: undefined, message: 'HTTP 502 Bad Gateway: not a Chert error envelope' },
    ],
    [
      'a 500 without a body, trace id from the header',
      new Response(null, { status: 500, headers: { 'x-trace-id': 'hdr-trace' } }),
      { status: 500, code: undefined, retryable: false, traceId: 'hdr-trace' },
    ],
    [
      'JSON that is not the envelope',
      new Response('{"message":"nope"}', { status: 503, headers: { 'content-type': 'application/json', 'retry-after': '7' } }),
      { status: 503, code: undefined, retryable: false, retryAfter: 7 },
    ],
  ];
  it.each(cases)('%s, from the task-shaped methods', async (_name, answer, want) => {
    const error = await call(client(answer)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertApiError);
    expect(error).toMatchObject({ ...want, operationId: 'sendContactToChat' });
  });

  it.each(cases)('%s, thrown by the typed client (its `error` is always an envelope)', async (_name, answer, want) => {
    const c = client(answer);
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
    });
    expect(String(error)).toBe('ChertApiError: error 1007 (code 1007, HTTP 429, trace trace-body)');
    expect(error).toBeInstanceOf(ChertError);
    expect(error).toBeInstanceOf(Error);
  });
});

describe('no error shows the secret', () => {
  const failures: [name: string, answer: () => Response | Error][] = [
    ['an envelope', () => chertError(401, 2004)],
    ['a page that echoes the request', () => new Response('authorization: Bearer <redacted>', { status: 400 })],
    ['a dropped connection', () => new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) })],
  ];
  for (const [mode, auth] of auths) {
    it.each(failures)(`${mode}: %s`, async (_name, answer) => {
      const error = await call(client(answer(), auth)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChertError);
      const shown = [String(error), JSON.stringify(error), (error as Error).message, (error as Error).stack, inspect(error, { depth: 5 })];
      for (const text of shown) expect(text).not.toContain(SECRET);
    });
  }

  it('a timeout', () => {
    const error = new ChertTimeoutError('sendContactToChat', 50);
    expect(error).toBeInstanceOf(ChertNetworkError);
    expect(error).toMatchObject({ mayHaveBeenDelivered: true, timeoutMs: 50 });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: 'ChertTimeoutError', timeoutMs: 50, operationId: 'sendContactToChat' });
  });
});
