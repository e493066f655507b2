/**
 * Which documented operation a request is, matched on the raw path: a template parameter
 * takes one non-empty segment, literals must be equal. Parameter values are then
 * percent-decoded; a malformed escape (`ch_%`) is kept raw and reported, so it can be
 * answered like any other bad value instead of crashing a decoder.
 */
import type { LoadedDocument } from '../document/load.js';
import type { Operation } from '../document/operation.js';
import { MockRefusal } from '../mock-error.js';

export interface Route {
  op: Operation;
  /** Path parameters, percent-decoded where the escapes allow. */
  params: Record<string, string>;
  /** Names of path parameters whose escapes could not be decoded. */
  malformed: string[];
}

function matches(op: Operation, parts: string[]): boolean {
  return (
    op.segments.length === parts.length &&
    op.segments.every((seg, i) => ('literal' in seg ? seg.literal === parts[i] : parts[i] !== ''))
  );
}

export function matchRoute(document: LoadedDocument, method: string, path: string | undefined): Route {
  const parts = path?.split('/').slice(1) ?? [];
  const onPath = path === undefined ? [] : document.operations.filter((op) => matches(op, parts));
  const op = onPath.find((candidate) => candidate.method === method);
  const shown = path ?? '(no usable request target)';
  if (!op && onPath.length) {
    const allow = [...new Set(onPath.map((o) => o.method))].join(', ');
    throw new MockRefusal({
      status: 405,
      title: 'Method not in the document',
      detail: `${method} ${shown} is not a documented operation; this path takes ${allow}.`,
      askedFor: { method, path: shown },
      available: onPath.map((o) => `${o.method} ${o.path}`),
      headers: { Allow: allow },
    });
  }
  if (!op) {
    throw new MockRefusal({
      status: 404,
      title: 'No such route in the document',
      detail: `${method} ${shown} matches no operation of the document.`,
      askedFor: { method, path: shown },
      available: document.operations.map((o) => `${o.method} ${o.path} (${o.id})`),
    });
  }
  const params: Record<string, string> = {};
  const malformed: string[] = [];
  op.segments.forEach((seg, i) => {
    if (!('param' in seg)) return;
    const raw = parts[i]!;
    try {
      params[seg.param] = decodeURIComponent(raw);
    } catch {
      params[seg.param] = raw;
      malformed.push(seg.param);
    }
  });
  return { op, params, malformed };
}
