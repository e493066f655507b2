// The guides' code samples (samples/guides/) are part of the product, like the reference's:
// each is shown in a guide, compiles against the real packages with the strictest optional
// property checking, and works as written. A guide is a story a user follows from an empty
// sandbox, so each sample runs against @chert/mock in sandbox mode, reset before it, on both
// routes the quick start offers (any bearer token; a tenant and signing secret with every
// signature checked), making the calls it shows and printing what its comments say.
// The webhook recipes answer real signed deliveries from the sandbox, and refuse forged
// ones; the test-suite snippet passes under vitest.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { createChertClient } from '@chert/client';
import { signWebhook } from '@chert/client/webhooks';
import { startMock, type RequestReport, type RunningSandbox } from '@chert/mock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { app, guidesDir, require } from './support/document.js';
import { transpileTo, tsc } from './support/transpile.js';

const exec = promisify(execFile);
const samplesDir = join(app, 'samples', 'guides');
// Inside node_modules so that the packages resolve for the samples as they do for a user.
const cache = join(app, 'node_modules', '.cache', 'chert-docs-guide-samples');
const sampleFiles = (await readdir(samplesDir)).filter((f) => f.endsWith('.ts')).sort();

afterAll(() => rm(cache, { recursive: true, force: true }));

/** Every `{{sample:guides/…}}` of every guide, by file. */
async function shownSamples(): Promise<Map<string, string[]>> {
  const shown = new Map<string, string[]>();
  for (const guide of (await readdir(guidesDir)).filter((f) => f.endsWith('.md'))) {
    for (const m of (await readFile(join(guidesDir, guide), 'utf8')).matchAll(/\{\{sample:guides\/([^}]+)\}\}/g)) {
      shown.set(m[1]!, [...(shown.get(m[1]!) ?? []), guide]);
    }
  }
  return shown;
}

// Samples that set up their client otherwise than from the environment, and why.
const ownSetup: Record<string, string> = {
  'auth.ts': 'shows both modes of authentication',
  'mock.ts': 'points at the mock by default, with retries off',
  'mock-in-tests.ts': 'starts its own mock, with a signing secret',
  'sandbox-reply.test.ts': 'starts its own sandbox in a test suite',
  'sandbox-state.ts': 'starts its own sandbox twice',
};

describe('the guide samples', () => {
  it('are each shown in a guide, and every sample a guide shows exists', async () => {
    const shown = await shownSamples();
    expect(sampleFiles.filter((f) => !shown.has(f))).toEqual([]);
    expect([...shown.keys()].filter((f) => !sampleFiles.includes(f))).toEqual([]);
    expect(sampleFiles.length).toBeGreaterThan(20);
  });

  it('create their client from the environment, as the quick start says, unless they say why not', async () => {
    for (const file of sampleFiles) {
      const source = await readFile(join(samplesDir, file), 'utf8');
      if (!source.includes('createChertClient(') || file in ownSetup) continue;
      // No credentials or base URL in the code: CHERT_TENANT and CHERT_SIGNING_SECRET (or
      // CHERT_TOKEN) and CHERT_BASE_URL are read by the client.
      expect(source, file).not.toMatch(/\bauth:|baseUrl:|apiKey|signingSecret/);
      // The quick start names the variables; the others point to it.
      if (file === 'quickstart.ts') expect(source).toMatch(/CHERT_TENANT and CHERT_SIGNING_SECRET \(or CHERT_TOKEN\), and CHERT_BASE_URL/);
      else expect(source, file).toContain('// Credentials from the environment, as in the quick start.');
    }
    for (const file of Object.keys(ownSetup)) expect(await readFile(join(samplesDir, file), 'utf8'), file).toContain('createChertClient(');
  });

  it('type-check against the real packages (exactOptionalPropertyTypes), and a broken one does not', async () => {
    await mkdir(cache, { recursive: true });
    // One program: every guide sample, and a copy of one with a field misspelt.
    const broken = join(cache, 'broken-sample.ts');
    const good = await readFile(join(samplesDir, 'send-first-message.ts'), 'utf8');
    await writeFile(broken, good.replace("body: 'Hi Ada", "text: 'Hi Ada"));
    await writeFile(
      join(cache, 'tsconfig.json'),
      JSON.stringify({
        extends: relative(cache, join(app, 'samples', 'tsconfig.json')),
        include: [...sampleFiles.map((f) => relative(cache, join(samplesDir, f))), 'broken-sample.ts'],
      }),
    );
    const output = await exec(process.execPath, [tsc, '-p', join(cache, 'tsconfig.json'), '--noEmit', '--pretty', 'false'], { cwd: app }).then(
      ({ stdout }) => stdout,
      (error: { stdout: string }) => error.stdout,
    );
    const errors = output.split('\n').filter((l) => /error TS\d+/.test(l));
    expect(errors.length, output).toBeGreaterThan(0);
    expect(errors.filter((l) => !l.includes('broken-sample.ts(')), output).toEqual([]);
  });
});

