import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { isLoopback, isLoopbackHttpUrl, resolveDestination } from '../src/sandbox/address-policy.js';
import { document } from './document.js';
import { ADA, downUrl, SandboxClient, startReceiver, startSandbox, type Received, type Receiver } from './sandbox.js';

/**
 * Webhook subscriptions and delivery, checked against the document's own facts
 * (`x-chert-webhook-delivery`), read here independently of the mock: the signature is
 * verified with node:crypto from the header names, the format's pattern and the signed
 * payload the document gives.
 */
const facts = document['x-chert-webhook-delivery'];
const format = new RegExp(facts.signature.formats.find((f: { name: string }) => f.name === 'current').pattern);

function verify(received: Received, secret: string): { ok: boolean; ts: number } {
  const header = String(received.headers[facts.headers.signature.toLowerCase()]);
  const match = format.exec(header);
  if (!match?.groups) return { ok: false, ts: 0 };
  const signed = facts.signature.signedPayload.replace('<ts>', match.groups.ts).replace('<raw_body>', received.body);
  const want = createHmac('sha256', secret).update(signed).digest('hex');
  const ok = want.length === match.groups.hex!.length && timingSafeEqual(Buffer.from(want), Buffer.from(match.groups.hex!));
  return { ok, ts: Number(match.groups.ts) };
}

let mock: RunningSandbox;
let api: SandboxClient;
let receiver: Receiver;

beforeAll(async () => {
  ({ mock, api } = await startSandbox({ webhookBackoffMs: 10, webhookTimeoutMs: 500 }));
  receiver = await startReceiver();
});
afterEach(async () => {
  await mock.reset();
  receiver.received.length = 0;
  receiver.script([]);
});
afterAll(async () => {
  await mock?.close();
  await receiver?.close();
});

async function subscribe(body: Record<string, unknown>) {
  const res = await api.post('/api/v1/webhook-subscriptions', body);
  expect(res.status, res.text).toBe(200);
  return res.json.subscription as { id: string; secret: string; url: string };
}

describe('subscriptions', () => {
  it('show the secret once, when created; never listed, read, updated or in the state', async () => {
    const sub = await subscribe({ url: receiver.url });
    expect(sub.secret).toMatch(/^[0-9a-f]{64}$/);
    const seen = [
      (await api.get('/api/v1/webhook-subscriptions')).text,
      (await api.get(`/api/v1/webhook-subscriptions/${sub.id}`)).text,
      (await api.call('PATCH', `/api/v1/webhook-subscriptions/${sub.id}`, { is_active: false })).text,
      JSON.stringify(mock.snapshot()),
      (await api.get('/_sandbox/state')).text,
    ];
    for (const text of seen) expect(text).not.toContain(sub.secret);
    expect(JSON.parse(seen[2]!).subscription).toMatchObject({ id: sub.id, is_active: false, events: [] });
  });

  it.each<[string, string, number]>([
    ['a loopback http receiver, for local development', 'http://127.0.0.1:3000/hooks', 200],
    ['localhost over http', 'http://localhost:3000/hooks', 200],
    ['the IPv6 loopback over http', 'http://[::1]:3000/hooks', 200],
    ['the dev-inbox sentinel', 'https://dev-inbox', 200],
    ['any https URL (checked when delivering)', 'https://example.com/hooks', 200],
    ['http elsewhere, as Chert refuses it', 'http://example.com/hooks', 400],
    ['http to a private address', 'http://10.0.0.8/hooks', 400],
  ])('%s: %s → %i', async (_name, url, status) => {
    const res = await api.post('/api/v1/webhook-subscriptions', { url });
    expect(res.status).toBe(status);
    if (status === 400) expect(res.json.error).toMatchObject({ code: 1002, message: expect.stringContaining('/url') });
  });

  it('PATCH changes only what it is given; DELETE stops deliveries and keeps the log', async () => {
    const sub = await subscribe({ url: receiver.url, events: ['lead_reply'] });
    const patched = await api.call('PATCH', `/api/v1/webhook-subscriptions/${sub.id}`, { events: ['message.received'] });
    expect(patched.json.subscription).toMatchObject({ url: receiver.url, events: ['message.received'], is_active: true });
    await mock.inbound({ from: ADA, text: 'one' });
    await mock.settle();
    expect(receiver.received.map((r) => r.headers['x-webhook-event'])).toEqual(['message.received']);
    expect((await api.call('DELETE', `/api/v1/webhook-subscriptions/${sub.id}`)).status).toBe(204);
    await mock.inbound({ from: ADA, text: 'two' });
    await mock.settle();
    expect(receiver.received).toHaveLength(1);
    expect((await api.get('/api/v1/events')).json.count).toBe(4);
  });
});

