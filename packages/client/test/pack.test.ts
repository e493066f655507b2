// `pnpm pack` before `pnpm build` must not make a package without its code (issue 10, item 17):
// the `prepack` script builds a missing or stale dist, and leaves a fresh one alone. Run in a
// copy of the package (its src and scripts linked), so this package's own dist is never touched.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const run = promisify(execFile);
const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const copy = join(pkgDir, '.reports/pack');
const out = join(copy, 'out');

async function pack(): Promise<{ files: string[]; log: string }> {
  rmSync(out, { recursive: true, force: true });
  const { stderr, stdout } = await run('pnpm', ['pack', '--pack-destination', out], { cwd: copy });
  const { stdout: listing } = await run('tar', ['tzf', join(out, `chert-client-${manifest().version}.tgz`)]);
  return { files: listing.split('\n').filter(Boolean).sort(), log: `${stdout}\n${stderr}` };
}
// The copy links this package's src: it must not outlive the test (turbo caches .reports).
afterAll(() => rmSync(copy, { recursive: true, force: true }));

const manifest = () =>
  JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
    version: string;
    scripts: Record<string, string> & { prepack: string };
    dependencies: Record<string, string>;
    devDependencies?: unknown;
  };
const sharedScripts = join(pkgDir, '..', '..', 'scripts') + '/';

it('packs the eight builds and their declarations from a copy that was never built, then reuses them', async () => {
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(copy, { recursive: true });
  symlinkSync(join(pkgDir, 'src'), join(copy, 'src'));
  symlinkSync(join(pkgDir, 'scripts'), join(copy, 'scripts'));
  for (const file of ['tsup.config.ts', 'README.md']) copyFileSync(join(pkgDir, file), join(copy, file));
  mkdirSync(join(copy, 'webhooks'));
  copyFileSync(join(pkgDir, 'webhooks/package.json'), join(copy, 'webhooks/package.json'));
  // The real manifest (its scripts, files, exports), with dependencies pnpm can resolve outside the workspace.
  const pkg = manifest();
  delete pkg.devDependencies;
  for (const name of Object.keys(pkg.dependencies)) pkg.dependencies[name] = '*';
  // The repository's shared prepack script, by its absolute path from the copy.
  pkg.scripts.prepack = pkg.scripts.prepack.replace('../../scripts/', sharedScripts);
  writeFileSync(join(copy, 'package.json'), JSON.stringify(pkg, null, 2));
  writeFileSync(join(copy, 'tsconfig.json'), JSON.stringify({ extends: join(pkgDir, 'tsconfig.json'), include: ['src'] }));

  const first = await pack();
  for (const entry of ['index', 'webhooks']) {
    for (const file of [`${entry}.js`, `${entry}.cjs`, `${entry}.node.js`, `${entry}.node.cjs`, `${entry}.d.ts`, `${entry}.d.cts`]) {
      expect(first.files).toContain(`package/dist/${file}`);
    }
  }
  // Where resolvers without `exports` (node10) find the subpath.
  expect(first.files).toContain('package/webhooks/package.json');
  expect(first.log).toMatch(/\[prepack\] dist is missing or stale: building it/);

  const built = statSync(join(copy, 'dist/index.js')).mtimeMs;
  const second = await pack();
  expect(second.files).toEqual(first.files);
  expect(second.log).toMatch(/\[prepack\] dist is up to date/);
  expect(statSync(join(copy, 'dist/index.js')).mtimeMs).toBe(built);
}, 120_000);
