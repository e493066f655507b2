// Error classes. None of them ever holds a request, its headers or the client's options, so no
// message, toString() or JSON.stringify() of an error can carry a signing secret or token.
// Fields are `declare`d because the constructors assign them: nothing is emitted twice.
import { headerNames, type ErrorCode, type ErrorEnvelope, type OperationId } from '@chert/types';
import { ChertError } from './chert-error.js';

export { ChertError, ChertInputError } from './chert-error.js';

const MAYBE = ' and may have been delivered: check before sending it again';
const what = (operationId: OperationId | undefined) => operationId ?? 'The request';

/** Chert answered with an error. Branch on `code`; `message` is for humans and may change. */
export class ChertApiError extends ChertError {
  /** The HTTP status of the answer. */
  declare readonly status: number;
  /** The stable error code, or `undefined` when the answer was not a Chert error envelope. */
  declare readonly code: ErrorCode | undefined;
  /** Authoritative: `true` means the request was not acted on and may be sent again. */
  declare readonly retryable: boolean;
  /** Seconds to wait before sending again, from `retry_after` or the `Retry-After` header. */
  declare readonly retryAfter: number | undefined;
  /** Quote it to Chert support: from the body's `trace_id`, else the `X-Trace-ID` header. */
  declare readonly traceId: string | undefined;
  /** The answer's headers (`X-Trace-ID`, `Retry-After`, `Date`…). */
  declare readonly headers: Headers;

  constructor(init: {
    status: number;
    code: ErrorCode | undefined;
    message: string;
    retryable: boolean;
    retryAfter: number | undefined;
    traceId: string | undefined;
    operationId: OperationId | undefined;
    headers: Headers;
  }) {
    super(init.message, init.operationId);
    this.name = 'ChertApiError';
    this.status = init.status;
    this.code = init.code;
    this.retryable = init.retryable;
    this.retryAfter = init.retryAfter;
    this.traceId = init.traceId;
    this.headers = init.headers;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), headers: Object.fromEntries(this.headers) };
  }

  override toString(): string {
    const code = this.code === undefined ? '' : `code ${this.code}, `;
    const trace = this.traceId === undefined ? '' : `, trace ${this.traceId}`;
    return `${this.name}: ${this.message} (${code}HTTP ${this.status}${trace})`;
  }
}

/**
 * No answer arrived: the connection failed or dropped. When `mayHaveBeenDelivered` is true the
 * request may have reached Chert and been acted on, so check before sending it again.
 */
export class ChertNetworkError extends ChertError {
  declare readonly mayHaveBeenDelivered: boolean;

  constructor(message: string, operationId: OperationId | undefined, mayHaveBeenDelivered: boolean, cause?: unknown) {
    super(message, operationId, { cause });
    this.name = 'ChertNetworkError';
    this.mayHaveBeenDelivered = mayHaveBeenDelivered;
  }
}

/**
 * No complete answer within `timeoutMs` (one attempt, its body included) or within the call's
 * `deadlineMs` (every attempt and wait); the request was aborted.
 */
export class ChertTimeoutError extends ChertNetworkError {
  /** The limit that ran out, in milliseconds. */
  declare readonly timeoutMs: number;

