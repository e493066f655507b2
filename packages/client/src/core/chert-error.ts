// The base of every error the client throws, and the one for input it refuses before sending.
// Apart from the rest (errors.ts) so that `@chert/client/webhooks` carries no more than these.
import type { OperationId } from '@chert/types';

/** The base class of every error the client throws. */
export class ChertError extends Error {
  /** The operation that failed, when the request matched one of the document's operations. */
  declare readonly operationId: OperationId | undefined;

  constructor(message: string, operationId?: OperationId, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChertError';
    this.operationId = operationId;
  }

  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

/**
 * Input the client refuses before sending anything: an option, an argument, an idempotency key.
 * `field` names it (`timeoutMs`, `auth.hmac.tenant`, `message.idempotency_key`…); the message
 * says what it must be, never what it was, since values may be secrets.
 */
export class ChertInputError extends ChertError {
  /** The option, argument or body field refused. */
  declare readonly field: string;

  constructor(field: string, problem: string, operationId?: OperationId) {
    super(`@chert/client: ${problem}`, operationId);
    this.name = 'ChertInputError';
    this.field = field;
  }
}

/** Throws a ChertInputError for `field` unless `ok`. */
export function check(ok: unknown, field: string, problem: string): asserts ok {
  if (!ok) throw new ChertInputError(field, problem);
}
