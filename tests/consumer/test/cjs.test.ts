// A CommonJS project: tsc emits `require` calls, which load the CJS builds of the tarballs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumer, expectSandboxFlow, inApp, installedManifest as manifest, runSandboxFlow, signingSecret, startBinMock, tenant, tsc, type BinMock } from './consumer.js';

const project = join(consumer.app, 'cjs');

describe('a CommonJS project', () => {
  let mock: BinMock;
  beforeAll(async () => { mock = await startBinMock(); });
  afterAll(async () => { await mock?.stop(); });

  it('compiles with tsc to require() calls', () => {
    const compiled = tsc(project);
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.status).toBe(0);
    const js = readFileSync(join(project, 'dist/main.js'), 'utf8');
    for (const name of ['@chert/client', '@chert/mock', '@chert/types', '@chert/openapi/openapi.json']) {
      expect(js).toContain(`require("${name}")`);
    }
    expect(js).not.toMatch(/^\s*import\s/m);
    const sandbox = readFileSync(join(project, 'dist/sandbox.js'), 'utf8');
    for (const name of ['@chert/client', '@chert/client/webhooks']) expect(sandbox).toContain(`require("${name}")`);
    expect(sandbox).not.toMatch(/^\s*import\s/m);
  });

  it('runs the sandbox from the chert-mock bin: a chat and a message through resource methods, a reply delivered to its receiver and verified with @chert/client/webhooks, the event log paged with for await', async () => {
    expectSandboxFlow(await runSandboxFlow(project));
  });

  it('sends a contact card by chat id and by phone', () => {
    const ran = inApp(project, process.execPath, ['dist/main.js', mock.url, tenant, signingSecret]);
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    const result = JSON.parse(ran.stdout);
    const sent = { status: 'sent', chat_id: expect.stringMatching(/^ch_[A-Za-z0-9_-]+$/) };
    expect(result.byChatId).toEqual(sent);
    expect(result.byPhone).toEqual(sent);
    expect(result.raw).toEqual({ status: 200, body: sent });
    expect(result.rejected).toEqual({ status: 401, code: 2004 });
    expect(result.versions).toEqual({
      client: manifest('@chert/client').version,
      types: manifest('@chert/openapi').version,
      document: manifest('@chert/openapi').version,
    });
  });
});
