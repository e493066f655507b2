// The core every method stands on: openapi-fetch as the engine, each of its calls run as a Call
// (limits, abort, release) through the transport (signing, retries). What a generated resource
// method calls, in one line naming the operation: `request` (one answer), `paginate` (pages and
// their items) and `stream` (Server-Sent Events).
import type { OperationId, operations as Operations, paths } from '@chert/types';
import * as openapiFetch from 'openapi-fetch';
import type { Client } from 'openapi-fetch';
import { resolveLimits, type FetchLike, type ResolvedOptions } from '../options.js';
import type { Signing } from '../sign.js';
import { APIPromise, guarded, IterablePromise, later } from './api-promise.js';
import { Call, type CallOptions } from './call.js';
import { ChertInputError, check } from './chert-error.js';
import { toApiError } from './errors.js';
import { withIdempotencyKey } from './idempotency.js';
import { lazy, unlessAborted } from './lazy.js';
import type { Logger } from './logger.js';
import { operationOf, routeOf, type Route } from './operations.js';
import type { PagePromise, PageSource } from './pagination.js';
import type { StreamOptions, StreamPromise } from './stream.js';
import { createTransport, noop, UNSIGNED } from './transport.js';
import type { UploadData, UploadOptions } from './uploads.js';

// In our CommonJS build, Node's interop rules make `default` openapi-fetch's whole exports
// object, whose own `default` is the function; in ESM it is the function itself.
const createClient =
  (openapiFetch.default as unknown as { default?: typeof openapiFetch.default }).default ?? openapiFetch.default;

type Defined<T> = Exclude<T, undefined>;
type Params<O extends OperationId> = Operations[O]['parameters'];
type PathOf<O extends OperationId> = Defined<Params<O>['path']>;
type QueryOf<O extends OperationId> = Defined<Params<O>['query']>;
type BodyOf<R> = R extends { content: infer C }
  ? C extends { 'application/json': infer B }
    ? B
    : [keyof C] extends [never]
      ? never
      : UploadData
  : never;
type Success = 200 | 201 | 202 | 203 | 204 | 206;
type Responses<O extends OperationId> = Operations[O]['responses'];
type AnswerOf<R> = R extends { content: { 'application/json': infer B } } ? B : R extends { content: object } ? Blob : void;

/**
 * What a call of the operation resolves to: its JSON success body, a `Blob` for bytes, `void`
 * for an answer without a body (a 204).
 */
export type Answer<O extends OperationId> = AnswerOf<{ [S in keyof Responses<O>]: S extends Success ? Responses<O>[S] : never }[keyof Responses<O>]>;

/** What an operation takes besides the call's options: its path parameters, query and body. */
export type OperationInput<O extends OperationId> = ([PathOf<O>] extends [never] ? {} : { path: PathOf<O> }) &
  ([QueryOf<O>] extends [never] ? {} : {} extends QueryOf<O> ? { query?: QueryOf<O> | undefined } : { query: QueryOf<O> }) &
  ([BodyOf<Operations[O]['requestBody']>] extends [never]
    ? {}
    : Operations[O] extends { requestBody: unknown }
      ? { body: BodyOf<Operations[O]['requestBody']> }
      : { body?: BodyOf<Operations[O]['requestBody']> | undefined });

export interface Core {
  /** The typed openapi-fetch client, each call run under the client's limits, signed and retried. */
  api: Client<paths>;
  log: Partial<Logger>;
  /**
   * Calls `operationId`: resolves to its answer, rejects with a `ChertError`; the promise's
   * `.withResponse()` also gives the Response and its trace id.
   */
  request<O extends OperationId>(operationId: O, input: OperationInput<O>, options?: CallOptions | UploadOptions): APIPromise<Answer<O>>;
  /** Calls a paginated operation: resolves to the first page; iterates every item of every page. */
  paginate<O extends OperationId, Item>(operationId: O, input: OperationInput<O>, options?: CallOptions): PagePromise<Answer<O>, Item>;
  /** Opens a stream operation: its query fields and per-connection options in one object. */
  stream<O extends OperationId, Item>(operationId: O, params?: object & StreamOptions, input?: { path?: object }): StreamPromise<Item>;
}

export type Init = {
  params?: { path?: Record<string, unknown> | undefined; query?: unknown };
  body?: unknown;
  headers?: unknown;
  parseAs?: string | undefined;
  bodySerializer?: (body: unknown) => unknown;
  duplex?: 'half';
  fetch?: FetchLike | undefined;
  [UNSIGNED]?: boolean;
};
type Result = { data?: unknown; error?: unknown; response: Response };

// The rules of raw bodies, loaded with the first upload (their own chunk): `prepare` reads them.
let uploads: typeof import('./uploads.js') | undefined;
const loadUploads = lazy(() => import('./uploads.js').then((m) => (uploads = m)));
const loadStream = lazy(() => import('./stream.js'));
const loadPages = lazy(() => import('./pagination.js'));

/**
 * Readies a request of `route` for the engine: its idempotency key, its raw body and whether it is
 * signed. Returns whether the body carries an idempotency key (the call may then be retried).
 */
