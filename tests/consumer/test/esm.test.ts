// An ES module TypeScript project (module/moduleResolution nodenext, strict, as `tsc --init` sets up)
// compiles against the installed tarballs, sends contact cards to the bin mock, and runs the
// sandbox end to end (fixtures/shared/sandbox.ts).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumer, expectSandboxFlow, inApp, installedManifest as manifest, runSandboxFlow, signingSecret, startBinMock, tenant, tsc, type BinMock } from './consumer.js';

const project = join(consumer.app, 'esm');

describe('an ESM TypeScript project', () => {
  let mock: BinMock;
  beforeAll(async () => { mock = await startBinMock(); });
  afterAll(async () => { await mock?.stop(); });

  it('compiles with tsc: nodenext, strict, with the mistakes a user could make rejected', () => {
    const compiled = tsc(project);
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.status).toBe(0);
  });

  it('sends a contact card by chat id and by phone, signed and with a bearer token', () => {
    const ran = inApp(project, process.execPath, ['dist/main.js', mock.url, tenant, signingSecret]);
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    const result = JSON.parse(ran.stdout);
    const sent = { status: 'sent', chat_id: expect.stringMatching(/^ch_[A-Za-z0-9_-]+$/) };
    expect(result.byChatId).toEqual(sent);
    expect(result.byPhone).toEqual(sent);
    expect(result.vcardByPhone).toEqual(sent);
    expect(result.viaOwnMock).toEqual(sent);
    expect(result.rejected).toEqual({ status: 401, code: 2004 });
    expect(result.signatureHeader).toMatch(/^v1,1700000000,[0-9a-f]{64}$/);
    expect(result.versions).toEqual({
      client: manifest('@chert/client').version,
      types: manifest('@chert/openapi').version,
      document: manifest('@chert/openapi').version,
    });
    expect(ran.stdout).not.toContain(signingSecret);
  });

  it('runs the sandbox from the chert-mock bin: a chat and a message through resource methods, a reply delivered to its receiver and verified with @chert/client/webhooks, the event log paged with for await', async () => {
    expectSandboxFlow(await runSandboxFlow(project));
  });

  it('the mock never printed the secret', () => {
    expect(mock.output()).toMatch(/Chert mock listening on/);
    expect(mock.output()).not.toContain(signingSecret);
  });

  it("our declaration files type-check too (skipLibCheck off, no DOM lib: a Node user's setup)", () => {
    const compiled = inApp(project, process.execPath, [join(consumer.app, 'node_modules/typescript/bin/tsc'), '-p', '.', '--noEmit', '--skipLibCheck', 'false']);
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.status).toBe(0);
  });
});
