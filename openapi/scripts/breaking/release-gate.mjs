// The gate: the release the document's changes need against the release the pending
// changesets announce, and the report that says which is missing.
//
//   needs none   additions and other compatible changes: passes whatever is pending
//   needs minor  a response may now carry a new enum value or a value a loosened pattern,
//                format or bound let through: passes when a changeset releases the package
//                (or its fixed group) as a minor or a major
//   needs major  a break: passes only with a major
import { covers } from './pending-changesets.mjs';

const LEVELS = ['none', 'minor', 'major'];
const LABELS = { none: 'ok      ', minor: 'MINOR   ', major: 'BREAKING' };

/** The largest level among the changes. */
export function neededRelease(changes) {
  return changes.reduce((acc, c) => (LEVELS.indexOf(c.level) > LEVELS.indexOf(acc) ? c.level : acc), 'none');
}

/**
 * Whether the pending releases carry the changes.
 * @param {Array<{ level: 'none' | 'minor' | 'major' }>} changes
 * @param {{ bump: string, files: Array<{ file: string, bump: string }> }} pending
 */
export function decide(changes, pending) {
  const needs = neededRelease(changes);
  const ok = needs === 'none' || covers(pending.bump, needs);
  // The changesets that are enough on their own, to name them in the report.
  const by = needs === 'none' ? [] : pending.files.filter((f) => covers(f.bump, needs)).map((f) => f.file);
  return { needs, ok, bump: pending.bump, by };
}

// One shared schema changed shows up in every operation and status that uses it: list the
// first place and count the others.
function grouped(changes) {
  const groups = new Map();
  for (const c of changes) {
    const inside = /\) (.*)$/.exec(c.where)?.[1] ?? c.where;
    const key = `${c.code}|${c.message}|${inside}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()];
}

/**
 * The report for a person: every change with its level, then the verdict and what to do.
 * @param {{ changes: any[], decision: ReturnType<typeof decide>, against: string, pkg: string, group: string[] }} input
 */
export function report({ changes, decision, against, pkg, group }) {
  const lines = [];
  if (changes.length === 0) lines.push(`No change to the API in ${against}.`);
  else lines.push(`${changes.length} change(s) to the API in ${against}:`);
  for (const g of grouped(changes)) {
    const more = g.length > 1 ? ` (and ${g.length - 1} more place${g.length > 2 ? 's' : ''} sharing the schema)` : '';
    const [c] = g;
    lines.push(`  ${LABELS[c.level]} ${c.where}${more}: ${c.message} [${c.code}]`);
  }
  const count = (level) => changes.filter((c) => c.level === level).length;
  const files = decision.by.map((f) => `.changeset/${f}`).join(', ');
  const others = group.filter((n) => n !== pkg);
  const release = `${pkg}${others.length ? ` (or ${others.join(' or ')}, its fixed group)` : ''}`;
  if (decision.ok && decision.needs === 'major') {
    lines.push(`Breaking changes announced as a major release of ${pkg} by ${files}.`);
  } else if (decision.ok && decision.needs === 'minor') {
    lines.push(`Changes that need a minor release, announced as a ${decision.bump} release of ${pkg} by ${files}.`);
  } else if (decision.needs === 'major') {
    lines.push('');
    lines.push(`${count('major')} breaking change(s) and no changeset releases ${pkg} as a major${decision.bump === 'none' ? '' : ` (the pending ones make it a ${decision.bump})`}.`);
    lines.push(`Either make the change compatible, or run \`pnpm changeset\`, pick ${release} and "major", and say in one paragraph what users must change.`);
  } else if (decision.needs === 'minor') {
    lines.push('');
    lines.push(`${count('minor')} change(s) need at least a minor release, and no changeset releases ${pkg} as a minor or a major${decision.bump === 'none' ? '' : ` (the pending ones make it a ${decision.bump})`}.`);
    lines.push('Responses may now carry values they could not before (a new enum member, or a value that a loosened pattern, format or bound lets through): code that switches over them exhaustively, or validates them, can fail.');
    lines.push(`Run \`pnpm changeset\`, pick ${release} and "minor" (or "major"), and say in one paragraph what responses may now contain.`);
  }
  return lines.join('\n');
}