describe('delivery', () => {
  it("is a POST of the event's payload, signed with the subscription's own secret, with the document's headers", async () => {
    const sub = await subscribe({ url: receiver.url, events: ['message.received'] });
    const other = await subscribe({ url: receiver.url, events: ['message.received'] });
    const { events } = await mock.inbound({ from: ADA, text: 'Can we move to 8?' });
    await mock.settle();
    expect(receiver.received).toHaveLength(2);
    const bySubscription = new Map(receiver.received.map((r) => [r.headers[facts.headers.subscriptionId.toLowerCase()], r]));
    for (const [id, secret] of [[sub.id, sub.secret], [other.id, other.secret]] as const) {
      const got = bySubscription.get(id)!;
      const checked = verify(got, secret);
      expect(checked.ok).toBe(true);
      expect(Math.abs(Date.now() / 1000 - checked.ts)).toBeLessThanOrEqual(facts.signature.toleranceSeconds);
      // Another subscription's secret does not verify it.
      expect(verify(got, id === sub.id ? other.secret : sub.secret).ok).toBe(false);
      expect(got.headers['content-type']).toBe(facts.contentType);
      expect(got.headers[facts.headers.event.toLowerCase()]).toBe('message.received');
      expect(got.headers[facts.headers.eventId.toLowerCase()]).toBe(events[0]!.event_id);
      expect(JSON.parse(got.body)).toEqual(events[0]!.payload);
    }
    const row = (await api.get(`/api/v1/events/${events[0]!.id}`)).json;
    expect(row.delivery.status).toBe('delivered');
    expect(row.delivery.attempts.map((a: { subscription_id: string; status: number }) => [a.subscription_id, a.status]).sort()).toEqual(
      [[sub.id, 200], [other.id, 200]].sort(),
    );
  });

  it('follows each filter: an empty one takes every type, a paused subscription gets nothing', async () => {
    await subscribe({ url: receiver.url, events: [] });
    const paused = await subscribe({ url: receiver.url });
    await api.call('PATCH', `/api/v1/webhook-subscriptions/${paused.id}`, { is_active: false });
    const { message } = await mock.inbound({ from: ADA, text: 'Hi' });
    await mock.react({ messageId: message.id, reaction: 'love' });
    await mock.react({ messageId: message.id, reaction: 'love', removed: true });
    await mock.settle();
    expect(receiver.received.map((r) => r.headers['x-webhook-event']).sort()).toEqual(['lead_reply', 'message.received', 'reaction.added', 'reaction.removed']);
  });

  it('a 4xx is final: one attempt, failed', async () => {
    await subscribe({ url: receiver.url });
    receiver.script([], 410);
    const { events } = await mock.inbound({ from: ADA, text: 'Hi' });
    await mock.settle();
    const row = (await api.get(`/api/v1/events/${events[0]!.id}`)).json;
    expect([row.delivery.status, row.delivery.attempts.map((a: { status: number; error?: string }) => [a.status, a.error])]).toEqual(['failed', [[410, 'HTTP 410']]]);
  });

  it('the dev inbox records without any request; so does an event no subscription takes', async () => {
    await subscribe({ url: 'https://dev-inbox', events: ['message.received'] });
    const { events } = await mock.inbound({ from: ADA, text: 'Hi' });
    await mock.settle();
    const [received, leadReply] = await Promise.all(events.map(async (e) => (await api.get(`/api/v1/events/${e.id}`)).json));
    expect(received.delivery).toEqual({ status: 'dev_inbox', url: 'https://dev-inbox', attempts: [], delivered_at: null });
    expect(leadReply.delivery).toEqual({ status: 'dev_inbox', url: 'https://dev-inbox', attempts: [], delivered_at: null });
    const inbox = (await api.get('/api/v1/dev-inbox')).json;
    expect(inbox.events.map((e: { id: string }) => e.id)).toEqual([events[1]!.id, events[0]!.id]);
    expect((await api.get('/api/v1/events?status=dev_inbox&type=message.received')).json.events.map((e: { id: string }) => e.id)).toEqual([events[0]!.id]);
    // Replaying an event whose only destination is the dev inbox sends nothing.
    const replay = await api.post(`/api/v1/events/${events[0]!.id}/replay`);
    expect([replay.status, replay.json.code, replay.json.ok]).toEqual([400, 1002, false]);
  });

  it('refuses an address that is not loopback: one attempt, failed, saying how to allow it', async () => {
    await subscribe({ url: 'https://192.0.2.10/hooks' });
    const { events } = await mock.inbound({ from: ADA, text: 'Hi' });
    await mock.settle();
    const row = (await api.get(`/api/v1/events/${events[0]!.id}`)).json;
    expect(row.delivery.status).toBe('failed');
    expect(row.delivery.attempts).toEqual([expect.objectContaining({ status: 0, error: expect.stringMatching(/192\.0\.2\.10 .*not a loopback address.*--allow-remote-webhooks/) })]);
    const replay = await api.post(`/api/v1/events/${events[0]!.id}/replay`);
    expect([replay.status, replay.json.code, replay.json.downstream_status]).toEqual([502, 3004, null]);
  });

  it('tries each address of localhost: a receiver on 127.0.0.1 is reached through http://localhost', async () => {
    await subscribe({ url: receiver.url.replace('127.0.0.1', 'localhost') });
    await mock.inbound({ from: ADA, text: 'Hi' });
    await mock.settle();
    expect(receiver.received.length).toBe(2);
  });

  it('an unreachable endpoint is retried up to the document\'s attempts, each recorded', async () => {
    await subscribe({ url: await downUrl(), events: ['message.received'] });
    const { events } = await mock.inbound({ from: ADA, text: 'Hi' });
    await mock.settle();
    const row = (await api.get(`/api/v1/events/${events[0]!.id}`)).json;
    expect(row.delivery.attempts.map((a: { status: number; error: string }) => [a.status, a.error])).toEqual(
      Array(facts.retry.maxAttempts).fill([0, 'connection refused']),
    );
  });
});

describe('where the sandbox may deliver', () => {
  it.each<[string, boolean]>([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false],
    ['192.168.1.1', false],
    ['::ffff:10.0.0.1', false],
    ['169.254.169.254', false],
    ['localhost', false],
  ])('%s is loopback: %s', (address, want) => {
    expect(isLoopback(address)).toBe(want);
  });

  it.each<[string, boolean]>([
    ['http://localhost:3000/x', true],
    ['http://127.0.0.1/x', true],
    ['http://[::1]:8080/', true],
    ['https://localhost/x', false],
    ['http://example.com/x', false],
    ['http://127.0.0.1.nip.io/x', false],
    ['not a url', false],
  ])('%s is a loopback http URL: %s', (url, want) => {
    expect(isLoopbackHttpUrl(url)).toBe(want);
  });

  it.each<[string, boolean, boolean]>([
    ['127.0.0.1', false, true],
    ['localhost', false, true],
    ['192.0.2.1', false, false],
    ['192.0.2.1', true, true],
  ])('%s with remote allowed %s: %s', async (host, allowRemote, ok) => {
    expect((await resolveDestination(host, allowRemote, 1000)).ok).toBe(ok);
  });
});
