// `pnpm pack` on a clean clone of HEAD, before anything is built: the document and the types
// refuse to make a package without their build output (their `prepack`), instead of packing
// one that installs and then fails with ERR_MODULE_NOT_FOUND. Once built, they pack.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cloneRepo, pnpm, useScratch } from './clone.js';
import { sh } from './repo.js';

useScratch();

describe('pnpm pack before pnpm build, on a clean clone', () => {
  let dir: string;
  let tarballs: string;
  const pack = (pkg: string) => pnpm(join(dir, pkg), ['pack', '--pack-destination', tarballs], false);

  beforeAll(() => {
    dir = cloneRepo('pack');
    tarballs = join(dir, '.tarballs');
    mkdirSync(tarballs);
  });

  // [package folder, name, a build output it names as missing]
  it.each([
    ['openapi', '@chert/openapi', 'dist/openapi.json'],
    ['packages/types', '@chert/types', 'dist/index.js'],
  ])('%s refuses, naming what is missing and how to build it', (pkg, name, missing) => {
    expect(existsSync(join(dir, pkg, 'dist')), 'a clean clone has no build output').toBe(false);
    const ran = pack(pkg);
    expect(ran.status).not.toBe(0);
    expect(ran.output).toContain(`Refusing to pack ${name}: `);
    expect(ran.output).toContain(`${missing} is missing`);
    expect(ran.output).toContain('pnpm build');
    expect(readdirSync(tarballs)).toEqual([]);
  });

  it('the document packs once built, and refuses again when its version moves without a rebuild', () => {
    pnpm(dir, ['--filter', '@chert/openapi', 'build']);
    const ran = pack('openapi');
    expect(ran.status, ran.output).toBe(0);
    const [tarball] = readdirSync(tarballs);
    const files = sh('tar', ['-tzf', join(tarballs, tarball!)]).stdout.split('\n');
    expect(files).toEqual(expect.arrayContaining(['package/dist/openapi.json', 'package/dist/openapi.yaml', 'package/lib/walk.mjs']));

    const manifest = join(dir, 'openapi/package.json');
    const json = JSON.parse(readFileSync(manifest, 'utf8'));
    writeFileSync(manifest, JSON.stringify({ ...json, version: '99.0.0' }, null, 2));
    const stale = pack('openapi');
    expect(stale.status).not.toBe(0);
    expect(stale.output).toMatch(/dist\/openapi\.json says version \S+, the package is at 99\.0\.0/);
  });
});
