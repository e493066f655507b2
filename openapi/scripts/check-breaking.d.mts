// Types for check-breaking.mjs, so the tests (TypeScript, strict) can import it.
export interface Change {
  /** A stable name of the kind of change, e.g. `response-status-removed`. */
  code: string;
  breaking: boolean;
  /** Where: `POST /path response 200 (application/json) .field`, `components.schemas.X`… */
  where: string;
  message: string;
}
export function diffDocuments(before: object, after: object): Change[];
export function parseChangeset(text: string): Map<string, 'major' | 'minor' | 'patch' | 'none'>;
export function majorAnnouncements(changesetDir: string, pkg?: string): string[];
export function run(argv: string[], cwd?: string): { code: 0 | 1 | 2; output: string };
