// The code samples are part of the product: every one the docs show (hand-written under
// samples/, or generated from the document into generated/samples/) must compile against the
// real @chert/client, with the strictest optional-property checking, and must work as
// written against the local sandbox seeded with the document's examples (`seed:
// 'examples'`, so the ids the samples use exist) on both routes the quick start offers: only
// CHERT_BASE_URL set, and a tenant and signing secret against a sandbox that verifies every
// signature the way Chert does. Each sample runs on a fresh seed (`reset()` plants it again),
// so one that changes the state (leaving the group, removing a member, editing within the
// window) succeeds every time. The operations come from the document. The generator is also
// run for the operations that have hand-written samples, as if they had none. (The guides'
// own samples, samples/guides/, run against the sandbox in guide-samples.test.ts.)
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { signV1 } from '@chert/client';
import { verifyWebhook } from '@chert/client/webhooks';
import { startMock, type RequestReport, type RunningSandbox } from '@chert/mock';
import { deref, examples, mediaTypes, operations as operationSites, parameters } from '@chert/openapi/walk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDocs } from '../scripts/lib/compose.mjs';
import { operations, servers } from '../scripts/lib/facts.mjs';
import { GENERATED_SAMPLES_DIR, writeGeneratedSamples } from '../scripts/lib/generated-samples.mjs';
import { authOf, curlSetup, generateCurlSample, generateTsSample, tsClientSetup } from '../scripts/lib/sample-generator.mjs';
import { app, bundle, guidesDir, samplesDir } from './support/document.js';
import { transpileTo, tsc } from './support/transpile.js';

const exec = promisify(execFile);
const ops = operations(bundle);
// Inside node_modules so that @chert/client and @chert/mock resolve as they do for the samples.
const cache = join(app, 'node_modules', '.cache');
const allGeneratedDir = join(cache, 'chert-docs-generated-all');
const runDir = join(cache, 'chert-docs-run');

// Operations with a hand-written sample: the generator is run for them too, as if they had
// none (for the others, the generated sample is the one shown).
const handWritten = ops.filter((o) => existsSync(join(samplesDir, `${o.operationId}.ts`)) || existsSync(join(samplesDir, `${o.operationId}.sh`)));

/** Each operation's shown samples, as files: hand-written, else generated. */
const shown = new Map<string, { ts: string; sh: string }>();

beforeAll(async () => {
  // What the build does: compose, then write the generated samples the docs show.
  const { samples } = await composeDocs({ document: bundle, guidesDir, samplesDir, signV1 });
  await writeGeneratedSamples(samples.filter((s) => s.generated));
  for (const o of ops) {
    const file = (ext: string) => {
      const sample = samples.find((s) => s.operationId === o.operationId && s.ext === ext)!;
      return join(sample.generated ? GENERATED_SAMPLES_DIR : samplesDir, `${o.operationId}${ext}`);
    };
    shown.set(o.operationId, { ts: file('.ts'), sh: file('.sh') });
  }
  // The generator for every operation, hand-written samples hidden.
  await rm(allGeneratedDir, { recursive: true, force: true });
  await mkdir(allGeneratedDir, { recursive: true });
  for (const o of ops) {
    await writeFile(join(allGeneratedDir, `${o.operationId}.ts`), generateTsSample(bundle, o));
    await writeFile(join(allGeneratedDir, `${o.operationId}.sh`), generateCurlSample(bundle, o));
  }
  await writeFile(
    join(allGeneratedDir, 'tsconfig.json'),
    JSON.stringify({ extends: relative(allGeneratedDir, join(samplesDir, 'tsconfig.json')), include: ['*.ts'] }),
  );
});

afterAll(async () => {
  await rm(allGeneratedDir, { recursive: true, force: true });
  await rm(runDir, { recursive: true, force: true });
});

