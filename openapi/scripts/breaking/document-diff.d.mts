// Types for document-diff.mjs.
/** The smallest release that may carry a change. */
export type Level = 'none' | 'minor' | 'major';
export interface Change {
  /** A stable name of the kind of change, e.g. `response-status-removed`. */
  code: string;
  level: Level;
  /** `level === 'major'`. */
  breaking: boolean;
  /** Where: `POST /path response 200 (application/json) .field`, `components.schemas.X`… */
  where: string;
  message: string;
}
export function diffDocuments(before: object, after: object): Change[];
