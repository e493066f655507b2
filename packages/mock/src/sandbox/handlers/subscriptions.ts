/**
 * Webhook subscriptions: the secret is made here and shown once, in the answer that
 * creates the subscription; listing, reading and updating never show it. Deleting stops
 * deliveries; events already recorded stay in the log.
 */
import { ids } from '../ids.js';
import { ChertRefusal } from '../refusal.js';
import type { SubscriptionRecord } from '../state.js';
import { ok, type Call, type Handler } from './call.js';

function subscription(call: Call): SubscriptionRecord {
  const found = call.sandbox.state.subscriptions.get(call.params.id!);
  if (!found) throw new ChertRefusal(2011, `webhook subscription ${call.params.id} does not exist in the sandbox`);
  return found;
}

const eventsOf = (value: unknown): string[] => (Array.isArray(value) ? [...new Set(value.map(String))] : []);

const createWebhookSubscription: Handler = (call) => {
  const { sandbox, body } = call;
  const record: SubscriptionRecord = {
    id: ids.subscription(),
    url: String(body.url),
    events: eventsOf(body.events),
    version: typeof body.version === 'string' ? body.version : sandbox.facts.defaultWebhookVersion,
    isActive: true,
    createdAt: sandbox.now(),
    secret: ids.secret(),
  };
  sandbox.state.subscriptions.set(record.id, record);
  return ok(call, { subscription: sandbox.views.subscription(record, true) });
};

const listWebhookSubscriptions: Handler = (call) =>
  ok(call, { subscriptions: [...call.sandbox.state.subscriptions.values()].map((s) => call.sandbox.views.subscription(s)) });

const getWebhookSubscription: Handler = (call) => ok(call, { subscription: call.sandbox.views.subscription(subscription(call)) });

const updateWebhookSubscription: Handler = (call) => {
  const record = subscription(call);
  const { body } = call;
  if (typeof body.url === 'string') record.url = body.url;
  if (body.events !== undefined) record.events = eventsOf(body.events);
  if (typeof body.version === 'string') record.version = body.version;
  if (typeof body.is_active === 'boolean') record.isActive = body.is_active;
  return ok(call, { subscription: call.sandbox.views.subscription(record) });
};

const deleteWebhookSubscription: Handler = (call) => {
  const record = subscription(call);
  call.sandbox.state.subscriptions.delete(record.id);
  return ok(call, undefined);
};

export const subscriptions: Record<string, Handler> = {
  createWebhookSubscription,
  listWebhookSubscriptions,
  getWebhookSubscription,
  updateWebhookSubscription,
  deleteWebhookSubscription,
};
