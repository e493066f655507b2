/**
 * The event stream, kept going for as long as `chert listen` runs. The client already
 * reconnects at Chert's 60-second close and across short drops (resuming with `since`,
 * skipping repeats); when it gives up (a long outage: ten failed connections in a row),
 * this opens a new stream from the last event seen, and skips the events of that instant
 * already seen: none lost, none forwarded twice.
 */
import { ChertAbortError, ChertNetworkError, type Event } from '@chert/client';
import { pause } from './pause.js';

export interface Opened {
  events: AsyncIterable<Event>;
  /** Where a new stream would resume if no event came yet: when this one opened. */
  openedAt: string;
}

export type Open = (since: string | undefined) => Promise<Opened>;

export interface TailOptions {
  signal: AbortSignal;
  /** The stream was lost; the next try is in `retryInMs`. */
  onLost(error: Error, retryInMs: number): void;
  /** The wait before the `n`th try in a row (1-based). */
  backoffMs?: (n: number) => number;
}

const defaultBackoff = (n: number) => Math.min(1000 * 2 ** (n - 1), 30_000);

const lost = (error: unknown, signal: AbortSignal) => !signal.aborted && error instanceof ChertNetworkError;

/** Every event of `first`, then of each stream `open` resumes, once each, until `signal` aborts; an API error ends it. */
export async function* tail(first: Opened, open: Open, options: TailOptions): AsyncGenerator<Event, void, undefined> {
  const { signal } = options;
  const backoff = options.backoffMs ?? defaultBackoff;
  let events: AsyncIterable<Event> | undefined = first.events;
  let since = first.openedAt;
  let seen = new Set<string>();
  let failures = 0;
  for (;;) {
    if (events) {
      try {
        for await (const event of events) {
          if (signal.aborted) return;
          failures = 0;
          const at = Date.parse(event.created_at);
          const last = Date.parse(since);
          if (at < last || (at === last && seen.has(event.id))) continue;
          if (at > last) {
            since = event.created_at;
            seen = new Set();
          }
          seen.add(event.id);
          yield event;
        }
        // The client's stream never ends on its own; if one did, it is reopened after a wait, not in a spin.
        failures++;
      } catch (error) {
        if (signal.aborted || error instanceof ChertAbortError) return;
        if (!lost(error, signal)) throw error;
        failures++;
        options.onLost(error as Error, backoff(failures));
      }
      events = undefined;
    }
    if (signal.aborted) return;
    if (failures) await pause(backoff(failures), signal);
    if (signal.aborted) return;
    try {
      events = (await open(since)).events;
    } catch (error) {
      if (signal.aborted || error instanceof ChertAbortError) return;
      if (!lost(error, signal)) throw error;
      failures++;
      options.onLost(error as Error, backoff(failures));
    }
  }
}
