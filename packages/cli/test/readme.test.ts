import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { LISTEN_HELP, REPLAY_HELP, SEND_HELP } from '../src/help.js';

/** The README's samples compile as written, and it names every flag the commands take. */
const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const samples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
// Inside the package, so its node_modules (@chert/client) resolve as they do for a user.
const work = mkdtempSync(join(root, 'node_modules', '.readme-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('README', () => {
  it('has TypeScript samples, and each compiles under strict and exactOptionalPropertyTypes', { timeout: 60_000 }, () => {
    expect(samples.length).toBeGreaterThanOrEqual(2);
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
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [join(root, 'node_modules', '@types')],
      paths: { '@chert/cli': [join(root, 'src', 'index.ts')] },
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? `${d.file.fileName.replace(work, '')}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
  });

  it.each([['chert listen', LISTEN_HELP], ['chert events replay', REPLAY_HELP], ['chert send', SEND_HELP]])('names every flag of %s', (_name, help) => {
    const flags = [...help.matchAll(/^\s+(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]!).filter((f) => f !== '--help');
    expect(flags.length).toBeGreaterThan(0);
    for (const flag of flags) expect(readme).toContain(flag);
  });
});
