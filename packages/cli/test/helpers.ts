/**
 * What the tests share: the bin run as a child process (its lines as they come, waiting for
 * one, Ctrl-C), a loopback webhook receiver that answers as a test scripts it, and a TCP
 * relay in front of the sandbox whose connections a test can cut.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createTcpServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const BIN = join(import.meta.dirname, '..', 'bin', 'chert.js');

/** An environment with nothing of the caller's Chert variables in it. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(CHERT_|NO_COLOR|FORCE_COLOR)/.test(k)) env[k] = v;
  return { ...env, ...extra };
}

export interface Run {
  child: ChildProcessWithoutNullStreams;
  out: string[];
  err: string[];
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** The first stdout line matching, now or later. */
  waitFor(pattern: RegExp, stream?: 'out' | 'err'): Promise<string>;
  /** Every stdout line matching, once there are `count`. */
  waitForAll(pattern: RegExp, count: number): Promise<string[]>;
}

const running = new Set<Run>();

export function run(args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, [BIN, ...args], { env });
  const out: string[] = [];
  const err: string[] = [];
  const waiters = new Set<() => void>();
  const lines = (into: string[]) => {
    let partial = '';
    return (chunk: Buffer) => {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      into.push(...parts);
      for (const w of [...waiters]) w();
    };
  };
  child.stdout.on('data', lines(out));
  child.stderr.on('data', lines(err));
  // 'close', not 'exit': by then every byte the child wrote has been read.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const until = <T>(found: () => T | undefined, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const value = found();
        if (value === undefined) return;
        waiters.delete(check);
        resolve(value);
      };
      waiters.add(check);
      check();
      void exited.then(() => {
        setImmediate(() => {
          if (!waiters.has(check)) return;
          waiters.delete(check);
          reject(new Error(`exited before ${what}\nstdout:\n${out.join('\n')}\nstderr:\n${err.join('\n')}`));
        });
      });
    });
  const r: Run = {
    child,
    out,
    err,
    exited,
    waitFor: (pattern, stream = 'out') => until(() => (stream === 'out' ? out : err).find((l) => pattern.test(l)), `printing ${pattern}`),
    waitForAll: (pattern, count) =>
      until(() => {
        const found = out.filter((l) => pattern.test(l));
        return found.length >= count ? found : undefined;
      }, `printing ${count} × ${pattern}`),
  };
  running.add(r);
  void exited.then(() => running.delete(r));
  return r;
}

/** Kills whatever a failed test left running. */
export function killLeftovers(): void {
  for (const r of running) r.child.kill('SIGKILL');
}

/** Runs the bin to its end. */
export async function runToEnd(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string[]; err: string[] }> {
  const r = run(args, env);
  const code = await r.exited;
  return { code, out: r.out.filter(Boolean), err: r.err.filter(Boolean) };
}

// A webhook receiver on loopback.

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** The next answers, as [status, body], then `always`. */
  script(answers: Array<[number, string]>, always?: [number, string]): void;
  /** Holds every request open without answering (a handler stopped at a breakpoint). */
  hang(): void;
  /** Resolves once `count` requests arrived. */
  waitFor(count: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  let queue: Array<[number, string]> = [];
  let fallback: [number, string] = [200, 'ok'];
  let hanging = false;
  const waiters = new Set<() => void>();
  const server: Server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      for (const w of [...waiters]) w();
      if (hanging) return;
      const [status, body] = queue.shift() ?? fallback;
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/chert`,
    received,
    script(answers, always = [200, 'ok']) {
      queue = [...answers];
      fallback = always;
    },
    hang() {
      hanging = true;
    },
    waitFor: (count) =>
      new Promise((resolve) => {
        const check = () => {
          if (received.length < count) return;
          waiters.delete(check);
          resolve(received.slice(0, count));
        };
        waiters.add(check);
        check();
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A loopback port with nothing listening. */
export async function deadUrl(): Promise<string> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/webhooks/chert`;
}

// A TCP relay whose connections can be cut, as a network drop cuts them.

export interface Relay {
  url: string;
  /** Destroys every connection through it, both ends, with no close frame. */
  cut(): number;
  close(): Promise<void>;
}

export async function startRelay(target: string): Promise<Relay> {
  const { hostname, port } = new URL(target);
  const pairs = new Set<[Socket, Socket]>();
  const server = createTcpServer((inbound) => {
    const outbound = connect(Number(port), hostname);
    const pair: [Socket, Socket] = [inbound, outbound];
    pairs.add(pair);
    inbound.pipe(outbound).pipe(inbound);
    const drop = () => {
      pairs.delete(pair);
      inbound.destroy();
      outbound.destroy();
    };
    inbound.on('error', drop).on('close', drop);
    outbound.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut() {
      const n = pairs.size;
      for (const [a, b] of [...pairs]) {
        a.destroy();
        b.destroy();
      }
      pairs.clear();
      return n;
    },
    close: () =>
      new Promise((resolve) => {
        for (const [a, b] of pairs) {
          a.destroy();
          b.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