/** A TypeScript sample as JavaScript, beside the packages it imports; returns the file. */
const transpiled = (file: string): Promise<string> => transpileTo(join(samplesDir, file), join(cache, 'run', `${file.replace(/\.ts$/, '')}.mjs`));

const secret = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
// [route, the sandbox's signing secret, the environment besides CHERT_BASE_URL]: the two ways
// the quick start offers.
const routes: Array<[string, string | undefined, Record<string, string>]> = [
  ['any bearer token, the sandbox taking any credentials', undefined, { CHERT_TOKEN: 'test' }],
  ['a tenant and signing secret set, the sandbox verifying every signature', secret, { CHERT_TENANT: 'acme', CHERT_SIGNING_SECRET: secret }],
];

const id = /[A-Za-z0-9_-]+/.source;
const line = (pattern: string) => new RegExp(`^${pattern}$`);
const times = <T,>(n: number, value: T): T[] => Array.from({ length: n }, () => value);

// [sample, the operations it calls in order, what it prints (a line, or a pattern for lines with ids)]
const stories: Array<[string, string[], Array<string | RegExp>]> = [
  ['quickstart.ts', ['sendMessage', 'listChatMessages'], [line(`sent msg_${id}`), line(`ch_${id} 1`)]],
  [
    'send-first-message.ts',
    ['sendMessage', 'sendChatMessage', 'listChatMessages', 'getMessage'],
    ['sent true', 'outbound 2 Hi Ada, your table for two is booked for 7pm.', 'outbound 1 We have a table by the window for you.', /^(sent|delivered)$/],
  ],
  [
    'lines-and-pinning.ts',
    ['listPhoneNumbers', ...times(3, 'sendMessage')],
    ['+14155550100 pl_14155550100 true', '+14155550101 pl_14155550101 true', 'pl_14155550100 pl_14155550101 pl_14155550101'],
  ],
  ['first-touch-links.ts', ['listPhoneNumbers', 'createChat', 'createChat'], ['400 1005', 'false text + rich_link']],
  [
    'groups.ts',
    ['listPhoneNumbers', 'createChat', 'updateChat', 'removeChatParticipant', 'leaveChat', 'addChatParticipant', 'removeChatParticipant', 'addChatParticipant', 'leaveChat', 'leaveChat'],
    ['true Friday dinner 2', 'Friday dinner (7pm)', 'refused 400 1002', 'refused 400 1002', '3', '+14155550123 2', 'left', 'refused 400 1006'],
  ],
  [
    'group-refusals.ts',
    ['listPhoneNumbers', 'sendMessage', 'updateChat', 'addChatParticipant', 'createChat', 'createChat'],
    ['rename a 1:1 chat 400 1006', 'add to a 1:1 chat 400 1006', '32 recipients 422 1006', "a link in a group's first message 501 4099"],
  ],
  [
    'send-photo.ts',
    ['createAttachment', 'uploadAttachment', 'sendMessage', 'createAttachment', 'uploadAttachment', 'sendChatMessage'],
    [line(`att_${id}`), 'text + media'],
  ],
  ['upload-steps.ts', ['createAttachment', 'sendMessage', 'sendChatMessage', 'uploadAttachment', 'sendChatMessage'], [line(`att_${id} true`), '400 5004', 'media']],
  ['download-media.ts', ['sendMessage', 'listChatMessages', 'getAttachmentContent'], ['in_ image/png 69']],
  [
    'subscribe.ts',
    ['createWebhookSubscription', 'listWebhookSubscriptions', 'updateWebhookSubscription'],
    ['true 64', '1 false', 'false'],
  ],
  [
    'receive-replies.ts',
    ['createWebhookSubscription', 'sendMessage', 'listEvents', 'replayEvent', 'getEvent', 'deleteWebhookSubscription'],
    ['reply from +14155550199: On my way!', 'already handled message.received', 'replayed 200', 'delivered 2'],
  ],
  [
    'events-list.ts',
    ['sendMessage', ...times(4, 'listEvents')],
    ['dev_inbox See you next week.', 'dev_inbox The risotto was great.', 'dev_inbox Lovely, thanks!', '4 false', '2 null'],
  ],
  ['events-stream.ts', ['streamEvents', 'streamEvents'], ['message.received', 'lead_reply', 'stopped']],
  ['idempotency.ts', ['sendMessage', 'sendMessage', 'listChatMessages', 'sendMessage'], ['true', '1', '400 1002 false']],
  ['retries.ts', times(4, 'sendMessage'), ['retry 1 sendMessage 3001', 'retry 2 sendMessage 3001', 'gave up 500 3001 true', 'try again in 30 s: 4002']],
  ['errors.ts', ['sendChatMessage', 'sendMessage'], ['404 2002 → sent']],
  ['mock.ts', ['sendContactToChat'], ['503 4002 true 30']],
  ['auth.ts', [], []],
  ['sign.ts', [], []],
];
// Samples that start sandboxes of their own: they run once, on their own.
const standalone: Array<[string, Array<string | RegExp>]> = [
  ['mock-in-tests.ts', ['shared']],
  ['sandbox-state.ts', ['1 true']],
];
// Modules rather than scripts: exercised below, by what they export.
const modules = ['verify-webhook.ts', 'webhook-express.ts', 'webhook-hono.ts', 'webhook-nextjs.ts', 'sandbox-reply.test.ts'];

