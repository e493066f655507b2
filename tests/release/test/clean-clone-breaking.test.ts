// Document changes, end to end on a clean clone of HEAD. A break: the check fails, a major
// changeset lets it pass, and version-packages releases the major and records the document.
// A widened response: the same with a minor.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument, type Document } from 'yaml';
import { bump, cloneRepo, current, manifestOf, pendingChangesets, pnpm, useScratch, writeChangeset } from './clone.js';
import { FIXED, readJson, sh } from './repo.js';

useScratch();

/**
 * A clean clone without pending changesets, its document as it is now recorded as the
 * released one, so only the test's own change is pending.
 */
function cloneReleasedAsItIs(name: string): string {
  const dir = cloneRepo(name);
  for (const f of pendingChangesets(dir)) unlinkSync(join(dir, '.changeset', f));
  pnpm(dir, ['--filter', '@chert/openapi', 'build']);
  sh('node', ['openapi/scripts/check-breaking.mjs', '--accept'], { cwd: dir });
  return dir;
}

/** Edits one YAML file of the document in `dir`, then rebuilds the bundle. */
function changeDocument(dir: string, file: string, edit: (doc: Document) => void): void {
  const path = join(dir, file);
  const doc = parseDocument(readFileSync(path, 'utf8'));
  edit(doc);
  writeFileSync(path, doc.toString());
  pnpm(dir, ['--filter', '@chert/openapi', 'build']);
}

/** The breaking-change check in `dir`; a failure is returned, not thrown. */
const checkBreaking = (dir: string) => sh('node', ['openapi/scripts/check-breaking.mjs'], { cwd: dir, check: false });

describe('a breaking document change, end to end on a clean clone', () => {
  let dir: string;
  let removed: string;
  const check = () => checkBreaking(dir);

  beforeAll(() => {
    dir = cloneReleasedAsItIs('breaking');
    // Drop the last path of the document: its operations disappear.
    changeDocument(dir, 'openapi/openapi.yaml', (doc) => {
      const paths = doc.get('paths') as { items: { key: { value: string } }[] };
      removed = paths.items.at(-1)!.key.value;
      doc.deleteIn(['paths', removed]);
    });
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

// The middle level, end to end: a response that may carry a new value (a code added to
// ErrorCode widens ChertApiError.code) needs at least a minor, and a minor is enough.
describe('a widened response, end to end on a clean clone', () => {
  let dir: string;
  const check = () => checkBreaking(dir);
  const code = 1999;

  beforeAll(() => {
    dir = cloneReleasedAsItIs('widened');
    changeDocument(dir, 'openapi/components/schemas/ErrorCode.yaml', (doc) => {
      (doc.get('enum') as { add(value: unknown): void }).add(code);
    });
  });

  it('fails the check without a changeset and with a patch, saying what changed and that it needs a minor', () => {
    const ran = check();
    expect(ran.status).toBe(1);
    expect(ran.output).toContain(`MINOR    components.schemas.ErrorCode: may now be ${code}`);
    expect(ran.output).toMatch(/need at least a minor release, and no changeset releases @chert\/openapi as a minor or a major\./);
    expect(ran.output).not.toContain('BREAKING');
    writeChangeset(dir, 'new-code.md', { '@chert/openapi': 'patch' }, 'Not enough.');
    expect(check()).toMatchObject({ status: 1, stderr: expect.stringContaining('the pending ones make it a patch') });
  });

  it('passes with a minor, and version-packages releases the group as a minor', () => {
    writeChangeset(dir, 'new-code.md', { '@chert/openapi': 'minor' }, `Error code ${code} may now be answered.`);
    expect(check()).toMatchObject({ status: 0, stdout: expect.stringContaining('announced as a minor release of @chert/openapi by .changeset/new-code.md') });
    const next = bump(current('@chert/openapi'), 'minor');
    pnpm(dir, ['version-packages']);
    for (const name of FIXED) expect(manifestOf(dir, name).version).toBe(next);
    expect(readJson(dir, 'openapi/released/openapi.json').components.schemas.ErrorCode.enum).toContain(code);
    const ran = check();
    expect(ran.status, ran.output).toBe(0);
    expect(ran.stdout).toMatch(/No change to the API/);
  });
});
