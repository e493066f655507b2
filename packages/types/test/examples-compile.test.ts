// The document's own examples, written out as TypeScript against @chert/types and compiled:
// every documented example type-checks, and the wrong shapes do not. Generated from the
// bundle on every run, so a document change can never leave this check stale.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const doc = JSON.parse(readFileSync(require.resolve('@chert/openapi/openapi.json'), 'utf8'));
const entry = resolve(import.meta.dirname, '../src/index.ts').replace(/\.ts$/, '.js');
const dir = mkdtempSync(join(tmpdir(), 'chert-types-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lit = (v: unknown) => JSON.stringify(v);
const deref = (node: any) => (node?.$ref ? doc.components[node.$ref.split('/')[2]][node.$ref.split('/')[3]] : node);

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

// One typed declaration per documented example: request bodies and responses alike.
function documentedExamples(): string[] {
  const lines: string[] = [];
  for (const item of Object.values<any>(doc.paths)) {
    for (const op of Object.values<any>(item)) {
      if (!op?.operationId) continue;
      const id = op.operationId;
      const body = deref(op.requestBody);
      for (const [name, ex] of Object.entries<any>(body?.content?.['application/json']?.examples ?? {})) {
        lines.push(`export const ${id}_request_${name}: NonNullable<operations['${id}']['requestBody']>['content']['application/json'] = ${lit(deref(ex).value)};`);
      }
      for (const [status, ref] of Object.entries<any>(op.responses)) {
        for (const [name, ex] of Object.entries<any>(deref(ref).content?.['application/json']?.examples ?? {})) {
          lines.push(`export const ${id}_${status}_${name}: operations['${id}']['responses'][${status}]['content']['application/json'] = ${lit(deref(ex).value)};`);
        }
      }
    }
  }
  return lines;
}

const wrong: Array<[string, string]> = [
  ['a number for to', `const x: SendContactToPhoneRequest = { to: 14155550123, vcard_text: 'BEGIN:VCARD' };`],
  ['a phone object without value', `const x: SendContactToChatRequest = { contact: { phones: [{ label: 'mobile' }] } };`],
  ['an unknown status', `const x: SendContactResult = { chat_id: 'ch_1', status: 'delivered' };`],
  ['an undocumented error code', `const x: ErrorCode = 1005;`],
  ['success true in an error', `const x: ErrorEnvelope = { success: true, error: { status: 400, code: 1001, message: 'm', retryable: false }, trace_id: 't' };`],
];
const wrongImports = `import type { SendContactToPhoneRequest, SendContactToChatRequest, SendContactResult, ErrorCode, ErrorEnvelope } from ${lit(entry)};`;
const lines = documentedExamples();
const diagnostics = compileAll({
  documented: `import type { operations } from ${lit(entry)};\n${lines.join('\n')}\n`,
  ...Object.fromEntries(wrong.map(([, line], i) => [`wrong${i}`, `${wrongImports}\n${line}\nvoid x;\n`])),
});

describe('documented examples against the generated types', () => {
  it('there are examples for every operation', () => {
    expect(lines.length).toBeGreaterThan(40);
  });

  it('all type-check', () => {
    expect(diagnostics.documented).toEqual([]);
  });

  it.each(wrong.map(([name], i) => [name, i] as const))('%s does not type-check', (_name, i) => {
    const found = diagnostics[`wrong${i}`] ?? [];
    expect(found.length).toBeGreaterThan(0);
    // Type errors only: a broken import must not pass for a refused shape.
    expect(found.join('\n')).not.toMatch(/Cannot find|has no exported member/);
    expect(found.join('\n')).toMatch(/not assignable|does not exist in type|is missing in type/);
  });
});
