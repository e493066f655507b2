// Once per run: pack the published packages as `pnpm publish` would (`pnpm pack`), and
// install the tarballs with npm into a project in the system's temporary folder, outside the
// workspace, where nothing of the monorepo can be found by accident. Third-party dependencies
// (openapi-fetch, Prism, TypeScript) come from the npm registry, through npm's cache.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

export const root = resolve(import.meta.dirname, '../../..');
export const PACKAGES = [
  { name: '@chert/openapi', dir: 'openapi' },
  { name: '@chert/types', dir: 'packages/types' },
  { name: '@chert/client', dir: 'packages/client' },
  { name: '@chert/mock', dir: 'packages/mock' },
  { name: '@chert/cli', dir: 'packages/cli' },
] as const;
// The consumer's own tools, at the versions of the workspace catalog.
const TOOLS = ['typescript@5.9.3', '@types/node@20.19.43'];

export interface Consumer {
  /** The temporary folder: `tarballs/`, and the project `app/` with `esm/` and `cjs/` in it. */
  dir: string;
  app: string;
  tarballs: Record<string, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    consumer: Consumer;
  }
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`\`${command} ${args.join(' ')}\` in ${cwd} exited ${result.status}:\n${result.stdout}${result.stderr}${result.error ?? ''}`);
  }
  return result.stdout;
}

/** Folders of earlier runs that were killed before their teardown (over an hour old). */
function removeStale() {
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (name.startsWith('chert-consumer-') && Date.now() - statSync(path).mtimeMs > 3_600_000) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}

export default function setup(project: TestProject) {
  removeStale();
  const dir = mkdtempSync(join(tmpdir(), 'chert-consumer-'));
  const tarballDir = join(dir, 'tarballs');
  mkdirSync(tarballDir);

  const tarballs: Record<string, string> = {};
  for (const pkg of PACKAGES) {
    const before = new Set(readdirSync(tarballDir));
    run('pnpm', ['pack', '--pack-destination', tarballDir], join(root, pkg.dir));
    const made = readdirSync(tarballDir).filter((f) => !before.has(f));
    if (made.length !== 1) throw new Error(`pnpm pack in ${pkg.dir} made ${made.join(', ') || 'nothing'}`);
    tarballs[pkg.name] = join(tarballDir, made[0]!);
  }

  const app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'chert-consumer', version: '1.0.0', private: true }, null, 2)}\n`);
  // npm from the temporary folder: the repo's .npmrc and pnpm's node_modules are out of reach,
  // and so is the configuration pnpm hands its scripts (npm_config_*), which is pnpm's.
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (/^(npm_|pnpm_)/i.test(key)) delete env[key];
  Object.assign(env, {
    SCARF_ANALYTICS: 'false',
    DO_NOT_TRACK: '1',
    npm_config_update_notifier: 'false',
    // npm's own cache (~/.npm) is shared by every run; CHERT_NPM_CACHE moves it.
    ...(process.env.CHERT_NPM_CACHE ? { npm_config_cache: process.env.CHERT_NPM_CACHE } : {}),
  });
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error',
    ...PACKAGES.map((p) => tarballs[p.name]!), ...TOOLS], app, env);

  const fixtures = join(import.meta.dirname, '..', 'fixtures');
  for (const kind of ['esm', 'cjs']) {
    cpSync(join(fixtures, kind), join(app, kind), { recursive: true });
    // The same source in both module systems: tsc writes import or require from it.
    cpSync(join(fixtures, 'shared'), join(app, kind, 'src'), { recursive: true });
  }

  project.provide('consumer', { dir, app, tarballs });
  return () => rmSync(dir, { recursive: true, force: true });
}
