// A breaking document change, end to end on a clean clone of HEAD: the check fails, a major
// changeset lets it pass, and version-packages releases the major and records the document.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { bump, cloneRepo, current, manifestOf, pendingChangesets, pnpm, useScratch, writeChangeset } from './clone.js';
import { FIXED, readJson, sh } from './repo.js';

useScratch();

describe('a breaking document change, end to end on a clean clone', () => {
  let dir: string;
  let removed: string;
  const check = () => sh('node', ['openapi/scripts/check-breaking.mjs'], { cwd: dir, check: false });

  beforeAll(() => {
    dir = cloneRepo('breaking');
    for (const f of pendingChangesets(dir)) unlinkSync(join(dir, '.changeset', f));
    // Drop the last path of the document: its operations disappear.
    const file = join(dir, 'openapi/openapi.yaml');
    const doc = parseDocument(readFileSync(file, 'utf8'));
    const paths = doc.get('paths') as { items: { key: { value: string } }[] };
    removed = paths.items.at(-1)!.key.value;
    doc.deleteIn(['paths', removed]);
    writeFileSync(file, doc.toString());
    pnpm(dir, ['--filter', '@chert/openapi', 'build']);
  });

  it('fails the check without a changeset, and with a minor one', () => {
    const ran = check();
    expect(ran.status).toBe(1);
    expect(ran.output).toContain(`BREAKING ${removed}: path removed`);
    writeChangeset(dir, 'drop-path.md', { '@chert/openapi': 'minor' }, 'Not enough.');
    expect(check().status).toBe(1);
  });

  it('version-packages refuses to release an unannounced break, and changes nothing', () => {
    writeChangeset(dir, 'drop-path.md', { '@chert/openapi': 'minor' }, 'Not enough.');
    const version = current('@chert/openapi');
    const ran = pnpm(dir, ['version-packages'], false);
    expect(ran.status).not.toBe(0);
    expect(ran.output).toContain('no changeset releases @chert/openapi as a major');
    expect(manifestOf(dir, '@chert/openapi').version).toBe(version);
    expect(pendingChangesets(dir)).toEqual(['drop-path.md']);
    expect(readJson(dir, 'openapi/released/openapi.json').paths).toHaveProperty(removed);
  });

  it('passes once a changeset releases @chert/openapi as a major', () => {
    writeChangeset(dir, 'drop-path.md', { '@chert/openapi': 'major' }, `Removes \`${removed}\`.`);
    expect(check()).toMatchObject({ status: 0, stdout: expect.stringContaining('.changeset/drop-path.md') });
  });

  it('version-packages releases the group as a major and records the new document', () => {
    writeChangeset(dir, 'drop-path.md', { '@chert/openapi': 'major' }, `Removes \`${removed}\`.`);
    const next = bump(current('@chert/openapi'), 'major');
    pnpm(dir, ['version-packages']);
    for (const name of FIXED) expect(manifestOf(dir, name).version).toBe(next);
    expect(readFileSync(join(dir, 'openapi/CHANGELOG.md'), 'utf8'))
      .toMatch(new RegExp(`## ${next.replace(/\./g, '\\.')}\\n\\n### Major Changes\\n\\n- (?:[0-9a-f]{7}: )?Removes \`${removed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\``));
    expect(readJson(dir, 'openapi/released/openapi.json').paths).not.toHaveProperty(removed);
    expect(readJson(dir, 'openapi/released/openapi.json').info.version).toBe(next);
    expect(pendingChangesets(dir)).toEqual([]);
    const ran = check();
    expect(ran.status, ran.output).toBe(0);
    expect(ran.stdout).toMatch(/No change to the API/);
  });
});
