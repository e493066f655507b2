// What the consumer test files share: the installed project, running its tools, and the mock
// started from the installed tarball's `chert-mock` bin.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject } from 'vitest';

export const consumer = inject('consumer');
export const tenant = 'acme';
/** A fresh signing secret per run; the mock verifies signatures and tokens against it. */
export const signingSecret = randomBytes(16).toString('hex');

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command in the consumer project (never in the workspace). */
export function inApp(cwd: string, command: string, args: string[]): Ran {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** The consumer's own TypeScript (installed from npm beside the tarballs). */
/** The package.json of a package as npm installed it in the consumer app. */
export const installedManifest = (name: string) =>
  JSON.parse(readFileSync(join(consumer.app, 'node_modules', name, 'package.json'), 'utf8'));

export const tsc = (project: string) => inApp(project, process.execPath, [join(consumer.app, 'node_modules/typescript/bin/tsc'), '-p', '.']);

export interface BinMock {
  url: string;
  /** Everything the mock printed so far. */
  output: () => string;
  /** SIGTERM, then its exit code and everything it printed. */
  stop: () => Promise<{ code: number | null; output: string }>;
}

/** Starts `chert-mock` from node_modules/.bin on a free port; resolves once it prints its URL. */
export function startBinMock(args: string[] = ['--mode', 'examples', '--signing-secret', signingSecret]): Promise<BinMock> {
  const bin = join(consumer.app, 'node_modules/.bin/chert-mock');
  const child = spawn(bin, ['--port', '0', '--host', '127.0.0.1', ...args], { cwd: consumer.app, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`chert-mock printed no URL:\n${output}`)); }, 30_000);
    const look = () => {
      const match = /Chert mock listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', look);
      resolve({
        url: match[1]!,
        output: () => output,
        stop: async () => {
          child.kill('SIGTERM');
          return { code: await exited, output };
        },
      });
    };
    child.stdout.on('data', look);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`chert-mock exited ${code}:\n${output}`)); });
  });
}

/**
 * Runs `dist/sandbox.js` of a compiled consumer project against a sandbox started from the
 * installed `chert-mock` bin (signature checks on), then reads the sandbox's own state: what
 * the project printed, and the log of events with their delivery attempts.
 */
export async function runSandboxFlow(project: string): Promise<{ ran: Ran; result: any; state: any; binOutput: string }> {
  const mock = await startBinMock(['--signing-secret', signingSecret, '--webhook-backoff', '10ms']);
  try {
    const ran = inApp(project, process.execPath, ['dist/sandbox.js', mock.url, tenant, signingSecret]);
    const state = await (await fetch(`${mock.url}/_sandbox/state`)).json();
    return { ran, result: ran.status === 0 ? JSON.parse(ran.stdout) : undefined, state, binOutput: mock.output() };
  } finally {
    await mock.stop();
  }
}

/** What the sandbox flow must have done, whichever module system ran it. */
export function expectSandboxFlow({ ran, result, state, binOutput }: Awaited<ReturnType<typeof runSandboxFlow>>): void {
  expect(ran.stderr).toBe('');
  expect(ran.status).toBe(0);
  expect(binOutput).toMatch(/sandbox mode: lines /);
  // A chat created and two messages sent through the client's resource methods, as kept.
  const chat = state.chats.find((c: { id: string }) => c.id === result.chat.id);
  expect(result.chat.is_group).toBe(false);
  expect(chat.messages.map((m: { id: string; direction: string }) => [m.id, m.direction])).toEqual(result.history);
  expect(result.history.slice(0, 2)).toEqual(result.sent.map((id: string) => [id, 'outbound']));
  expect(result.history[2][1]).toBe('inbound');
  // The reply delivered to the project's loopback receiver, verified, and recorded as delivered.
  const received = state.events.find((e: { type: string }) => e.type === 'message.received');
  expect(result.delivery).toEqual({
    event: 'message.received',
    eventId: received.event_id,
    header: received.event_id,
    chat: result.chat.id,
    text: 'Running ten minutes late!',
  });
  expect(received.delivery.status).toBe('delivered');
  expect(received.delivery.attempts.map((a: { status: number }) => a.status)).toEqual([200]);
  expect(result.tampered).toBe('mismatch');
  // Every event of the log, one page each, newest first.
  expect(result.paged).toEqual([...state.events].reverse().map((e: { id: string; type: string }) => [e.id, e.type]));
  expect(result.paged.length).toBeGreaterThan(1);
  expect(result.firstPage).toEqual({ items: 1, more: true });
  expect(ran.stdout).not.toContain(signingSecret);
}