it('every guide sample is run by this file, one way or another', () => {
  expect([...stories.map(([f]) => f), ...standalone.map(([f]) => f), ...modules].sort()).toEqual(sampleFiles);
});

const printedAs = (stdout: string, want: Array<string | RegExp>) => {
  const lines = stdout.trim() === '' ? [] : stdout.trim().split('\n');
  expect(lines).toHaveLength(want.length);
  want.forEach((w, i) => (typeof w === 'string' ? expect(lines[i]).toBe(w) : expect(lines[i]).toMatch(w)));
};

describe.each(routes)('the guide samples work as written against the sandbox, %s', (_route, sandboxSecret, credentials) => {
  let sandbox: RunningSandbox;
  const reports: RequestReport[] = [];

  beforeAll(async () => {
    sandbox = await startMock({ port: 0, webhookBackoffMs: 10, ...(sandboxSecret ? { signingSecret: sandboxSecret } : {}), onReport: (r) => reports.push(r) });
  });
  afterAll(() => sandbox?.close());

  it.each(stories)('%s makes the calls it shows, from an empty sandbox, and prints what its comments say', async (file, calls, printed) => {
    await sandbox.reset();
    const from = reports.length;
    const { stdout } = await exec(process.execPath, [await transpiled(file)], {
      // Exactly this environment: nothing of the test process's leaks into the sample.
      env: { PATH: process.env.PATH ?? '', CHERT_BASE_URL: sandbox.url, ...credentials },
      cwd: join(cache, 'run'),
      timeout: 30_000,
    });
    // A stream's request is reported when its connection ends, which the sandbox may see a moment later.
    await expect.poll(async () => (await sandbox.stats()).streamClients, { timeout: 5_000 }).toBe(0);
    const seen = reports.slice(from).filter((r) => !r.path.startsWith('/_sandbox/'));
    // Never the mock's own error; a request that breaks the document only where a refusal is the point.
    for (const r of seen) expect([r.path, r.mockError, r.status < 400 ? r.violations.request : []]).toEqual([r.path, false, []]);
    const operations = seen.map((r) => r.operation ?? `${r.method} ${r.path}`);
    expect(operations).toEqual(calls);
    printedAs(stdout, printed);
  });
});

it.each(standalone)('%s, which starts its own sandbox, prints what its comments say', async (file, printed) => {
  const { stdout } = await exec(process.execPath, [await transpiled(file)], { env: { PATH: process.env.PATH ?? '' }, cwd: join(cache, 'run'), timeout: 30_000 });
  printedAs(stdout, printed);
});

it('the test-suite snippet passes under vitest, and fails when the sandbox does not answer as it expects', async () => {
  const vitest = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
  const run = async (source: string) => {
    const dir = join(cache, 'vitest');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'sandbox-reply.test.ts'), source);
    const config = { test: { root: dir, include: ['sandbox-reply.test.ts'], reporters: ['default'] }, cacheDir: join(dir, '.vite') };
    await writeFile(join(dir, 'vitest.config.mjs'), `export default ${JSON.stringify(config)};\n`);
    const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
    return exec(process.execPath, [vitest, 'run', '--config', join(dir, 'vitest.config.mjs')], { cwd: app, env, timeout: 60_000 }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
  };
  const snippet = await readFile(join(samplesDir, 'sandbox-reply.test.ts'), 'utf8');
  const passed = await run(snippet);
  expect(passed.stdout).toMatch(/Tests\s+2 passed \(2\)/);
  expect(passed.code).toBe(0);
  // The same snippet expecting the reply from someone else's chat fails: its assertions bite.
  const failed = await run(snippet.replace("['inbound', message.id]", "['inbound', sent.message_id]"));
  expect(failed.code).not.toBe(0);
});

