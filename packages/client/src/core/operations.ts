// Which documented operation a request is, read back from its method and URL. The retry-safety
// rule comes from the document's `x-idempotent` (via `operationMeta`), never from a list here.
import { operationMeta, type OperationId } from '@chert/types';

type Route = { id: OperationId; method: string; pattern: RegExp; idempotent: boolean };

const routes: Route[] = (Object.keys(operationMeta) as OperationId[]).map((id) => {
  const meta = operationMeta[id];
  // Document paths hold only letters, digits, `/`, `-`, `_` and `{param}`: nothing to escape.
  const path = meta.path.replace(/\{[^}]+\}/g, '[^/?#]+');
  // Any base URL may come before the path; a query or fragment may follow it.
  return { id, method: meta.method, pattern: new RegExp(`${path}(?:[?#]|$)`), idempotent: meta.idempotent };
});

/** The operation a request is, or undefined for a path the document does not know. */
export function operationOf(method: string, url: string): Route | undefined {
  for (const route of routes) {
    if (route.method === method && route.pattern.test(url)) return route;
  }
  return undefined;
}
