// Clean clones of HEAD for the release tests (clean-clone-*.test.ts): in a temporary folder,
// with the workspace's installed node_modules linked in (same lockfile, nothing to install),
// never touching the real working tree, which every test file checks on the way out.
// A clone holds what is committed: uncommitted work is not part of these checks.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { env, readJson, root, sh, workspacePackages, type Manifest } from './repo.js';

let scratch: string;

// The real tree must come out as it went in. What a version run would change there: versions,
// CHANGELOG files, the changesets it consumes, the released record and the bundle. (Other
// edits to the same files, by whoever works in the tree meanwhile, are not this test's.)
const fingerprint = (): Record<string, string | boolean | null> => {
  const out: Record<string, string | boolean | null> = {};
  for (const p of workspacePackages()) {
    out[`${p.dir}/package.json version`] = p.manifest.version ?? null;
    out[`${p.dir}/CHANGELOG.md exists`] = existsSync(join(root, p.dir, 'CHANGELOG.md'));
  }
  for (const f of readdirSync(join(root, '.changeset'))) out[`.changeset/${f} exists`] = true;
  const released = join(root, 'openapi/released/openapi.json');
  out['openapi/released/openapi.json'] = existsSync(released) ? createHash('sha256').update(readFileSync(released)).digest('hex') : null;
  out['openapi/dist/openapi.json version'] = readJson(root, 'openapi/dist/openapi.json').info?.version ?? null;
  return out;
};

/**
 * Call once per test file: a scratch folder, removed after, and the real tree checked: what a
 * version run changes is as it was (things others add meanwhile are not compared).
 */
export function useScratch() {
  let before: Record<string, string | boolean | null>;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'chert-clean-clone-'));
    before = fingerprint();
  });
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
    const after = fingerprint();
    expect(Object.fromEntries(Object.keys(before).map((f) => [f, after[f] ?? false])), 'the real working tree is untouched').toEqual(before);
  });
}

/** A clone of HEAD on a local `main` (changesets compares with main), node_modules linked. */
export function cloneRepo(name: string): string {
  const dir = join(scratch, name);
  sh('git', ['clone', '--quiet', '--no-hardlinks', root, dir]);
  sh('git', ['checkout', '--quiet', '-B', 'main'], { cwd: dir });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const p of ['openapi', 'packages/types', 'packages/client']) linkNodeModules(dir, p);
  return dir;
}

/**
 * The package's installed dependencies, each linked to the real one, except our own packages,
 * which must be the clone's (a build there reads the clone's version, not the real tree's).
 */
function linkNodeModules(clone: string, pkg: string) {
  const from = join(root, pkg, 'node_modules');
  const to = join(clone, pkg, 'node_modules');
  if (!existsSync(from)) return;
  const ours = new Map(workspacePackages(clone).map((p) => [p.manifest.name as string, join(clone, p.dir)]));
  mkdirSync(to);
  for (const entry of readdirSync(from)) {
    if (!entry.startsWith('@')) {
      symlinkSync(realpathSync(join(from, entry)), join(to, entry), 'dir');
      continue;
    }
    mkdirSync(join(to, entry));
    for (const name of readdirSync(join(from, entry))) {
      const target = ours.get(`${entry}/${name}`) ?? realpathSync(join(from, entry, name));
      symlinkSync(target, join(to, entry, name), 'dir');
    }
  }
}

// pnpm may not reach the registry: the lockfile already holds every resolution.
export const offline = { ...env, npm_config_offline: 'true' };
export const pnpm = (cwd: string, args: string[], check = true) => sh('pnpm', args, { cwd, env: offline, check });

export interface Plan {
  changesets: { id: string; summary: string; releases: { name: string; type: string }[] }[];
  releases: { name: string; type: string; oldVersion: string; newVersion: string; changesets: string[] }[];
}
export function plan(dir: string): Plan {
  pnpm(dir, ['changeset', 'status', '--output=plan.json']);
  const result = readJson(dir, 'plan.json') as Plan;
  unlinkSync(join(dir, 'plan.json'));
  return result;
}
export const pendingChangesets = (dir: string) => readdirSync(join(dir, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
export const manifestOf = (dir: string, name: string): Manifest => {
  const pkg = workspacePackages(dir).find((p) => p.manifest.name === name);
  if (!pkg) throw new Error(`${name} not found in ${dir}`);
  return pkg.manifest;
};
export const dirOf = (name: string) => workspacePackages().find((p) => p.manifest.name === name)!.dir;
export const writeChangeset = (dir: string, file: string, bumps: Record<string, string>, summary: string) =>
  writeFileSync(join(dir, '.changeset', file), `---\n${Object.entries(bumps).map(([n, b]) => `"${n}": ${b}`).join('\n')}\n---\n\n${summary}\n`);
export const bump = (version: string, type: string) => {
  const [major, minor, patch] = version.split('.').map(Number) as [number, number, number];
  return type === 'major' ? `${major + 1}.0.0` : type === 'minor' ? `${major}.${minor + 1}.0` : `${major}.${minor}.${patch + 1}`;
};
export const current = (name: string) => readJson(root, dirOf(name), 'package.json').version as string;

