// Invalid options fail at construction, with a message that names the option and never a value;
// valid ones are seen on the wire; without `auth`, the environment's CHERT_* variables are used.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChertError, ChertInputError, createChertClient, type ChertClientOptions } from '../src/index.js';
import { ok, recordingFetch, SECRET, TENANT, type Sent } from './support/fetch.js';

const ENV = ['CHERT_TENANT', 'CHERT_SIGNING_SECRET', 'CHERT_TOKEN', 'CHERT_BASE_URL', 'CHERT_LOG'] as const;
// Each test starts from an environment without any CHERT_* variable, whatever the shell has.
beforeEach(() => {
  for (const name of ENV) vi.stubEnv(name, undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const hmac = { hmac: { tenant: TENANT, signingSecret: SECRET } };
const bearer = { bearer: { token: SECRET } };

describe('createChertClient refuses invalid options', () => {
  const cases: [name: string, options: unknown, message: RegExp, field: string][] = [
    ['no options and nothing in the environment', undefined, /no `auth` given and none in the environment.*CHERT_TENANT and CHERT_SIGNING_SECRET.*CHERT_TOKEN/, 'auth'],
    ['no auth and nothing in the environment', {}, /no `auth` given and none in the environment/, 'auth'],
    ['options that are not an object', 'acme', /options object/, 'options'],
    ['an empty auth', { auth: {} }, /`auth` needs `hmac/, 'auth'],
    ['both modes at once', { auth: { ...hmac, ...bearer } }, /not both/, 'auth'],
    ['an empty signing secret', { auth: { hmac: { tenant: TENANT, signingSecret: '' } } }, /signingSecret/, 'auth.hmac.signingSecret'],
    ['a missing signing secret', { auth: { hmac: { tenant: TENANT } } }, /signingSecret/, 'auth.hmac.signingSecret'],
    ['a missing tenant for HMAC', { auth: { hmac: { signingSecret: SECRET } } }, /auth\.hmac\.tenant/, 'auth.hmac.tenant'],
    ['an empty tenant for HMAC', { auth: { hmac: { tenant: '', signingSecret: SECRET } } }, /auth\.hmac\.tenant/, 'auth.hmac.tenant'],
    ['a tenant with a line break', { auth: { hmac: { tenant: 'a\r\nx-evil: 1', signingSecret: SECRET } } }, /tenant/, 'auth.hmac.tenant'],
    ['an empty bearer token', { auth: { bearer: { token: '' } } }, /auth\.bearer\.token/, 'auth.bearer.token'],
    ['a bearer token with a line break', { auth: { bearer: { token: `${SECRET}\n` } } }, /auth\.bearer\.token/, 'auth.bearer.token'],
    ['an empty bearer tenant', { auth: { bearer: { token: SECRET, tenant: '' } } }, /auth\.bearer\.tenant/, 'auth.bearer.tenant'],
    ['a relative baseUrl', { auth: hmac, baseUrl: '/api' }, /baseUrl/, 'baseUrl'],
    ['a non-http baseUrl', { auth: hmac, baseUrl: 'ftp://example.com' }, /baseUrl/, 'baseUrl'],
    ['a negative timeout', { auth: hmac, timeoutMs: -1 }, /timeoutMs/, 'timeoutMs'],
    ['a NaN timeout', { auth: hmac, timeoutMs: Number.NaN }, /timeoutMs/, 'timeoutMs'],
    ['fractional retries', { auth: hmac, maxRetries: 1.5 }, /maxRetries/, 'maxRetries'],
    ['negative retries', { auth: hmac, maxRetries: -1 }, /maxRetries/, 'maxRetries'],
    ['a clock that is not a function', { auth: hmac, now: 5 }, /`now` must be a function/, 'now'],
    ['a fetch that is not a function', { auth: hmac, fetch: 'fetch' }, /`fetch` must be a function/, 'fetch'],
    ['an onRetry that is not a function', { auth: hmac, onRetry: {} }, /`onRetry` must be a function/, 'onRetry'],
    ['a negative deadline', { auth: hmac, deadlineMs: -5 }, /deadlineMs/, 'deadlineMs'],
    ['a logger without debug', { auth: hmac, logger: { info() {}, warn() {}, error() {} } }, /`logger`/, 'logger'],
    ['an unknown log level', { auth: hmac, logLevel: 'verbose' }, /`logLevel`/, 'logLevel'],
  ];

  it.each(cases)('%s', (_name, options, message, field) => {
    let thrown: unknown;
    try {
      createChertClient(options as ChertClientOptions);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ChertInputError);
    expect(thrown).toBeInstanceOf(ChertError);
    expect(thrown).toMatchObject({ field });
    const text = `${String(thrown)} ${JSON.stringify(thrown)} ${(thrown as Error).stack}`;
    expect(text).toMatch(message);
    expect(text).not.toContain(SECRET);
  });
});

/** The one request a client sends for a call, through a fetch of the test's own. */
async function sentWith(options: ChertClientOptions): Promise<Sent> {
  const { fetch, sent } = recordingFetch(ok({ chat_id: 'ch_1', status: 'shared' }));
  const client = createChertClient({ ...options, fetch });
  await client.contacts.shareOwnCard({ chatId: 'ch_1' });
  expect(sent).toHaveLength(1);
  return sent[0]!;
}

describe('createChertClient accepts valid options, and they reach the wire', () => {
  const cases: [name: string, options: ChertClientOptions, want: { url?: RegExp; headers: Record<string, string | RegExp | undefined> }][] = [
    ['HMAC', { auth: hmac }, { headers: { 'x-chert-tenant': TENANT, 'x-chert-signature': /^v1,\d+,[0-9a-f]{64}$/, authorization: undefined } }],
    ['bearer without a tenant', { auth: bearer }, { headers: { authorization: `Bearer ${SECRET}`, 'x-chert-tenant': undefined, 'x-chert-signature': undefined } }],
    ['bearer with a tenant', { auth: { bearer: { token: SECRET, tenant: TENANT } } }, { headers: { authorization: `Bearer ${SECRET}`, 'x-chert-tenant': TENANT } }],
    [
      'every option',
      { auth: hmac, baseUrl: 'http://127.0.0.1:4010/', timeoutMs: 0, deadlineMs: 0, maxRetries: 0, headers: { 'x-app': '1' }, now: () => 1_700_000_000_000, onRetry: () => {}, logger: console, logLevel: 'off' },
      { url: /^http:\/\/127\.0\.0\.1:4010\/api\/v1\/chats\/ch_1\/share-contact-info$/, headers: { 'x-app': '1', 'x-chert-signature': /^v1,1700000000,/ } },
    ],
    ['headers as a Headers object', { auth: bearer, headers: new Headers({ 'x-app': '1' }) }, { headers: { 'x-app': '1' } }],
    ['headers that try to replace the auth headers', { auth: hmac, headers: { authorization: 'Bearer stolen', 'x-chert-signature': 'v1,1,00' } }, { headers: { authorization: undefined, 'x-chert-signature': /^v1,\d+,[0-9a-f]{64}$/ } }],
    // Node fires a timer of more than 2^31-1 ms at once: that long means no timeout.
    ['an unbounded timeout and deadline', { auth: bearer, timeoutMs: Number.POSITIVE_INFINITY, deadlineMs: 2 ** 40 }, { headers: {} }],
    [
      'every optional field given as undefined (exactOptionalPropertyTypes)',
      { auth: { bearer: { token: SECRET, tenant: undefined }, hmac: undefined }, baseUrl: undefined, fetch: undefined, timeoutMs: undefined, deadlineMs: undefined, headers: undefined, maxRetries: undefined, now: undefined, onRetry: undefined, logger: undefined, logLevel: undefined },
      { url: /^https:\/\/console\.trychert\.com\//, headers: { authorization: `Bearer ${SECRET}`, 'x-chert-tenant': undefined } },
    ],
  ];
  it.each(cases)('%s', async (_name, options, want) => {
    const sent = await sentWith(options);
    expect(sent.url).toMatch(want.url ?? /^https:\/\/console\.trychert\.com\/api\/v1\/chats\/ch_1\/share-contact-info$/);
    for (const [name, value] of Object.entries(want.headers)) {
      if (value instanceof RegExp) expect(sent.headers[name], name).toMatch(value);
      else expect(sent.headers[name], name).toBe(value);
    }
  });

  it('keeps the secret out of the client object', () => {
    const client = createChertClient({ auth: hmac });
    expect(JSON.stringify(client)).not.toContain(SECRET);
    expect(Object.values(client).map(String).join(' ')).not.toContain(SECRET);
  });
});

describe('without auth, the environment (Stainless-style defaults)', () => {
  const cases: [name: string, env: Partial<Record<(typeof ENV)[number], string>>, want: { url?: RegExp; headers: Record<string, string | RegExp | undefined> }][] = [
    ['CHERT_TENANT + CHERT_SIGNING_SECRET: HMAC v1', { CHERT_TENANT: TENANT, CHERT_SIGNING_SECRET: SECRET }, { headers: { 'x-chert-tenant': TENANT, 'x-chert-signature': /^v1,/, authorization: undefined } }],
    ['CHERT_TOKEN: bearer', { CHERT_TOKEN: SECRET }, { headers: { authorization: `Bearer ${SECRET}`, 'x-chert-tenant': undefined } }],
    ['CHERT_TOKEN + CHERT_TENANT: bearer with a tenant', { CHERT_TOKEN: SECRET, CHERT_TENANT: TENANT }, { headers: { authorization: `Bearer ${SECRET}`, 'x-chert-tenant': TENANT } }],
    ['both: HMAC v1 is preferred', { CHERT_TOKEN: SECRET, CHERT_TENANT: TENANT, CHERT_SIGNING_SECRET: SECRET }, { headers: { 'x-chert-signature': /^v1,/, authorization: undefined } }],
    ['CHERT_BASE_URL', { CHERT_TOKEN: SECRET, CHERT_BASE_URL: 'http://127.0.0.1:4010' }, { url: /^http:\/\/127\.0\.0\.1:4010\/api\//, headers: {} }],
  ];
  it.each(cases)('%s', async (_name, env, want) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const sent = await sentWith({});
    if (want.url) expect(sent.url).toMatch(want.url);
    for (const [name, value] of Object.entries(want.headers)) {
      if (value instanceof RegExp) expect(sent.headers[name], name).toMatch(value);
      else expect(sent.headers[name], name).toBe(value);
    }
  });

  it('options given win over the environment', async () => {
    vi.stubEnv('CHERT_TOKEN', 'from-the-environment');
    vi.stubEnv('CHERT_BASE_URL', 'http://127.0.0.1:1');
    const sent = await sentWith({ auth: bearer, baseUrl: 'http://127.0.0.1:4010' });
    expect(sent.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(sent.url).toMatch(/^http:\/\/127\.0\.0\.1:4010\//);
  });

  const refused: [name: string, env: Partial<Record<(typeof ENV)[number], string>>, message: RegExp, field: string][] = [
    ['a signing secret without a tenant', { CHERT_SIGNING_SECRET: SECRET }, /CHERT_SIGNING_SECRET is set but CHERT_TENANT is not/, 'CHERT_TENANT'],
    ['a tenant alone', { CHERT_TENANT: TENANT }, /no `auth` given and none in the environment/, 'auth'],
    ['empty values, as `X=` in a shell leaves them', { CHERT_TENANT: '', CHERT_SIGNING_SECRET: '', CHERT_TOKEN: '' }, /none in the environment/, 'auth'],
    ['a CHERT_BASE_URL that is not a URL', { CHERT_TOKEN: SECRET, CHERT_BASE_URL: 'localhost:4010' }, /CHERT_BASE_URL/, 'baseUrl'],
  ];
  it.each(refused)('refuses %s with a ChertInputError naming the variables, never their values', (_name, env, message, field) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    let thrown: unknown;
    try {
      createChertClient();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ChertInputError);
    expect(thrown).toMatchObject({ field });
    expect(String(thrown)).toMatch(message);
    expect(String(thrown)).not.toContain(SECRET);
  });
});
