// Redocly exits 0 on warnings; the document allows none, so the totals are checked here.
// Our own rules (plugins/chert.js) are run on a fixture that breaks each of them, so a rule
// that stopped reporting would fail here rather than pass the document quietly.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
type Report = { totals: { errors: number; warnings: number; ignored: number }; problems: Array<{ ruleId: string; message: string }> };

function lint(args: string[]): Report {
  let out: string;
  try {
    out = execFileSync('pnpm', ['exec', 'redocly', 'lint', ...args, '--format=json'], {
      cwd: root,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    out = (error as { stdout: string }).stdout; // exit 1 on errors; the report is on stdout
  }
  return JSON.parse(out.slice(out.indexOf('{')));
}

describe('redocly lint', () => {
  it('reports zero errors, zero warnings and nothing ignored', () => {
    const { totals, problems } = lint(['openapi.yaml']);
    expect(problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
  }, 60_000);

  it('has no ignore file hiding problems', () => {
    expect(existsSync(new URL('../.redocly.lint-ignore.yaml', import.meta.url))).toBe(false);
  });
});

// A document that breaks each of our rules once (and keeps to them where a rule must stay
// quiet: webhooks, binary bodies, the legacy error shape).
const envelope = { $ref: '#/components/schemas/ErrorEnvelope' };
const json = (schema: unknown, examples = true) => ({
  'application/json': { schema, ...(examples ? { examples: { One: { summary: 'one', value: {} } } } : {}) },
});
const ok = { description: 'ok', headers: { 'X-Trace-ID': { schema: { type: 'string' } } }, content: json({ type: 'object' }) };
const err = (schema: unknown = envelope) => ({ description: 'error', headers: { 'X-Trace-ID': { schema: { type: 'string' } } }, content: json(schema) });
const op = (id: string, extra: Record<string, unknown> = {}) => ({
  operationId: id,
  'x-idempotent': false,
  'x-chert-sdk': { resource: 'things', method: id },
  responses: { '200': ok, '400': err() },
  ...extra,
});
const body = (schema: unknown) => ({ required: true, content: json(schema) });
const fixture = {
  openapi: '3.1.0',
  info: { title: 'Fixture', version: '1.0.0' },
  paths: {
    '/a': { get: op('missingSdk', { 'x-chert-sdk': undefined }) },
    '/b': { get: op('sharedOne', { 'x-chert-sdk': { resource: 'things', method: 'shared' } }) },
    '/c': { get: op('sharedTwo', { 'x-chert-sdk': { resource: 'things', method: 'shared' } }) },
    '/d': { get: op('lonelyForm', { 'x-chert-sdk': { resource: 'things', method: 'lonely', form: 'to' } }) },
    '/e': { get: op('badResource', { 'x-chert-sdk': { resource: 'Things-And', method: 'x' } }) },
    '/f': { post: op('wrongPointer', { 'x-chert-idempotency-key': '/message/idempotency_key', requestBody: body({ type: 'object', properties: { idempotency_key: { type: 'string' } } }) }) },
    '/g': { post: op('undeclaredKey', { requestBody: body({ type: 'object', properties: { message: { $ref: '#/components/schemas/Message' } } }) }) },
    '/h': { post: op('declaredKey', { 'x-chert-idempotency-key': '/message/idempotency_key', requestBody: body({ oneOf: [{ type: 'object', properties: { message: { $ref: '#/components/schemas/Message' } } }] }) }) },
    '/i': { get: op('assumptions', { 'x-chert-assumed': 'Two\nlines' }) },
    '/j': { get: op('noIdempotency', { 'x-idempotent': undefined }) },
    '/k': { get: op('noTrace', { responses: { '200': { description: 'ok', content: json({ type: 'object' }) }, '400': err() } }) },
    '/l': { get: op('plainError', { responses: { '200': ok, '400': err({ type: 'object' }) } }) },
    '/m': { get: op('legacyError', { responses: { '200': ok, '404': err({ oneOf: [envelope, { $ref: '#/components/schemas/ReplayError' }] }) } }) },
    '/n': { put: op('binaryUpload', { requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } } }) },
    '/o': { post: op('noExamples', { requestBody: { required: true, content: json({ type: 'object' }, false) } }) },
    '/Bad_Path': { get: op('badPath') },
  },
  webhooks: {
    lead_reply: { post: { operationId: 'handleLeadReply', requestBody: body({ type: 'object' }), responses: { '200': { description: 'ok' }, '4XX': { description: 'no' } } } },
  },
  components: {
    schemas: {
      ErrorEnvelope: { type: 'object', properties: { success: { const: false } } },
      ReplayError: { type: 'object', properties: { ok: { const: false } } },
      Message: { type: 'object', properties: { idempotency_key: { type: 'string' } } },
      Assumed: {
        type: 'object',
        properties: {
          period: { type: 'string', 'x-chert-assumed': 'Ends with a period.' },
          long: { type: 'string', 'x-chert-assumed': 'x'.repeat(141) },
          empty: { type: 'string', 'x-chert-assumed': ' ' },
          number: { type: 'string', 'x-chert-assumed': 42 },
          fine: { type: 'string', 'x-chert-assumed': 'A fine one-line assumption, with its reason' },
        },
      },
    },
  },
};

describe('our rules (plugins/chert.js) on a fixture that breaks them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chert-lint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Keep the Assumed schema reachable so the `any` visitor sees it.
  (fixture.paths['/a'].get as any).responses['200'].content['application/json'].schema = { $ref: '#/components/schemas/Assumed' };
  writeFileSync(join(dir, 'fixture.json'), JSON.stringify(fixture));
  writeFileSync(
    join(dir, 'redocly.yaml'),
    [
      'plugins:',
      `  - ${join(root, 'plugins/chert.js')}`,
      'rules:',
      ...['operation-examples', 'trace-id-header', 'idempotency-declared', 'assumed-well-formed', 'sdk-method', 'idempotency-key-pointer', 'paths-kebab-case']
        .map((r) => `  chert/${r}: error`),
      '  chert/error-response-envelope:',
      '    severity: error',
      '    legacy: [ReplayError]',
    ].join('\n'),
  );
  const { problems } = lint([join(dir, 'fixture.json'), `--config=${join(dir, 'redocly.yaml')}`]);
  const reported = [...new Set(problems.map((p) => `${p.ruleId}: ${p.message}`))].sort();

  it.each<[string, RegExp]>([
    ['an operation without x-chert-sdk', /chert\/sdk-method: missingSdk: x-chert-sdk is missing/],
    ['two operations claiming one method, without forms', /chert\/sdk-method: things\.shared is claimed by sharedOne, sharedTwo/],
    ['a form on a method nobody shares', /chert\/sdk-method: lonelyForm: x-chert-sdk form is only for operations that share things\.lonely/],
    ['a resource that is not dotted lowerCamel', /chert\/sdk-method: badResource: x-chert-sdk resource must be dotted lowerCamel/],
    ['a key pointer to nothing', /chert\/idempotency-key-pointer: wrongPointer: x-chert-idempotency-key \/message\/idempotency_key names no property/],
    ['a body key left undeclared', /chert\/idempotency-key-pointer: undeclaredKey: the body has \/message\/idempotency_key; declare it/],
    ['a two-line assumption', /chert\/assumed-well-formed: x-chert-assumed must be one line/],
    ['an assumption ending in a period', /chert\/assumed-well-formed: x-chert-assumed must not end with punctuation/],
    ['a long assumption', /chert\/assumed-well-formed: x-chert-assumed must be at most 140 characters \(is 141\)/],
    ['an empty assumption', /chert\/assumed-well-formed: x-chert-assumed must not be empty/],
    ['an assumption that is not text', /chert\/assumed-well-formed: x-chert-assumed must be a string/],
    ['an operation without x-idempotent', /chert\/idempotency-declared: Operation noIdempotency must declare x-idempotent/],
    ['a response without X-Trace-ID', /chert\/trace-id-header: Response 200 must declare the X-Trace-ID header/],
    ['an error body not built on the envelope', /chert\/error-response-envelope: Error response 400 must have an application\/json body built on ErrorEnvelope or ReplayError/],
    ['a JSON body without named examples', /chert\/operation-examples: Request body application\/json of noExamples needs named examples/],
    ['a path not in kebab-case', /chert\/paths-kebab-case: `\/Bad_Path` does not use kebab-case/],
  ])('reports %s', (_name, want) => {
    expect(reported.some((line) => want.test(line)), reported.join('\n')).toBe(true);
  });

  it('reports nothing else: webhooks, binary bodies, the legacy shape, a declared key and a fine assumption pass', () => {
    expect(reported).toHaveLength(16);
    expect(reported.join('\n')).not.toMatch(/handleLeadReply|lead_reply|binaryUpload|legacyError|\bdeclaredKey|sharedOne: x-chert-sdk is missing|fine one-line/);
  });
});