  constructor(operationId: OperationId | undefined, timeoutMs: number, deadline = false, mayHaveBeenDelivered = true) {
    super(
      `${what(operationId)} ${deadline ? `did not finish within its deadline of` : 'got no complete answer within'} ${timeoutMs} ms${
        mayHaveBeenDelivered ? MAYBE : ', before it was sent'
      }`,
      operationId,
      mayHaveBeenDelivered,
    );
    this.name = 'ChertTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's `signal` aborted the call; its reason is the `cause`. */
export class ChertAbortError extends ChertError {
  /** Whether the request had been sent when the call was aborted. */
  declare readonly mayHaveBeenDelivered: boolean;

  constructor(operationId: OperationId | undefined, reason: unknown, mayHaveBeenDelivered: boolean) {
    super(
      `${what(operationId)} was aborted by the caller ${mayHaveBeenDelivered ? `after it was sent${MAYBE}` : 'before it was sent'}`,
      operationId,
      { cause: reason },
    );
    this.name = 'ChertAbortError';
    this.mayHaveBeenDelivered = mayHaveBeenDelivered;
  }
}

/** What failed before an answer: an error proving the request never left, or one that may have. */
export function toNetworkError(error: unknown, operationId: OperationId | undefined): ChertNetworkError {
  const cause = (error as { cause?: { code?: unknown; message?: unknown; errors?: { code?: unknown }[] } } | null)?.cause;
  const detail = `${cause?.code} ${cause?.errors?.[0]?.code} ${cause?.message}`;
  let unsent: string | undefined;
  // fetch refuses some ports outright (https://fetch.spec.whatwg.org/#bad-port); undici says "bad port".
  if (/\bbad port\b/.test(detail)) unsent = 'fetch refuses to connect to this port';
  else if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|UND_ERR_CONNECT_TIMEOUT|ConnectionRefused/.test(detail)) unsent = 'no connection could be made';
  if (unsent) return new ChertNetworkError(`${what(operationId)} was not sent: ${unsent}`, operationId, false, error);
  // Browsers give one bare TypeError ("Failed to fetch", "Load failed") for a dropped connection
  // and for a request refused by CORS alike: nothing says which, so it may have been delivered.
  const bare = error instanceof TypeError && cause === undefined;
  return new ChertNetworkError(
    `${what(operationId)} failed ${bare ? 'with no reason given (in a browser, CORS may be the cause: is this origin allowed?)' : 'after it was sent'}${MAYBE}`,
    operationId,
    true,
    error,
  );
}

/**
 * A parsed error body as Chert's envelope: the envelope itself, or the legacy shape one operation
 * keeps (`replayEvent`'s `{ ok: false, error, code, message, retryable, trace_id }`), read the
 * same way; `undefined` for anything else.
 */
export function toEnvelope(body: unknown): ErrorEnvelope | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  const e = (b.success === false && typeof b.error === 'object' && b.error !== null ? b.error : b.ok === false ? b : {}) as Record<string, unknown>;
  return typeof e.code === 'number' && typeof e.message === 'string'
    ? e === b
      ? ({ success: false, error: b, trace_id: b.trace_id } as unknown as ErrorEnvelope)
      : (b as unknown as ErrorEnvelope)
    : undefined;
}

/** Seconds from `error.retry_after`, else from a `Retry-After` header (seconds or HTTP date). */
export function retryAfterSeconds(envelope: ErrorEnvelope | undefined, headers: Headers): number | undefined {
  const fromBody = envelope?.error.retry_after;
  if (typeof fromBody === 'number' && fromBody >= 0 && Number.isFinite(fromBody)) return fromBody;
  const header = headers.get(headerNames.retryAfter)?.trim();
  if (!header) return undefined;
  if (/^\d+(\.\d+)?$/.test(header)) return Number(header);
  const at = Date.parse(header);
  if (Number.isNaN(at)) return undefined;
  const serverNow = Date.parse(headers.get('date') ?? '');
  return Math.max(0, Math.ceil((at - (Number.isNaN(serverNow) ? Date.now() : serverNow)) / 1000));
}

/** The typed error for an error answer, whether or not its body is an envelope. */
export function toApiError(body: unknown, response: Response, operationId: OperationId | undefined): ChertApiError {
  const envelope = toEnvelope(body);
  const { headers, status, statusText } = response;
  return new ChertApiError({
    status,
    code: envelope?.error.code,
    message:
      envelope?.error.message ??
      `HTTP ${status}${statusText && ` ${statusText}`}: ${response.ok ? 'no body' : 'not a Chert error envelope'}`,
    retryable: envelope?.error.retryable === true,
    retryAfter: retryAfterSeconds(envelope, headers),
    traceId: typeof envelope?.trace_id === 'string' ? envelope.trace_id : (headers.get(headerNames.traceId) ?? undefined),
    operationId,
    headers,
  });
}
