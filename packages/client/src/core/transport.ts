// The one layer that owns each attempt: openapi-fetch hands it the Request it built, and it
// signs, sends, times out and retries, under the limits of the call it belongs to. Middleware
// could not do this: it cannot send a request twice, and it sees a Request whose body it would
// have to copy to read.
import { headerNames } from '@chert/types';
import type { FetchLike, ResolvedOptions } from '../options.js';
import type { RawBody, Signing } from '../sign.js';
import type { Call } from './call.js';
import {
  ChertApiError,
  ChertTimeoutError,
  isErrorEnvelope,
  retryAfterSeconds,
  toApiError,
  toNetworkError,
  type ChertNetworkError,
} from './errors.js';

const BODY = Symbol();
const SIGNATURE = Symbol();
type Tagged = Request & { [BODY]?: RawBody | null | undefined; [SIGNATURE]?: Promise<string> | undefined };

/** Chert never asks for longer than this in practice; beyond it the caller decides. */
const MAX_RETRY_DELAY_MS = 60_000;
/** Chert's answer to a signature timestamp outside its window: sign again with Chert's clock. */
const STALE_TIMESTAMP = 2013;
const isRaw = (b: unknown): b is RawBody => typeof b === 'string' || b instanceof ArrayBuffer || ArrayBuffer.isView(b);
const noop = () => {};

function backoffMs(retry: number): number {
  return Math.min(8_000, 500 * 2 ** retry) * (0.5 + Math.random() / 2);
}

export interface Transport {
  /** The Request class openapi-fetch builds requests with: it remembers the body it was given. */
  Request: typeof Request;
  /** Sends `request` as the call `call`, with `own` (a per-request fetch) instead of the client's. */
  send(call: Call, request: Request, ext?: RequestInit, own?: FetchLike): Promise<Response>;
}

export function createTransport(o: ResolvedOptions, { importSigningKey, signV1 }: Signing): Transport {
  const { log } = o;
  // Learnt from the `Date` of a 2013 answer and kept for the client's later requests.
  let skewMs = 0;
  const key = o.signingSecret === undefined ? undefined : importSigningKey(o.signingSecret);
  key?.catch(noop);
  const sign =
    key && ((body: RawBody) => key.then((k) => signV1(k, Math.floor((o.now() + skewMs) / 1000), body)));

  class ChertRequest extends Request {
    // openapi-fetch checks a middleware's replacement with `instanceof` this class: any
    // Request will do (its bytes are then read back in send).
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof Request;
    }

    constructor(input: RequestInfo | URL, init?: RequestInit) {
      const body = init?.body;
      // Known bytes: exactly what the Request below is built from, so exactly what goes on the
      // wire. Anything else (a stream, FormData, a Request as input) is read back in send.
      const known = !(input instanceof Request) && (body == null || isRaw(body));
      // WebCrypto answers asynchronously; starting here overlaps its signing with building
      // the Request instead of waiting for it afterwards.
      const signature = known && sign ? sign(body ?? '') : undefined;
      signature?.catch(noop);
      super(input, init);
      (this as Tagged)[BODY] = known ? ((body as RawBody | undefined) ?? null) : undefined;
      (this as Tagged)[SIGNATURE] = signature;
    }
  }

  async function send(call: Call, request: Request, ext?: RequestInit, own?: FetchLike): Promise<Response> {
    const { operationId, route, limits } = call;
    const fetch = own ?? o.fetch;
    const label = operationId ?? 'request';
    let body = (request as Tagged)[BODY];
    // A Request we did not build: read its bytes once, then send those very bytes each time.
    const fresh = body !== undefined;
    if (body === undefined) body = request.body === null ? null : new Uint8Array(await request.arrayBuffer());
    let retries = 0;
    let resigned = false;
    // An earlier attempt may have been delivered (only ever retried for an idempotent operation).
    let delivered = false;

    for (let attempt = 1; ; attempt++) {
      // The first attempt sends the Request openapi-fetch built, as it is: no copy.
      const first = attempt === 1 && fresh;
      const req = first ? request : new Request(request, body === null ? {} : { body: body as BodyInit });
      if (sign) {
        const pending = first ? (request as Tagged)[SIGNATURE] : undefined;
        req.headers.set(headerNames.signature, await (pending ?? sign(body ?? '')));
      }
      const signal = call.attempt();
      log.debug?.(`${label}: attempt ${attempt}, ${req.method} ${req.url}`);
      call.sent = true;

      let response: Response | undefined;
      let text: string | undefined;
      let failure: ChertNetworkError | undefined;
      try {
        response = await call.guard(fetch(req, ext ? { ...ext, signal } : { signal }));
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
        // Never send twice: only a failure that proves the request never left, or an
        // operation the document marks idempotent, is sent again.
        if ((failure.mayHaveBeenDelivered && !route?.idempotent) || retries >= limits.maxRetries) throw failure;
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
        let parsed: unknown;
        try {
          parsed = JSON.parse(text!);
        } catch {
          // not JSON: reported below with the raw status
        }
        if (!isErrorEnvelope(parsed)) throw toApiError(parsed, response, operationId);
        const { code, retryable } = parsed.error;
        cause = toApiError(parsed, response, operationId);
        const serverNow = Date.parse(response.headers.get('date') ?? '');
        if (code === STALE_TIMESTAMP && sign && !resigned && !Number.isNaN(serverNow)) {
          // The signature's timestamp was outside Chert's window: take Chert's clock, sign again.
          resigned = true;
          skewMs = serverNow - o.now();
          delayMs = 0;
        } else if (retryable === true && retries < limits.maxRetries) {
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
