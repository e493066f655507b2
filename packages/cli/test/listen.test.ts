import { verifyWebhook } from '@chert/client/webhooks';
import { startMock, type RunningSandbox } from '@chert/mock';
import { webhookDelivery } from '@chert/types';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, deadUrl, killLeftovers, run, runToEnd, startReceiver, startRelay, type Receiver, type Run } from './helpers.js';

/**
 * `chert listen` run as the bin it is, against the sandbox started here on a free port, and
 * a loopback receiver standing in for the user's webhook handler.
 */
const ADA = '+14155550199';
const TOKEN = { CHERT_TOKEN: 'sandbox-token' };
const names = webhookDelivery.headers;
const header = (r: { headers: Record<string, unknown> }, name: string) => r.headers[name.toLowerCase()];

const closers: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});
afterAll(killLeftovers);

async function sandbox(options: Parameters<typeof startMock>[0] = {}): Promise<RunningSandbox> {
  const mock = (await startMock({ port: 0, ...options })) as RunningSandbox;
  closers.push(() => mock.close());
  return mock;
}

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  closers.push(() => r.close());
  return r;
}

async function listening(args: string[], env: Record<string, string>): Promise<{ cli: Run; secret: string }> {
  const cli = run(['listen', ...args], cleanEnv(env));
  await cli.waitFor(/^Ready: /);
  const line = cli.out.find((l) => l.startsWith('Local webhook signing secret: '))!;
  return { cli, secret: line.slice('Local webhook signing secret: '.length) };
}

async function stopped(cli: Run, signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
  cli.child.kill(signal);
  return cli.exited;
}

