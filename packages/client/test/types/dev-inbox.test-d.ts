// chert.devInbox: the events recorded for the dev inbox, paginated like events.list.
import type { Event, EventList } from '@chert/types';
import { expectTypeOf, it } from 'vitest';
import type { ChertClient, DevInboxListParams, PagePromise } from '../../src/index.js';

declare const chert: ChertClient;

it('list: pages and items; no status filter', async () => {
  expectTypeOf(chert.devInbox.list()).toEqualTypeOf<PagePromise<EventList, Event>>();
  for await (const e of chert.devInbox.list({ lead_id: 'ch_1' })) expectTypeOf(e).toEqualTypeOf<Event>();
  expectTypeOf<DevInboxListParams>().not.toHaveProperty('status');
  // @ts-expect-error the dev inbox has no status filter
  void chert.devInbox.list({ status: 'failed' });
});
