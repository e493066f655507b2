// Which documented operation a request is, read back from its method and its path (the
// document's template, as the typed client is called with, or a URL as sent). What the core does
// with it (retry safety, idempotency keys, bearer-only auth) comes from the generated table,
// never from a list here.
import type { OperationId } from '@chert/types';
import { operations } from '../generated/operations.js';
import type { Operation } from './operation.js';

/** A documented operation, named. */
export interface Route extends Operation {
  id: OperationId;
}
type Meta = Record<string, Operation>;
type Matcher = Route & { pattern: RegExp; rank: number[] };

/**
 * A lookup over a table of operations. A literal segment beats a `{param}` in the same place,
 * so `GET /events/stream` is never taken for `GET /events/{id}` with `id = stream`, and a
 * template given as written (`/events/{id}`) matches only its own operation.
 */
export function router(meta: Meta): (method: string, pathOrUrl: string) => Route | undefined {
  const matchers: Matcher[] = Object.entries(meta).map(([id, op]) => ({
    ...op,
    id: id as OperationId,
    // Document paths hold only letters, digits, `/`, `-`, `_` and `{param}`: nothing to escape.
    // Any base URL may come before the path; a query or fragment may follow it.
    pattern: new RegExp(`${op.path.replace(/\{[^}]+\}/g, '[^/?#]+')}(?:[?#]|$)`),
    rank: op.path.split('/').map((segment) => (segment.startsWith('{') ? 1 : 0)),
  }));
  matchers.sort((a, b) => {
    for (let i = 0; i < Math.min(a.rank.length, b.rank.length); i++) if (a.rank[i] !== b.rank[i]) return a.rank[i]! - b.rank[i]!;
    return 0;
  });
  // The typed client names its path by template: found without a regex.
  const exact = new Map(Object.entries(meta).map(([id, m]) => [`${m.method} ${m.path}`, matchers.find((r) => r.id === id)!]));
  return (method, pathOrUrl) =>
    exact.get(`${method} ${pathOrUrl}`) ?? matchers.find((r) => r.method === method && r.pattern.test(pathOrUrl));
}

/** The operation of the document a request is, or undefined for a path the document does not know. */
export const operationOf = router(operations);
