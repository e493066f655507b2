// What one changeset releases, and that the build then says the new version everywhere: on a
// clean clone of HEAD with the pending changesets removed.
import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { bump, cloneRepo, current, manifestOf, pendingChangesets, plan, pnpm, useScratch, writeChangeset } from './clone.js';
import { FIXED, readJson } from './repo.js';

useScratch();

describe('what one changeset releases (changeset status on a clean clone)', () => {
  let dir: string;
  beforeAll(() => {
    dir = cloneRepo('policy');
    for (const f of pendingChangesets(dir)) unlinkSync(join(dir, '.changeset', f));
  });

  // [name, the changeset's bumps, what is released at which level]
  it.each<[string, Record<string, string>, Record<string, string>]>([
    ['a document patch: the group, not the mock (still in its range)', { '@chert/openapi': 'patch' },
      { '@chert/openapi': 'patch', '@chert/types': 'patch', '@chert/client': 'patch' }],
    ['a document minor: the group, and the mock as a patch (out of its range)', { '@chert/openapi': 'minor' },
      { '@chert/openapi': 'minor', '@chert/types': 'minor', '@chert/client': 'minor', '@chert/mock': 'patch' }],
    ['a document major', { '@chert/openapi': 'major' },
      { '@chert/openapi': 'major', '@chert/types': 'major', '@chert/client': 'major', '@chert/mock': 'patch' }],
    ['a client fix releases the whole group', { '@chert/client': 'patch' },
      { '@chert/openapi': 'patch', '@chert/types': 'patch', '@chert/client': 'patch' }],
    ['a mock change releases only the mock', { '@chert/mock': 'minor' }, { '@chert/mock': 'minor' }],
  ])('%s', (_name, bumps, want) => {
    writeChangeset(dir, 'one-change.md', bumps, 'One change.');
    const { releases } = plan(dir);
    const got = Object.fromEntries(releases.filter((r) => r.type !== 'none').map((r) => [r.name, r.type]));
    expect(got).toEqual(want);
    for (const r of releases.filter((r) => r.type !== 'none')) expect(r.newVersion).toBe(bump(current(r.name), r.type));
  });

  it('after version-packages, the build says the new version: document, types, client user agent', async () => {
    writeChangeset(dir, 'one-change.md', { '@chert/openapi': 'minor' }, 'A new operation.');
    const next = bump(current('@chert/openapi'), 'minor');
    pnpm(dir, ['version-packages']);
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
