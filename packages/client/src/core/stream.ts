// The event stream: Server-Sent Events read with eventsource-parser, as an async iterable of
// typed items. It sends the client's auth headers (which `EventSource` cannot), skips heartbeat
// comments, reconnects when the server ends a connection (its `closeEvent` frame) or the
// connection drops or falls silent, and resumes from the last item's `resumeFrom` field,
// skipping the items of that instant it already yielded (by `itemId`): none lost, none twice.
import type { OperationId } from '@chert/types';
import { createParser } from 'eventsource-parser';
import type { IterablePromise } from './api-promise.js';
import type { CallOptions } from './call.js';
import { check } from './chert-error.js';
import { ChertAbortError, ChertNetworkError } from './errors.js';
import type { Logger } from './logger.js';
import type { Operation } from './operation.js';
import { backoffMs, noop } from './transport.js';

/** Options of a stream: those of a call, for each connection it opens. */
export type StreamOptions = CallOptions;

/** The items of a stream, read once; `break` closes the connection. */
export type EventStream<T> = AsyncIterable<T>;

/** A stream: await it for the first connection, or iterate it at once. */
export type StreamPromise<T> = IterablePromise<EventStream<T>, T>;

/** Connections in a row that may fail (or drop before any byte) before the stream gives up. */
export const MAX_FAILURES = 10;

export interface StreamSource {
  operationId: OperationId;
  /** What the reader needs of the operation's `x-chert-stream`. */
  facts: NonNullable<Operation['stream']>;
  /** Opens a connection resuming after `since` (undefined: from now), resolving to its body. */
  connect(since: string | undefined): Promise<ReadableStream<Uint8Array>>;
  signal: AbortSignal | undefined;
  log: Partial<Logger>;
  /** Milliseconds of silence after which a connection counts as dropped. Default: two heartbeats. */
  idleMs?: number;
  /** The wait before reconnecting after `failures` failures in a row. Default: the client's backoff. */
  backoff?: (failures: number) => number;
}

/** What the core gives a stream: its operation, and how one connection's request is sent. */
export interface StreamCall {
  operationId: OperationId;
  facts: NonNullable<Operation['stream']>;
  log: Partial<Logger>;
  /** Sends one connection's request: its body, and its Response once it has come. */
  send(input: { path?: object; query: object }, options: CallOptions): [Promise<unknown>, () => Response];
}

/**
 * Opens the stream (the core's `stream`, loaded with this chunk): `params` holds the query fields
 * and the options of every connection; the first connection is opened here, the next ones by the
 * reader, resuming where the last one stopped.
 */
export async function openStream<T>(params: unknown, input: { path?: object }, { operationId, facts, log, send }: StreamCall): Promise<EventStream<T>> {
  check(typeof params === 'object' && params !== null, 'params', 'the stream takes one object: its query fields and call options');
  const { signal, headers, timeoutMs, maxRetries, deadlineMs, ...query } = params as StreamOptions & Record<string, unknown>;
  const options = { signal, headers, timeoutMs, maxRetries, deadlineMs };
  const open = (since: unknown) => send({ ...input, query: since === undefined ? query : { ...query, [facts.resume]: since } }, options);
  const [first, response] = open(undefined);
  const body = (await first) as ReadableStream<Uint8Array>;
  // Until an item arrives, a reconnection resumes from when the first connection opened (by the
  // server's clock), so nothing that happens in between is lost.
  const opened = Date.parse(response().headers.get('date') ?? '');
  const since = (query[facts.resume] as string | undefined) ?? (Number.isNaN(opened) ? undefined : new Date(opened).toISOString());
  return eventStream(body, since, { operationId, facts, signal, log, connect: (at) => open(at)[0] as Promise<ReadableStream<Uint8Array>> });
}

/** Reads `first` (the first connection's body), then reconnects as long as the stream lasts. */
export function eventStream<T>(first: ReadableStream<Uint8Array>, since: string | undefined, source: StreamSource): EventStream<T> {
  const { operationId, facts, connect, signal, log } = source;
  const { closeEvent, resumeFrom, itemId, heartbeatSeconds } = facts;
  const idleMs = source.idleMs ?? heartbeatSeconds * 2000;
  const backoff = source.backoff ?? ((failures: number) => backoffMs(failures - 1));

  async function* read(): AsyncGenerator<T, void, undefined> {
    let body: ReadableStream<Uint8Array> | undefined = first;
    let failures = 0;
    // The newest instant yielded, and the ids yielded at that instant.
    let last = Date.parse(since ?? '');
    const seen = new Set<unknown>();
    for (;;) {
      if (!body) {
        if (failures) await pause(backoff(failures), signal);
        try {
          body = await connect(since);
        } catch (error) {
          // An answer (401, 404…) or an abort ends the stream; a failed connection is tried again.
          if (!(error instanceof ChertNetworkError) || ++failures >= MAX_FAILURES) throw error;
          log.info?.(`${operationId}: reconnecting after ${error.message}`);
          continue;
        }
      }
      const reader = body.getReader();
      body = undefined;
      const decoder = new TextDecoder();
      const frames: string[] = [];
      // The server's close frame came; the answer ended cleanly; any byte came (a heartbeat too).
      let closed = false;
      let ended = false;
      let heard = false;
      const parser = createParser({
        onEvent({ event, data }) {
          if (event === closeEvent) closed = true;
          else if (event === undefined || event === 'message') frames.push(data);
        },
      });
      const stop = () => void reader.cancel().catch(noop);
      let silent = false;
      let idle: ReturnType<typeof setTimeout> | undefined;
      signal?.addEventListener('abort', stop);
      try {
        while (!closed && !signal?.aborted) {
          idle = setTimeout(() => {
            silent = true;
            stop();
          }, idleMs);
          const { done, value } = await reader.read();
          clearTimeout(idle);
          if (done) {
            ended = !signal?.aborted && !silent;
            break;
          }
          heard = true;
          parser.feed(decoder.decode(value, { stream: true }));
          for (const data of frames.splice(0)) {
            let item: Record<string, unknown>;
            try {
              item = JSON.parse(data) as Record<string, unknown>;
            } catch {
              log.warn?.(`${operationId}: skipped a frame whose data is not JSON`);
              continue;
            }
            const at = Date.parse(String(item?.[resumeFrom]));
            if (at > last || (Number.isNaN(last) && !Number.isNaN(at))) {
              last = at;
              since = item[resumeFrom] as string;
              seen.clear();
            } else if (seen.has(item?.[itemId])) continue;
            seen.add(item?.[itemId]);
            yield item as T;
          }
        }
      } catch {
        // The connection dropped mid-answer: reconnected below.
      } finally {
        clearTimeout(idle);
        signal?.removeEventListener('abort', stop);
        stop();
      }
      if (signal?.aborted) throw new ChertAbortError(operationId, signal.reason, true);
      // A close frame (which, sent without a data line, the SSE rules do not dispatch), or an
      // answer that ended cleanly after saying something: the server's 60-second life. Reconnect
      // at once.
      if (closed || (ended && heard)) failures = 0;
      else {
        // Dropped, silent past two heartbeats, or ended before saying anything: back off.
        failures = heard ? 1 : failures + 1;
        if (failures >= MAX_FAILURES) {
          throw new ChertNetworkError(`${operationId} lost its connection ${MAX_FAILURES} times in a row`, operationId, true);
        }
        log.info?.(`${operationId}: the connection dropped; reconnecting`);
      }
    }
  }

  const items = read();
  return { [Symbol.asyncIterator]: () => items };
}

/** Waits `ms`, or less if `signal` aborts (the next connection then fails with ChertAbortError). */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });
}