describe('the webhook samples answer real deliveries', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startMock({ port: 0, webhookBackoffMs: 10 });
  });
  afterAll(() => sandbox?.close());
  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env.CHERT_WEBHOOK_SECRET;
  });

  /** A node:http server around a fetch-style handler, as Hono's and Next.js's adapters do. */
  async function serveFetch(handler: (request: Request) => Promise<Response>): Promise<Server> {
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) for (const v of [value].flat()) if (v !== undefined) headers.append(name, v);
      const response = await handler(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) }));
      res.writeHead(response.status).end(Buffer.from(await response.arrayBuffer()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  /** Listens on a free loopback port. */
  const listening = async (server: Server) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return server;
  };

  // [sample, serve it (given the subscription's secret, known only once it is subscribed), what it logs for a reply]
  const recipes: Array<[string, (secret: () => string) => Promise<Server>, (event: { event_id: string; lead_id: string }) => string]> = [
    [
      'webhook-express.ts', // reads CHERT_WEBHOOK_SECRET when a delivery comes
      async () => listening(createServer((await import('../samples/guides/webhook-express.js')).default)),
      (e) => `received message.received ${e.event_id}`,
    ],
    [
      'webhook-hono.ts', // given the secret as a Workers binding
      async (secret) => {
        const { default: hono } = await import('../samples/guides/webhook-hono.js');
        return serveFetch(async (request) => hono.fetch(request, { CHERT_WEBHOOK_SECRET: secret() }));
      },
      (e) => `received message.received ${e.event_id}`,
    ],
    [
      'webhook-nextjs.ts', // reads CHERT_WEBHOOK_SECRET when a delivery comes
      async () => serveFetch((await import('../samples/guides/webhook-nextjs.js')).POST),
      (e) => `received message.received ${e.event_id}`,
    ],
    [
      'verify-webhook.ts', // the body as bytes, the headers as a Headers
      async (secret) => {
        const { onDelivery } = await import('../samples/guides/verify-webhook.js');
        return serveFetch(async (request) => new Response(null, { status: await onDelivery(new Uint8Array(await request.arrayBuffer()), request.headers, secret()) }));
      },
      (e) => `from +14155550199 in ${e.lead_id}`,
    ],
  ];

  it.each(recipes)('%s: a delivery from the sandbox is answered 200; a forged or unsigned one, 400', async (_file, serve, logLine) => {
    await sandbox.reset();
    const chert = createChertClient({ baseUrl: sandbox.url, auth: { bearer: { token: 'test' } } });
    let secret = '';
    const server = await serve(() => secret);
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/chert`;
      const { subscription } = await chert.webhookSubscriptions.create({ url, events: ['message.received'] });
      secret = subscription.secret;
      process.env.CHERT_WEBHOOK_SECRET = secret;
      const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
      vi.spyOn(console, 'warn').mockImplementation(() => {});

      const { events } = await sandbox.inbound({ from: '+14155550199', text: 'On my way!' });
      await sandbox.settle();
      const reply = events.find((e) => e.type === 'message.received')!;
      const { delivery } = await chert.events.get(reply.id);
      expect(delivery.attempts.map((a) => [a.subscription_id, a.status])).toEqual([[subscription.id, 200]]);
      expect(delivery.status).toBe('delivered');
      expect(logged.mock.calls.map((args) => args.join(' '))).toEqual([logLine(reply)]);

      // The same body, posted by someone without the secret, or unsigned, or signed long ago.
      const body = JSON.stringify(reply.payload);
      const now = Math.floor(Date.now() / 1000);
      const post = async (signature?: string) =>
        (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-webhook-signature': signature } : {}) }, body })).status;
      expect(await post(await signWebhook('0'.repeat(64), now, body))).toBe(400);
      expect(await post()).toBe(400);
      expect(await post(await signWebhook(secret, now - 3600, body))).toBe(400);
      // …and signed with the secret, it goes through: the refusals above are the signature's.
      expect(await post(await signWebhook(secret, now, body))).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
