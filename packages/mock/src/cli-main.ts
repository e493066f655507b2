import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const USAGE = `Usage: chert-mock [options]

A local Chert Messaging API: a stateful sandbox (the default) or the document's examples,
behind the document's request validation and Chert's error codes.

Options:
      --mode <m>              sandbox (default): chats, messages, webhooks and events kept in
                              memory; examples: every valid request gets the document's example
  -p, --port <n>              port to listen on (default: the document's local server,
                              4010; 0 picks a free one)
      --host <addr>           interface to listen on (default 127.0.0.1)
      --signing-secret <s>    verify x-chert-signature and bearer tokens against this secret
                              (or set CHERT_MOCK_SIGNING_SECRET); without one, the mock only
                              checks that credentials are present
      --proxy <url>           forward to a real Chert base URL through Prism's validation
                              proxy and report every request or response that breaks the document
  -v, --verbose               also print Prism's own log for every request
  -h, --help                  show this help
      --version               print the version of @chert/mock

Sandbox options:
      --lines <numbers>       the sender lines, comma-separated E.164 numbers
                              (default +14155550100,+14155550101)
      --state <file>          load the state from this file on start (if it exists) and
                              write it there on a clean stop (Ctrl-C)
      --seed examples         start with what the document's examples show, under their
                              ids (chats, messages, attachments, subscriptions, events), so
                              the ids in the docs' samples work; reset goes back to it
      --allow-remote-webhooks deliver webhooks to any address (default: loopback only)
      --delivered-after <t>   how long a sent message stays "sent" before "delivered" (500ms)
      --webhook-timeout <t>   how long one webhook attempt may take (2s)
      --webhook-backoff <t>   the wait before a webhook's 2nd attempt, doubled after (100ms)
      --stream-heartbeat <t>  the event stream's heartbeat interval (the document's, 15s)
      --stream-life <t>       how long an event stream connection lasts (the document's, 60s)

  Times are milliseconds, or a number with a unit: 250ms, 2s, 1m.
`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  onSignal: (signal: 'SIGINT' | 'SIGTERM', handler: () => void) => void;
  exit: (code: number) => void;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  onSignal: (signal, handler) => process.on(signal, handler),
  exit: (code) => process.exit(code),
};

