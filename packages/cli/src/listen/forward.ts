/**
 * One event forwarded to the local endpoint as Chert delivers a webhook (the document's
 * `webhookDelivery`): its method and content type, the event's payload as the body, the
 * event, event id and subscription id headers, and `X-Webhook-Signature: t=<ts>,v1=<hex>`
 * made by `signWebhook` with the local secret, fresh on every attempt. Retried as Chert
 * retries, then given up; a handler that verifies with `verifyWebhook` works unchanged.
 */
import type { Event } from '@chert/client';
import { signWebhook } from '@chert/client/webhooks';
import { webhookDelivery } from '@chert/types';
import { oneLine } from '../errors.js';
import { version } from '../version.js';
import { backoffMs, CHERT_RETRY, isDelivered, isRetried, type Outcome, type RetryRules } from './retry.js';
import { pause } from './pause.js';

/** What `X-Webhook-Subscription-Id` says: no subscription of yours sent it, chert listen did. */
export const LISTEN_SUBSCRIPTION_ID = 'chert-listen';

/** How long one attempt may take; Chert publishes no figure, and a handler stopped at a breakpoint deserves a while. */
export const ATTEMPT_TIMEOUT_MS = 10_000;

/** How much of an error answer is read, for its first line. */
const BODY_LIMIT = 8 * 1024;

export interface Attempt {
  outcome: Outcome;
  ms: number;
  /** The first line of a non-2xx answer's body. */
  firstLine?: string;
}

export type Result = 'delivered' | 'refused' | 'gave-up' | 'stopped';

export interface Forwarded {
  result: Result;
  attempts: Attempt[];
}

export interface ForwardOptions {
  url: URL;
  secret: string;
  /** Aborted: no further attempt or wait (Ctrl-C). */
  stop: AbortSignal;
  /** Aborted: the attempt in flight is dropped too (the grace after Ctrl-C ran out). */
  abandon: AbortSignal;
  rules?: RetryRules;
  timeoutMs?: number;
  backoffBaseMs?: number;
  /** Unix seconds, for the signature. */
  now?: () => number;
}

/** The request Chert would make for `event`, signed at `unixSeconds` with `secret`. */
export async function webhookRequest(event: Event, secret: string, unixSeconds: number): Promise<{ method: string; headers: Record<string, string>; body: string }> {
  const body = JSON.stringify(event.payload);
  const names = webhookDelivery.headers;
  return {
    method: webhookDelivery.method,
    body,
    headers: {
      'content-type': webhookDelivery.contentType,
      'user-agent': `chert-cli/${version} (chert listen)`,
      [names.event]: event.type,
      [names.eventId]: event.event_id,
      [names.subscriptionId]: LISTEN_SUBSCRIPTION_ID,
      [names.signature]: await signWebhook(secret, unixSeconds, body),
    },
  };
}

/** The first non-empty line of a body, tags and control characters out, at most 120 characters. */
export function firstLineOf(body: string): string {
  const line = body
    .replace(/<[^>]*>/g, '\n')
    .split(/\r?\n/)
    .map((l) => oneLine(l))
    .find((l) => l !== '');
  if (line === undefined) return '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

async function readSome(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < BODY_LIMIT) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    void reader.cancel().catch(() => {});
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, BODY_LIMIT));
}

function unreachable(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection closed without an answer';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    default:
      return oneLine(cause?.message ?? (error as Error).message ?? 'unreachable');
  }
}

/** One attempt: an answer (its status, and the first line of an error's body), a timeout, or no connection. */
export async function attempt(url: URL, request: { method: string; headers: Record<string, string>; body: string }, timeoutMs: number, abandon: AbortSignal): Promise<Attempt> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const began = performance.now();
  const took = () => Math.round(performance.now() - began);
  try {
    // Chert follows no redirect: a 3xx is an answer like any other.
    const response = await fetch(url, { ...request, redirect: 'manual', signal: AbortSignal.any([timeout.signal, abandon]) });
    if (response.ok) {
      void response.body?.cancel().catch(() => {});
      return { outcome: { kind: 'answered', status: response.status }, ms: took() };
    }
    const text = await readSome(response);
    return { outcome: { kind: 'answered', status: response.status }, ms: took(), firstLine: firstLineOf(text) };
  } catch (error) {
    if (abandon.aborted) return { outcome: { kind: 'stopped' }, ms: took() };
    if (timeout.signal.aborted) return { outcome: { kind: 'timeout' }, ms: took() };
    return { outcome: { kind: 'unreachable', reason: unreachable(error) }, ms: took() };
  } finally {
    clearTimeout(timer);
  }
}

/** Forwards `event`, retrying as Chert does, until it is delivered, refused, given up or stopped. */
export async function forward(event: Event, options: ForwardOptions): Promise<Forwarded> {
  const rules = options.rules ?? CHERT_RETRY;
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const attempts: Attempt[] = [];
  for (let n = 1; ; n++) {
    if (options.stop.aborted && n > 1) return { result: 'stopped', attempts };
    const request = await webhookRequest(event, options.secret, now());
    const done = await attempt(options.url, request, options.timeoutMs ?? ATTEMPT_TIMEOUT_MS, options.abandon);
    attempts.push(done);
    if (done.outcome.kind === 'stopped') return { result: 'stopped', attempts };
    if (isDelivered(done.outcome)) return { result: 'delivered', attempts };
    if (!isRetried(done.outcome, rules)) return { result: 'refused', attempts };
    if (n >= rules.maxAttempts) return { result: 'gave-up', attempts };
    await pause(backoffMs(n, rules, options.backoffBaseMs), options.stop);
  }
}
