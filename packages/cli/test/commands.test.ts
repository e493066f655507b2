import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMock, type RunningSandbox } from '@chert/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, killLeftovers, runToEnd, startReceiver, type Receiver } from './helpers.js';

/** The bin's help, `chert send` and `chert events replay`, run as a child process against the sandbox. */
const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string };

let mock: RunningSandbox;
let hook: Receiver;
let env: Record<string, string>;
beforeAll(async () => {
  mock = (await startMock({ port: 0 })) as RunningSandbox;
  hook = await startReceiver();
  env = cleanEnv({ CHERT_TOKEN: 'sandbox-token', CHERT_BASE_URL: mock.url });
});
afterAll(async () => {
  killLeftovers();
  await mock?.close();
  await hook?.close();
});

describe('help', () => {
  it('chert --help lists its commands, exit 0', async () => {
    const { code, out } = await runToEnd(['--help'], cleanEnv());
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/^Usage: chert <command>/);
    for (const command of ['listen --forward-to <url>', 'events replay <id>', 'send <phone> <text>']) expect(text).toContain(`  ${command}`);
    expect(text).toMatch(/Exit codes: 0 .* 1 .* 2 /s);
    expect(text).toContain('never from a flag');
  });

  // [args, the usage line it starts with, flags it must name]
  it.concurrent.each<[string[], string, string[]]>([
    [['listen', '--help'], 'Usage: chert listen --forward-to <url> [options]', ['--forward-to', '--events', '--secret', '--base-url', '--allow-remote']],
    [['listen', '-h'], 'Usage: chert listen --forward-to <url> [options]', ['--forward-to']],
    [['events', 'replay', '--help'], 'Usage: chert events replay <id> [options]', ['--subscription', '--base-url']],
    [['events', '--help'], 'Usage: chert events replay <id> [options]', ['--subscription']],
    [['send', '--help'], 'Usage: chert send <phone> <text> [options]', ['--base-url']],
    [['help', 'send'], 'Usage: chert send <phone> <text> [options]', ['--base-url']],
    [['help'], 'Usage: chert <command> [options]', ['--version']],
  ])('chert %s', async (args, usage, flags) => {
    // No credentials needed for help.
    const { code, out, err } = await runToEnd(args, cleanEnv());
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toBe(usage);
    for (const flag of flags) expect(out.join('\n')).toContain(flag);
  });

  it('--version prints the package version', async () => {
    expect(await runToEnd(['--version'], cleanEnv())).toMatchObject({ code: 0, out: [version] });
  });

  // [args, the line on stderr]
  it.concurrent.each<[string[], RegExp]>([
    [[], /^Usage: chert <command>/],
    [['listn'], /^chert: unknown command "listn" \(commands: listen, events replay, send; see chert --help\)$/],
    [['events', 'list'], /^chert events: unknown subcommand "list" \(chert events replay <id>\)$/],
    [['help', 'nothing'], /^chert help: no command "nothing"/],
    [['send', '+14155550199'], /^chert send: needs <phone> and <text>/],
    [['send', '+14155550199', 'two', 'words'], /^chert send: takes <phone> and <text> only; quote the text/],
    [['send', '+14155550199', '  '], /^chert send: <text> is empty$/],
    [['events', 'replay'], /^chert events replay: needs the event's <id>/],
    [['events', 'replay', 'evt_1', '--subscription'], /^chert events replay: --subscription needs a value/],
  ])('chert %s: exit 2', async (args, want) => {
    const { code, err } = await runToEnd(args, env);
    expect(code).toBe(2);
    expect(err[0]).toMatch(want);
  });
});

