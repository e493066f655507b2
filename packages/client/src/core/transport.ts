// The one layer that owns each attempt: openapi-fetch hands it the Request it built, and it
// signs, sends, times out and retries. Middleware could not do this: it cannot send a request
// twice, and it sees a Request whose body it would have to copy to read.
import {
  MAYBE,
  ChertNetworkError,
  ChertTimeoutError,
  isErrorEnvelope,
  retryAfterSeconds,
  toApiError,
} from './errors.js';
import { operationOf } from './operations.js';
import type { FetchLike, ResolvedOptions } from './options.js';
import type { RawBody, Signing } from './sign.js';

const BODY = Symbol();
const SIGNATURE = Symbol();
const SIGNAL = Symbol();
type Tagged = Request & { [BODY]?: RawBody | null; [SIGNATURE]?: Promise<string> | undefined; [SIGNAL]?: boolean };

/** Chert never asks for longer than this in practice; beyond it the caller decides. */
const MAX_RETRY_DELAY_MS = 60_000;
const isRaw = (b: unknown): b is RawBody => typeof b === 'string' || b instanceof ArrayBuffer || ArrayBuffer.isView(b);
const noop = () => {};

/** Errors that prove the request never left: no connection was ever made. */
function neverSent(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown; errors?: { code?: unknown }[] } } | null)?.cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'UND_ERR_CONNECT_TIMEOUT';
}

function backoffMs(retry: number): number {
  return Math.min(8_000, 500 * 2 ** retry) * (0.5 + Math.random() / 2);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface Transport {
  /** The Request class openapi-fetch builds requests with: it remembers the body it was given. */
  Request: typeof Request;
  fetch: (request: Request, init?: RequestInit) => Promise<Response>;
}

export function createTransport(o: ResolvedOptions, { importSigningKey, signV1 }: Signing): Transport {
  const send: FetchLike = o.fetch;
  // Learnt from the `Date` of a 2013 answer and kept for the client's later requests.
  let skewMs = 0;
  const key = o.signingSecret === undefined ? undefined : importSigningKey(o.signingSecret);
  key?.catch(noop);
  const sign =
    key && ((body: RawBody) => key.then((k) => signV1(k, Math.floor((o.now() + skewMs) / 1000), body)));

  class ChertRequest extends Request {
    // openapi-fetch checks a middleware's replacement with `instanceof` this class: any
    // Request will do (its bytes are then read back in fetch).
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof Request;
    }

    constructor(input: RequestInfo | URL, init?: RequestInit) {
      const body = init?.body;
      // Known bytes: exactly what the Request below is built from, so exactly what goes on the
      // wire. Anything else (a stream, FormData, a Request as input) is read back in fetch.
      const known = !(input instanceof Request) && (body == null || isRaw(body));
      // WebCrypto answers asynchronously; starting here overlaps its signing with building
      // the Request instead of waiting for it afterwards.
      const signature = known && sign ? sign(body ?? '') : undefined;
      signature?.catch(noop);
      super(input, init);
      (this as Tagged)[BODY] = known ? (body ?? null) : undefined;
      (this as Tagged)[SIGNATURE] = signature;
      (this as Tagged)[SIGNAL] = init?.signal != null;
    }
  }

  async function chertFetch(request: Request, ext?: RequestInit): Promise<Response> {
    const route = operationOf(request.method, request.url);
    const operationId = route?.id;
    let body = (request as Tagged)[BODY];
    // A Request we did not build: read its bytes once, then send those very bytes each time.
    const fresh = body !== undefined;
    if (body === undefined) body = request.body === null ? null : new Uint8Array(await request.arrayBuffer());
    const userSignal = request.signal;
    // Only a caller's signal can abort it: the signal of a Request built without one never
    // fires, so listening to it (per attempt, on the hot path) would be wasted work.
    const listen = !fresh || (request as Tagged)[SIGNAL];
    let retries = 0;
    let resigned = false;

    for (let attempt = 0; ; attempt++) {
      // The first attempt sends the Request openapi-fetch built, as it is: no copy.
      const first = attempt === 0 && fresh;
      const req = first ? request : new Request(request, body === null ? {} : { body: body as BodyInit });
      if (sign) {
        const pending = first ? (request as Tagged)[SIGNATURE] : undefined;
        req.headers.set('x-chert-signature', await (pending ?? sign(body ?? '')));
      }
      if (userSignal.aborted) throw userSignal.reason;

      const controller = new AbortController();
      const onAbort = () => controller.abort(userSignal.reason);
      if (listen) userSignal.addEventListener('abort', onAbort);
      let timedOut = false;
      const timer =
        o.timeoutMs > 0
          ? setTimeout(() => {
              timedOut = true;
              controller.abort(new ChertTimeoutError(operationId, o.timeoutMs));
            }, o.timeoutMs)
          : undefined;

      let response: Response | undefined;
      let text: string | undefined;
      let failure: ChertNetworkError | undefined;
      try {
        response = await send(req, ext ? { ...ext, signal: controller.signal } : { signal: controller.signal });
        // An error answer is read under the same timer: its envelope decides what happens next.
        if (!response.ok) text = await response.clone().text();
      } catch (error) {
        if (userSignal.aborted && !timedOut) throw userSignal.reason;
        if (timedOut) {
          failure = new ChertTimeoutError(operationId, o.timeoutMs);
        } else {
          const sent = !neverSent(error);
          failure = new ChertNetworkError(
            `${operationId ?? 'The request'} ${sent ? `failed after it was sent${MAYBE}` : 'was not sent: no connection'}`,
            operationId,
            sent,
            error,
          );
        }
      } finally {
        clearTimeout(timer);
        if (listen) userSignal.removeEventListener('abort', onAbort);
      }

      let delayMs: number | undefined;
      let cause: Error;
      if (failure) {
        // Never send twice: only a failure that proves the request never left, or an
        // operation the document marks idempotent, is sent again.
        if (failure.mayHaveBeenDelivered && !route?.idempotent) throw failure;
        if (retries >= o.maxRetries) throw failure;
        delayMs = backoffMs(retries++);
        cause = failure;
      } else {
        response = response!;
        if (response.ok) return response;
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
        if (code === 2013 && sign && !resigned && !Number.isNaN(serverNow)) {
          // The signature's timestamp was outside Chert's window: take Chert's clock, sign again.
          resigned = true;
          skewMs = serverNow - o.now();
          delayMs = 0;
        } else if (retryable === true && retries < o.maxRetries) {
          const after = retryAfterSeconds(parsed, response.headers);
          delayMs = after === undefined ? backoffMs(retries) : after * 1000;
          if (delayMs > MAX_RETRY_DELAY_MS) return response;
          retries++;
        } else {
          // openapi-fetch reads this body and hands it back, typed, as `error`.
          return response;
        }
        void response.body?.cancel().catch(noop);
      }
      o.onRetry?.({ operationId, retry: attempt + 1, delayMs, error: cause });
      if (delayMs > 0) await sleep(delayMs, userSignal);
    }
  }

  return { Request: ChertRequest, fetch: chertFetch };
}
