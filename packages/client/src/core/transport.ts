// The one layer that owns each attempt: openapi-fetch hands it the Request it built, and it
// signs, sends, times out and retries, under the limits of the call it belongs to. Middleware
// could not do this: it cannot send a request twice, and it sees a Request whose body it would
// have to copy to read.
import { bearerScheme, headerNames } from '@chert/types';
import { clockSkewCode } from '../generated/facts.js';
import type { FetchLike, ResolvedOptions } from '../options.js';
import { isRawBody, type RawBody, type Signing, type SigningKey } from '../sign.js';
import type { Call } from './call.js';
import {
  ChertApiError,
  ChertTimeoutError,
  retryAfterSeconds,
  toApiError,
  toEnvelope,
  toNetworkError,
  type ChertNetworkError,
} from './errors.js';

const BODY = Symbol();
const SIGNATURE = Symbol();
const INIT = Symbol();
/** In a RequestInit: the request is not to be signed (a bearer-only operation). */
export const UNSIGNED = Symbol();
type Tagged = Request & {
  /** The bytes (or Blob) it was built from, `null` for none; absent when unknown (a stream). */
  [BODY]?: RawBody | Blob | null;
  /** Its signature, started as it was built. */
  [SIGNATURE]?: string | Promise<string> | undefined;
  /** The URL and init it was built from, to hand fetch instead of the Request. */
  [INIT]?: [string, RequestInit];
};

/** Chert never asks for longer than this in practice; beyond it the caller decides. */
const MAX_RETRY_DELAY_MS = 60_000;
export const noop = () => {};

/** Exponential backoff with jitter: up to 0.5 s, 1 s, 2 s… and never more than 8 s. */
export function backoffMs(retry: number): number {
  return Math.min(8_000, 500 * 2 ** retry) * (0.5 + Math.random() / 2);
}

export interface Transport {
  /** The Request class openapi-fetch builds requests with: it remembers what it was built from. */
  Request: typeof Request;
  /** Sends `request` as the call `call`, with `own` (a per-request fetch) instead of the client's. */
  send(call: Call, request: Request, ext?: RequestInit, own?: FetchLike): Promise<Response>;
}