describe('chert send', () => {
  it('sends, and says what Chert answered, with the trace id', async () => {
    const { code, out, err } = await runToEnd(['send', '+14155550199', 'Your table for two is booked for 7pm.'], env);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^Sent msg_\w+ to \+14155550199 \(new chat ch_\w+, line pl_\d+\): sent; trace [0-9a-f]{12}$/);
    const chat = /ch_\w+/.exec(out[0]!)![0];
    const history = (mock.snapshot().chats as Array<{ id: string; messages: Array<{ parts: Array<{ value: string }> }> }>).find((c) => c.id === chat)!;
    expect(history.messages[0]!.parts[0]!.value).toBe('Your table for two is booked for 7pm.');
  });

  // The sandbox's magic numbers: [number, exit code, stdout, stderr lines]
  it.concurrent.each<[string, number, RegExp | undefined, RegExp[]]>([
    ['+12025550101', 1, undefined, [/^chert send: 502 \/ 4001 Delivery failed: \+12025550101 is a sandbox magic number .* \(trace [0-9a-f]{12}\)$/]],
    ['+12025550103', 1, undefined, [
      /^chert send: 429 \/ 1007 Rate limited: .* \(retryable, retry after 2 s; trace [0-9a-f]{12}\); retry 1 in 2 s$/,
      /^chert send: 429 \/ 1007 .*; retry 2 in 2 s$/,
      /^chert send: 429 \/ 1007 Rate limited: .* \(retryable, retry after 2 s; trace [0-9a-f]{12}\)$/,
    ]],
    // /send documents no 4099: the line's limits do not touch a text.
    ['+12025550104', 0, /^Sent msg_\w+ to \+12025550104 /, []],
    ['+12025550105', 0, /^Sent msg_\w+ to \+12025550105 /, []],
  ])('to %s: exit %s', { timeout: 30_000 }, async (phone, exit, stdout, stderr) => {
    const { code, out, err } = await runToEnd(['send', phone, 'Hi'], env);
    expect(code).toBe(exit);
    if (stdout) expect(out[0]).toMatch(stdout);
    else expect(out).toEqual([]);
    expect(err).toHaveLength(stderr.length);
    stderr.forEach((want, i) => expect(err[i]).toMatch(want));
  });

  it('never prints the credentials, even when Chert refuses them', async () => {
    const strict = await startMock({ port: 0, signingSecret: 'the-real-secret-0123456789abcdef' });
    try {
      const secret = 'a-wrong-signing-secret-0123456789';
      const { code, out, err } = await runToEnd(['send', '+14155550199', 'Hi'], cleanEnv({ CHERT_TENANT: 'acme', CHERT_SIGNING_SECRET: secret, CHERT_BASE_URL: strict.url }));
      expect(code).toBe(1);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(/^chert send: 401 \/ 2004 .*trace [0-9a-f]{12}\)$/);
      expect([...out, ...err].join('\n')).not.toContain(secret);
    } finally {
      await strict.close();
    }
  });

  it('a Chert it cannot reach: one line, exit 1', async () => {
    const { code, err } = await runToEnd(['send', '+14155550199', 'Hi', '--base-url', 'http://127.0.0.1:1'], cleanEnv({ CHERT_TOKEN: 'x' }));
    expect(code).toBe(1);
    expect(err.at(-1)).toMatch(/^chert send: sendMessage was not sent: /);
  });
});

describe('chert events replay', () => {
  it("delivers an event again to the subscriptions, and says what the endpoint answered", async () => {
    const created = await fetch(`${mock.url}/api/v1/webhook-subscriptions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' },
      body: JSON.stringify({ url: hook.url, events: ['message.received'] }),
    });
    const { subscription } = (await created.json()) as { subscription: { id: string } };
    const { events } = await mock.inbound({ from: '+14155550177', text: 'Hello' });
    await mock.settle();
    const before = hook.received.length;

    const all = await runToEnd(['events', 'replay', events[0]!.id], env);
    expect(all).toMatchObject({ code: 0, err: [] });
    expect(all.out[0]).toMatch(new RegExp(`^Replayed ${events[0]!.id}: your endpoint answered 200; trace [0-9a-f]{12}$`));
    const one = await runToEnd(['events', 'replay', events[0]!.id, '--subscription', subscription.id], env);
    expect(one.out[0]).toMatch(new RegExp(`^Replayed ${events[0]!.id} to subscription ${subscription.id}: your endpoint answered 200; `));
    expect(hook.received.length - before).toBe(2);

    // 3004 is retryable: the client replays again, and says so, before giving up.
    hook.script([], [500, 'down']);
    const failed = await runToEnd(['events', 'replay', events[0]!.id], env);
    hook.script([]);
    expect(failed.code).toBe(1);
    expect(failed.err).toHaveLength(3);
    expect(failed.err[0]).toMatch(/^chert events replay: 502 \/ 3004 .*; retry 1 in [\d.]+ s$/);
    expect(failed.err[2]).toMatch(/^chert events replay: 502 \/ 3004 .*\(retryable; trace [0-9a-f]{12}\)$/);
  });

  it('an event that does not exist: one line with the code and trace id, exit 1', async () => {
    const { code, out, err } = await runToEnd(['events', 'replay', 'evt_nothere'], env);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^chert events replay: 404 \/ \d{4} .*trace [0-9a-f]{12}\)$/);
  });
});
