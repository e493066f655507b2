// A new operation in the document appears in the client with no hand-written code: the bundle
// plus two operations of a new resource (one nested with a query, one with an idempotency key)
// goes through the whole chain (openapi-typescript and @chert/types' generators, then this
// package's generator) into a copy of the client, which must type-check, and whose built code
// must send the new operations as the document says.
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ok, recordingFetch, SECRET, TENANT } from './support/fetch.js';

const run = promisify(execFile);
const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const typesDir = join(pkgDir, '../types');
const work = join(pkgDir, '.reports/generator');
const doc = JSON.parse(readFileSync(join(pkgDir, '../../openapi/dist/openapi.json'), 'utf8')) as Record<string, any>;

const errorResponses = { '400': { $ref: '#/components/responses/InvalidRequest' }, '401': { $ref: '#/components/responses/Unauthorized' } };
const fixture = {
  ...doc,
  paths: {
    ...doc.paths,
    '/api/v1/widgets/{id}/frob': {
      post: {
        operationId: 'frobWidget',
        summary: 'Frob a widget',
        tags: ['Chats'],
        'x-idempotent': false,
        'x-chert-sdk': { resource: 'widgets', method: 'frob' },
        'x-chert-idempotency-key': '/idempotency_key',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { $ref: '#/components/schemas/ChatId' } }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', required: ['speed'], properties: { speed: { type: 'integer' }, idempotency_key: { $ref: '#/components/schemas/IdempotencyKey' } } },
            },
          },
        },
        responses: {
          '200': { description: 'Frobbed', content: { 'application/json': { schema: { type: 'object', required: ['frobbed'], properties: { frobbed: { type: 'boolean' } } } } } },
          ...errorResponses,
        },
      },
    },
    '/api/v1/widgets/{id}/parts': {
      get: {
        operationId: 'listWidgetParts',
        summary: 'List the parts of a widget',
        tags: ['Chats'],
        'x-idempotent': true,
        'x-chert-sdk': { resource: 'widgets.parts', method: 'list' },
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'color', in: 'query', required: false, schema: { type: 'string', enum: ['red', 'blue'] } },
        ],
        responses: {
          '200': { description: 'Parts', content: { 'application/json': { schema: { type: 'object', required: ['parts'], properties: { parts: { type: 'array', items: { type: 'string' } } } } } } },
          ...errorResponses,
        },
      },
    },
  },
};

const sh = (file: string, args: string[], cwd = pkgDir) => run(process.execPath, [file, ...args], { cwd });

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'types/generated'), { recursive: true });
  writeFileSync(join(work, 'openapi.json'), JSON.stringify(fixture));
  // @chert/types for the fixture: openapi-typescript, then the package's own generators.
  const ots = join(pkgDir, 'node_modules/openapi-typescript/bin/cli.js');
  await sh(ots, [join(work, 'openapi.json'), '--output', join(work, 'types/generated/schema.ts'), '--default-non-nullable', 'false']);
  for (const script of ['generate-operations', 'generate-aliases', 'generate-facts']) {
    await sh(join(typesDir, `scripts/${script}.mjs`), [join(work, 'openapi.json'), join(work, 'types/generated')], typesDir);
  }
  copyFileSync(join(typesDir, 'src/index.ts'), join(work, 'types/index.ts'));
  // The client: its hand-written source, and what the generator makes of the fixture.
  cpSync(join(pkgDir, 'src'), join(work, 'client/src'), { recursive: true, filter: (from) => !from.includes(`${join('src', 'generated')}`) });
  await sh(join(pkgDir, 'scripts/generate.mjs'), [join(work, 'openapi.json'), join(work, 'client/src/generated')]);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('writes the new resource, nested like the others, one signature per method, and places its methods in the table', () => {
  const widgets = readFileSync(join(work, 'client/src/generated/resources/widgets/widgets.ts'), 'utf8');
  const parts = readFileSync(join(work, 'client/src/generated/resources/widgets/parts.ts'), 'utf8');
  expect(widgets).toMatch(/^ {2}frob\(chatId: ChatId, body: .+, options\?: CallOptions\): APIPromise<.+>;$/m);
  expect(widgets).toContain('readonly parts: WidgetsParts;');
  expect(parts).toMatch(/^ {2}list\(id: string, query\?: WidgetsPartsListParams, options\?: CallOptions\): APIPromise<.+>;$/m);
  // The methods themselves are made from these rows (src/core/resources.ts).
  const table = readFileSync(join(work, 'client/src/generated/operations.ts'), 'utf8');
  expect(table).toContain(
    'frobWidget: {"method":"POST","path":"/api/v1/widgets/{id}/frob","idempotencyKey":"/idempotency_key","sdk":"widgets.frob","body":true}',
  );
  expect(table).toContain('listWidgetParts: {"method":"GET","path":"/api/v1/widgets/{id}/parts","idempotent":true,"sdk":"widgets.parts.list","query":true}');
});

