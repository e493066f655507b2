// Invalid options fail at construction, with a message that names the option and never a value.
import { describe, expect, it } from 'vitest';
import { createChertClient, type ChertClientOptions } from '../src/index.js';
import { SECRET, TENANT } from './support/fetch.js';

const hmac = { hmac: { tenant: TENANT, signingSecret: SECRET } };
const bearer = { bearer: { token: SECRET } };

describe('createChertClient refuses invalid options', () => {
  const cases: [name: string, options: unknown, message: RegExp][] = [
    ['no options', undefined, /needs options/],
    ['no auth', {}, /`auth` needs `hmac/],
    ['an empty auth', { auth: {} }, /`auth` needs `hmac/],
    ['both modes at once', { auth: { ...hmac, ...bearer } }, /not both/],
    ['an empty signing secret', { auth: { hmac: { tenant: TENANT, signingSecret: '' } } }, /signingSecret/],
    ['a missing signing secret', { auth: { hmac: { tenant: TENANT } } }, /signingSecret/],
    ['a missing tenant for HMAC', { auth: { hmac: { signingSecret: SECRET } } }, /auth\.hmac\.tenant/],
    ['an empty tenant for HMAC', { auth: { hmac: { tenant: '', signingSecret: SECRET } } }, /auth\.hmac\.tenant/],
    ['a tenant with a line break', { auth: { hmac: { tenant: 'a\r\nx-evil: 1', signingSecret: SECRET } } }, /tenant/],
    ['an empty bearer token', { auth: { bearer: { token: '' } } }, /auth\.bearer\.token/],
    ['a bearer token with a line break', { auth: { bearer: { token: `${SECRET}\n` } } }, /auth\.bearer\.token/],
    ['an empty bearer tenant', { auth: { bearer: { token: SECRET, tenant: '' } } }, /auth\.bearer\.tenant/],
    ['a relative baseUrl', { auth: hmac, baseUrl: '/api' }, /baseUrl/],
    ['a non-http baseUrl', { auth: hmac, baseUrl: 'ftp://example.com' }, /baseUrl/],
    ['a negative timeout', { auth: hmac, timeoutMs: -1 }, /timeoutMs/],
    ['a NaN timeout', { auth: hmac, timeoutMs: Number.NaN }, /timeoutMs/],
    ['fractional retries', { auth: hmac, maxRetries: 1.5 }, /maxRetries/],
    ['negative retries', { auth: hmac, maxRetries: -1 }, /maxRetries/],
    ['a clock that is not a function', { auth: hmac, now: 5 }, /`now` must be a function/],
    ['a fetch that is not a function', { auth: hmac, fetch: 'fetch' }, /`fetch` must be a function/],
    ['an onRetry that is not a function', { auth: hmac, onRetry: {} }, /`onRetry` must be a function/],
  ];

  it.each(cases)('%s', (_name, options, message) => {
    let thrown: unknown;
    try {
      createChertClient(options as ChertClientOptions);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    const text = `${String(thrown)} ${JSON.stringify(thrown)} ${(thrown as Error).stack}`;
    expect(text).toMatch(message);
    expect(text).not.toContain(SECRET);
  });
});

describe('createChertClient accepts valid options', () => {
  const cases: [name: string, options: ChertClientOptions][] = [
    ['HMAC', { auth: hmac }],
    ['bearer without a tenant', { auth: bearer }],
    ['bearer with a tenant', { auth: { bearer: { token: SECRET, tenant: TENANT } } }],
    ['every option', { auth: hmac, baseUrl: 'http://127.0.0.1:4010/', timeoutMs: 0, maxRetries: 0, headers: { 'x-app': '1' }, now: () => 0, fetch: async () => new Response(), onRetry: () => {} }],
    ['headers as a Headers object', { auth: bearer, headers: new Headers({ 'x-app': '1' }) }],
    ['an unbounded timeout', { auth: bearer, timeoutMs: Number.POSITIVE_INFINITY }],
  ];
  it.each(cases)('%s', (_name, options) => {
    const client = createChertClient(options);
    expect(typeof client.POST).toBe('function');
    expect(typeof client.contacts.send).toBe('function');
  });

  it('keeps the secret out of the client object', () => {
    const client = createChertClient({ auth: hmac });
    expect(JSON.stringify(client)).not.toContain(SECRET);
    expect(Object.values(client).map(String).join(' ')).not.toContain(SECRET);
  });
});
