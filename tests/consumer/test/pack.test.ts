// What `pnpm pack` makes of each published package, as npm would receive it: real version
// ranges instead of workspace: and catalog:, only the files meant for users, and no problem
// that publint or arethetypeswrong can see.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, it } from 'vitest';
import { consumer } from './consumer.js';
import { PACKAGES, root } from './global-setup.js';

const require = createRequire(import.meta.url);
const workspace = (dir: string) => JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
const versions = new Map<string, string>(PACKAGES.map((p) => [p.name, workspace(p.dir).version]));
const entries = (tarball: string) => execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
  .split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
const packed = (tarball: string) => JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
/** The pnpm catalog of pnpm-workspace.yaml: `name: version` lines under `catalog:`. */
const catalog = new Map<string, string>(
  (/^catalog:\n((?:[ \t]+.*\n?)*)/m.exec(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8'))?.[1] ?? '')
    .split('\n').map((line) => /^\s+["']?([^"':\s]+)["']?:\s*["']?([^"'\s#]+)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null).map((m) => [m[1]!, m[2]!]),
);
/** Every string a conditional exports map points at. */
const targetsOf = (node: unknown): string[] => (typeof node === 'string' ? [node]
  : node && typeof node === 'object' ? Object.values(node).flatMap(targetsOf) : []);

describe.each(PACKAGES.map((p) => [p.name, p] as const))('%s, packed', (name, { dir }) => {
  const tarball = consumer.tarballs[name]!;
  const source = workspace(dir);
  const manifest = packed(tarball);
  const files = entries(tarball);

  it('has the name and version of the workspace package', () => {
    expect(manifest.name).toBe(name);
    expect(manifest.version).toBe(source.version);
  });

  it('turns workspace: and catalog: ranges into real ones', () => {
    expect(JSON.stringify(manifest)).not.toMatch(/workspace:|catalog:/);
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const [dep, range] of Object.entries<string>(source[field] ?? {})) {
        const want = range.startsWith('workspace:')
          ? `${{ '^': '^', '~': '~', '*': '' }[range.slice('workspace:'.length)] ?? '?'}${versions.get(dep)}`
          : range === 'catalog:' ? catalog.get(dep) : range;
        expect(manifest[field]?.[dep], `${field}.${dep}`).toBe(want);
      }
    }
  });

  it('holds the README, the manifest and what its exports and bin point at, and nothing else', () => {
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md']));
    const targets = [...targetsOf(manifest.exports), ...targetsOf(manifest.main), ...targetsOf(manifest.types)]
      .map((t) => t.replace(/^\.\//, '')).filter((t) => t !== 'package.json');
    for (const bin of Object.values<string>(manifest.bin ?? {})) targets.push(bin.replace(/^\.\//, ''));
    expect(targets.length).toBeGreaterThan(1);
    for (const target of targets) expect(files, target).toContain(target);
    const allowed = (f: string) => f === 'package.json' || /^(README|CHANGELOG|LICENSE)(\.md)?$/.test(f)
      || (manifest.files as string[]).some((entry) => f === entry || f.startsWith(`${entry}/`));
    expect(files.filter((f) => !allowed(f))).toEqual([]);
    expect(files.filter((f) => /(^|\/)(src|test|node_modules|\.reports)\/|\.tsbuildinfo$|\.test\.|\.map$/.test(f))).toEqual([]);
  });

  it('publint finds nothing, not even a suggestion', async () => {
    const { messages, pkg } = await publint({ pack: { tarball: readFileSync(tarball).buffer as ArrayBuffer }, level: 'suggestion', strict: true });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, pkg)}`)).toEqual([]);
  });

  it('arethetypeswrong finds no problem for node10, node16 (CJS and ESM) and bundlers', () => {
    const bin = join(require.resolve('@arethetypeswrong/cli/package.json'), '../dist/index.js');
    // @chert/openapi: the document (JSON, YAML: no types to get wrong) and `./walk`, the
    // shared walker, which is ESM only (an .mjs with its .d.mts), so it is held to that profile.
    const esmOnly = name === '@chert/openapi';
    const args = esmOnly ? ['--profile', 'esm-only', '--exclude-entrypoints', './openapi.json', './openapi.yaml'] : [];
    const ran = spawnSync(process.execPath, [bin, tarball, '--format', 'json', ...args], { encoding: 'utf8' });
    const report = JSON.parse(ran.stdout);
    if (esmOnly) {
      expect(Object.keys(manifest.exports).filter((k) => !/\.(json|yaml)$/.test(k))).toEqual(['./walk']);
      expect(Object.keys(report.analysis.entrypoints)).toEqual(['./walk', './package.json']);
      // What the esm-only profile ignores: resolution from CommonJS (node10, node16-cjs).
      const ignored = new Set(['node10', 'node16-cjs']);
      expect(report.analysis.problems.filter((p: { resolutionKind: string }) => !ignored.has(p.resolutionKind))).toEqual([]);
    } else {
      expect(report.analysis.types).not.toBe(false);
      expect(report.analysis.problems).toEqual([]);
      expect(Object.keys(report.analysis.entrypoints)).toContain('.');
    }
    expect(ran.status, ran.stderr).toBe(0);
  });
});
