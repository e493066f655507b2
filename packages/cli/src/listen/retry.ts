/**
 * Chert's retry rules for a webhook delivery, read from the document's delivery facts
 * (`webhookDelivery.retry`: the attempts, the backoff, what is retried and what is not), so
 * a local endpoint meets the retries it will meet in production; only the waits are short.
 */
import { webhookDelivery } from '@chert/types';

/** How one attempt ended. */
export type Outcome =
  | { kind: 'answered'; status: number }
  | { kind: 'timeout' }
  | { kind: 'unreachable'; reason: string }
  /** Abandoned: chert listen is stopping. */
  | { kind: 'stopped' };

export interface RetryRules {
  maxAttempts: number;
  backoff: string;
  retryOn: readonly string[];
  noRetryOn: readonly string[];
}

export const CHERT_RETRY: RetryRules = webhookDelivery.retry;

/** The first wait; Chert's own waits are longer, and nobody watching a terminal wants them. */
export const BACKOFF_BASE_MS = 250;

export function isDelivered(outcome: Outcome): boolean {
  return outcome.kind === 'answered' && outcome.status >= 200 && outcome.status < 300;
}

/** Whether Chert tries again after this outcome: `retryOn` names it (`5xx`, `timeout`, `unreachable`) and `noRetryOn` does not. */
export function isRetried(outcome: Outcome, rules: RetryRules = CHERT_RETRY): boolean {
  if (outcome.kind === 'stopped' || isDelivered(outcome)) return false;
  const token = outcome.kind === 'answered' ? `${Math.floor(outcome.status / 100)}xx` : outcome.kind;
  return rules.retryOn.includes(token) && !rules.noRetryOn.includes(token);
}

/** The wait after attempt `n` (1-based) before the next: doubling when the rules say exponential. */
export function backoffMs(n: number, rules: RetryRules = CHERT_RETRY, baseMs = BACKOFF_BASE_MS): number {
  return rules.backoff === 'exponential' ? baseMs * 2 ** (n - 1) : baseMs;
}
