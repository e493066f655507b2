import { ChertAbortError, ChertApiError, ChertNetworkError, type Event } from '@chert/client';
import { describe, expect, it } from 'vitest';
import { tail, type Open, type Opened } from '../src/listen/tail.js';

/** Event rows, as far as tail reads them. */
const ev = (id: string, second: number) => ({ id, created_at: new Date(Date.UTC(2026, 4, 4, 12, 0, second)).toISOString(), type: 'message.received' }) as Event;
const lost = () => new ChertNetworkError('streamEvents failed after it was sent', 'streamEvents', true);

/** The signal of the test running: a stream of the client's ends with a ChertAbortError when it aborts. */
let signal: AbortSignal;

/** A stream that yields `events`, then fails with `error`, or stays open until aborted, as the client's does. */
function stream(events: Event[], error?: Error): AsyncIterable<Event> {
  return (async function* () {
    for (const e of events) yield e;
    if (error) throw error;
    await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve())));
    throw new ChertAbortError('streamEvents', signal.reason, true);
  })();
}

interface Script {
  first: Opened;
  /** What each later open does: a stream, or an error thrown. */
  opens: Array<AsyncIterable<Event> | Error>;
}

async function run(build: () => Script, take: number) {
  const controller = new AbortController();
  signal = controller.signal;
  const script = build();
  const since: Array<string | undefined> = [];
  const losses: number[] = [];
  const open: Open = async (s) => {
    since.push(s);
    const next = script.opens.shift();
    if (next === undefined) return { events: stream([]), openedAt: s ?? '' };
    if (next instanceof Error) throw next;
    return { events: next, openedAt: s ?? '' };
  };
  const got: string[] = [];
  let error: unknown;
  try {
    for await (const event of tail(script.first, open, { signal: controller.signal, onLost: (_e, ms) => losses.push(ms), backoffMs: (n) => n })) {
      got.push(event.id);
      if (got.length === take) controller.abort();
    }
  } catch (e) {
    error = e;
  }
  return { got, since, losses, error };
}

const T0 = ev('x', 0).created_at;

describe('tail: the stream kept going when the client gives up on it', () => {
  it('reopens from the last event, skipping what that instant already gave', async () => {
    const { got, since, losses } = await run(
      () => ({
        first: { events: stream([ev('a', 1), ev('b', 2)], lost()), openedAt: T0 },
        opens: [stream([ev('b', 2), ev('c', 2), ev('d', 3)])],
      }),
      4,
    );
    expect(got).toEqual(['a', 'b', 'c', 'd']);
    expect(since).toEqual([ev('b', 2).created_at]);
    expect(losses).toEqual([1]);
  });

  it('before any event, reopens from when the first stream opened', async () => {
    const { got, since } = await run(() => ({ first: { events: stream([], lost()), openedAt: T0 }, opens: [stream([ev('a', 1)])] }), 1);
    expect(got).toEqual(['a']);
    expect(since).toEqual([T0]);
  });

  it('skips events older than it has seen', async () => {
    const { got } = await run(() => ({ first: { events: stream([ev('a', 5)], lost()), openedAt: T0 }, opens: [stream([ev('old', 4), ev('a', 5), ev('b', 6)])] }), 2);
    expect(got).toEqual(['a', 'b']);
  });

  it('keeps trying while the opens fail, waiting longer each time, and carries on', async () => {
    const { got, losses, since } = await run(() => ({ first: { events: stream([ev('a', 1)], lost()), openedAt: T0 }, opens: [lost(), lost(), stream([ev('b', 2)])] }), 2);
    expect(got).toEqual(['a', 'b']);
    expect(losses).toEqual([1, 2, 3]);
    expect(since).toEqual([ev('a', 1).created_at, ev('a', 1).created_at, ev('a', 1).created_at]);
  });

  it('an error answer ends it (401, 403…), with that error', async () => {
    const refused = new ChertApiError({ status: 401, code: 2004, message: 'Bad signature', retryable: false, retryAfter: undefined, traceId: 'abc', operationId: 'streamEvents', headers: new Headers() });
    const { got, error } = await run(() => ({ first: { events: stream([ev('a', 1)], lost()), openedAt: T0 }, opens: [refused] }), 5);
    expect(got).toEqual(['a']);
    expect(error).toBe(refused);
  });

  it('stops when aborted, wherever it is', async () => {
    const { got, error } = await run(() => ({ first: { events: stream([ev('a', 1), ev('b', 2)]), openedAt: T0 }, opens: [] }), 1);
    expect(got).toEqual(['a']);
    expect(error).toBeUndefined();
  });
});
