// The logger: each attempt and answer at debug, each retry and its reason at info; the level from
// `logLevel`, else CHERT_LOG where there is an environment, else warn. Never a secret.
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChertClient, signV1, type ChertClientOptions, type Logger, type LogLevel } from '../src/index.js';
import { readEnv } from '../src/core/env.js';
import { chertError, ok, recordingFetch, SECRET, TENANT, undiciFailure } from './support/fetch.js';

beforeEach(() => {
  vi.stubEnv('CHERT_LOG', undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** A logger that keeps everything it is given, arguments and all. */
function recorder() {
  const lines: { level: keyof Logger; text: string }[] = [];
  const logger = Object.fromEntries(
    (['debug', 'info', 'warn', 'error'] as const).map((level) => [
      level,
      (...args: unknown[]) => lines.push({ level, text: args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 10 }))).join(' ') }),
    ]),
  ) as unknown as Logger;
  return { logger, lines };
}

const sentOk = { chat_id: 'ch_1', status: 'sent' };
const send = (c: ReturnType<typeof createChertClient>) => c.contacts.send({ chatId: 'ch_1' }, { contact: { full_name: 'Ada' } });

function setup(answers: Parameters<typeof recordingFetch>, options: Partial<ChertClientOptions> = {}) {
  const { fetch, sent } = recordingFetch(...answers);
  const { logger, lines } = recorder();
  const client = createChertClient({ auth: { hmac: { tenant: TENANT, signingSecret: SECRET } }, fetch, logger, ...options });
  return { client, sent, lines };
}

describe('what is logged', () => {
  it('at debug: each attempt and its answer; at info: each retry with its reason', async () => {
    const { client, lines } = setup(
      [chertError(503, 3002, { retryable: true, retry_after: 0.01 }), undiciFailure('connect ECONNREFUSED', 'ECONNREFUSED'), ok(sentOk, { 'x-trace-id': 'a1b2c3d4e5f6' })],
      { logLevel: 'debug', maxRetries: 2 },
    );
    await send(client);
    expect(lines.map((l) => [l.level, l.text])).toEqual([
      ['debug', '[chert] sendContactToChat: attempt 1, POST https://console.trychert.com/api/v1/chats/ch_1/send-contact'],
      ['debug', '[chert] sendContactToChat: HTTP 503, trace trace-header'],
      ['info', expect.stringMatching(/^\[chert\] sendContactToChat: retry 1 in 10 ms after ChertApiError: error 3002 \(code 3002, HTTP 503, trace trace-body\)$/)],
      ['debug', '[chert] sendContactToChat: attempt 2, POST https://console.trychert.com/api/v1/chats/ch_1/send-contact'],
      ['debug', '[chert] sendContactToChat: sendContactToChat was not sent: no connection could be made'],
      ['info', expect.stringMatching(/^\[chert\] sendContactToChat: retry 2 in \d+ ms after ChertNetworkError: sendContactToChat was not sent/)],
      ['debug', '[chert] sendContactToChat: attempt 3, POST https://console.trychert.com/api/v1/chats/ch_1/send-contact'],
      ['debug', '[chert] sendContactToChat: HTTP 200, trace a1b2c3d4e5f6'],
    ]);
  });

  it('at debug: what ended a call early (an abort, a timeout, the deadline)', async () => {
    const { client, lines, sent } = setup([], { logLevel: 'debug' });
    await expect(client.contacts.send({ chatId: 'ch_1' }, { contact: { full_name: 'Ada' } }, { signal: AbortSignal.abort() })).rejects.toThrow();
    expect(sent).toHaveLength(0);
    expect(lines).toEqual([{ level: 'debug', text: '[chert] sendContactToChat: sendContactToChat was aborted by the caller before it was sent' }]);
  });

  it('says why a retry is not made', async () => {
    const { client, lines } = setup([chertError(503, 4002, { retryable: true, retry_after: 120 })], { logLevel: 'info' });
    await expect(send(client)).rejects.toMatchObject({ code: 4002 });
    expect(lines).toEqual([{ level: 'info', text: expect.stringMatching(/not retried, the wait of 120000 ms is longer than allowed: ChertApiError/) }]);
  });

  const modes = [
    ['HMAC', { hmac: { tenant: TENANT, signingSecret: SECRET } }],
    ['bearer', { bearer: { token: SECRET, tenant: TENANT } }],
  ] as const;
  it.each(modes)('%s: never a secret, a signature or an authorization value, whatever happens', async (_mode, auth) => {
    const date = new Date().toUTCString();
    const { client, sent, lines } = setup(
      [
        // HMAC re-signs a 2013 once; bearer has nothing to re-sign.
        ...('hmac' in auth ? [chertError(401, 2013, { headers: { date } })] : []),
        chertError(429, 1007, { retryable: true, retry_after: 0.01 }),
        ok(sentOk),
        chertError(401, 2004),
        undiciFailure('connect ECONNREFUSED', 'ECONNREFUSED'),
        undiciFailure('connect ECONNREFUSED', 'ECONNREFUSED'),
      ],
      { auth, logLevel: 'debug', maxRetries: 1 },
    );
    await send(client);
    await expect(send(client)).rejects.toMatchObject({ code: 2004 });
    await expect(client.POST('/api/v1/chats/share-contact-info', { body: { to: '+14155550123' } })).rejects.toMatchObject({ name: 'ChertNetworkError' });
    expect(lines.length).toBeGreaterThan(8);
    const signatures = sent.map((r) => r.headers['x-chert-signature']).filter((s): s is string => !!s);
    const all = lines.map((l) => l.text).join('\n');
    for (const secret of [SECRET, ...signatures, ...signatures.map((s) => s.split(',')[2]!)]) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/bearer|authorization|x-chert-signature/i);
    if (signatures.length) expect(signatures[0]).toBe(await signV1(SECRET, Number(signatures[0]!.split(',')[1]), sent[0]!.bytes));
  });
});

