// What the pending changesets release a package as: read with changesets' own parser, through
// the `fixed` groups of .changeset/config.json (changesets bumps a fixed group as one, so a
// major for @chert/client releases @chert/openapi as a major too).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import parseChangeset from '@changesets/parse';

/** Release types from smallest to largest; `none` releases nothing. */
export const BUMPS = ['none', 'patch', 'minor', 'major'];
const rank = (bump) => BUMPS.indexOf(bump ?? 'none');
export const larger = (a, b) => (rank(b) > rank(a) ? b : a);
/** Whether a release of type `bump` may carry a change that needs `needed`. */
export const covers = (bump, needed) => rank(bump) >= rank(needed);

/**
 * The pending changesets that release `pkg` (or a package of its fixed group), each with the
 * largest bump it gives the group, and the largest of them all.
 * @returns {{ group: string[], bump: 'none' | 'patch' | 'minor' | 'major', files: Array<{ file: string, bump: string }> }}
 */
export function pendingReleases(changesetDir, pkg) {
  const group = [pkg];
  const none = { group, bump: /** @type {const} */ ('none'), files: [] };
  if (!existsSync(changesetDir)) return none;
  const configPath = join(changesetDir, 'config.json');
  const fixed = existsSync(configPath) ? JSON.parse(readFileSync(configPath, 'utf8')).fixed ?? [] : [];
  for (const name of fixed.filter((g) => g.includes(pkg)).flat()) if (!group.includes(name)) group.push(name);

  const files = [];
  // Exactly the files changesets reads: every .md but README.md.
  for (const file of readdirSync(changesetDir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort()) {
    let releases;
    try {
      ({ releases } = parseChangeset(readFileSync(join(changesetDir, file), 'utf8')));
    } catch (error) {
      throw new Error(`.changeset/${file} is not a changeset that changesets can read: ${String(error.message).split('\n')[0]}`);
    }
    const bump = releases.filter((r) => group.includes(r.name)).reduce((acc, r) => larger(acc, r.type), 'none');
    if (bump !== 'none') files.push({ file, bump });
  }
  return { group, bump: files.reduce((acc, f) => larger(acc, f.bump), 'none'), files };
}
