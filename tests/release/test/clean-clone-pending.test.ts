// The changesets pending in the repository, applied on a clean clone of HEAD exactly as the
// release workflow applies them: `pnpm changeset status`, then `pnpm version-packages`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cloneRepo, dirOf, manifestOf, pendingChangesets, plan, pnpm, useScratch, type Plan } from './clone.js';
import { FIXED, PUBLISHED, readJson, root, sh } from './repo.js';

useScratch();

describe('the pending changesets, on a clean clone', () => {
  let dir: string;
  let pending: Plan;
  beforeAll(() => {
    dir = cloneRepo('pending');
    pending = plan(dir);
  });

  it('pnpm changeset status succeeds and releases the fixed group at one version', () => {
    const status = pnpm(dir, ['changeset', 'status']);
    expect(status.output).not.toMatch(/error/i);
    const versions = new Set(pending.releases.filter((r) => (FIXED as readonly string[]).includes(r.name)).map((r) => r.newVersion));
    expect(versions.size).toBeLessThanOrEqual(1);
    for (const r of pending.releases.filter((r) => r.type !== 'none')) expect(PUBLISHED as readonly string[]).toContain(r.name);
    expect(pending.changesets.map((c) => `${c.id}.md`).sort()).toEqual(pendingChangesets(dir).sort());
  });

  it('pnpm version-packages applies them: versions, CHANGELOGs, the released document', () => {
    pnpm(dir, ['version-packages']);
    expect(pendingChangesets(dir)).toEqual([]);
    for (const release of pending.releases) {
      const manifest = manifestOf(dir, release.name);
      if (release.type === 'none') {
        expect(manifest.version, release.name).toBe(release.oldVersion);
        continue;
      }
      expect(manifest.version, release.name).toBe(release.newVersion);
      const changelog = readFileSync(join(dir, dirOf(release.name), 'CHANGELOG.md'), 'utf8');
      expect(changelog).toMatch(new RegExp(`^# ${release.name}\\n\\n## ${release.newVersion.replace(/\./g, '\\.')}\\n`));
      for (const id of release.changesets) {
        const summary = pending.changesets.find((c) => c.id === id)!.summary;
        expect(changelog, `${release.name} CHANGELOG has ${id}`).toContain(summary.split('\n')[0]);
      }
    }
    const openapi = manifestOf(dir, '@chert/openapi').version;
    expect(readJson(dir, 'openapi/dist/openapi.json').info.version).toBe(openapi);
    expect(readJson(dir, 'openapi/released/openapi.json').info.version).toBe(openapi);
    const check = sh('node', ['openapi/scripts/check-breaking.mjs'], { cwd: dir, check: false });
    expect(check.status, check.output).toBe(0);
    // Internal ranges stay workspace: in the repo; `pnpm publish` turns them into versions.
    expect(manifestOf(dir, '@chert/mock').dependencies['@chert/openapi']).toBe('workspace:^');
    expect(manifestOf(dir, '@chert/docs').version).toBe(readJson(root, 'apps/docs/package.json').version);
  });
});
