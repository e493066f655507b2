// Types for pending-changesets.mjs.
export type Bump = 'none' | 'patch' | 'minor' | 'major';
export declare const BUMPS: readonly Bump[];
export function larger(a: Bump, b: Bump): Bump;
export function covers(bump: Bump, needed: Bump): boolean;
export interface PendingReleases {
  /** The package and the other members of its fixed group. */
  group: string[];
  /** The largest bump any pending changeset gives the group. */
  bump: Bump;
  /** The changesets that release the group, each with the bump it gives it. */
  files: Array<{ file: string; bump: Bump }>;
}
export function pendingReleases(changesetDir: string, pkg: string): PendingReleases;
