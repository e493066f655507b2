// The error of a refused webhook delivery, apart from the verifier so that the client's entry
// can export it while it loads the verifier itself only when a delivery is first verified.
import { ChertError } from '../core/chert-error.js';

/** Why a delivery was refused. */
export type WebhookFailure =
  /** No signature header. */
  | 'missing'
  /** A signature header in none of the documented formats. */
  | 'malformed'
  /** A valid signature, but its timestamp is outside the tolerance: a replay, or a clock far off. */
  | 'stale'
  /** A signature that is not the body's with this secret. */
  | 'mismatch'
  /** A valid signature over a body that is not a JSON event. */
  | 'payload';

/** A webhook delivery that did not verify. Its message never holds the secret or the signature. */
export class ChertWebhookError extends ChertError {
  /** Why: `missing`, `malformed`, `stale`, `mismatch` or `payload`. */
  declare readonly reason: WebhookFailure;

  constructor(reason: WebhookFailure, message: string) {
    super(`webhook refused (${reason}): ${message}`);
    this.name = 'ChertWebhookError';
    this.reason = reason;
  }
}
