// Types for release-gate.mjs.
import type { Change, Level } from './document-diff.mjs';
import type { Bump, PendingReleases } from './pending-changesets.mjs';
export function neededRelease(changes: Pick<Change, 'level'>[]): Level;
export interface Decision {
  needs: Level;
  ok: boolean;
  /** What the pending changesets release the package as. */
  bump: Bump;
  /** The changesets that are each enough for what the changes need. */
  by: string[];
}
export function decide(changes: Pick<Change, 'level'>[], pending: Pick<PendingReleases, 'bump' | 'files'>): Decision;
export function report(input: { changes: Change[]; decision: Decision; against: string; pkg: string; group: string[] }): string;
