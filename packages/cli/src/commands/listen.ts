/**
 * `chert listen`: the event stream forwarded to a local endpoint, like `stripe listen`.
 * The stream is read as fast as it comes and queued; one worker forwards the events in
 * order, so a slow or dead endpoint delays the lines, never the stream. Ctrl-C stops the
 * stream and every further attempt at once, lets the attempt in flight finish for a moment,
 * then abandons it, and exits 0.
 */
import { randomBytes } from 'node:crypto';
import type { ChertClient, Event } from '@chert/client';
import { webhookEvents } from '@chert/types';
import { parse, text } from '../args.js';
import { clientFor, shownBaseUrl } from '../client.js';
import type { Env } from '../environment.js';
import { describeError, EXIT, oneLine, UsageError } from '../errors.js';
import { LISTEN_HELP } from '../help.js';
import type { Io } from '../io.js';
import { forward } from '../listen/forward.js';
import { eventLine } from '../listen/line.js';
import { tail, type Opened } from '../listen/tail.js';
import { forwardTarget } from '../listen/target.js';

const COMMAND = 'chert listen';

/** How long the attempt in flight may go on after Ctrl-C. */
export const GRACE_MS = 1_000;

/** `--events`: known event types, comma-separated; undefined takes every event. */
export function eventTypes(value: string | undefined): Set<string> | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((n) => n.trim()).filter(Boolean);
  if (!names.length) throw new UsageError(`${COMMAND}: --events needs at least one event type (${webhookEvents.join(', ')})`);
  const unknown = names.find((n) => !(webhookEvents as readonly string[]).includes(n));
  if (unknown !== undefined) {
    throw new UsageError(`${COMMAND}: --events: ${JSON.stringify(oneLine(unknown))} is not an event type (${webhookEvents.join(', ')})`);
  }
  return new Set(names);
}

/** `--secret`, or 32 random bytes in hex. */
export function localSecret(given: string | undefined): string {
  return given ?? randomBytes(32).toString('hex');
}

/** Items handed from the stream to the worker, in order. */
class Queue<T> {
  private items: T[] = [];
  private wake: (() => void) | undefined;

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    this.items.push(item);
    this.wake?.();
  }

  /** The next item, or undefined once `signal` aborts. */
  async next(signal: AbortSignal): Promise<T | undefined> {
    while (!signal.aborted) {
      const item = this.items.shift();
      if (item !== undefined) return item;
      await new Promise<void>((resolve) => {
        const done = () => {
          this.wake = undefined;
          signal.removeEventListener('abort', done);
          resolve();
        };
        this.wake = done;
        signal.addEventListener('abort', done, { once: true });
      });
    }
    return undefined;
  }
}

export async function listen(argv: string[], env: Env, io: Io): Promise<number> {
  const { values, positionals } = parse(COMMAND, argv, {
    'forward-to': { type: 'string' },
    events: { type: 'string' },
    secret: { type: 'string' },
    'base-url': { type: 'string' },
    'allow-remote': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(LISTEN_HELP);
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(`${COMMAND}: takes no arguments, got ${JSON.stringify(oneLine(positionals[0]!))}; the endpoint goes in --forward-to`);
  const forwardTo = text(COMMAND, values, 'forward-to');
  if (forwardTo === undefined) throw new UsageError(`${COMMAND}: --forward-to is required, e.g. --forward-to http://localhost:3000/webhooks/chert`);
  const types = eventTypes(text(COMMAND, values, 'events'));
  const secret = localSecret(text(COMMAND, values, 'secret'));
  const baseUrlFlag = text(COMMAND, values, 'base-url');
  const chert = clientFor(COMMAND, env, baseUrlFlag, io);
  const url = await forwardTarget(forwardTo, { allowRemote: values['allow-remote'] === true });

  // Ctrl-C once: no more stream, no further attempt or wait; the attempt in flight gets GRACE_MS.
  // Twice, or the grace over: that attempt is abandoned too.
  const stop = new AbortController();
  const abandon = new AbortController();
  let grace: NodeJS.Timeout | undefined;
  const offStop = io.onStop(() => {
    if (stop.signal.aborted) return abandon.abort();
    stop.abort();
    grace = setTimeout(() => abandon.abort(), GRACE_MS);
  });

  try {
    const which = types ? [...types].join(', ') : 'every event';
    io.out(`${COMMAND}: forwarding ${which} from ${shownBaseUrl(env, baseUrlFlag)} to ${url.href}`);
    io.out(`Local webhook signing secret: ${secret}`);
    io.out('  (verify deliveries with it as your webhook secret; --secret <it> keeps it across restarts)');

    let first: Opened;
    try {
      first = await open(chert, undefined, stop.signal);
    } catch (error) {
      if (stop.signal.aborted) {
        io.out('Stopped.');
        return EXIT.ok;
      }
      const { line, exit } = describeError(error);
      io.err(`${COMMAND}: cannot open the event stream: ${line}`);
      return exit;
    }
    io.out('Ready: tailing the event stream. Ctrl-C to stop.');

    const queue = new Queue<{ event: Event; at: Date }>();
    const worker = (async () => {
      for (;;) {
        const next = await queue.next(stop.signal);
        if (!next) return;
        const forwarded = await forward(next.event, { url, secret, stop: stop.signal, abandon: abandon.signal });
        io.out(eventLine({ at: next.at, type: next.event.type, id: next.event.id, forwarded }, io.color));
      }
    })();

    let failure: unknown;
    try {
      const events = tail(first, (since) => open(chert, since, stop.signal), {
        signal: stop.signal,
        onLost: (error, retryInMs) =>
          io.err(`${COMMAND}: lost the event stream (${oneLine(error.message)}); trying again in ${Math.round(retryInMs / 100) / 10} s`),
      });
      for await (const event of events) {
        if (!types || types.has(event.type)) queue.push({ event, at: new Date() });
      }
    } catch (error) {
      failure = error;
      stop.abort();
    }
    await worker;
    const left = queue.size;
    io.out(`Stopped.${left ? ` ${left} event${left === 1 ? '' : 's'} received and not forwarded.` : ''}`);
    if (failure !== undefined) {
      const { line } = describeError(failure);
      io.err(`${COMMAND}: the event stream ended: ${line}`);
      return EXIT.failed;
    }
    return EXIT.ok;
  } finally {
    clearTimeout(grace);
    offStop();
  }
}

/** A stream of the events after `since` (from now when undefined), once its connection is open. */
async function open(chert: ChertClient, since: string | undefined, signal: AbortSignal): Promise<Opened> {
  const { data, response } = await chert.events.stream({ signal, ...(since === undefined ? {} : { since }) }).withResponse();
  // Until an event comes, a new stream resumes from when this one opened, by Chert's clock.
  const date = Date.parse(response.headers.get('date') ?? '');
  return { events: data, openedAt: since ?? new Date(Number.isNaN(date) ? Date.now() : date).toISOString() };
}
