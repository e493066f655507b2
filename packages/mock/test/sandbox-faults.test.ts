import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { document } from './document.js';
import { ADA, downUrl, SandboxClient, startReceiver, startSandbox, text, type Receiver } from './sandbox.js';

/** Issue 13's faults: a flaky receiver, a receiver that is down, and a burst of sends into one chat. */
const MAX_ATTEMPTS: number = document['x-chert-webhook-delivery'].retry.maxAttempts;

let mock: RunningSandbox;
let api: SandboxClient;
let receiver: Receiver;

beforeAll(async () => {
  ({ mock, api } = await startSandbox({ webhookBackoffMs: 20, webhookTimeoutMs: 1000 }));
  receiver = await startReceiver();
});
afterAll(async () => {
  await mock?.close();
  await receiver?.close();
});

describe('faults', () => {
  it('a receiver that fails twice then succeeds shows 3 attempts and delivered', async () => {
    await mock.reset();
    receiver.received.length = 0;
    receiver.script([500, 503]);
    const sub = (await api.post('/api/v1/webhook-subscriptions', { url: receiver.url, events: ['message.received'] })).json.subscription;
    const { events } = await mock.inbound({ from: ADA, text: 'Are you open Sunday?' });
    await mock.settle();
    const row = (await api.get(`/api/v1/events/${events[0]!.id}`)).json;
    expect(MAX_ATTEMPTS).toBe(3);
    expect(row.delivery.status).toBe('delivered');
    expect(row.delivery.attempts.map((a: { status: number; subscription_id: string }) => [a.status, a.subscription_id])).toEqual([
      [500, sub.id],
      [503, sub.id],
      [200, sub.id],
    ]);
    expect(row.delivery.delivered_at).toBe(row.delivery.attempts[2].at);
    // The same event each time: one dedupe key, so the receiver handles it once.
    expect(new Set(receiver.received.map((r) => r.headers['x-webhook-event-id']))).toEqual(new Set([events[0]!.event_id]));
    expect(receiver.received).toHaveLength(3);
  });

  it('a receiver that is down ends failed after 3 attempts, and is delivered by replay', async () => {
    await mock.reset();
    receiver.received.length = 0;
    receiver.script([]);
    const sub = (await api.post('/api/v1/webhook-subscriptions', { url: await downUrl(), events: ['message.received'] })).json.subscription;
    const { events } = await mock.inbound({ from: ADA, text: 'Hello?' });
    await mock.settle();
    const id = events[0]!.id;
    const failed = (await api.get(`/api/v1/events/${id}`)).json;
    expect(failed.delivery.status).toBe('failed');
    expect(failed.delivery.attempts).toHaveLength(3);
    expect((await api.get('/api/v1/events?status=failed')).json.events.map((e: { id: string }) => e.id)).toEqual([id]);

    // The endpoint comes back (at a new address); the event is replayed to it.
    await api.call('PATCH', `/api/v1/webhook-subscriptions/${sub.id}`, { url: receiver.url });
    const replay = await api.post(`/api/v1/events/${id}/replay?subscription_id=${sub.id}`);
    expect([replay.status, replay.json]).toEqual([200, { ok: true, downstream_status: 200 }]);
    const delivered = (await api.get(`/api/v1/events/${id}`)).json;
    expect(delivered.delivery.status).toBe('delivered');
    expect(delivered.delivery.attempts.map((a: { status: number }) => a.status)).toEqual([0, 0, 0, 200]);
    expect(receiver.received.map((r) => JSON.parse(r.body).event_id)).toEqual([events[0]!.event_id]);
  });

  it('200 concurrent sends to one chat all land in its history, none twice', async () => {
    await mock.reset();
    const lead = (await api.post('/api/v1/send', { phone: ADA, body: 'First' })).json;
    const texts = Array.from({ length: 200 }, (_, i) => `message ${i}`);
    const answers = await Promise.all(texts.map((t) => api.post(`/api/v1/chats/${lead.lead_id}/messages`, { message: { parts: [text(t)] } })));
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(200));
    const history = (await api.get(`/api/v1/chats/${lead.lead_id}/messages`)).json;
    const listed = history.messages.map((m: { parts: Array<{ value: string }> }) => m.parts[0]!.value);
    // 201 messages in all: the history holds the 200 most recent, the first one left out.
    expect(history.has_more).toBe(true);
    expect([...listed].sort()).toEqual([...texts].sort());
    expect(new Set(history.messages.map((m: { id: string }) => m.id)).size).toBe(200);
    expect(new Set(answers.map((a) => a.json.message.id))).toEqual(new Set(history.messages.map((m: { id: string }) => m.id)));
  });
});
