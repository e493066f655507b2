// Compiles sources as a user's project would, under the strictest settings users turn on
// (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess), `@chert/client` and
// `@chert/client/webhooks` resolved to this package's sources.
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const pkgDir = fileURLToPath(new URL('../..', import.meta.url));

/** Writes each `[name, source]` as `<dir>/<name>.ts` (the folder made afresh) and returns what tsc printed. */
export async function typecheckAsUser(dir: string, sources: (readonly [name: string, source: string])[]): Promise<string> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = sources.map(([name, source]) => {
    writeFileSync(join(dir, `${name}.ts`), source);
    return `${name}.ts`;
  });
  const compilerOptions = {
    target: 'ES2022',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    types: ['node'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
    paths: { '@chert/client': [join(pkgDir, 'src/index.ts')], '@chert/client/webhooks': [join(pkgDir, 'src/webhooks.ts')] },
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }));
  // tsc exits non-zero when it finds a problem; its diagnostics are on stdout either way.
  const { stdout } = await run('pnpm', ['exec', 'tsc', '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { cwd: pkgDir }).catch(
    (error: { stdout: string }) => error,
  );
  return stdout;
}
