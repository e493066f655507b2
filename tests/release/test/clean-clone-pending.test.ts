// The changesets pending in the repository, applied on a clean clone of HEAD exactly as the
// release workflow applies them: `pnpm changeset status`, then `pnpm version-packages`; then
// the build of the new versions says the new version everywhere.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cloneRepo, dirOf, manifestOf, pendingChangesets, plan, pnpm, useScratch, writeChangeset, type Plan } from './clone.js';
import { FIXED, VERSIONED, readJson, sh } from './repo.js';

useScratch();

describe('the pending changesets, on a clean clone', () => {
  let dir: string;
  let pending: Plan;
  beforeAll(() => {
    dir = cloneRepo('pending');
    // Right after a release nothing is pending; a document patch then makes the run move.
    if (!plan(dir).releases.some((r) => r.name === '@chert/openapi' && r.type !== 'none')) {
      writeChangeset(dir, 'dry-run.md', { '@chert/openapi': 'patch' }, 'A dry-run patch.');
    }
    pending = plan(dir);
  });

  it('pnpm changeset status succeeds and releases the fixed group at one version', () => {
    const status = pnpm(dir, ['changeset', 'status']);
    expect(status.output).not.toMatch(/error/i);
    const versions = new Set(pending.releases.filter((r) => (FIXED as readonly string[]).includes(r.name)).map((r) => r.newVersion));
    expect(versions.size).toBeLessThanOrEqual(1);
    for (const r of pending.releases.filter((r) => r.type !== 'none')) expect(VERSIONED as readonly string[]).toContain(r.name);
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
    // The docs site is versioned but stays private: `changeset publish` skips it.
    expect(manifestOf(dir, '@chert/docs').private).toBe(true);
  });

  it('the build then says the new version: document, types, client user agent', async () => {
    const next = manifestOf(dir, '@chert/openapi').version;
    expect(next).toBe(pending.releases.find((r) => r.name === '@chert/openapi')?.newVersion);
    for (const name of FIXED) expect(manifestOf(dir, name).version).toBe(next);
    pnpm(dir, ['--filter', '@chert/types', '--filter', '@chert/client', 'build']);
    expect(readJson(dir, 'openapi/dist/openapi.json').info.version).toBe(next);
    const types = await import(pathToFileURL(join(dir, 'packages/types/dist/index.js')).href);
    expect(types.apiVersion).toBe(next);
    const client = await import(pathToFileURL(join(dir, 'packages/client/dist/index.js')).href);
    expect(client.version).toBe(next);
    let agent: string | null = null;
    const chert = client.createChertClient({
      auth: { bearer: { token: '0123456789abcdef0123456789abcdef' } },
      baseUrl: 'http://127.0.0.1:9',
      fetch: async (request: Request) => {
        agent = request.headers.get('user-agent');
        return Response.json({ chat_id: 'ch_8f3k2m9q', status: 'sent' });
      },
    });
    await chert.contacts.send({ chatId: 'ch_8f3k2m9q' }, { contact: { full_name: 'Ada Lovelace' } });
    expect(agent).toBe(`chert-ts/${next}`);
  });
});
