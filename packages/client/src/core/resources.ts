// The generated resource methods, made from the operation table: each operation placed by its
// `x-chert-sdk` becomes `chert.<resource>.<method>(...pathParameters, body?, query?, options?)`
// (a stream: `(...pathParameters, params?)`), typed by src/generated/resources. One closure per
// method per client, which a method taken off its resource (`const { send } = chert.messages`)
// keeps working with.
import type { OperationId } from '@chert/types';
import type { Resources } from '../generated/resources/index.js';
import { routeOf } from './operations.js';
import type { Core } from './request.js';

type Node = Record<string, unknown>;

export function createResources(core: Core): Resources {
  const root: Node = {};
  for (const id in routeOf) {
    const route = routeOf[id as OperationId];
    if (!route.sdk) continue;
    const names = route.sdk.split('.');
    const name = names.pop()!;
    let at = root;
    for (const n of names) at = (at[n] ??= {}) as Node;
    // The path parameters, in the template's order: `{id}`, `{address}`…
    const params = route.path.match(/[^{}]+(?=})/g) ?? [];
    at[name] = (...args: unknown[]) => {
      const path: Record<string, unknown> = {};
      let i = 0;
      for (const param of params) path[param] = args[i++];
      if (route.stream) return core.stream(id as never, args[i] as never, { path });
      const input = { path, body: route.body ? args[i++] : undefined, query: route.query ? args[i++] : undefined } as never;
      return route.pagination ? core.paginate(id as never, input, args[i] as never) : core.request(id as never, input, args[i] as never);
    };
  }
  return root as unknown as Resources;
}