/** Exit code and output of tsc over a project, without throwing on errors. */
async function typecheck(project: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await exec(process.execPath, [tsc, '-p', project, '--noEmit', '--pretty', 'false'], { cwd: app });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('every sample the docs show', () => {
  it('exists for every operation of the document, in TypeScript and in curl', () => {
    expect([...shown.keys()]).toEqual(ops.map((o) => o.operationId));
    for (const [id, files] of shown) {
      expect(existsSync(files.ts), `${id}: ${files.ts}`).toBe(true);
      expect(existsSync(files.sh), `${id}: ${files.sh}`).toBe(true);
    }
  });

  it('handles credentials the same way, hand-written or generated', async () => {
    for (const o of ops) {
      const { mode } = authOf(bundle, o);
      const files = shown.get(o.operationId)!;
      expect(await readFile(files.ts, 'utf8'), files.ts).toContain(tsClientSetup(mode === 'bearer' ? 'bearer' : 'hmac'));
      expect(await readFile(files.sh, 'utf8'), files.sh).toContain(curlSetup(servers(bundle).production));
    }
  });

  it.each(ops.map((o) => [o.operationId]))('the curl sample of %s is valid shell (bash -n)', async (id) => {
    await expect(exec('bash', ['-n', shown.get(id)!.sh])).resolves.toBeDefined();
  });
});

describe('the TypeScript samples compile against the real packages', () => {
  const scratch = join(cache, 'chert-docs-samples-check');
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('every sample, hand-written and generated, type-checks (samples/tsconfig.json, exactOptionalPropertyTypes)', async () => {
    const { code, output } = await typecheck('samples/tsconfig.json');
    expect(output).toBe('');
    expect(code).toBe(0);
  });

  it('so does what the generator writes for every operation of the document', async () => {
    const { code, output } = await typecheck(join(allGeneratedDir, 'tsconfig.json'));
    expect(output).toBe('');
    expect(code).toBe(0);
  });

  it('and the check has teeth: a sample using the client wrongly fails it', async () => {
    await mkdir(scratch, { recursive: true });
    await writeFile(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({ extends: relative(scratch, join(samplesDir, 'tsconfig.json')), include: ['*.ts'] }),
    );
    await writeFile(
      join(scratch, 'broken.ts'),
      [
        "import { createChertClient } from '@chert/client';",
        "const chert = createChertClient({ auth: { hmac: { tenant: 'acme', signingSecret: 's' } } });",
        "await chert.contacts.send({ chatId: 'ch_1', to: '+14155550199' }, { contact: { full_name: 'Ada' } });",
        '',
      ].join('\n'),
    );
    const { code, output } = await typecheck(join(scratch, 'tsconfig.json'));
    expect(code).not.toBe(0);
    expect(output).toMatch(/broken\.ts\(3,\d+\): error TS\d+/);
  });
});

/** A TypeScript sample as JavaScript, beside the packages it imports; returns the file. */
const transpiled = (file: string): Promise<string> => transpileTo(file, join(runDir, `${relative(app, file).replace(/[\\/]/g, '__')}.mjs`));

const secret = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
// Guards against a hang only: on a loaded machine a sample that starts its own mock (Prism,
// the document) can take tens of seconds.
const RUN_TIMEOUT_MS = 60_000;
const TEST_TIMEOUT_MS = 150_000;
// [route, the mock's signing secret, the environment besides CHERT_BASE_URL]
const routes: Array<[string, string | undefined, Record<string, string>]> = [
  ['only CHERT_BASE_URL set, the sandbox taking any credentials', undefined, {}],
  ['a tenant and signing secret set, the sandbox verifying every signature', secret, { CHERT_TENANT: 'acme', CHERT_SIGNING_SECRET: secret }],
];

// What each hand-written sample prints against the seeded sandbox, as its comments say: by
// chat id into the group ch_8f3k2m9q; by phone to Ada, whose 1:1 chat is the UUID one.
const printed: Record<string, string[]> = {
  'sendContactToChat.ts': ['sent ch_8f3k2m9q'],
  'sendContactToPhone.ts': ['6f1c2e9a-3b4d-4f5a-9c7e-2d1b0a8f6e5c'],
  'shareContactInfoToChat.ts': ['shared'],
  'shareContactInfoToPhone.ts': ['shared 6f1c2e9a-3b4d-4f5a-9c7e-2d1b0a8f6e5c'],
};

/** An operation's node and its examples, read from the bundle: what the samples were written from. */
function siteOf(id: string) {
  const site = operationSites(bundle).find((o) => o.operation.operationId === id);
  if (!site) throw new Error(`no operation ${id}`);
  const query = (name: string) => {
    const p = parameters(bundle, site.pathItem, site.operation).find((q) => q.in === 'query' && q.name === name);
    return p?.example ?? deref(bundle, p?.schema)?.examples?.[0];
  };
  const success = () =>
    mediaTypes(bundle, site.operation, site.at)
      .filter((m) => /^2/.test(m.where))
      .flatMap((m) => Object.values(examples(bundle, m.media)).map((e) => e.value as any));
  return { node: site.operation, query, success, params: () => parameters(bundle, site.pathItem, site.operation) };
}

/** The query a sample sends: the query parameters' examples, the pagination cursor left out. */
function sampleQuery(id: string): URLSearchParams {
  const site = siteOf(id);
  const cursor = site.node['x-chert-pagination']?.cursor;
  const out = new URLSearchParams();
  for (const p of site.params()) {
    if (p.in !== 'query' || p.name === cursor) continue;
    const value = site.query(p.name);
    if (value !== undefined) out.set(p.name, String(value));
  }
  return out;
}

// The ids a few arrangements need, from the document's examples: the subscription replay
// delivers to, its secret as the document shows it, and the lead whose events are listed.
const exampleSubscription = String(siteOf('replayEvent').query('subscription_id'));
const exampleSecret = String(siteOf('createWebhookSubscription').success().find((v) => v.subscription?.id === exampleSubscription)?.subscription.secret);
const exampleLead = String(siteOf('listEvents').query('lead_id'));

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on loopback that answers with `status`. */
async function startReceiver(): Promise<{ url: string; received: Delivery[]; status: number; close(): Promise<void> }> {
  const receiver = {
    url: '',
    received: [] as Delivery[],
    status: 200,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      receiver.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(receiver.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/chert`;
  return receiver;
}

describe.each(routes)('the samples work as written against a seeded sandbox, %s', (_route, mockSecret, credentials) => {
  let mock: RunningSandbox;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const reports: RequestReport[] = [];

  beforeAll(async () => {
    mock = await startMock({
      port: 0,
      seed: 'examples',
      // A stream connection ends after a second, so curl's stream sample returns.
      streamLifeMs: 1_000,
      ...(mockSecret ? { signingSecret: mockSecret } : {}),
      onReport: (r) => reports.push(r),
    });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await mock?.close();
    await receiver?.close();
  });

  /** Exactly this environment: nothing of the test process's leaks into the sample. */
  const env = () => ({ PATH: process.env.PATH ?? '', CHERT_BASE_URL: mock.url, ...credentials });
  /** The test's own calls to the sandbox (arrangements, cross-checks), with a credential it takes. */
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(mock.url + path, {
      method,
      headers: { authorization: `Bearer ${mockSecret ?? 'test'}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(res.status, `${method} ${path}`).toBeLessThan(300);
    return res;
  };

  /**
   * A fresh seed for every sample, and what a few need besides the seed: the example
   * subscription's https://example.com endpoint is never called by the sandbox (loopback only),
   * so replay points it at the test's receiver; the failed deliveries listEvents asks for are
   * a reply of Ada's that the receiver refuses (410, final).
   */
  async function arrange(id: string): Promise<void> {
    await mock.reset();
    receiver.received.length = 0;
    if (id === 'replayEvent' || id === 'listEvents') {
      receiver.status = id === 'replayEvent' ? 200 : 410;
      await api('PATCH', `/api/v1/webhook-subscriptions/${exampleSubscription}`, { url: receiver.url });
    }
    if (id === 'listEvents') {
      const lead = (mock.snapshot().chats as Array<{ id: string; handles: Array<{ address: string }> }>).find((c) => c.id === exampleLead)!;
      await mock.inbound({ from: lead.handles[0]!.address, chatId: lead.id, text: 'Running ten minutes late' });
      await mock.settle();
    }
  }

  /** Runs a sample on a fresh seed; returns its output and the sandbox's verdicts on the requests it made. */
  async function runSample(id: string, command: string, args: string[]): Promise<{ stdout: string; seen: RequestReport[] }> {
    await arrange(id);
    const from = reports.length;
    const { stdout } = await exec(command, args, { env: env(), cwd: runDir, timeout: RUN_TIMEOUT_MS });
    return { stdout, seen: reports.slice(from) };
  }
  const node = async (id: string, file: string) => runSample(id, process.execPath, [await transpiled(file)]);
  const bash = (id: string, file: string) => runSample(id, 'bash', [file]);

  const answered = (seen: RequestReport[], id: string) => {
    expect(seen.length, 'requests made').toBeGreaterThan(0);
    for (const r of seen) {
      expect([r.operation, r.violations.request, r.mockError]).toEqual([id, [], false]);
      expect(r.status, `${r.method} ${r.path}: ${r.reason ?? ''}`).toBeGreaterThanOrEqual(200);
      expect(r.status).toBeLessThan(300);
    }
  };

  /** What each kind of sample must have done, beyond its success: the same checks for curl and TypeScript where they apply. */
  async function checkEffects(id: string, stdout: string, language: 'curl' | 'ts'): Promise<void> {
    const operation = siteOf(id).node;
    if (id === 'replayEvent') {
      // The replayed delivery reached the receiver, signed with the subscription's secret.
      expect(receiver.received).toHaveLength(1);
      const { body, headers } = receiver.received[0]!;
      const event = await verifyWebhook({ rawBody: body, headers, secret: exampleSecret });
      expect(event.event).toBe('message.received');
    }
    if (language === 'ts' && operation['x-chert-pagination']) {
      // Every item the sandbox lists for the sample's query, every page, and nothing else.
      const items: string[] = [];
      const query = sampleQuery(id);
      for (let cursor: string | null = null, first = true; first || cursor; first = false) {
        if (cursor) query.set(operation['x-chert-pagination'].cursor, cursor);
        const page = await (await api('GET', `${ops.find((o) => o.operationId === id)!.path}?${query}`)).json();
        items.push(...page[operation['x-chert-pagination'].items].map((e: { id: string }) => e.id));
        cursor = page[operation['x-chert-pagination'].next];
      }
      expect(items.length, 'the arranged state has items to list').toBeGreaterThan(0);
      expect(stdout.trim().split('\n').map((l) => l.split(' ')[0])).toEqual(items);
    }
    if (language === 'ts' && operation['x-chert-stream']) {
      // The first event after the example's `since`, and then it stopped.
      const since = Date.parse(String(siteOf(id).query(operation['x-chert-stream'].resume)));
      const events = (mock.snapshot().events as Array<{ id: string; created_at: string }>).filter((e) => Date.parse(e.created_at) > since);
      expect(stdout.trim().split('\n')).toHaveLength(1);
      expect(stdout.split(' ')[0]).toBe(events[0]!.id);
    }
    if (language === 'curl' && operation['x-chert-stream']) expect(stdout).toMatch(/^data: \{"id":"/m);
  }

  beforeAll(() => mkdir(runDir, { recursive: true }));

  it.each(ops.map((o) => [o.operationId]))('curl: the sample of %s is answered with its success', async (id) => {
    const { stdout, seen } = await bash(id, shown.get(id)!.sh);
    answered(seen, id);
    expect(seen).toHaveLength(1);
    // What curl prints is the success body: JSON where the document says so, nothing for a 204,
    // the bytes or the event stream otherwise.
    const status = String(seen[0]!.status);
    const content = ops.find((o) => o.operationId === id)!.responses.find((r) => r.status === status)?.types ?? [];
    if (content.includes('application/json')) expect(() => JSON.parse(stdout)).not.toThrow();
    else if (content.length === 0) expect(stdout).toBe('');
    else expect(stdout.length).toBeGreaterThan(0);
    await checkEffects(id, stdout, 'curl');
  });

  it.each(ops.map((o) => [o.operationId]))('TypeScript: the sample of %s makes its calls and prints what its comments say', async (id) => {
    const file = shown.get(id)!.ts;
    const { stdout, seen } = await node(id, file);
    answered(seen, id);
    const own = printed[relative(samplesDir, file)];
    if (file.startsWith(samplesDir)) expect(own, `what ${relative(samplesDir, file)} prints`).toBeDefined();
    if (own) expect(stdout.trim().split('\n')).toEqual(own);
    else expect(stdout.trim()).not.toBe('');
    await checkEffects(id, stdout, 'ts');
  });

  it.each(handWritten.map((o) => [o.operationId]))('generated for %s (hand-written hidden): curl and TypeScript are answered with its success', async (id) => {
    const curl = await bash(id, join(allGeneratedDir, `${id}.sh`));
    answered(curl.seen, id);
    expect(() => JSON.parse(curl.stdout)).not.toThrow();
    const typescript = await node(id, join(allGeneratedDir, `${id}.ts`));
    answered(typescript.seen, id);
    expect(typescript.seen).toHaveLength(1);
  });
}, TEST_TIMEOUT_MS);