describe('the level', () => {
  const cases: [name: string, logLevel: LogLevel | undefined, env: string | undefined, want: (keyof Logger)[]][] = [
    ['warn by default: a plain success logs nothing', undefined, undefined, []],
    ['logLevel: debug', 'debug', undefined, ['debug', 'debug']],
    ['CHERT_LOG=debug from the environment', undefined, 'debug', ['debug', 'debug']],
    ['CHERT_LOG in capitals, with spaces', undefined, ' DEBUG ', ['debug', 'debug']],
    ['logLevel overrides CHERT_LOG', 'info', 'debug', []],
    ['logLevel: off overrides everything', 'off', 'debug', []],
    ['a CHERT_LOG that is no level: one warning, then warn', undefined, 'verbose', ['warn']],
  ];
  it.each(cases)('%s', async (_name, logLevel, env, want) => {
    if (env !== undefined) vi.stubEnv('CHERT_LOG', env);
    const { client, lines } = setup([ok(sentOk)], { logLevel });
    await send(client);
    expect(lines.map((l) => l.level)).toEqual(want);
    // The variable's value is never echoed: it is the user's environment.
    if (env === 'verbose') expect(lines[0]!.text).not.toContain('verbose');
  });

  it('console is the default logger, and nothing is printed at the default level', async () => {
    const spies = (['debug', 'info', 'warn', 'error'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {}));
    try {
      const { fetch } = recordingFetch(ok(sentOk), ok(sentOk));
      await send(createChertClient({ auth: { bearer: { token: SECRET } }, fetch }));
      expect(spies.map((s) => s.mock.calls.length)).toEqual([0, 0, 0, 0]);
      await send(createChertClient({ auth: { bearer: { token: SECRET } }, fetch, logLevel: 'debug' }));
      expect(spies[0]!.mock.calls.length).toBe(2);
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
  });
});

describe('the environment, where there is one', () => {
  const without = <T>(value: unknown, read: () => T): T => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'process')!;
    Object.defineProperty(globalThis, 'process', { value, configurable: true, writable: true });
    try {
      return read();
    } finally {
      Object.defineProperty(globalThis, 'process', saved);
    }
  };
  const cases: [name: string, processValue: unknown][] = [
    ['no process at all (browsers, Workers)', undefined],
    ['a process without env', {}],
    ['an env that refuses to be read (Deno without --allow-env)', { get env() { throw new Error('PermissionDenied'); } }],
  ];
  it.each(cases)('%s: no value, no crash', (_name, processValue) => {
    vi.stubEnv('CHERT_LOG', 'debug');
    expect(readEnv('CHERT_LOG')).toBe('debug');
    expect(without(processValue, () => readEnv('CHERT_LOG'))).toBeUndefined();
  });
});
