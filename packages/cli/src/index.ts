/**
 * The `chert` command from code, for scripts and test suites: run it in-process, or forward
 * an event to a webhook handler exactly as Chert (and `chert listen`) delivers it.
 */
import type { Event } from '@chert/client';
import type { Env } from './environment.js';
import { processIo, type Io } from './io.js';
import { forward, type Forwarded } from './listen/forward.js';
import type { RetryRules } from './listen/retry.js';
import { main } from './main.js';

export type { Io } from './io.js';
export type { Attempt, Forwarded, Result } from './listen/forward.js';
export type { Outcome, RetryRules } from './listen/retry.js';
export { webhookRequest, LISTEN_SUBSCRIPTION_ID } from './listen/forward.js';
export { EXIT } from './errors.js';
export { version } from './version.js';

export interface RunOptions {
  /** The environment the command reads its credentials from. Default: `process.env`. */
  env?: Env | undefined;
  /** Where its lines go, and its Ctrl-C. Default: this process's stdout, stderr and signals. */
  io?: Io | undefined;
}

/** Runs `chert <argv…>` in this process; resolves to its exit code (`EXIT`), never rejects for a bad argument. */
export function run(argv: string[], options: RunOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  return main(argv, env, options.io ?? processIo(env));
}

export interface ForwardEventOptions {
  /** The webhook handler's URL. Unlike `chert listen`, any URL: your code chose it. */
  url: string | URL;
  /** The secret your handler verifies with. */
  secret: string;
  /** Stops retrying, and drops the attempt in flight. */
  signal?: AbortSignal | undefined;
  /** One attempt's limit. Default 10 s. */
  timeoutMs?: number | undefined;
  /** The first wait before a retry, doubled after each. Default 250 ms. */
  backoffBaseMs?: number | undefined;
  /** Default: Chert's, from the document (`webhookDelivery.retry`). */
  rules?: RetryRules | undefined;
}

/**
 * POSTs `event.payload` to `url` as Chert delivers a webhook (its headers, signed with
 * `secret`), retried as Chert retries; resolves to how it went. For an event of
 * `events.list` or `devInbox.list`, say, replayed into a local handler from a test.
 */
export function forwardEvent(event: Event, options: ForwardEventOptions): Promise<Forwarded> {
  const signal = options.signal ?? new AbortController().signal;
  return forward(event, {
    url: new URL(options.url),
    secret: options.secret,
    stop: signal,
    abandon: signal,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.backoffBaseMs === undefined ? {} : { backoffBaseMs: options.backoffBaseMs }),
    ...(options.rules === undefined ? {} : { rules: options.rules }),
  });
}
