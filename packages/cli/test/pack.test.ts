import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm pack` on a copy of the package without dist (a fresh clone) must still ship the
 * build: `prepack` builds it; and with a fresh dist it leaves it alone.
 */
const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'chert-cli-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const pack = async () => {
  const { stdout, stderr } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json'], {
    cwd: work,
    env: { ...process.env, npm_config_loglevel: 'silent', npm_config_update_notifier: 'false', npm_config_fund: 'false' },
  });
  const listing = JSON.parse(stdout.slice(stdout.search(/^\[/m))) as Array<{ files: Array<{ path: string }> }>;
  return { files: listing[0]!.files.map((f) => f.path), said: stdout + stderr };
};

describe('packing', () => {
  it('before building, builds first, so the tarball holds dist and the bin', { timeout: 120_000 }, async () => {
    for (const entry of ['src', 'bin', 'package.json', 'README.md', 'LICENSE', 'tsup.config.ts']) {
      cpSync(join(root, entry), join(work, entry), { recursive: true });
    }
    // The repository's shared prepack script, by its absolute path from the copy.
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    manifest.scripts.prepack = manifest.scripts.prepack.replace('../../scripts/', `${join(root, '..', '..', 'scripts')}/`);
    writeFileSync(join(work, 'package.json'), JSON.stringify(manifest, null, 2));
    const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));
    writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({ ...tsconfig, extends: join(root, '..', '..', 'tsconfig.base.json'), include: ['src'] }));
    symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');

    const first = await pack();
    expect(first.said).toContain('dist is missing or stale: building it');
    expect(first.files).toEqual(expect.arrayContaining(['bin/chert.js', 'dist/cli.js', 'dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'README.md', 'LICENSE']));
    expect(first.files.filter((f) => /^(src|test|scripts)\//.test(f))).toEqual([]);

    const built = statSync(join(work, 'dist', 'cli.js')).mtimeMs;
    const again = await pack();
    expect(again.said).toContain('dist is up to date');
    expect(statSync(join(work, 'dist', 'cli.js')).mtimeMs).toBe(built);
  });
});
