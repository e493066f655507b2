// The built package under Bun and under Deno (both installed from npm as dev dependencies, their
// binaries as optional dependencies): a small script signs a `messages.send` through the entry
// the runtime resolves by name and through both entries by path, against a loopback server here
// that checks each signature with node:crypto, then verifies a webhook with
// `@chert/client/webhooks`. A runtime that cannot run here fails this test, saying why.
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET, TENANT } from './support/fetch.js';
import { json, startServer } from './support/server.js';

const run = promisify(execFile);
const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const work = join(pkgDir, '.reports/runtimes');
const require = createRequire(import.meta.url);

/** How to start each runtime: its binary from the npm packages, or why there is none. */
function runtime(name: 'bun' | 'deno'): { command: string; args: string[] } {
  const manifest = require.resolve(`${name}/package.json`);
  const own = createRequire(manifest);
  if (name === 'deno') {
    // deno's bin finds the binary of its optional dependency for this platform.
    return { command: process.execPath, args: [join(dirname(manifest), 'bin.cjs'), 'run', '--allow-read', '--allow-net=127.0.0.1', '--no-remote'] };
  }
  // bun's own bin is a placeholder its postinstall replaces (pnpm runs no install scripts here):
  // the binary comes from the optional dependency for this platform.
  const candidates = [`@oven/bun-${process.platform}-${process.arch}`, `@oven/bun-${process.platform}-${process.arch}-baseline`];
  for (const pkg of candidates) {
    try {
      const binary = join(dirname(own.resolve(`${pkg}/package.json`)), 'bin', 'bun');
      if (existsSync(binary)) return { command: binary, args: ['run'] };
    } catch {
      // not installed for this platform
    }
  }
  throw new Error(`no Bun binary for ${process.platform}-${process.arch}: none of ${candidates.join(', ')} is installed`);
}

const WEBHOOK = { secret: 'whsec_runtime', ts: Math.floor(Date.now() / 1000), body: JSON.stringify({ event: 'lead_reply', event_id: 'chert:lead:1', lead_id: 'ch_1' }) };
const webhookHeader = `t=${WEBHOOK.ts},v1=${createHmac('sha256', WEBHOOK.secret).update(`${WEBHOOK.ts}.${WEBHOOK.body}`).digest('hex')}`;

const SCRIPT = `
import * as byName from '@chert/client';
import * as hooks from '@chert/client/webhooks';
import * as defaultEntry from ${JSON.stringify(pathToFileURL(join(pkgDir, 'dist/index.js')).href)};
import * as nodeEntry from ${JSON.stringify(pathToFileURL(join(pkgDir, 'dist/index.node.js')).href)};

const { url, tenant, secret, webhook } = JSON.parse(globalThis.Deno ? Deno.args[0] : process.argv[2]);
const out = {
  runtime: globalThis.Bun ? 'bun ' + Bun.version : globalThis.Deno ? 'deno ' + Deno.version.deno : 'node',
  resolved: import.meta.resolve('@chert/client'),
  webhooksResolved: import.meta.resolve('@chert/client/webhooks'),
  sends: {},
};
for (const [name, entry] of [['by name', byName], ['default entry', defaultEntry], ['node entry', nodeEntry]]) {
  const chert = entry.createChertClient({ baseUrl: url, auth: { hmac: { tenant, signingSecret: secret } }, logLevel: 'off' });
  out.sends[name] = await chert.messages.send({ phone: '+14155550199', body: 'Zoë 👩🏽‍💻 山田' });
}
const headers = { 'X-Webhook-Signature': webhook.header };
out.event = await hooks.verifyWebhook({ rawBody: webhook.body, headers, secret: webhook.secret });
out.refused = await hooks.verifyWebhook({ rawBody: webhook.body + ' ', headers, secret: webhook.secret }).then(
  () => 'accepted',
  (e) => ({ name: e.name, reason: e.reason, isChertError: e instanceof byName.ChertError }),
);
out.signs = (await hooks.signWebhook(webhook.secret, webhook.ts, webhook.body)) === webhook.header;
console.log(JSON.stringify(out));
`;

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
beforeAll(async () => {
  server = await startServer();
  // Answers each send with whether its signature is the body's, as node:crypto computes it.
  server.handle((a, _req, res) => {
    const [, ts, hex] = String(a.headers['x-chert-signature']).split(',');
    const want = createHmac('sha256', SECRET).update(`${ts}.`).update(a.body).digest('hex');
    const body = JSON.parse(a.body.toString()) as { idempotency_key?: string; body?: string };
    json(res, 200, { status: 'sent', message_id: 'msg_1', verified: hex === want, tenant: a.headers['x-chert-tenant'], key: body.idempotency_key, text: body.body });
  });
  rmSync(work, { recursive: true, force: true });
  // The script finds the package by name, as an application would: through node_modules.
  mkdirSync(join(work, 'node_modules/@chert'), { recursive: true });
  symlinkSync(pkgDir, join(work, 'node_modules/@chert/client'), 'dir');
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'runtime-check', private: true, type: 'module' }));
  writeFileSync(join(work, 'check.mjs'), SCRIPT);
  expect(existsSync(join(pkgDir, 'dist/index.js')), 'the package is built (package.test.ts builds it)').toBe(true);
});
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe.each(['bun', 'deno'] as const)('%s', (name) => {
  it('signs through every entry, calls a resource method and verifies a webhook', async () => {
    const { command, args } = runtime(name);
    const input = JSON.stringify({ url: server.url, tenant: TENANT, secret: SECRET, webhook: { ...WEBHOOK, header: webhookHeader } });
    const { stdout, stderr } = await run(command, [...args, join(work, 'check.mjs'), input], { cwd: work, timeout: 60_000, env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' } }).catch(
      (error: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`${name} failed: ${error.message}\n${error.stderr ?? ''}`);
      },
    );
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, any>;
    expect(out.runtime, stderr).toMatch(new RegExp(`^${name} \\d`));
    // Both runtimes resolve the \`node\` condition for a package from node_modules.
    expect(fileURLToPath(out.resolved)).toMatch(/dist[\\/]index\.node\.js$/);
    expect(fileURLToPath(out.webhooksResolved)).toMatch(/dist[\\/]webhooks\.node\.js$/);
    for (const entry of ['by name', 'default entry', 'node entry']) {
      expect(out.sends[entry], entry).toMatchObject({ status: 'sent', verified: true, tenant: TENANT, text: 'Zoë 👩🏽‍💻 山田', key: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    }
    expect(out.event).toEqual(JSON.parse(WEBHOOK.body));
    expect(out.refused).toEqual({ name: 'ChertWebhookError', reason: 'mismatch', isChertError: true });
    expect(out.signs).toBe(true);
    expect(server.arrived.length).toBeGreaterThanOrEqual(3);
  }, 120_000);
});

it('the runtimes are the pinned dev dependencies', () => {
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  expect(manifest.devDependencies.bun).toMatch(/^\d+\.\d+\.\d+$/);
  expect(manifest.devDependencies.deno).toMatch(/^\d+\.\d+\.\d+$/);
});
