// One call from start to settlement: its limits, its timer, the caller's signal. The engine
// (openapi-fetch) reads the answer's body after the transport has returned, so the call, not the
// attempt, owns the timer: it keeps running until the body is read, and whatever ends the call
// (the timeout, the deadline, the caller) settles it at once, whether or not the fetch in use
// honours its signal. Everything is released when the call settles.
import type { OperationId } from '@chert/types';
import { ChertAbortError, ChertError, ChertNetworkError, ChertTimeoutError } from './errors.js';
import type { Logger } from './logger.js';
import type { Route } from './operations.js';

/** The limits of a call: the client's, or a call's own. */
export interface CallLimits {
  /** Per attempt, sending to the last byte of the answer; 0: none. */
  timeoutMs: number;
  /** The whole call, retries and waits included; 0: none. */
  deadlineMs: number;
  maxRetries: number;
}

/** Per-call options of the task methods (and of every generated resource method). */
export interface CallOptions {
  /** Extra headers for this request only, e.g. `Prefer` against the mock. */
  headers?: Record<string, string> | undefined;
  /** Aborts the call at any point, with a `ChertAbortError` whose `cause` is the signal's reason. */
  signal?: AbortSignal | undefined;
  /** This call's `timeoutMs` (per attempt, body included). */
  timeoutMs?: number | undefined;
  /** This call's `maxRetries`. */
  maxRetries?: number | undefined;
  /** This call's `deadlineMs` (every attempt and wait). */
  deadlineMs?: number | undefined;
}

const clock = () => performance.now();

export class Call {
  // Declared, not initialised: the constructor assigns them, and nothing is emitted twice.
  declare readonly route: Route | undefined;
  declare readonly limits: CallLimits;
  declare readonly signal: AbortSignal | undefined;
  declare readonly log: Partial<Logger>;
  declare readonly operationId: OperationId | undefined;
  /**
   * Sending it again is safe: the operation is idempotent, or its body carries an idempotency
   * key (Chert answers a repeat with the original response).
   */
  declare readonly idempotent: boolean;
  /** The request may have reached Chert: the attempt in flight, or an earlier one that may have been delivered. */
  sent = false;
  /** The transport has handed the answer over and the engine is reading its body. */
  reading = false;
  /** What ended the call early (timeout while reading, deadline, the caller), once it has. */
  declare failure: ChertError | undefined;
  readonly #deadlineAt: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #attempt: AbortController | undefined;
  /** Rejects what the transport awaits (a send, a body, a wait) when the call or attempt ends. */
  #stop: ((error: ChertError) => void) | undefined;
  #reject: ((error: unknown) => void) | undefined;
  #onAbort: (() => void) | undefined;

  constructor(route: Route | undefined, limits: CallLimits, signal: AbortSignal | undefined, log: Partial<Logger>, keyed = false) {
    this.route = route;
    this.limits = limits;
    this.signal = signal;
    this.log = log;
    this.operationId = route?.id;
    this.idempotent = keyed || !!route?.idempotent;
    this.#deadlineAt = limits.deadlineMs > 0 ? clock() + limits.deadlineMs : Infinity;
  }

  /** Ends the call with `error`: aborts the attempt in flight and settles the call at once. */
  fail(error: ChertError): void {
    if (this.failure) return;
    this.failure = error;
    this.log.debug?.(`${this.operationId ?? 'request'}: ${error.message}`);
    this.release();
    this.#attempt?.abort(error);
    this.#stop?.(error);
    this.#reject?.(error);
  }

  /**
   * Runs the engine under this call and settles with `finish` of its result, or with the
   * failure that ended the call first; releases the timer and the listener either way.
   */
  run<T, R>(engine: () => Promise<T>, finish: (value: T) => R): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#reject = reject;
      const { signal } = this;
      if (signal) {
        this.#onAbort = () => this.fail(new ChertAbortError(this.operationId, signal.reason, this.sent));
        if (signal.aborted) return this.#onAbort();
        signal.addEventListener('abort', this.#onAbort);
      }
      engine().then(
        (value) => {
          this.release();
          try {
            resolve(finish(value));
          } catch (error) {
            reject(error);
          }
        },
        (error: unknown) => {
          this.release();
          reject(
            this.failure ??
              // undici's "terminated": the connection dropped while the body was being read.
              (this.reading && error instanceof TypeError
                ? new ChertNetworkError(`${this.operationId ?? 'The request'} lost its answer while reading it`, this.operationId, true, error)
                : error),
          );
        },
      );
    });
  }

  /**
   * Starts an attempt: the signal for its fetch, aborted by its timeout, the deadline or the
   * caller. With neither a timeout nor a deadline nothing but the caller can end it, so fetch
   * gets the caller's signal as it is (or none): on Node 20 a new AbortSignal costs more than
   * the rest of this class per call.
   */
  attempt(): AbortSignal | undefined {
    if (this.failure) throw this.failure;
    clearTimeout(this.#timer);
    const left = this.#deadlineAt - clock();
    const { timeoutMs, deadlineMs } = this.limits;
    if (left <= 0) {
      this.fail(new ChertTimeoutError(this.operationId, deadlineMs, true, this.sent));
      throw this.failure;
    }
    const byDeadline = timeoutMs === 0 || left < timeoutMs;
    const ms = byDeadline ? left : timeoutMs;
    if (ms === Infinity) return (this.#attempt = undefined), this.signal;
    const controller = (this.#attempt = new AbortController());
    this.#timer = setTimeout(() => {
      const error = new ChertTimeoutError(this.operationId, byDeadline ? deadlineMs : timeoutMs, byDeadline);
      // While the transport holds the attempt it decides (an idempotent call is retried);
      // once the body is being read, or the deadline has passed, the call is over.
      if (byDeadline || this.reading) return this.fail(error);
      controller.abort(error);
      this.#stop?.(error);
    }, ms);
    return controller.signal;
  }

  /** `promise`, or the reason the attempt stopped first, even if a fetch ignores its signal. */
  guard<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#stop = reject;
      if (this.failure) reject(this.failure);
      promise.then(resolve, reject);
    });
  }

  /** Whether a wait of `ms` before a retry ends before the deadline. */
  fits(ms: number): boolean {
    return clock() + ms < this.#deadlineAt;
  }

  /** Waits before a retry; rejects at once if the call ends meanwhile. */
  wait(ms: number): Promise<void> {
    clearTimeout(this.#timer);
    return this.guard(new Promise((resolve) => (this.#timer = setTimeout(resolve, ms))));
  }

  release(): void {
    clearTimeout(this.#timer);
    if (this.#onAbort) this.signal!.removeEventListener('abort', this.#onAbort);
  }
}