describe('chert listen', { timeout: 60_000 }, () => {
  it('forwards an inbound message signed with the printed secret, as Chert delivers it; verifyWebhook accepts it', async () => {
    const signingSecret = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
    const mock = await sandbox({ signingSecret });
    const hook = await receiver();
    const env = { CHERT_TENANT: 'acme', CHERT_SIGNING_SECRET: signingSecret };
    const { cli, secret } = await listening(['--forward-to', hook.url, '--base-url', mock.url, '--events', 'message.received'], env);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);

    const first = await mock.inbound({ from: ADA, text: 'Table for two at 7?' });
    const second = await mock.inbound({ from: ADA, text: 'Actually, three of us' });
    const got = await hook.waitFor(2);

    const verified = await Promise.all(got.map((r) => verifyWebhook({ rawBody: r.body, headers: r.headers, secret })));
    expect(verified.map((e) => e.event)).toEqual(['message.received', 'message.received']);
    expect(verified.map((e) => (e.event === 'message.received' ? e.data.message.id : undefined))).toEqual([first.message.id, second.message.id]);
    // The body is the event's payload, byte for byte as the stream carried it.
    expect(JSON.parse(got[0]!.body)).toEqual(first.events[0]!.payload);
    expect(got.map((r) => [header(r, names.event), header(r, names.eventId), header(r, names.subscriptionId), r.headers['content-type']])).toEqual([
      ['message.received', first.events[0]!.event_id, 'chert-listen', webhookDelivery.contentType],
      ['message.received', second.events[0]!.event_id, 'chert-listen', webhookDelivery.contentType],
    ]);
    // Another secret does not verify: the signature is the local secret's.
    await expect(verifyWebhook({ rawBody: got[0]!.body, headers: got[0]!.headers, secret: 'f'.repeat(64) })).rejects.toMatchObject({ reason: 'mismatch' });

    // The filter: the lead_reply events (queued in order between them) never reached the endpoint.
    expect(hook.received).toHaveLength(2);
    const lines = await cli.waitForAll(/^\d\d:\d\d:\d\d  message\.received /, 2);
    expect(lines[0]).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d  message\\.received  ${first.events[0]!.id}  200  \\d+ ms$`));
    expect(cli.out.join('\n')).not.toMatch(/lead_reply  evt_/);

    expect(await stopped(cli)).toBe(0);
    expect(cli.out.at(-1)).toMatch(/^Stopped\./);
    const everything = [...cli.out, ...cli.err].join('\n');
    expect(everything.split(secret).length - 1, 'the local secret, printed once').toBe(1);
    expect(everything).not.toContain(signingSecret);
  });

  it('survives the stream closing every 300 ms and connections cut under it: every event once, in order', async () => {
    const mock = await sandbox({ streamLifeMs: 300, streamHeartbeatMs: 100 });
    const relay = await startRelay(mock.url);
    closers.push(() => relay.close());
    const hook = await receiver();
    const { cli } = await listening(['--forward-to', hook.url, '--base-url', relay.url, '--events', 'message.received'], TOKEN);

    const sent: string[] = [];
    let cut = 0;
    for (let i = 0; i < 12; i++) {
      const { events } = await mock.inbound({ from: ADA, text: `message ${i}` });
      sent.push(events[0]!.event_id);
      if (i === 4 || i === 8) cut += relay.cut();
      await new Promise((resolve) => setTimeout(resolve, 120));
    }
    const got = await hook.waitFor(sent.length);
    // Anything repeated would come right behind; give it the time of a reconnection.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(cut, 'connections were cut').toBeGreaterThan(0);
    expect(hook.received.map((r) => header(r, names.eventId))).toEqual(sent);
    expect(got).toHaveLength(sent.length);
    expect(cli.out.filter((l) => / message\.received .* 200 /.test(l))).toHaveLength(sent.length);
    expect(await stopped(cli, 'SIGTERM')).toBe(0);
  });

  it('keeps going after the endpoint answers 500: retried as Chert retries, skipped with a line saying so', async () => {
    const mock = await sandbox();
    const hook = await receiver();
    const { maxAttempts } = webhookDelivery.retry;
    hook.script(Array.from({ length: maxAttempts }, () => [500, 'TypeError: cannot read properties of undefined\n    at handler (app.js:12)'] as [number, string]));
    const { cli, secret } = await listening(['--forward-to', hook.url, '--base-url', mock.url, '--events', 'message.received'], TOKEN);

    const failing = await mock.inbound({ from: ADA, text: 'first' });
    const line = await cli.waitFor(/ 500 /);
    expect(line).toContain(failing.events[0]!.id);
    expect(line).toMatch(new RegExp(`500  \\d+ ms  TypeError: cannot read properties of undefined  · ${maxAttempts} attempts, skipped$`));
    expect(line, 'no colour off a terminal').not.toMatch(/\x1b\[/);
    // Every attempt was the same event, each signed afresh.
    const attempts = hook.received.slice(0, maxAttempts);
    expect(new Set(attempts.map((r) => header(r, names.eventId)))).toEqual(new Set([failing.events[0]!.event_id]));
    for (const r of attempts) await expect(verifyWebhook({ rawBody: r.body, headers: r.headers, secret })).resolves.toMatchObject({ event: 'message.received' });

    const next = await mock.inbound({ from: ADA, text: 'second' });
    const ok = await cli.waitFor(new RegExp(`${next.events[0]!.id}  200 `));
    expect(ok).toMatch(/ms$/);
    expect(hook.received).toHaveLength(maxAttempts + 1);
    expect(await stopped(cli)).toBe(0);
  });

  it('a dead endpoint never stops the stream: each event tried, skipped, and the next one comes', async () => {
    const mock = await sandbox();
    const { cli } = await listening(['--forward-to', await deadUrl(), '--base-url', mock.url], TOKEN);
    const a = await mock.inbound({ from: ADA, text: 'one' });
    const b = await mock.inbound({ from: ADA, text: 'two' });
    const ids = [...a.events, ...b.events].map((e) => e.id);
    const lines = await cli.waitForAll(/connection refused/, ids.length);
    expect(lines.map((l) => ids.find((id) => l.includes(id)))).toEqual(ids);
    for (const l of lines) expect(l).toMatch(new RegExp(`connection refused  \\d+ ms  · ${webhookDelivery.retry.maxAttempts} attempts, skipped$`));
    expect(await stopped(cli)).toBe(0);
  });

  it('Ctrl-C while a forward hangs: abandoned after a moment, exit 0', async () => {
    const mock = await sandbox();
    const hook = await receiver();
    hook.hang();
    const { cli } = await listening(['--forward-to', hook.url, '--base-url', mock.url, '--events', 'message.received'], TOKEN);
    await mock.inbound({ from: ADA, text: 'Are you there?' });
    await mock.inbound({ from: ADA, text: 'Hello?' });
    await hook.waitFor(1);
    // The second event is on the stream already; give the CLI a moment to have queued it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const began = Date.now();
    expect(await stopped(cli)).toBe(0);
    expect(Date.now() - began).toBeLessThan(10_000);
    expect(cli.out.join('\n')).toMatch(/ message\.received  evt_\w+  abandoned  · stopping$/m);
    expect(cli.out).toContain('Stopped. 1 event received and not forwarded.');
    expect(hook.received).toHaveLength(1);
  });

  it('Ctrl-C before the first event: stopped at once, exit 0; the sandbox sees the stream go', async () => {
    const mock = await sandbox();
    const { cli } = await listening(['--forward-to', 'http://localhost:9/hooks', '--base-url', mock.url], TOKEN);
    expect((await mock.stats()).streamClients).toBe(1);
    expect(await stopped(cli)).toBe(0);
    expect(cli.out.at(-1)).toBe('Stopped.');
    await expect.poll(async () => (await mock.stats()).streamClients).toBe(0);
  });

  it('an answer that refuses the stream is one line with the trace id, exit 1', async () => {
    const mock = await sandbox({ signingSecret: 'the-real-secret-0123456789abcdef' });
    const { code, out, err } = await runToEnd(['listen', '--forward-to', 'http://127.0.0.1:3000/hooks', '--base-url', mock.url], cleanEnv({ CHERT_TOKEN: 'a-wrong-token' }));
    expect(code).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^chert listen: cannot open the event stream: 401 \/ 2004 .*\(trace [0-9a-f]{12}\)$/);
    expect([...out, ...err].join('\n')).not.toContain('a-wrong-token');
  });
});

describe('chert listen refuses bad flags and missing credentials: one line naming it, exit 2', () => {
  const hook = 'http://localhost:3000/webhooks/chert';
  // [name, args, environment, the line]
  const cases: Array<[string, string[], Record<string, string>, RegExp]> = [
    ['no credentials', ['--forward-to', hook], {}, /^chert listen: no credentials: set CHERT_TENANT and CHERT_SIGNING_SECRET \(HMAC v1\), or CHERT_TOKEN \(bearer\)$/],
    ['half of HMAC', ['--forward-to', hook], { CHERT_SIGNING_SECRET: 'hmac-secret-value' }, /CHERT_SIGNING_SECRET is set but CHERT_TENANT is not/],
    ['a tenant alone', ['--forward-to', hook], { CHERT_TENANT: 'acme' }, /CHERT_TENANT is set but neither CHERT_SIGNING_SECRET .* nor CHERT_TOKEN/],
    ['a credential as a flag', ['--forward-to', hook, '--token', 'flag-token-value'], TOKEN, /set CHERT_TOKEN instead of --token$/],
    ['a signing secret as a flag', ['--signing-secret=flag-secret-value', '--forward-to', hook], TOKEN, /set CHERT_SIGNING_SECRET instead of --signing-secret$/],
    ['no --forward-to', [], TOKEN, /--forward-to is required/],
    ['--forward-to without a value', ['--forward-to'], TOKEN, /--forward-to needs a value/],
    ['--forward-to not a URL', ['--forward-to', 'localhost:3000'], TOKEN, /--forward-to must be an absolute http\(s\) URL/],
    ['--forward-to elsewhere', ['--forward-to', 'http://10.1.2.3:3000/hooks'], TOKEN, /--forward-to must be a loopback URL .*10\.1\.2\.3 is not a loopback address; pass --allow-remote/],
    ['--forward-to over IPv6, not loopback', ['--forward-to', 'http://[2001:db8::1]/hooks'], TOKEN, /must be a loopback URL/],
    ['an event type that does not exist', ['--forward-to', hook, '--events', 'message.recieved'], TOKEN, /--events: "message\.recieved" is not an event type \(message\.received, reaction\.added, reaction\.removed, lead_reply\)/],
    ['an empty --events', ['--forward-to', hook, '--events', ','], TOKEN, /--events needs at least one event type/],
    ['an unknown flag', ['--forward-to', hook, '--port', '3000'], TOKEN, /unknown option --port \(see chert listen --help\)$/],
    ['a stray argument', [hook], TOKEN, /takes no arguments.*--forward-to/],
    ['a --base-url that is no URL', ['--forward-to', hook, '--base-url', 'console.trychert.com'], TOKEN, /--base-url must be an absolute http\(s\) URL/],
    ['a CHERT_BASE_URL that is no URL', ['--forward-to', hook], { ...TOKEN, CHERT_BASE_URL: 'ftp://example.com' }, /CHERT_BASE_URL must be an absolute http\(s\) URL/],
    ['an empty --secret', ['--forward-to', hook, '--secret', ''], TOKEN, /--secret needs a non-empty value/],
  ];

  it.concurrent.each(cases)('%s', async (_name, args, env, want) => {
    const { code, out, err } = await runToEnd(['listen', ...args], cleanEnv(env));
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(want);
    for (const value of Object.values(env)) if (value.length > 8) expect(err[0]).not.toContain(value);
    expect(err[0]).not.toMatch(/flag-(token|secret)-value/);
  });

  it('--allow-remote lets a remote --forward-to through (and a bad stream address is then the next problem)', async () => {
    const { code, err } = await runToEnd(['listen', '--forward-to', 'http://10.1.2.3:3000/hooks', '--allow-remote', '--base-url', 'http://127.0.0.1:1'], cleanEnv(TOKEN));
    expect(code).toBe(1);
    expect(err.at(-1)).toMatch(/^chert listen: cannot open the event stream: /);
  });
});