it('type-checks, with the new methods typed from the document', async () => {
  writeFileSync(
    join(work, 'client/use.ts'),
    [
      "import { createChertClient, type APIPromise } from './src/index.js';",
      "const chert = createChertClient({ auth: { bearer: { token: 't' } } });",
      "export const frobbed: APIPromise<{ frobbed: boolean }> = chert.widgets.frob('ch_1', { speed: 3 });",
      "export const parts: APIPromise<{ parts: string[] }> = chert.widgets.parts.list('w_1', { color: 'red' });",
      '// @ts-expect-error speed is an integer',
      "void chert.widgets.frob('ch_1', { speed: 'fast' });",
      '// @ts-expect-error not a documented colour',
      "void chert.widgets.parts.list('w_1', { color: 'green' });",
      '// the document’s own operations are still there',
      "void chert.messages.send({ phone: '+14155550199', body: 'Hi' });",
    ].join('\n'),
  );
  // This package's own settings (tsconfig.json), with @chert/types pointed at the fixture's.
  const compilerOptions = { types: ['node'], exactOptionalPropertyTypes: true, paths: { '@chert/types': ['./types/index.ts'] } };
  const tsconfig = { extends: join(pkgDir, '../../tsconfig.base.json'), compilerOptions, files: ['client/use.ts'], include: ['client/src/**/*.ts'] };
  writeFileSync(join(work, 'tsconfig.json'), JSON.stringify(tsconfig));
  const tsc = join(pkgDir, 'node_modules/typescript/bin/tsc');
  const { stdout } = await sh(tsc, ['-p', join(work, 'tsconfig.json')]).catch((error: { stdout: string }) => error);
  expect(stdout).toBe('');
}, 120_000);

it('sends the new operations as the document says: path, query, body, and an idempotency key', async () => {
  const out = join(work, 'client.mjs');
  await build({
    entryPoints: [join(work, 'client/src/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: out,
    alias: { '@chert/types': join(work, 'types/index.ts') },
    external: ['openapi-fetch', 'eventsource-parser'],
    nodePaths: [join(pkgDir, 'node_modules')],
    define: { __CHERT_VERSION__: '"0.0.0-fixture"' },
    logLevel: 'silent',
  });
  // The bundle sits in .reports; it finds openapi-fetch in this package's node_modules.
  const built = (await import(pathToFileURL(out).href)) as typeof import('../src/index.js');
  const { fetch, sent } = recordingFetch(ok({ frobbed: true }), ok({ parts: ['a'] }));
  const chert = built.createChertClient({ auth: { hmac: { tenant: TENANT, signingSecret: SECRET } }, baseUrl: 'http://127.0.0.1:9', fetch }) as any;
  expect(await chert.widgets.frob('ch_1', { speed: 3 })).toEqual({ frobbed: true });
  expect(await chert.widgets.parts.list('w 1', { color: 'red' })).toEqual({ parts: ['a'] });
  expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual([
    'POST http://127.0.0.1:9/api/v1/widgets/ch_1/frob',
    'GET http://127.0.0.1:9/api/v1/widgets/w%201/parts?color=red',
  ]);
  const body = JSON.parse(sent[0]!.text);
  expect(body).toMatchObject({ speed: 3, idempotency_key: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  expect(sent[0]!.headers['x-chert-signature']).toMatch(/^v1,/);
}, 60_000);
