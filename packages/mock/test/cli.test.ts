import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startMock } from '../src/index.js';
import { send, TO_CHAT } from './helpers.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'chert-mock.js');

interface Running {
  child: ChildProcessWithoutNullStreams;
  out: string[];
  err: string[];
  exited: Promise<number | null>;
  /** Resolves with the first stdout line matching. */
  waitFor(pattern: RegExp): Promise<string>;
}

const started: Running[] = [];

function run(args: string[], env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, CHERT_MOCK_SIGNING_SECRET: '', ...env },
  });
  const out: string[] = [];
  const err: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      out.push(line);
      for (const w of [...waiters]) {
        if (w.pattern.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => err.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const running: Running = {
    child,
    out,
    err,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const found = out.find((l) => pattern.test(l));
        if (found) return resolve(found);
        waiters.push({ pattern, resolve });
        exited.then(() => reject(new Error(`exited before printing ${pattern}; stderr: ${err.join(' | ')}`)));
      }),
  };
  started.push(running);
  return running;
}

// Tests run concurrently, so leftovers are only swept once all are done.
afterAll(() => {
  for (const r of started.splice(0)) if (r.child.exitCode === null) r.child.kill('SIGKILL');
});

async function urlOf(r: Running): Promise<string> {
  const line = await r.waitFor(/listening on http:\/\//);
  return /(http:\/\/\S+)/.exec(line)![1]!;
}

// Each test starts the bin (Prism's engine loads in a second or more); on a machine shared
// with the rest of the test run, a start can take far longer: the timeout guards a hang only.
describe.concurrent('chert-mock', { timeout: 90_000 }, () => {
  it('--port 0 picks a free port, prints the URL and one line per request; Ctrl-C stops it cleanly', async () => {
    const r = run(['--port', '0']);
    const url = await urlOf(r);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toMatch(/:0$/);
    const res = await send(url, TO_CHAT, { body: {} });
    expect(res.json.error.code).toBe(1001);
    const line = await r.waitFor(/^POST /);
    expect(line).toBe(`POST /api/v1/chats/ch_8f3k2m9q/send-contact → 400 1001 MissingCard (/contact or /vcard_text is required) trace=${res.headers.get('x-trace-id')}`);
    r.child.kill('SIGINT');
    expect(await r.exited).toBe(0);
    expect(r.out.at(-1)).toBe('Chert mock stopped');
    expect(r.err).toEqual([]);
  });

  it('a port already in use is one line on stderr, not a stack trace', async () => {
    const taken = await startMock({ port: 0 });
    try {
      const r = run(['--port', new URL(taken.url).port]);
      expect(await r.exited).toBe(1);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(/^chert-mock: 127\.0\.0\.1:\d+ is already in use; /);
      expect(r.err[0]).not.toMatch(/\bat \S+:\d+/);
    } finally {
      await taken.close();
    }
  });

  it('--verbose adds Prism\'s own lines for each request, on stdout', async () => {
    const r = run(['--port', '0', '--verbose']);
    const url = await urlOf(r);
    const before = r.out.length;
    await send(url, TO_CHAT, { body: { contact: { full_name: 'Ada' } } });
    await r.waitFor(/^POST /);
    const lines = r.out.slice(before);
    expect(lines.some((l) => l.includes('prism'))).toBe(true);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(r.err).toEqual([]);
  });

  it('CHERT_MOCK_SIGNING_SECRET turns on verification', async () => {
    const r = run(['--port', '0', '--mode', 'examples'], { CHERT_MOCK_SIGNING_SECRET: 'the-secret-from-the-environment' });
    const url = await urlOf(r);
    await r.waitFor(/verifying signatures and bearer tokens/);
    expect(r.out.join('\n')).not.toContain('the-secret-from-the-environment');
    const wrong = await send(url, TO_CHAT, { body: { vcard_text: 'BEGIN:VCARD' }, auth: { bearer: 'wrong' } });
    expect(wrong.json.error.code).toBe(2004);
    const right = await send(url, TO_CHAT, { body: { vcard_text: 'BEGIN:VCARD' }, auth: { bearer: 'the-secret-from-the-environment' } });
    expect(right.status).toBe(200);
  });

  it('--signing-secret does the same, and --host is honoured', async () => {
    const r = run(['--port', '0', '--mode', 'examples', '--host', '127.0.0.1', '--signing-secret', 'flag-secret-value']);
    const url = await urlOf(r);
    const signed = await send(url, TO_CHAT, { body: { vcard_text: 'BEGIN:VCARD' }, auth: { secret: 'flag-secret-value' } });
    expect(signed.status).toBe(200);
    const unsigned = await send(url, TO_CHAT, { body: { vcard_text: 'BEGIN:VCARD' }, auth: { secret: 'another' } });
    expect(unsigned.json.error.code).toBe(2004);
  });

  it.each([
    [['--port', 'abc'], 2, /--port must be a number/],
    [['--nope'], 2, /Unknown option '--nope'/],
    [['--proxy', 'not a url', '--port', '0'], 1, /absolute http\(s\) URL/],
    [['--mode', 'stateful'], 2, /--mode must be sandbox or examples, got "stateful"/],
    [['--mode', 'examples', '--state', 'x.json'], 2, /--state is a sandbox option; it does nothing with --mode examples/],
    [['--mode', 'examples', '--seed', 'examples'], 2, /--seed is a sandbox option; it does nothing with --mode examples/],
    [['--seed', 'everything'], 2, /--seed must be examples \(the document's examples\), got "everything"/],
    [['--proxy', 'http://127.0.0.1:1', '--mode', 'sandbox'], 2, /--proxy forwards every request upstream; it takes no --mode/],
    [['--stream-life', 'soon'], 2, /--stream-life must be a time such as 250ms, 2s or 1m, more than 0, got "soon"/],
    [['--webhook-timeout', '0'], 2, /--webhook-timeout must be a time/],
    [['--lines', ','], 2, /--lines needs at least one phone number/],
    [['--port', '0', '--lines', '+14155550100,+1 415'], 1, /lines: "\+1 415" is not a phone number in E\.164/],
  ])('%j is a one-line error', async (args, code, message) => {
    const r = run(args);
    expect(await r.exited).toBe(code);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
  });

  it('the sandbox is the default: its lines, its control API, and --state written on Ctrl-C and read on the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chert-mock-cli-'));
    const file = join(dir, 'sandbox.json');
    try {
      const first = run(['--port', '0', '--lines', '+14155550170,+14155550171', '--state', file]);
      const url = await urlOf(first);
      expect(await first.waitFor(/sandbox mode/)).toBe(`  sandbox mode: lines +14155550170, +14155550171; state kept in ${file}`);
      await first.waitFor(/control API at/);
      const created = await send(url, '/api/v1/chats', { body: { from: '+14155550171', to: ['+14155550199'], message: { parts: [{ type: 'text', value: 'Hi' }] } } });
      expect(created.status).toBe(200);
      first.child.kill('SIGINT');
      expect(await first.exited).toBe(0);
      expect(first.out.slice(-2)).toEqual([`  state written to ${file}`, 'Chert mock stopped']);

      const second = run(['--port', '0', '--state', file]);
      const again = await urlOf(second);
      const history = await send(again, `/api/v1/chats/${created.json.chat.id}/messages`, { method: 'GET' });
      expect(history.json.messages.map((m: { parts: unknown }) => m.parts)).toEqual([[{ type: 'text', value: 'Hi' }]]);
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("--seed examples starts with the document's examples under their ids, says what it holds, and reset goes back to them", async () => {
    const r = run(['--port', '0', '--seed', 'examples']);
    const url = await urlOf(r);
    expect(await r.waitFor(/seeded with/)).toMatch(/^ {2}seeded with the document's examples: chats [^;]*ch_8f3k2m9q[^;]*; \d+ messages, \d+ attachments, \d+ webhook subscriptions, \d+ events$/);
    const history = async () => (await send(url, '/api/v1/chats/ch_8f3k2m9q/messages', { method: 'GET' })).json.messages.map((m: { id: string }) => m.id);
    const seeded = await history();
    expect(seeded).toContain('msg_01HZY9D6F8H0K2M4P6R8T0V2X4');
    expect((await send(url, '/api/v1/chats/ch_8f3k2m9q/leave')).status).toBe(200);
    expect((await send(url, '/api/v1/chats/ch_8f3k2m9q/leave')).status).toBe(400);
    expect((await send(url, '/_sandbox/reset', { body: {} })).status).toBe(200);
    expect((await send(url, '/api/v1/chats/ch_8f3k2m9q/leave')).status).toBe(200);
    expect(await history()).toEqual(seeded);
    r.child.kill('SIGINT');
    expect(await r.exited).toBe(0);
  });

  it('--mode examples answers from the document and says so', async () => {
    const r = run(['--port', '0', '--mode', 'examples']);
    const url = await urlOf(r);
    await r.waitFor(/examples mode: every valid request gets the document's example answer/);
    const res = await send(url, TO_CHAT, { body: { contact: { full_name: 'Ada' } } });
    expect([res.status, res.json.chat_id]).toEqual([200, 'ch_8f3k2m9q']);
    const control = await send(url, '/_sandbox/reset', { body: {} });
    expect(control.status).toBe(404);
    r.child.kill('SIGINT');
    expect(await r.exited).toBe(0);
  });

  it('--version prints the package version', async () => {
    const r = run(['--version']);
    expect(await r.exited).toBe(0);
    expect(r.out).toEqual([JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')).version]);
  });

  it('--help lists every flag', async () => {
    const r = run(['--help']);
    expect(await r.exited).toBe(0);
    const help = r.out.join('\n');
    for (const flag of [
      '--mode',
      '--port',
      '--host',
      '--signing-secret',
      '--proxy',
      '--verbose',
      'CHERT_MOCK_SIGNING_SECRET',
      '--lines',
      '--state',
      '--seed',
      '--allow-remote-webhooks',
      '--delivered-after',
      '--webhook-timeout',
      '--webhook-backoff',
      '--stream-heartbeat',
      '--stream-life',
    ]) {
      expect(help).toContain(flag);
    }
  });
});
