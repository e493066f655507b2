// The core every method stands on: openapi-fetch as the engine, each of its calls run as a Call
// (limits, abort, release) through the transport (signing, retries). `request` is what a
// resource method calls: one line naming the operation, its parameters and the call's options.
import { operationMeta, type OperationId, type operations, type paths, type SuccessBody } from '@chert/types';
import * as openapiFetch from 'openapi-fetch';
import type { Client } from 'openapi-fetch';
import { check, resolveLimits, type FetchLike, type ResolvedOptions } from '../options.js';
import type { Signing } from '../sign.js';
import { APIPromise } from './api-promise.js';
import { Call, type CallOptions } from './call.js';
import { toApiError } from './errors.js';
import { operationOf } from './operations.js';
import { createTransport } from './transport.js';

// In our CommonJS build, Node's interop rules make `default` openapi-fetch's whole exports
// object, whose own `default` is the function; in ESM it is the function itself.
const createClient =
  (openapiFetch.default as unknown as { default?: typeof openapiFetch.default }).default ?? openapiFetch.default;

type Defined<T> = Exclude<T, undefined>;
type Params<O extends OperationId> = operations[O]['parameters'];
type PathOf<O extends OperationId> = Defined<Params<O>['path']>;
type QueryOf<O extends OperationId> = Defined<Params<O>['query']>;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type BodyOf<O extends OperationId> = JsonOf<operations[O]['requestBody']>;

/** What an operation takes besides the call's options: its path parameters, query and body. */
export type OperationInput<O extends OperationId> = ([PathOf<O>] extends [never] ? {} : { path: PathOf<O> }) &
  ([QueryOf<O>] extends [never] ? {} : {} extends QueryOf<O> ? { query?: QueryOf<O> | undefined } : { query: QueryOf<O> }) &
  ([BodyOf<O>] extends [never]
    ? {}
    : operations[O] extends { requestBody: unknown }
      ? { body: BodyOf<O> }
      : { body?: BodyOf<O> | undefined });

export interface Core {
  /** The typed openapi-fetch client, each call run under the client's limits, signed and retried. */
  api: Client<paths>;
  /**
   * Calls `operationId`: resolves to its success body, rejects with a `ChertError`; the promise's
   * `.withResponse()` also gives the Response and its trace id.
   */
  request<O extends OperationId>(
    operationId: O,
    input: OperationInput<O>,
    options?: CallOptions,
  ): APIPromise<SuccessBody<O>>;
}

const asIs = <T>(value: T): T => value;

/** A promise of the call's result that rejects with `error`: bad input fails the call, never the caller's stack. */
export const rejected = <T>(error: unknown): APIPromise<T> =>
  new APIPromise<T>(Promise.reject(error), () => {
    throw error;
  });

export function createCore(o: ResolvedOptions, signing: Signing): Core {
  const transport = createTransport(o, signing);
  const engine = createClient<paths>({ baseUrl: o.baseUrl, Request: transport.Request, headers: o.headers });

  /** One call of the engine, as the call `call`, settling with `finish` of its result. */
  const run = <R>(
    call: Call,
    method: string,
    path: string,
    init: object | undefined,
    finish: (result: { data?: unknown; error?: unknown; response: Response }) => R,
    own?: FetchLike,
  ) =>
    call.run(
      () =>
        engine.request(method as never, path as never, {
          ...init,
          fetch: (request: Request, ext?: RequestInit) => transport.send(call, request, ext, own),
        } as never) as Promise<{ data?: unknown; error?: unknown; response: Response }>,
      finish,
    );

  // The typed client's methods: the caller's signal and fetch are the call's, the rest is openapi-fetch's.
  const raw = (method: string, path: string, init?: { signal?: AbortSignal | null; fetch?: FetchLike }) =>
    run(new Call(operationOf(method, path), o, init?.signal ?? undefined, o.log), method, path, init, asIs, init?.fetch);
  const api: Record<string, unknown> = { ...engine, request: (method: string, path: string, init?: never) => raw(method.toUpperCase(), path, init) };
  // openapi-fetch names its HTTP methods in capitals (GET, POST…): each becomes a call.
  for (const method of Object.keys(engine)) if (/^[A-Z]+$/.test(method)) api[method] = (path: string, init?: never) => raw(method, path, init);

  return {
    api: api as unknown as Client<paths>,
    request(operationId, input, options) {
      try {
        const { method, path } = operationMeta[operationId];
        const { headers, signal } = options ?? {};
        check(signal === undefined || typeof signal?.addEventListener === 'function', '`signal` must be an AbortSignal');
        const call = new Call(operationOf(method, path), options ? resolveLimits(options, o) : o, signal, o.log);
        const { path: pathParams, query, body } = input as { path?: unknown; query?: unknown; body?: unknown };
        let response: Response | undefined;
        const data = run(call, method, path, { params: { path: pathParams, query }, body, headers }, (result) => {
          response = result.response;
          if (!response.ok || (result.data === undefined && response.status !== 204)) {
            throw toApiError(result.error, response, operationId);
          }
          return result.data as never;
        });
        return new APIPromise(data, () => response!);
      } catch (error) {
        return rejected(error);
      }
    },
  };
}