export function createTransport(o: ResolvedOptions, signing: Signing): Transport {
  const { log } = o;
  // Learnt from the `Date` of a 2013 answer and kept for the client's later requests.
  let skewMs = 0;
  // The key once imported: from then on a synchronous HMAC (node:crypto) signs without a promise.
  let key: SigningKey | undefined;
  const imported = o.signingSecret === undefined ? undefined : signing.importSigningKey(o.signingSecret).then((k) => (key = k));
  imported?.catch(noop);
  const sign =
    imported &&
    ((body: RawBody): string | Promise<string> => {
      const ts = Math.floor((o.now() + skewMs) / 1000);
      return key ? signing.signature(key, ts, body) : imported.then((k) => signing.signature(k, ts, body));
    });

  class ChertRequest extends Request {
    // openapi-fetch checks a middleware's replacement with `instanceof` this class: any
    // Request will do (its bytes are then read back in send).
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof Request;
    }

    constructor(input: RequestInfo | URL, init?: RequestInit & { [UNSIGNED]?: boolean }) {
      const body = init?.body;
      // Known bytes (or a Blob, which can be read again): exactly what the Request below is built
      // from, so exactly what goes on the wire. Anything else (a stream, FormData) is read back in
      // send if it is to be signed, and sent once as it is if not.
      const known = typeof input === 'string' && (body == null || isRawBody(body) || body instanceof Blob);
      // Started here: WebCrypto then signs while the Request is built instead of afterwards.
      const signature = known && sign && !init?.[UNSIGNED] && !(body instanceof Blob) ? sign((body as RawBody | null | undefined) ?? '') : undefined;
      if (typeof signature === 'object') signature.catch(noop);
      super(input, init);
      if (known) {
        const self = this as Tagged;
        self[BODY] = (body as RawBody | Blob | null | undefined) ?? null;
        self[SIGNATURE] = signature;
        self[INIT] = [input, init!];
      }
    }
  }

  async function send(call: Call, request: Request, ext?: RequestInit, own?: FetchLike): Promise<Response> {
    const { operationId, route, limits } = call;
    const fetch = own ?? o.fetch;
    const label = operationId ?? 'request';
    const tagged = request as Tagged;
    // A bearer-only operation is never signed: in HMAC mode its bearer token is the signing secret.
    const signs = route?.bearerOnly ? undefined : sign;
    let body = tagged[BODY];
    const fresh = body !== undefined;
    if (body === undefined && request.body === null) body = null;
    // To sign, the exact bytes: a Blob's, or those of a Request we did not build, read once and
    // then sent each time. Unsigned, a stream goes out as it is, once: it cannot be sent again.
    if (signs && (body === undefined || body instanceof Blob)) body = new Uint8Array(await (body ?? request).arrayBuffer());
    const replayable = body !== undefined;
    // With the runtime's own fetch, a request we built goes out as its URL and init, its bytes
    // given as they are: fetch(Request) would copy the Request first (on Node, piping its body
    // through a new stream), which costs more than everything else this client does per call.
    const direct = fetch ? undefined : tagged[INIT];
    let retries = 0;
    let resigned = false;
    // An earlier attempt may have been delivered (only ever retried for an idempotent operation).
    let delivered = false;

    for (let attempt = 1; ; attempt++) {
      // The first attempt sends the Request openapi-fetch built, as it is: no copy.
      const first = attempt === 1 && (fresh || !replayable);
      const req = first || direct ? request : new Request(request, body === null ? {} : { body: body as BodyInit });
      if (signs) {
        const signature = (first && tagged[SIGNATURE]) || signs((body as RawBody | null) ?? '');
        req.headers.set(headerNames.signature, typeof signature === 'string' ? signature : await signature);
      } else if (route?.bearerOnly && o.signingSecret !== undefined) {
        req.headers.set(headerNames.authorization, `${bearerScheme} ${o.signingSecret}`);
      }
      const signal = call.attempt() ?? null;
      log.debug?.(`${label}: attempt ${attempt}, ${req.method} ${req.url}`);
      call.sent = true;

      let response: Response | undefined;
      let text: string | undefined;
      let failure: ChertNetworkError | undefined;
      try {
        response = await call.guard(
          direct
            ? globalThis.fetch(direct[0], { ...direct[1], ...ext, headers: req.headers, body: body as BodyInit | null, signal })
            : (fetch ?? globalThis.fetch)(req, { ...ext, signal }),
        );
        // An error answer is read here, under the same limits: its envelope decides what happens next.
        if (!response.ok) text = await call.guard(response.text());
      } catch (error) {
        if (call.failure) throw call.failure;
        failure = error instanceof ChertTimeoutError ? error : toNetworkError(error, operationId);
      }

      let delayMs: number;
      let cause: ChertApiError | ChertNetworkError;
      let answer: Response | undefined;
      if (failure) {
        log.debug?.(`${label}: ${failure.message}`);
        delivered ||= failure.mayHaveBeenDelivered;
        // Never send twice: only a failure that proves the request never left, or a call that is
        // safe to repeat (idempotent, or carrying an idempotency key), is sent again.
        if ((failure.mayHaveBeenDelivered && !call.idempotent) || retries >= limits.maxRetries || !replayable) throw failure;
        delayMs = backoffMs(retries++);
        cause = failure;
      } else {
        response = response!;
        log.debug?.(`${label}: HTTP ${response.status}, trace ${response.headers.get(headerNames.traceId)}`);
        if (response.ok) {
          call.reading = true;
          return response;
        }
        // openapi-fetch reads the body again and hands it back, typed, as `error`.
        answer = new Response(text || null, response);
        let parsed: ReturnType<typeof toEnvelope>;
        try {
          parsed = toEnvelope(JSON.parse(text!));
        } catch {
          // not JSON: reported below with the raw status
        }
        if (!parsed) throw toApiError(undefined, response, operationId);
        const { code, retryable } = parsed.error;
        cause = toApiError(parsed, response, operationId);
        const serverNow = Date.parse(response.headers.get('date') ?? '');
        if (code === clockSkewCode && signs && !resigned && !Number.isNaN(serverNow)) {
          // The signature's timestamp was outside Chert's window: take Chert's clock, sign again.
          resigned = true;
          skewMs = serverNow - o.now();
          delayMs = 0;
        } else if (retryable === true && retries < limits.maxRetries && replayable) {
          const after = retryAfterSeconds(parsed, response.headers);
          delayMs = after === undefined ? backoffMs(retries) : after * 1000;
          retries++;
        } else {
          call.reading = true;
          return answer;
        }
      }
      // The answer proved this attempt was not acted on (or it never left).
      call.sent = delivered;
      if (delayMs > MAX_RETRY_DELAY_MS || !call.fits(delayMs)) {
        log.info?.(`${label}: not retried, the wait of ${Math.round(delayMs)} ms is longer than allowed: ${String(cause)}`);
        if (!answer) throw cause;
        call.reading = true;
        return answer;
      }
      o.onRetry?.({ operationId, retry: attempt, delayMs, error: cause });
      log.info?.(`${label}: retry ${attempt} in ${Math.round(delayMs)} ms after ${String(cause)}`);
      if (delayMs > 0) await call.wait(delayMs);
    }
  }

  return { Request: ChertRequest, send };
}
