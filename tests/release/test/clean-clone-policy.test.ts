// What one changeset releases: `changeset status` on a clean clone of HEAD with the pending
// changesets removed, one changeset at a time.
import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bump, cloneRepo, current, pendingChangesets, plan, useScratch, writeChangeset } from './clone.js';

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
    ['a document minor: the group, and the mock and the CLI as patches (out of their ranges)', { '@chert/openapi': 'minor' },
      { '@chert/openapi': 'minor', '@chert/types': 'minor', '@chert/client': 'minor', '@chert/mock': 'patch', '@chert/cli': 'patch' }],
    ['a document major', { '@chert/openapi': 'major' },
      { '@chert/openapi': 'major', '@chert/types': 'major', '@chert/client': 'major', '@chert/mock': 'patch', '@chert/cli': 'patch' }],
    ['a client fix releases the whole group', { '@chert/client': 'patch' },
      { '@chert/openapi': 'patch', '@chert/types': 'patch', '@chert/client': 'patch' }],
    ['a mock change releases only the mock', { '@chert/mock': 'minor' }, { '@chert/mock': 'minor' }],
    ['a CLI change releases only the CLI', { '@chert/cli': 'minor' }, { '@chert/cli': 'minor' }],
  ])('%s', (_name, bumps, want) => {
    writeChangeset(dir, 'one-change.md', bumps, 'One change.');
    const { releases } = plan(dir);
    const got = Object.fromEntries(releases.filter((r) => r.type !== 'none').map((r) => [r.name, r.type]));
    expect(got).toEqual(want);
    for (const r of releases.filter((r) => r.type !== 'none')) expect(r.newVersion).toBe(bump(current(r.name), r.type));
  });
});
