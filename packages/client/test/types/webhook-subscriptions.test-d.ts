// chert.webhookSubscriptions: create, list, get, update, delete (a 204: void).
import type { CreateWebhookSubscriptionResult, WebhookSubscriptionList, WebhookSubscriptionResult } from '@chert/types';
import { expectTypeOf, it } from 'vitest';
import type { APIPromise, ChertClient } from '../../src/index.js';

declare const chert: ChertClient;
const id = '5d2e8c1a-9b3f-4c7d-8e6a-1f0b2c3d4e5f';

it('create and list', async () => {
  const created = chert.webhookSubscriptions.create({ url: 'https://example.com/hooks/chert', events: ['message.received'] });
  expectTypeOf(created).toEqualTypeOf<APIPromise<CreateWebhookSubscriptionResult>>();
  expectTypeOf((await created).subscription.secret).toEqualTypeOf<string>();
  expectTypeOf(chert.webhookSubscriptions.list()).toEqualTypeOf<APIPromise<WebhookSubscriptionList>>();
  // @ts-expect-error the url is required
  void chert.webhookSubscriptions.create({ events: ['message.received'] });
  // @ts-expect-error not an event Chert delivers
  void chert.webhookSubscriptions.create({ url: 'https://example.com/hooks', events: ['message.sent'] });
});

it('get, update, delete: the subscription id first', async () => {
  expectTypeOf(chert.webhookSubscriptions.get(id)).toEqualTypeOf<APIPromise<WebhookSubscriptionResult>>();
  expectTypeOf(chert.webhookSubscriptions.update(id, { is_active: false })).toEqualTypeOf<APIPromise<WebhookSubscriptionResult>>();
  expectTypeOf(chert.webhookSubscriptions.delete(id)).toEqualTypeOf<APIPromise<void>>();
  expectTypeOf(await chert.webhookSubscriptions.delete(id)).toEqualTypeOf<void>();
  // @ts-expect-error is_active is a boolean
  void chert.webhookSubscriptions.update(id, { is_active: 'no' });
});
