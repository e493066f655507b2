// The workflow files cannot run here, so they are checked the two ways we can: GitHub's own
// workflow parser (the one behind the Actions editor support) must accept every file, and the
// release workflow must have what a release needs.
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readJson, root, type Manifest } from './repo.js';

const dir = join(root, '.github', 'workflows');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
const load = (file: string): Manifest => parse(readFileSync(join(dir, file), 'utf8'));

function parserErrors(name: string, content: string): string[] {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((e) => e.message);
}

describe('every workflow', () => {
  it('there are the CI and the release workflows', () => {
    expect(files).toEqual(expect.arrayContaining(['ci.yml', 'release.yml']));
  });

  it.each(files)('%s is valid for GitHub Actions', (file) => {
    expect(parserErrors(file, readFileSync(join(dir, file), 'utf8'))).toEqual([]);
  });

  it('the parser would catch a misspelt key (so the check above can fail)', () => {
    const broken = readFileSync(join(dir, 'release.yml'), 'utf8').replace('permissions:\n      contents: write', 'permisions:\n      contents: write');
    expect(broken).not.toBe(readFileSync(join(dir, 'release.yml'), 'utf8'));
    expect(parserErrors('release.yml', broken).join('\n')).toMatch(/permisions/);
  });

  it.each(files)('%s pins every action to a major version or a commit', (file) => {
    const uses = JSON.stringify(load(file)).match(/"uses":"[^"]+"/g) ?? [];
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) expect(use).toMatch(/"uses":"(\.\/[^"]+|[\w.-]+\/[\w.-]+@(v\d+|[0-9a-f]{40}))"/);
  });
});

describe('release.yml', () => {
  const wf = load('release.yml');
  const release = wf.jobs.release;
  const steps: Manifest[] = release.steps;
  const changesets = steps.find((s) => String(s.uses).startsWith('changesets/action@'));
  const scripts = readJson(root, 'package.json').scripts;
  const index = (predicate: (s: Manifest) => boolean) => steps.findIndex(predicate);

  it('runs on pushes to main', () => {
    expect(wf.on.push.branches).toEqual(['main']);
  });

  it('publishes only after the CI workflow passed', () => {
    expect(wf.jobs.test.uses).toBe('./.github/workflows/ci.yml');
    expect([release.needs].flat()).toContain('test');
    expect(load('ci.yml').on).toHaveProperty('workflow_call');
  });

  it('uses the standard changesets action for the version PR and for publishing', () => {
    expect(changesets?.uses).toBe('changesets/action@v1');
    expect(changesets?.with.version).toBe('pnpm version-packages');
    expect(changesets?.with.publish).toBe('pnpm release');
  });

  it('the commands it runs are root scripts that do what they say', () => {
    // Check the document before versioning (an unannounced break is never released), version,
    // then record the rebuilt document as released.
    const steps = scripts['version-packages'].split(' && ');
    const at = (re: RegExp) => steps.findIndex((s: string) => re.test(s));
    expect(at(/check-breaking\.mjs$/)).toBeGreaterThan(at(/@chert\/openapi build/));
    expect(at(/^changeset version$/)).toBeGreaterThan(at(/check-breaking\.mjs$/));
    expect(steps.at(-1)).toBe('node openapi/scripts/check-breaking.mjs --accept');
    expect(steps.at(-2)).toBe('pnpm --filter @chert/openapi build');
    expect(scripts.release).toMatch(/turbo run build\b.*&& changeset publish$/);
    expect(scripts.changeset).toBe('changeset');
  });

  it('publishes with npm provenance', () => {
    expect(release.permissions['id-token']).toBe('write');
    const envs = { ...wf.env, ...release.env, ...changesets?.env };
    expect(String(envs.NPM_CONFIG_PROVENANCE)).toBe('true');
    expect(envs.NPM_TOKEN).toBe('${{ secrets.NPM_TOKEN }}');
    expect(envs.GITHUB_TOKEN).toBe('${{ secrets.GITHUB_TOKEN }}');
  });

  it('may push the version branch and open its pull request, and nothing more', () => {
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(release.permissions).toEqual({ contents: 'write', 'pull-requests': 'write', 'id-token': 'write' });
  });

  it('gets pnpm through corepack and installs the locked dependencies', () => {
    const corepack = index((s) => /\bcorepack enable\b/.test(s.run ?? ''));
    const install = index((s) => /\bpnpm install --frozen-lockfile\b/.test(s.run ?? ''));
    expect(corepack).toBeGreaterThanOrEqual(0);
    expect(install).toBeGreaterThan(corepack);
    expect(index((s) => s === changesets)).toBeGreaterThan(install);
    expect(steps.some((s) => String(s.uses).startsWith('pnpm/action-setup'))).toBe(false);
    expect(readJson(root, 'package.json').packageManager).toMatch(/^pnpm@\d+\.\d+\.\d+$/);
  });

  it('checks out the whole history and the Node version the packages support', () => {
    const checkout = steps.find((s) => String(s.uses).startsWith('actions/checkout@'));
    expect(checkout?.with['fetch-depth']).toBe(0);
    const node = steps.find((s) => String(s.uses).startsWith('actions/setup-node@'));
    expect(Number(node?.with['node-version'])).toBeGreaterThanOrEqual(20);
  });

  it('never runs two releases at once, nor cancels one', () => {
    expect(wf.concurrency['cancel-in-progress']).toBe(false);
  });
});

describe('ci.yml', () => {
  const wf = load('ci.yml');
  const steps: Manifest[] = wf.jobs.test.steps;

  it('runs .ci/run, the same command as CI here, on pull requests and (called by release.yml) on main', () => {
    expect(wf.on).toHaveProperty('pull_request');
    expect(wf.on).toHaveProperty('workflow_call');
    expect(load('release.yml').on.push.branches).toEqual(['main']);
    expect(steps.some((s) => /^bash \.ci\/run$/.test(s.run ?? ''))).toBe(true);
    expect(readFileSync(join(root, '.ci', 'run'), 'utf8')).toMatch(/pnpm test/);
  });

  it('asks for a changeset on pull requests that change a package', () => {
    const step = steps.find((s) => /pnpm changeset status --since=/.test(s.run ?? ''));
    expect(step?.if).toMatch(/pull_request/);
  });

  it('holds no secret', () => {
    expect(readFileSync(join(dir, 'ci.yml'), 'utf8')).not.toMatch(/secrets\./);
  });
});
