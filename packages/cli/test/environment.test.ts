import { ChertAbortError, ChertApiError, ChertInputError, ChertNetworkError, ChertTimeoutError } from '@chert/client';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/args.js';
import { baseUrl, credentials } from '../src/environment.js';
import { describeError, EXIT, oneLine, UsageError } from '../src/errors.js';
import { colorAllowed } from '../src/io.js';

describe('credentials from the environment', () => {
  // [name, environment, the auth, or the line of the refusal]
  const cases: Array<[string, Record<string, string>, unknown]> = [
    ['HMAC v1', { CHERT_TENANT: 'acme', CHERT_SIGNING_SECRET: 's3cret' }, { hmac: { tenant: 'acme', signingSecret: 's3cret' } }],
    ['HMAC wins over a token too', { CHERT_TENANT: 'acme', CHERT_SIGNING_SECRET: 's3cret', CHERT_TOKEN: 'tok' }, { hmac: { tenant: 'acme', signingSecret: 's3cret' } }],
    ['bearer', { CHERT_TOKEN: 'tok' }, { bearer: { token: 'tok' } }],
    ['bearer with a tenant', { CHERT_TOKEN: 'tok', CHERT_TENANT: 'acme' }, { bearer: { token: 'tok', tenant: 'acme' } }],
    ['an empty variable is unset', { CHERT_TOKEN: 'tok', CHERT_SIGNING_SECRET: '' }, { bearer: { token: 'tok' } }],
    ['nothing', {}, /^chert x: no credentials: set CHERT_TENANT and CHERT_SIGNING_SECRET \(HMAC v1\), or CHERT_TOKEN \(bearer\)$/],
    ['a secret without a tenant', { CHERT_SIGNING_SECRET: 's3cret' }, /CHERT_SIGNING_SECRET is set but CHERT_TENANT is not/],
    ['a tenant alone', { CHERT_TENANT: 'acme' }, /CHERT_TENANT is set but neither/],
    ['a token over two lines', { CHERT_TOKEN: 'tok\nen' }, /CHERT_TOKEN must be one line/],
    ['a tenant with spaces around', { CHERT_TENANT: ' acme ', CHERT_TOKEN: 'tok' }, /CHERT_TENANT must be one line without surrounding spaces/],
  ];
  it.each(cases)('%s', (_name, env, want) => {
    if (want instanceof RegExp) {
      let error: unknown;
      try {
        credentials('chert x', env);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(want);
      for (const value of Object.values(env)) if (value.length > 3) expect((error as Error).message).not.toContain(value);
    } else expect(credentials('chert x', env)).toEqual(want);
  });
});

describe('the base URL', () => {
  // [name, --base-url, CHERT_BASE_URL, the URL or the refusal]
  const cases: Array<[string, string | undefined, string | undefined, string | RegExp | undefined]> = [
    ['neither: the client default', undefined, undefined, undefined],
    ['the variable', undefined, 'http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['the flag wins', 'http://127.0.0.1:5000', 'http://127.0.0.1:4010', 'http://127.0.0.1:5000'],
    ['an empty variable is unset', undefined, '', undefined],
    ['not absolute', 'localhost:4010', undefined, /--base-url must be an absolute http\(s\) URL/],
    ['not http', undefined, 'ftp://example.com', /CHERT_BASE_URL must be an absolute http\(s\) URL/],
    ['with a password', 'https://me:pw@console.trychert.com', undefined, /--base-url must not carry a user name or password/],
  ];
  it.each(cases)('%s', (_name, flag, variable, want) => {
    const env = variable === undefined ? {} : { CHERT_BASE_URL: variable };
    if (want instanceof RegExp) expect(() => baseUrl('chert x', flag, env)).toThrow(want);
    else expect(baseUrl('chert x', flag, env)).toBe(want);
  });
});

describe('flags', () => {
  const options = { 'forward-to': { type: 'string' as const }, 'allow-remote': { type: 'boolean' as const } };
  // [name, argv, the parsed values, or the refusal]
  const cases: Array<[string, string[], unknown]> = [
    ['a value and a switch', ['--forward-to', 'http://localhost', '--allow-remote'], { values: { 'forward-to': 'http://localhost', 'allow-remote': true }, positionals: [] }],
    ['= form', ['--forward-to=http://localhost'], { values: { 'forward-to': 'http://localhost' }, positionals: [] }],
    ['an unknown flag', ['--port', '3'], /^chert x: unknown option --port \(see chert x --help\)$/],
    ['a value missing', ['--forward-to'], /^chert x: --forward-to needs a value/],
    ['a value given to a switch', ['--allow-remote=yes'], /^chert x: --allow-remote takes no value/],
    ['--token', ['--token', 'abc'], /^chert x: credentials come from the environment, never from a flag .*: set CHERT_TOKEN instead of --token$/],
    ['--signing-secret=…', ['--signing-secret=abc'], /set CHERT_SIGNING_SECRET instead of --signing-secret$/],
    ['--tenant', ['--tenant', 'acme'], /set CHERT_TENANT instead of --tenant$/],
    ['after --, a positional', ['--', '--token'], { values: {}, positionals: ['--token'] }],
  ];
  it.each(cases)('%s', (_name, argv, want) => {
    if (want instanceof RegExp) {
      expect(() => parse('chert x', argv, options)).toThrow(UsageError);
      expect(() => parse('chert x', argv, options)).toThrow(want);
    } else expect({ ...parse('chert x', argv, options), values: { ...parse('chert x', argv, options).values } }).toEqual(want);
  });
});

describe('colour', () => {
  // [isTTY, NO_COLOR, allowed]
  it.each<[boolean | undefined, string | undefined, boolean]>([
    [true, undefined, true],
    [true, '', true],
    [true, '1', false],
    [true, 'false', false],
    [false, undefined, false],
    [undefined, undefined, false],
  ])('a terminal: %s, NO_COLOR=%s → %s', (tty, noColor, want) => {
    expect(colorAllowed(tty, noColor === undefined ? {} : { NO_COLOR: noColor })).toBe(want);
  });
});

describe('an error as one line', () => {
  const api = (init: Partial<ConstructorParameters<typeof ChertApiError>[0]>) =>
    new ChertApiError({ status: 429, code: 1007, message: 'Rate limited', retryable: true, retryAfter: 2, traceId: 'ea977f882b98', operationId: 'sendMessage', headers: new Headers(), ...init });
  // [name, error, the line, the exit code]
  const cases: Array<[string, unknown, string | RegExp, number]> = [
    ['a retryable answer', api({}), '429 / 1007 Rate limited (retryable, retry after 2 s; trace ea977f882b98)', EXIT.failed],
    ['a final answer', api({ status: 502, code: 4001, message: 'Delivery failed', retryable: false, retryAfter: undefined, traceId: '5b8f30523204' }), '502 / 4001 Delivery failed (trace 5b8f30523204)', EXIT.failed],
    ['an answer that is no envelope', api({ status: 502, code: undefined, message: 'Bad Gateway', retryable: false, retryAfter: undefined, traceId: undefined }), '502 Bad Gateway (no trace id)', EXIT.failed],
    ['a message over lines, with escapes', api({ message: 'Rate\n\x1b[31mlimited', retryable: false, traceId: 'abc' }), '429 / 1007 Rate limited (trace abc)', EXIT.failed],
    ['not sent', new ChertNetworkError('sendMessage was not sent: no connection could be made', 'sendMessage', false), 'sendMessage was not sent: no connection could be made', EXIT.failed],
    ['a timeout', new ChertTimeoutError('sendMessage', 30_000), /^sendMessage got no complete answer within 30000 ms/, EXIT.failed],
    ['an abort', new ChertAbortError('sendMessage', undefined, false), 'stopped', EXIT.failed],
    ['refused input', new ChertInputError('idempotency_key', 'an idempotency key must be a non-empty string'), 'an idempotency key must be a non-empty string', EXIT.usage],
    ['a usage error', new UsageError('chert x: --forward-to is required'), 'chert x: --forward-to is required', EXIT.usage],
    ['anything else', new Error('boom'), 'boom', EXIT.failed],
  ];
  it.each(cases)('%s', (_name, error, line, exit) => {
    const got = describeError(error);
    if (line instanceof RegExp) expect(got.line).toMatch(line);
    else expect(got.line).toBe(line);
    expect(got.exit).toBe(exit);
  });

  it('oneLine drops control characters and escapes, and joins lines', () => {
    expect(oneLine(' a\r\n\tb\x07 \x1b[1;31mc\x1b[0m ')).toBe('a b c');
  });
});
