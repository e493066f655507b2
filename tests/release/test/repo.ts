// The repository as the release tests see it: its root, its workspace packages, and a way to
// run a command that explains itself when it fails.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export const root = resolve(import.meta.dirname, '../../..');

export type Manifest = Record<string, any>;

export const readJson = (...parts: string[]): Manifest => JSON.parse(readFileSync(join(...parts), 'utf8'));

export interface WorkspacePackage {
  dir: string; // relative to the root, e.g. "packages/client"
  manifest: Manifest;
}

/** Every package of the workspace, read from `base` (the repo, or a clone of it). */
export function workspacePackages(base = root): WorkspacePackage[] {
  const globs: string[] = parse(readFileSync(join(base, 'pnpm-workspace.yaml'), 'utf8')).packages;
  const dirs = globs.flatMap((glob) => {
    if (!glob.endsWith('/*')) return [glob];
    const group = glob.slice(0, -2);
    return existsSync(join(base, group)) ? readdirSync(join(base, group)).map((name) => `${group}/${name}`) : [];
  });
  return dirs
    .filter((dir) => existsSync(join(base, dir, 'package.json')))
    .map((dir) => ({ dir, manifest: readJson(base, dir, 'package.json') }));
}

/** The packages we publish, in dependency order. */
export const PUBLISHED = ['@chert/openapi', '@chert/types', '@chert/client', '@chert/mock', '@chert/cli'] as const;
/** Versioned by changesets: the published packages and the docs site (private). */
export const VERSIONED = [...PUBLISHED, '@chert/docs'] as const;
/** The fixed group: always one version, released together. */
export const FIXED = ['@chert/openapi', '@chert/types', '@chert/client'] as const;

export const env = {
  ...process.env,
  COREPACK_INTEGRITY_KEYS: '0',
  COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  REDOCLY_TELEMETRY: 'off',
  SCARF_ANALYTICS: 'false',
};

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
  output: string;
}

/** Runs a command; returns what it printed. `check` throws with the output on failure. */
export function sh(command: string, args: string[], options: SpawnSyncOptions & { check?: boolean } = {}): Ran {
  const { check = true, ...rest } = options;
  const result = spawnSync(command, args, { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024, ...rest });
  const stdout = String(result.stdout ?? '');
  const stderr = String(result.stderr ?? '');
  const ran = { status: result.status, stdout, stderr, output: `${stdout}${stderr}` };
  if (check && result.status !== 0) {
    throw new Error(`\`${command} ${args.join(' ')}\` exited ${result.status}${result.error ? ` (${result.error.message})` : ''}:\n${ran.output}`);
  }
  return ran;
}