/** Resolves to an exit code when the CLI is done at once, or undefined while the mock serves. */
export async function runCli(
  argv: string[],
  env: Record<string, string | undefined>,
  io: CliIo = processIo,
): Promise<number | undefined> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        'signing-secret': { type: 'string' },
        proxy: { type: 'string' },
        mode: { type: 'string' },
        lines: { type: 'string' },
        state: { type: 'string' },
        seed: { type: 'string' },
        'allow-remote-webhooks': { type: 'boolean' },
        'delivered-after': { type: 'string' },
        'webhook-timeout': { type: 'string' },
        'webhook-backoff': { type: 'string' },
        'stream-heartbeat': { type: 'string' },
        'stream-life': { type: 'string' },
        verbose: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    }));
  } catch (error) {
    io.err(`chert-mock: ${(error as Error).message.split('\n')[0]} (see --help)`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE.trimEnd());
    return 0;
  }
  if (values.version) {
    // dist/cli.js sits one level below package.json, as src/cli-main.ts does.
    const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
    io.out(version);
    return 0;
  }
  // Without --port, startMock listens on the document's own local server port.
  const portText = values.port;
  const port = portText === undefined ? undefined : Number(portText);
  if (portText !== undefined && (!/^\d+$/.test(portText) || port! > 65535)) {
    io.err(`chert-mock: --port must be a number from 0 to 65535, got "${portText}"`);
    return 2;
  }
  const signingSecret = values['signing-secret'] ?? env.CHERT_MOCK_SIGNING_SECRET ?? undefined;
  const mode = values.mode ?? 'sandbox';
  if (mode !== 'sandbox' && mode !== 'examples') {
    io.err(`chert-mock: --mode must be sandbox or examples, got "${mode}"`);
    return 2;
  }
  if (values.proxy !== undefined && values.mode !== undefined) {
    io.err('chert-mock: --proxy forwards every request upstream; it takes no --mode');
    return 2;
  }
  const sandboxFlags = ['lines', 'state', 'seed', 'allow-remote-webhooks', 'delivered-after', 'webhook-timeout', 'webhook-backoff', 'stream-heartbeat', 'stream-life'] as const;
  const stray = sandboxFlags.find((flag) => values[flag] !== undefined);
  if (stray && (mode !== 'sandbox' || values.proxy !== undefined)) {
    io.err(`chert-mock: --${stray} is a sandbox option; it does nothing ${values.proxy !== undefined ? 'in proxy mode' : 'with --mode examples'}`);
    return 2;
  }
  const times: Record<string, number | undefined> = {};
  for (const flag of ['delivered-after', 'webhook-timeout', 'webhook-backoff', 'stream-heartbeat', 'stream-life'] as const) {
    const text = values[flag];
    if (text === undefined) continue;
    const ms = duration(text);
    if (ms === undefined || ((flag === 'stream-heartbeat' || flag === 'stream-life' || flag === 'webhook-timeout') && ms === 0)) {
      io.err(`chert-mock: --${flag} must be a time such as 250ms, 2s or 1m${flag === 'delivered-after' || flag === 'webhook-backoff' ? '' : ', more than 0'}, got "${text}"`);
      return 2;
    }
    times[flag] = ms;
  }
  if (values.seed !== undefined && values.seed !== 'examples') {
    io.err(`chert-mock: --seed must be examples (the document's examples), got "${values.seed}"`);
    return 2;
  }
  const lines = values.lines?.split(',').map((l) => l.trim()).filter(Boolean);
  if (values.lines !== undefined && !lines?.length) {
    io.err('chert-mock: --lines needs at least one phone number, e.g. --lines +14155550100,+14155550101');
    return 2;
  }

  let mock;
  try {
    // Loaded only now: Prism takes about a second to load, and --help or a bad flag should not wait.
    const { startMock } = await import('./lifecycle.js');
    mock = await startMock({
      port,
      host: values.host ?? '127.0.0.1',
      mode,
      ...(signingSecret ? { signingSecret } : {}),
      ...(values.proxy !== undefined ? { proxy: values.proxy } : {}),
      verbose: !!values.verbose,
      log: io.out,
      lines,
      state: values.state,
      seed: values.seed === 'examples' ? 'examples' : undefined,
      allowRemoteWebhooks: values['allow-remote-webhooks'],
      deliveredAfterMs: times['delivered-after'],
      webhookTimeoutMs: times['webhook-timeout'],
      webhookBackoffMs: times['webhook-backoff'],
      streamHeartbeatMs: times['stream-heartbeat'],
      streamLifeMs: times['stream-life'],
    });
  } catch (error) {
    io.err(`chert-mock: ${(error as Error).message}`);
    return 1;
  }

  const checks = values.proxy
    ? `proxying to ${new URL(values.proxy).origin} and reporting what breaks the document`
    : signingSecret
      ? 'verifying signatures and bearer tokens against the signing secret'
      : 'checking only that credentials are present (no signing secret)';
  io.out(`Chert mock listening on ${mock.url}`);
  if (values.proxy && signingSecret) io.out('  the signing secret is not used in proxy mode: the upstream checks credentials');
  if (mock.mode === 'sandbox') {
    const held = (mock.snapshot().lines as Array<{ phone_number: string }>).map((l) => l.phone_number);
    io.out(`  sandbox mode: lines ${held.join(', ')}; ${values.state ? `state kept in ${values.state}` : 'state kept in memory until it stops'}`);
    if (values.seed) io.out(`  seeded with the document's examples: ${seededSummary(mock.snapshot())}`);
    io.out(`  webhooks to ${values['allow-remote-webhooks'] ? 'any address' : 'loopback addresses only'}; control API at ${mock.url}/_sandbox/ (inbound, react, reset, state, clock, settle)`);
    if (!/^(127\.|localhost$|::1$|\[::1\]$)/.test(mock.host)) {
      io.out(`  warning: the control API takes no credentials, and ${mock.host} is not a loopback interface: anyone who reaches it can use it`);
    }
  } else if (mock.mode === 'examples') {
    io.out("  examples mode: every valid request gets the document's example answer; nothing is kept");
  }
  io.out(`  ${checks}; Ctrl-C to stop`);

  let stopping = false;
  const stop = () => {
    if (stopping) return io.exit(1);
    stopping = true;
    mock.close().then(
      () => {
        if (values.state && mock.mode === 'sandbox') io.out(`  state written to ${values.state}`);
        io.out('Chert mock stopped');
        io.exit(0);
      },
      (error: unknown) => {
        io.err(`chert-mock: ${(error as Error).message}`);
        io.exit(1);
      },
    );
  };
  io.onSignal('SIGINT', stop);
  io.onSignal('SIGTERM', stop);
  return undefined;
}

/** What the seed holds, in a line: how many of each, and the chats' ids. */
function seededSummary(state: Record<string, unknown>): string {
  const count = (key: string) => (Array.isArray(state[key]) ? (state[key] as unknown[]).length : 0);
  const chats = (state.chats as Array<{ id: string }>).map((c) => c.id);
  const messages = (state.chats as Array<{ messages: unknown[] }>).reduce((n, c) => n + c.messages.length, 0);
  return `chats ${chats.join(', ')}; ${messages} messages, ${count('attachments')} attachments, ${count('subscriptions')} webhook subscriptions, ${count('events')} events`;
}

/** `250ms`, `2s`, `1m`, or a bare number of milliseconds. */
export function duration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!match) return undefined;
  const scale = match[2] === 's' ? 1000 : match[2] === 'm' ? 60_000 : 1;
  const ms = Math.round(Number(match[1]) * scale);
  return Number.isSafeInteger(ms) ? ms : undefined;
}
