// chert.events: list (pages, iterable), stream (iterable of events), get, replay (a query).
import type { Event, EventList, ReplayResult } from '@chert/types';
import { expectTypeOf, it } from 'vitest';
import type { APIPromise, ChertClient, EventsListParams, EventsReplayParams, EventStream, Page, PagePromise, StreamPromise } from '../../src/index.js';

declare const chert: ChertClient;

it('list: the query as the API spells it; resolves to a page, iterates events', async () => {
  const call = chert.events.list({ type: 'message.received', status: 'failed', limit: 50 });
  expectTypeOf(call).toEqualTypeOf<PagePromise<EventList, Event>>();
  const page = await call;
  expectTypeOf(page).toEqualTypeOf<Page<EventList, Event>>();
  expectTypeOf(page.data).toEqualTypeOf<Event[]>();
  expectTypeOf(page.nextCursor).toEqualTypeOf<string | null>();
  expectTypeOf(page.next_cursor).toEqualTypeOf<string | null>();
  expectTypeOf(page.getNextPage()).toEqualTypeOf<PagePromise<EventList, Event>>();
  for await (const e of call) expectTypeOf(e).toEqualTypeOf<Event>();
  for await (const e of page) expectTypeOf(e).toEqualTypeOf<Event>();
  expectTypeOf(chert.events.list).parameter(0).toEqualTypeOf<EventsListParams | undefined>();
  // @ts-expect-error not an event type
  void chert.events.list({ type: 'message.sent' });
  // @ts-expect-error the API's field names
  void chert.events.list({ leadId: 'ch_1' });
});

it('stream: query fields and call options in one object; an iterable of events', async () => {
  const stream = chert.events.stream({ since: '2026-05-04T18:00:00Z', signal: AbortSignal.timeout(60_000) });
  expectTypeOf(stream).toEqualTypeOf<StreamPromise<Event>>();
  expectTypeOf(await stream).toEqualTypeOf<EventStream<Event>>();
  for await (const e of stream) expectTypeOf(e.created_at).toEqualTypeOf<string>();
  // @ts-expect-error `since` is a timestamp string
  void chert.events.stream({ since: 5 });
});

it('get and replay: the event id first; replay takes a query', () => {
  expectTypeOf(chert.events.get('evt_1')).toEqualTypeOf<APIPromise<Event>>();
  expectTypeOf(chert.events.replay('evt_1', { subscription_id: 'sub_1' })).toEqualTypeOf<APIPromise<ReplayResult>>();
  expectTypeOf(chert.events.replay).parameter(1).toEqualTypeOf<EventsReplayParams | undefined>();
  // @ts-expect-error the API's field names
  void chert.events.replay('evt_1', { subscriptionId: 'sub_1' });
});
