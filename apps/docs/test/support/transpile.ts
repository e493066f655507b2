// A TypeScript sample runs as JavaScript written beside the packages it imports (under the
// app, so Node resolves them from its node_modules): types are checked apart, by tsc.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { require } from './document.js';

/** The tsc that type-checks the samples (run with `node`). */
export const tsc = join(require.resolve('typescript/package.json'), '..', 'bin', 'tsc');

/** Writes `file` (TypeScript) as the ES module `out`, and returns `out`. */
export async function transpileTo(file: string, out: string): Promise<string> {
  const { outputText } = ts.transpileModule(await readFile(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: file,
  });
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, outputText);
  return out;
}
