// The document's own examples, written out as TypeScript against @chert/types and compiled:
// every documented example type-checks, and the wrong shapes do not. Generated from the
// bundle on every run, so a document change can never leave this check stale.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { examples, mediaTypes, operations } from '@chert/openapi/walk';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const doc = JSON.parse(readFileSync(require.resolve('@chert/openapi/openapi.json'), 'utf8'));
const entry = resolve(import.meta.dirname, '../src/index.ts').replace(/\.ts$/, '.js');
const dir = mkdtempSync(join(tmpdir(), 'chert-types-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lit = (v: unknown) => JSON.stringify(v);

const options: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  skipLibCheck: true,
};

// All fixtures go through one program: a program per fixture costs a second each.
function compileAll(sources: Record<string, string>): Record<string, string[]> {
  const files = Object.fromEntries(Object.keys(sources).map((name) => [name, join(dir, `${name}.ts`)]));
  for (const [name, source] of Object.entries(sources)) writeFileSync(files[name]!, source);
  const program = ts.createProgram(Object.values(files), options);
  const all = ts.getPreEmitDiagnostics(program);
  return Object.fromEntries(
    Object.entries(files).map(([name, file]) => [
      name,
      all.filter((d) => d.file?.fileName === file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    ]),
  );
}

// One typed declaration per documented JSON example: request bodies and responses alike, of
// the paths' operations and of the webhooks.
function documentedExamples(): string[] {
  const lines: string[] = [];
  for (const { kind, key, operation, at } of operations(doc, { webhooks: true })) {
    const id = operation.operationId;
    for (const site of mediaTypes(doc, operation, at).filter((s) => s.type === 'application/json')) {
      const type =
        site.where !== 'request'
          ? `operations['${id}']['responses'][${site.where}]['content']['application/json']`
          : kind === 'webhook'
            ? `WebhookPayload<${lit(key)}>`
            : `NonNullable<operations['${id}']['requestBody']>['content']['application/json']`;
      for (const [name, ex] of Object.entries(examples(doc, site.media))) {
        lines.push(`export const ${id}_${site.where}_${name}: ${type} = ${lit(ex.value)};`);
      }
    }
  }
  return lines;
}

// Every schema of the document is exported under its own name, as exactly that schema.
function aliasChecks(): string {
  const names = Object.keys(doc.components.schemas);
  return [
    `import type { components, ${names.join(', ')} } from ${lit(entry)};`,
    'type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;',
    ...names.map((n) => `export const same_${n}: Same<${n}, components['schemas']['${n}']> = true;`),
  ].join('\n');
}

const wrong: Array<[string, string]> = [
  ['a number for to', `const x: SendContactToPhoneRequest = { to: 14155550123, vcard_text: 'BEGIN:VCARD' };`],
  ['a phone object without value', `const x: SendContactToChatRequest = { contact: { phones: [{ label: 'mobile' }] } };`],
  ['an unknown status', `const x: SendContactResult = { chat_id: 'ch_1', status: 'delivered' };`],
  ['an undocumented error code', `const x: ErrorCode = 1010;`],
  ['a text part with text instead of value', `const x: MessagePart = { type: 'text', text: 'Hi' };`],
  ['a webhook event of an unknown type', `const x: WebhookEvent = { event: 'call.started', event_id: 'e' };`],
  ['success true in an error', `const x: ErrorEnvelope = { success: true, error: { status: 400, code: 1001, message: 'm', retryable: false }, trace_id: 't' };`],
];
const wrongImports = `import type { SendContactToPhoneRequest, SendContactToChatRequest, SendContactResult, ErrorCode, ErrorEnvelope, MessagePart, WebhookEvent } from ${lit(entry)};`;
const lines = documentedExamples();
const diagnostics = compileAll({
  documented: `import type { operations, WebhookPayload } from ${lit(entry)};\n${lines.join('\n')}\n`,
  aliases: `${aliasChecks()}\n`,
  ...Object.fromEntries(wrong.map(([, line], i) => [`wrong${i}`, `${wrongImports}\n${line}\nvoid x;\n`])),
});

describe('documented examples against the generated types', () => {
  it('there are examples for every operation and webhook', () => {
    expect(lines.length).toBeGreaterThan(300);
    for (const id of ['sendMessage', 'createChat', 'listEvents', 'handleMessageReceived', 'handleLeadReply']) {
      expect(lines.some((l) => l.startsWith(`export const ${id}_`)), id).toBe(true);
    }
  });

  it('all type-check', () => {
    expect(diagnostics.documented).toEqual([]);
  });

  it('every schema is exported under its own name, as exactly that schema', () => {
    expect(Object.keys(doc.components.schemas).length).toBeGreaterThan(140);
    expect(diagnostics.aliases).toEqual([]);
  });

  it.each(wrong.map(([name], i) => [name, i] as const))('%s does not type-check', (_name, i) => {
    const found = diagnostics[`wrong${i}`] ?? [];
    expect(found.length).toBeGreaterThan(0);
    // Type errors only: a broken import must not pass for a refused shape.
    expect(found.join('\n')).not.toMatch(/Cannot find|has no exported member/);
    expect(found.join('\n')).toMatch(/not assignable|does not exist in type|is missing in type/);
  });
});
