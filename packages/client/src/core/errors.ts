// Error classes. None of them ever holds a request, its headers or the client's options, so no
// message, toString() or JSON.stringify() of an error can carry a signing secret or token.
// Fields are `declare`d because the constructors assign them: nothing is emitted twice.
import type { ErrorCode, ErrorEnvelope, OperationId } from '@chert/types';

export const MAYBE = ' and may have been delivered: check before sending it again';

/** The base class of every error the client throws. */
export class ChertError extends Error {
  /** The operation that failed, when the request matched one of the document's operations. */
  declare readonly operationId: OperationId | undefined;

  constructor(message: string, operationId: OperationId | undefined, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChertError';
    this.operationId = operationId;
  }

  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

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

  constructor(init: {
    status: number;
    code: ErrorCode | undefined;
    message: string;
    retryable: boolean;
    retryAfter: number | undefined;
    traceId: string | undefined;
    operationId: OperationId | undefined;
  }) {
    super(init.message, init.operationId);
    this.name = 'ChertApiError';
    this.status = init.status;
    this.code = init.code;
    this.retryable = init.retryable;
    this.retryAfter = init.retryAfter;
    this.traceId = init.traceId;
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

/** No answer within `timeoutMs`; the attempt was aborted. It may still have been delivered. */
export class ChertTimeoutError extends ChertNetworkError {
  declare readonly timeoutMs: number;

  constructor(operationId: OperationId | undefined, timeoutMs: number) {
    super(`${operationId ?? 'The request'} got no answer within ${timeoutMs} ms${MAYBE}`, operationId, true);
    this.name = 'ChertTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** Whether a parsed body is Chert's error envelope. */
export function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  if (typeof body !== 'object' || body === null) return false;
  const { success, error } = body as { success?: unknown; error?: unknown };
  if (success !== false || typeof error !== 'object' || error === null) return false;
  const e = error as Record<string, unknown>;
  return typeof e.code === 'number' && typeof e.message === 'string';
}

/** Seconds from `error.retry_after`, else from a `Retry-After` header (seconds or HTTP date). */
export function retryAfterSeconds(envelope: ErrorEnvelope | undefined, headers: Headers): number | undefined {
  const fromBody = envelope?.error.retry_after;
  if (typeof fromBody === 'number' && fromBody >= 0 && Number.isFinite(fromBody)) return fromBody;
  const header = headers.get('retry-after')?.trim();
  if (!header) return undefined;
  if (/^\d+(\.\d+)?$/.test(header)) return Number(header);
  const at = Date.parse(header);
  if (Number.isNaN(at)) return undefined;
  const serverNow = Date.parse(headers.get('date') ?? '');
  return Math.max(0, Math.ceil((at - (Number.isNaN(serverNow) ? Date.now() : serverNow)) / 1000));
}

/** The typed error for an error answer, whether or not its body is an envelope. */
export function toApiError(
  body: unknown,
  response: Response,
  operationId: OperationId | undefined,
): ChertApiError {
  const envelope = isErrorEnvelope(body) ? body : undefined;
  const traceId = envelope && typeof envelope.trace_id === 'string' ? envelope.trace_id : response.headers.get('x-trace-id') ?? undefined;
  return new ChertApiError({
    status: response.status,
    code: envelope?.error.code,
    message:
      envelope?.error.message ??
      `HTTP ${response.status}${response.statusText && ` ${response.statusText}`}: ${response.ok ? 'no body' : 'not a Chert error envelope'}`,
    retryable: envelope?.error.retryable === true,
    retryAfter: retryAfterSeconds(envelope, response.headers),
    traceId,
    operationId,
  });
}
