// @chert/client/webhooks and chert.webhooks: the typed event, discriminated on `event`.
import type { MessageReceivedEvent, WebhookEvent } from '@chert/types';
import { expectTypeOf, it } from 'vitest';
import type { ChertClient } from '../../src/index.js';
import { signWebhook, verifyWebhook, type ChertWebhookError, type WebhookFailure } from '../../src/webhooks.js';

declare const chert: ChertClient;
declare const nodeHeaders: Record<string, string | string[] | undefined>;

it('verify resolves to the union of events, narrowed by `event`', async () => {
  const event = await verifyWebhook({ rawBody: '{}', headers: nodeHeaders, secret: 's' });
  expectTypeOf(event).toEqualTypeOf<WebhookEvent>();
  if (event.event === 'message.received') expectTypeOf(event).toEqualTypeOf<MessageReceivedEvent>();
  expectTypeOf(chert.webhooks.verify).toEqualTypeOf(verifyWebhook);
  void verifyWebhook({ rawBody: new Uint8Array(), headers: new Headers(), secret: 's', toleranceSeconds: 60, now: Date.now });
  // @ts-expect-error the raw body, not parsed JSON
  void verifyWebhook({ rawBody: { event: 'x' }, headers: {}, secret: 's' });
  // @ts-expect-error the secret is required
  void verifyWebhook({ rawBody: '{}', headers: {} });
});

it('sign resolves to the header value; failures have a reason', () => {
  expectTypeOf(signWebhook('s', 1, '{}')).toEqualTypeOf<Promise<string>>();
  expectTypeOf<ChertWebhookError['reason']>().toEqualTypeOf<WebhookFailure>();
  expectTypeOf<WebhookFailure>().toEqualTypeOf<'missing' | 'malformed' | 'stale' | 'mismatch' | 'payload'>();
});
