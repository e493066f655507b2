// The `chert` bin and the @chert/cli library from the installed tarball: help, `chert listen`
// forwarding a sandbox event (from the installed chert-mock) to a loopback handler, signed so
// that the installed client's verifyWebhook accepts it, `chert send` to a magic number, and
// the library from ESM and CommonJS.
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumer, inApp, installedManifest, signingSecret, startBinMock, tenant, type BinMock } from './consumer.js';

const chert = join(consumer.app, 'node_modules/.bin/chert');
const fromApp = createRequire(join(consumer.app, 'package.json'));
const { verifyWebhook } = fromApp('@chert/client/webhooks') as typeof import('@chert/client/webhooks');

describe('the chert bin', () => {
  let mock: BinMock;
  // The sandbox (the default mode), checking HMAC signatures against the run's secret.
  beforeAll(async () => { mock = await startBinMock(['--signing-secret', signingSecret]); });
  afterAll(async () => { await mock?.stop(); });
  const env = () => ({ ...process.env, CHERT_TENANT: tenant, CHERT_SIGNING_SECRET: signingSecret, CHERT_BASE_URL: mock.url, NO_COLOR: '1' });

  it('chert --help lists its commands', () => {
    const ran = inApp(consumer.app, chert, ['--help']);
    expect(ran.status).toBe(0);
    expect(ran.stdout).toMatch(/^Usage: chert <command>/);
    for (const command of ['listen', 'events replay <id>', 'send <phone> <text>']) expect(ran.stdout).toContain(command);
  });

  it('chert listen forwards a sandbox event, signed with the printed secret; Ctrl-C exits 0', async () => {
    const received: Array<{ body: string; headers: IncomingHttpHeaders }> = [];
    const handler = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => handler.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(handler.address() as AddressInfo).port}/webhooks/chert`;
    const child = spawn(chert, ['listen', '--forward-to', hook, '--events', 'message.received'], { cwd: consumer.app, env: env() });
    let output = '';
    child.stdout.on('data', (c) => { output += c; });
    child.stderr.on('data', (c) => { output += c; });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const until = async (pattern: RegExp) => {
      for (let i = 0; i < 300 && !pattern.test(output); i++) await new Promise((r) => setTimeout(r, 100));
      expect(output).toMatch(pattern);
    };
    try {
      await until(/^Ready: /m);
      const secret = /^Local webhook signing secret: ([0-9a-f]{64})$/m.exec(output)![1]!;
      const inbound = await fetch(`${mock.url}/_sandbox/inbound`, { method: 'POST', body: JSON.stringify({ from: '+14155550199', text: 'Table for two?' }) });
      const { message } = (await inbound.json()) as { message: { id: string } };
      await until(/ message\.received  evt_\w+  200  \d+ ms$/m);
      expect(received).toHaveLength(1);
      const event = await verifyWebhook({ rawBody: received[0]!.body, headers: received[0]!.headers, secret });
      expect(event.event === 'message.received' && event.data.message.id).toBe(message.id);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(output).toMatch(/^Stopped\.$/m);
      expect(output).not.toContain(signingSecret);
    } finally {
      child.kill('SIGKILL');
      handler.close();
    }
  });

  it('chert send to the delivery-failed magic number: one line with the code and trace id, exit 1', () => {
    const ran = spawnSyncIn(['send', '+12025550101', 'Hi']);
    expect(ran.status).toBe(1);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toMatch(/^chert send: 502 \/ 4001 Delivery failed: .*\(trace [0-9a-f]{12}\)\n$/);
    expect(ran.stderr).not.toContain(signingSecret);
  });

  function spawnSyncIn(args: string[]) {
    const result = spawnSync(chert, args, { cwd: consumer.app, env: env(), encoding: 'utf8' });
    return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
  }
});

describe('the library', () => {
  it.each([
    ['ESM', ['--input-type=module', '-e', "const c = await import('@chert/cli'); console.log(c.version, typeof c.run, typeof c.forwardEvent)"]],
    ['CommonJS', ['-e', "const c = require('@chert/cli'); console.log(c.version, typeof c.run, typeof c.forwardEvent)"]],
  ])('loads from %s', (_kind, args) => {
    const ran = inApp(consumer.app, process.execPath, args);
    expect(ran.stderr).toBe('');
    expect(ran.stdout.trim()).toBe(`${installedManifest('@chert/cli').version} function function`);
  });
});