function prepare(route: Route | undefined, init: Init, contentType?: string): boolean {
  if (!route) return false;
  if (route.bearerOnly) init[UNSIGNED] = true;
  if (route.upload) {
    uploads!.prepareUpload(init, route.upload, contentType);
    return false;
  }
  if (route.idempotencyKey && init.body !== undefined) {
    const keyed = withIdempotencyKey(init.body, route.idempotencyKey);
    if (keyed) init.body = keyed;
    return keyed !== undefined;
  }
  return false;
}

export function createCore(o: ResolvedOptions, signing: Signing): Core {
  const transport = createTransport(o, signing);
  const engine = createClient<paths>({ baseUrl: o.baseUrl, Request: transport.Request, headers: o.headers });

  /** One call of the engine (`init` is the call's own object), as the call `call`. */
  const run = <R>(call: Call, method: string, path: string, init: Init, finish: (result: Result) => R, own?: FetchLike) => {
    init.fetch = (request: Request, ext?: RequestInit) => transport.send(call, request, ext, own);
    return call.run(() => engine.request(method as never, path as never, init as never) as Promise<Result>, finish);
  };

  // The typed client's methods: the caller's signal and fetch are the call's, the rest is openapi-fetch's.
  const raw = (method: string, path: string, given?: Init & { signal?: AbortSignal | null }): Promise<Result> => {
    const route = operationOf(method, path);
    if (route?.upload && !uploads) return unlessAborted(loadUploads(), given?.signal, route.id).then((): Promise<Result> => raw(method, path, given));
    const init: Init = { ...given };
    try {
      const keyed = prepare(route, init);
      return run(new Call(route, o, given?.signal ?? undefined, o.log, keyed), method, path, init, (result) => result, given?.fetch);
    } catch (error) {
      return Promise.reject(error);
    }
  };
  const api: Record<string, unknown> = { ...engine, request: (method: string, path: string, init?: Init) => raw(method.toUpperCase(), path, init) };
  // openapi-fetch names its HTTP methods in capitals (GET, POST…): each becomes a call.
  for (const method of Object.keys(engine)) if (/^[A-Z]+$/.test(method)) api[method] = (path: string, init?: Init) => raw(method, path, init);

  /** Sends one call of `operationId`: its answer, and the Response once the answer has come. */
  function send(operationId: OperationId, input: unknown, options: UploadOptions | undefined): [Promise<unknown>, () => Response] {
    const route = routeOf[operationId];
    const { headers, signal, contentType } = options ?? {};
    check(signal === undefined || typeof signal?.addEventListener === 'function', 'signal', '`signal` must be an AbortSignal');
    const { path: pathParams, query, body } = (input ?? {}) as Init['params'] & { body?: unknown };
    for (const name in pathParams) {
      const value = pathParams[name];
      if (typeof value !== 'string' || value === '') throw new ChertInputError(name, `the path parameter \`${name}\` must be a non-empty string`);
    }
    check(query === undefined || typeof query === 'object', 'query', '`query` must be an object');
    const init: Init = { params: { path: pathParams, query }, body, headers, parseAs: route.parseAs };
    const keyed = prepare(route, init, contentType);
    const call = new Call(route, options ? resolveLimits(options, o) : o, signal, o.log, keyed);
    let response: Response | undefined;
    const data = run(call, route.method, route.path, init, (result) => {
      response = result.response;
      let answer = result.data;
      if (answer === undefined && response.ok && route.parseAs === 'blob') answer = new Blob([]);
      if (!response.ok || (answer === undefined && response.status !== 204)) throw toApiError(result.error, response, operationId);
      return answer;
    });
    return [data, () => response!];
  }

  const core: Core = {
    api: api as unknown as Client<paths>,
    log: o.log,

    request(operationId, input, options) {
      if (routeOf[operationId].upload && !uploads) return later(unlessAborted(loadUploads(), options?.signal, operationId), () => core.request(operationId, input, options)) as never;
      return guarded(() => new APIPromise(...send(operationId, input, options))) as never;
    },

    paginate(operationId, input, options) {
      const facts = routeOf[operationId].pagination!;
      const query = (input as { query?: Record<string, unknown> }).query;
      const source: PageSource = { operationId, facts, load: (cursor) => load({ ...query, [facts.cursor]: cursor }) };
      const load = (q: Record<string, unknown> | undefined): PagePromise<Record<string, unknown>, unknown> =>
        guarded(() => {
          const [data, response] = send(operationId, { ...input, query: q }, options);
          const pages = unlessAborted(loadPages(), options?.signal, operationId);
          pages.catch(noop);
          return new IterablePromise(
            data.then(async (raw) => (await pages).toPage(raw as Record<string, unknown>, q?.[facts.cursor], source)),
            response,
          );
        }, IterablePromise);
      return load(query) as never;
    },

    stream(operationId, params = {}, input = {}) {
      // The reader and its SSE parser load with the first stream (their own chunk); the first
      // connection's Response is the promise's.
      let response: (() => Response) | undefined;
      const call = { operationId, facts: routeOf[operationId].stream!, log: o.log, send: (i: unknown, options: CallOptions) => {
        const sent = send(operationId, i, options);
        response ??= sent[1];
        return sent;
      } };
      return new IterablePromise(
        unlessAborted(loadStream(), typeof params === 'object' && params !== null ? (params as StreamOptions).signal : undefined, operationId).then(({ openStream }) =>
          openStream(params, input, call),
        ),
        () => response!(),
      ) as never;
    },
  };
  return core;
}
