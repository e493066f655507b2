/**
 * The event log: pages of it (newest first, an opaque cursor), one event with every
 * attempt, a replay (one attempt to each subscription, answered with how it went), the
 * live stream, and the dev inbox (the events recorded, never sent).
 */
import type { Answer } from '../../http/answer.js';
import { ChertRefusal } from '../refusal.js';
import type { EventRecord, TargetState } from '../state.js';
import { deliveryStatus } from '../views.js';
import { ok, queryValue, type Call, type Handler } from './call.js';

function encodeCursor(seq: number): string {
  return Buffer.from(`e${seq}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const seq = /^e([1-9]\d{0,14})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'))?.[1];
  if (!/^[A-Za-z0-9_-]+$/.test(cursor) || seq === undefined) throw new ChertRefusal(1002, `query parameter cursor: ${cursor} is not a cursor this sandbox gave out`);
  return Number(seq);
}

function page(call: Call, status: TargetState | undefined): Answer {
  const { sandbox } = call;
  const type = queryValue(call, 'type');
  const lead = queryValue(call, 'lead_id');
  const since = queryValue(call, 'since');
  const sinceMs = since === undefined ? undefined : Date.parse(since);
  const limit = Number(queryValue(call, 'limit') ?? sandbox.facts.defaultPageSize);
  const cursor = queryValue(call, 'cursor');
  const before = cursor === undefined ? Number.POSITIVE_INFINITY : decodeCursor(cursor);
  const matching: EventRecord[] = [];
  const events = sandbox.state.events;
  let more = false;
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    if (event.seq >= before) continue;
    if (type !== undefined && event.type !== type) continue;
    if (lead !== undefined && event.chatId !== lead) continue;
    if (sinceMs !== undefined && !(event.createdAt > sinceMs)) continue;
    if (status !== undefined && deliveryStatus(event) !== status) continue;
    if (matching.length === limit) {
      more = true;
      break;
    }
    matching.push(event);
  }
  return ok(call, {
    events: matching.map((e) => sandbox.views.event(e)),
    next_cursor: more ? encodeCursor(matching.at(-1)!.seq) : null,
    count: matching.length,
  });
}

function event(call: Call): EventRecord {
  const found = call.sandbox.state.eventsById.get(call.params.id!);
  if (!found) throw new ChertRefusal(2011, `event ${call.params.id} does not exist in the sandbox`, 404);
  return found;
}

const listEvents: Handler = (call) => page(call, queryValue(call, 'status') as TargetState | undefined);

const listDevInboxEvents: Handler = (call) => page(call, 'dev_inbox');

const getEvent: Handler = (call) => ok(call, call.sandbox.views.event(event(call)));

const replayEvent: Handler = async (call) => {
  const { sandbox } = call;
  const record = event(call);
  const only = queryValue(call, 'subscription_id');
  let chosen = sandbox.subscribersOf(record.type);
  if (only !== undefined) {
    const subscription = sandbox.state.subscriptions.get(only);
    if (!subscription) throw new ChertRefusal(1002, `subscription ${only} does not exist: no delivery destination`, 400);
    if (!subscription.isActive) throw new ChertRefusal(1002, `subscription ${only} is paused: no delivery destination`, 400);
    chosen = [subscription];
  }
  const http = chosen.filter((s) => !sandbox.isDevInbox(s.url));
  if (!http.length) {
    throw new ChertRefusal(
      1002,
      chosen.length ? `the event's only destination is the dev inbox, which records and never sends` : `no active subscription takes ${record.type}: no delivery destination`,
      400,
    );
  }
  const targets = http.map((s) => {
    let target = record.targets.find((t) => t.subscriptionId === s.id);
    if (!target) {
      target = { subscriptionId: s.id, url: s.url, state: 'pending' };
      record.targets.push(target);
    }
    target.url = s.url;
    return target;
  });
  const results = await sandbox.deliverer.replay(record, targets);
  const failed = results.find((r) => r.status < 200 || r.status > 299);
  if (failed) {
    throw new ChertRefusal(3004, `delivery to ${targets[results.indexOf(failed)]!.url} failed: ${failed.error ?? `HTTP ${failed.status}`}`, 502, {
      downstream_status: failed.status || null,
    });
  }
  return ok(call, { ok: true, downstream_status: results.at(-1)!.status });
};

const streamEvents: Handler = (call) => {
  const { sandbox } = call;
  const since = queryValue(call, sandbox.facts.stream.resume);
  const sinceMs = since === undefined ? undefined : Date.parse(since);
  // Read when the stream starts, so no event falls between the backlog and the live feed.
  const backlog = () => (sinceMs === undefined ? [] : sandbox.state.events.filter((e) => e.createdAt > sinceMs).map((e) => sandbox.views.event(e)));
  return {
    ...ok(call, undefined),
    headers: { 'Cache-Control': 'no-cache' },
    mediaType: 'text/event-stream',
    stream: (res) => sandbox.hub.open(res, backlog()),
  };
};

export const events: Record<string, Handler> = { listEvents, listDevInboxEvents, getEvent, replayEvent, streamEvents };
