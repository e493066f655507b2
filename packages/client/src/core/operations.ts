// Which documented operation a request is, found by its method and the document's path template
// (the typed client is called with templates; the resource methods by operationId). What the
// core does with it (retry safety, idempotency keys, bearer-only auth) comes from the generated
// table, never from a list here.
import type { OperationId } from '@chert/types';
import { operations } from '../generated/operations.js';
import type { Operation } from './operation.js';

/** A documented operation, named. */
export interface Route extends Operation {
  id: OperationId;
}

/** Every operation of `table`, by operationId and by `METHOD template`. */
export function routes(table: Record<string, Operation>) {
  const byId: Record<string, Route> = {};
  const byTemplate = new Map<string, Route>();
  for (const [id, op] of Object.entries(table)) byTemplate.set(`${op.method} ${op.path}`, (byId[id] = { ...op, id: id as OperationId }));
  return {
    byId: byId as Record<OperationId, Route>,
    /** The operation `method` `template` is, or undefined for one the document does not have. */
    of: (method: string, template: string): Route | undefined => byTemplate.get(`${method} ${template}`),
  };
}

const table = routes(operations);
export const routeOf = table.byId;
export const operationOf = table.of;
