// The mock against Prism CLI's `prism mock` on the same bundled document, each in its own
// child process: the time from spawn to the first answer, and the throughput of each request
// shape under load (autocannon, 10 connections), as ratios within one run. The mock runs in
// both its modes: the document's examples, and the sandbox (the default), which keeps every
// message it is sent.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bearerScheme, headerNames } from '@chert/types';
import { median } from './stats.mjs';

const require = createRequire(import.meta.url);
const bundle = require.resolve('@chert/openapi/openapi.json');
const prismBin = join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');
const mockBin = join(dirname(require.resolve('@chert/mock/package.json')), 'bin', 'chert-mock.js');
const prismVersion = require('@stoplight/prism-cli/package.json').version;

const SECRET = '0123456789abcdef0123456789abcdef';

/** A port nobody listens on right now (Prism CLI needs one named up front). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The mock's modes, always both measured; `--mode=<m>` (kept for older scripts) adds nothing new. */
export const MOCK_MODES = ['examples', 'sandbox'];

/** The servers under test: Prism CLI, then the mock in each mode. */
export function servers(modes = []) {
  return [
    {
      name: `prism mock (Prism CLI ${prismVersion})`,
      baseline: true,
      command: (port) => [prismBin, 'mock', bundle, '--host', '127.0.0.1', '--port', String(port), '--errors', 'false'],
    },
    ...[...new Set([...MOCK_MODES, ...modes])].map((mode) => ({
      name: `@chert/mock --mode ${mode}`,
      command: (port) => [mockBin, '--host', '127.0.0.1', '--port', String(port), '--mode', mode],
    })),
  ];
}

const CARD = { contact: { full_name: 'Ada Lovelace', phones: [{ value: '+14155550123' }] } };

/**
 * The first request every server answers with a success, whatever its state: a contact
 * card by phone (the sandbox opens the chat on first touch). It also names the chat the
 * measured shapes send into: the example's for Prism and the examples mode, a real one in
 * the sandbox.
 */
export const firstAnswer = {
  name: 'send-contact by phone (bearer)',
  method: 'POST',
  path: '/api/v1/chats/send-contact',
  headers: { [headerNames.authorization]: `${bearerScheme} ${SECRET}`, 'content-type': 'application/json' },
  body: JSON.stringify({ to: '+14155550199', ...CARD }),
};

/** The request shapes, into `chat`: a send-contact by bearer, and (when the document has it) a signed chat send. */
export function requestShapes(document, chat) {
  const shapes = [
    {
      name: 'send-contact (bearer)',
      method: 'POST',
      path: `/api/v1/chats/${chat}/send-contact`,
      headers: { [headerNames.authorization]: `${bearerScheme} ${SECRET}`, 'content-type': 'application/json' },
      body: JSON.stringify(CARD),
    },
  ];
  if (document.paths?.['/api/v1/chats/{id}/messages']?.post) {
    shapes.push({
      name: 'chats.messages.send (HMAC v1, signed per request)',
      method: 'POST',
      path: `/api/v1/chats/${chat}/messages`,
      headers: { [headerNames.tenant]: 'acme', 'content-type': 'application/json' },
      body: JSON.stringify({ message: { parts: [{ type: 'text', value: 'See you at 3' }] } }),
      sign: true,
    });
  }
  return shapes;
}

const signature = (body) => {
  const ts = Math.floor(Date.now() / 1000);
  return `v1,${ts},${createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex')}`;
};

const headersOf = (shape) => (shape.sign ? { ...shape.headers, [headerNames.signature]: signature(shape.body) } : shape.headers);

async function answer(url, shape) {
  const response = await fetch(url + shape.path, { method: shape.method, headers: headersOf(shape), body: shape.body });
  const text = await response.text();
  return { status: response.status, text };
}

/** Spawns a server and resolves once it answers `shape` with a 2xx; the elapsed time and the answer included. */
async function start(server, shape) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const began = performance.now();
  const child = spawn(process.execPath, server.command(port), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${server.name} exited (${child.exitCode}): ${stderr}`);
    try {
      const { status, text } = await answer(url, shape);
      if (status < 200 || status > 299) {
        await stop();
        throw new Error(`${server.name} answered ${shape.name} with ${status}, not a success: ${text.slice(0, 300)}`);
      }
      return { url, startMs: performance.now() - began, stop, first: JSON.parse(text) };
    } catch (error) {
      if (error?.cause?.code !== 'ECONNREFUSED') throw error;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

function load(url, shape, { duration, connections }) {
  return autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        method: shape.method,
        path: shape.path,
        body: shape.body,
        headers: shape.headers,
        // Re-signed per request, as a client must (never reuse a signature).
        ...(shape.sign ? { setupRequest: (req) => ({ ...req, headers: headersOf(shape) }) } : {}),
      },
    ],
  });
}

/**
 * Start time (median of `starts` spawns) and, for each request shape, requests per second
 * under load, for every server; each figure also as a ratio to Prism CLI's.
 */
export async function benchMock({ duration = 8, connections = 10, starts = 5, modes = [], log = () => {} } = {}) {
  const document = require('@chert/openapi/openapi.json');
  const shapes = requestShapes(document, '{chat}');
  const list = servers(modes);
  const startTimes = new Map(list.map((s) => [s.name, []]));
  // Interleaved: one start of each server per round, so drift falls on all alike.
  for (let round = 0; round < starts; round++) {
    for (const server of list) {
      const running = await start(server, firstAnswer);
      startTimes.get(server.name).push(running.startMs);
      await running.stop();
    }
  }
  const throughput = [];
  for (const [index, { name }] of shapes.entries()) {
    for (const server of list) {
      log(`${server.name}: ${name}`);
      const running = await start(server, firstAnswer);
      // Into the chat the first answer named: the sandbox has it, the others answer any.
      const shape = requestShapes(document, running.first.chat_id)[index];
      try {
        await load(running.url, shape, { duration: 1, connections }); // warm-up
        const result = await load(running.url, shape, { duration, connections });
        throughput.push({
          server: server.name,
          shape: shape.name,
          rps: result.requests.average,
          latencyP50: result.latency.p50,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
        });
      } finally {
        await running.stop();
      }
    }
  }
  return {
    connections,
    duration,
    baseline: list.find((s) => s.baseline).name,
    servers: list.map((s) => ({ name: s.name, startMs: median(startTimes.get(s.name)) })),
    throughput,
  };
}

// Alone: `node bench/src/mock.mjs [--quick] [--json]` prints the BENCHMARKS.md section (or
// the raw figures as JSON); both modes are always measured.
const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop());
if (isMain) {
  const quick = process.argv.includes('--quick');
  const modes = process.argv.filter((a) => a.startsWith('--mode=')).map((a) => a.slice(7));
  const result = await benchMock({ modes, ...(quick ? { duration: 3, starts: 2 } : {}), log: (l) => console.error(`[bench mock] ${l}`) });
  if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else {
    const { mockReport } = await import('./mock-report.mjs');
    console.log(mockReport(result));
  }
}
