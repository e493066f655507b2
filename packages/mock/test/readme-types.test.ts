import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Every TypeScript sample of the README compiles as written, under the strictest options a
 * user may have: `strict` and `exactOptionalPropertyTypes` (where `signingSecret: undefined`
 * or `process.env.X` for an optional option used not to compile).
 */
const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const samples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const work = mkdtempSync(join(tmpdir(), 'chert-mock-readme-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('README TypeScript samples', () => {
  it('there are some', () => {
    expect(samples.length).toBeGreaterThanOrEqual(2);
  });

  it('compile with strict and exactOptionalPropertyTypes', { timeout: 60_000 }, () => {
    const files = samples.map((code, i) => {
      const file = join(work, `sample-${i}.ts`);
      writeFileSync(file, `${code}\nexport {};\n`);
      return file;
    });
    const program = ts.createProgram(files, {
      noEmit: true,
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [join(root, 'node_modules', '@types')],
      paths: { '@chert/mock': [join(root, 'src', 'index.ts')] },
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file ? `${d.file.fileName.replace(work, '')}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
  });
});
