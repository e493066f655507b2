import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examples, mediaTypes, operations, parameters } from '@chert/openapi/walk';
import type { RunningSandbox } from '../src/index.js';
import { document, documentedRequest } from './document.js';
import { ADA, firstMessage, SandboxClient, startReceiver, startSandbox, text, undocumented, waived, type Receiver } from './sandbox.js';

/**
 * A scripted session that touches every operation of the document, successes and the
 * refusals the sandbox's state leads to, and checks every answer against the document:
 * a status the operation documents, a body valid against that response's schema.
 */
let mock: RunningSandbox;
let api: SandboxClient;
let receiver: Receiver;

beforeAll(async () => {
  ({ mock, api } = await startSandbox({ streamLifeMs: 300, streamHeartbeatMs: 100, deliveredAfterMs: 1000 }));
  receiver = await startReceiver();
});
afterAll(async () => {
  await mock?.close();
  await receiver?.close();
});

const recipients = (n: number) => Array.from({ length: n }, (_, i) => `+1415555${String(2000 + i)}`);

describe('a session over every operation', () => {
  it('answers each as the document says, from the state', { timeout: 60_000 }, async () => {
    const statuses: Array<[string | undefined, number]> = [];
    const step = async (answer: Promise<Awaited<ReturnType<SandboxClient['call']>>>, want: number) => {
      const got = await answer;
      statuses.push([got.operation, got.status]);
      expect(got.status, `${got.method} ${got.path}: ${got.text.slice(0, 300)}`).toBe(want);
      return got;
    };

    await step(api.get('/api/v1/phone-numbers'), 200);
    const dm = (await step(api.post('/api/v1/chats', firstMessage([ADA], [text('Hi Ada'), { type: 'rich_link', url: 'https://example.com/r' }])), 200)).json;
    const group = (await step(api.post('/api/v1/chats', firstMessage(recipients(3), [text('Welcome')], { subject: 'Dinner crew' })), 200)).json;
    const small = (await step(api.post('/api/v1/chats', firstMessage(recipients(2), [text('Hi two')])), 200)).json;
    await step(api.post('/api/v1/chats', firstMessage([ADA], [text('see https://example.com')])), 400);
    await step(api.post('/api/v1/chats', firstMessage(recipients(32))), 422);
    await step(api.post('/api/v1/chats', firstMessage(recipients(2), [{ type: 'rich_link', url: 'https://example.com' }])), 501);
    await step(api.post('/api/v1/chats', { ...firstMessage([ADA]), from: '+14155559999' }), 403);

    const chat = dm.chat.id as string;
    const sent = (await step(api.post(`/api/v1/chats/${chat}/messages`, { message: { parts: [text('Follow-up')] } }), 200)).json;
    await step(api.post(`/api/v1/chats/${chat}/messages`, { message: { parts: [text('a'), text('b')] } }), 400);
    await step(api.post('/api/v1/chats/ch_nothere/messages', { message: { parts: [text('x')] } }), 404);
    await step(api.post('/api/v1/send', { phone: '+14155550142', body: 'Hello\n\nSecond bubble', name: 'Grace' }), 200);
    await step(api.post('/api/v1/send', { phone: ADA, body: 'Again', effect: 'sparkles' }), 400);
    await step(api.post('/api/v1/send', { phone: ADA, body: 'Photo', attachments: ['att_nothere'] }), 404);

    const slot = (await step(api.post('/api/v1/attachments', { filename: 'table.png', content_type: 'image/png', size_bytes: 4 }), 200)).json;
    await step(api.post(`/api/v1/chats/${chat}/messages`, { message: { parts: [{ type: 'media', attachment_id: slot.attachment_id }] } }), 400);
    await step(api.get(`/api/v1/attachments/${slot.attachment_id}/content`), 404);
    await step(api.call('PUT', `/api/v1/attachments/${slot.attachment_id}/upload`, undefined, { raw: { bytes: 'abcd', contentType: 'image/jpeg' } }), 400);
    await step(api.call('PUT', `/api/v1/attachments/${slot.attachment_id}/upload`, undefined, { raw: { bytes: 'abcdef', contentType: 'image/png' } }), 400);
    await step(api.call('PUT', '/api/v1/attachments/att_nothere/upload', undefined, { raw: { bytes: 'abcd', contentType: 'image/png' } }), 404);
    await step(api.call('PUT', `/api/v1/attachments/${slot.attachment_id}/upload`, undefined, { raw: { bytes: 'abcd', contentType: 'image/png' } }), 204);
    await step(api.post(`/api/v1/chats/${chat}/messages`, { message: { parts: [{ type: 'media', attachment_id: slot.attachment_id }, text('Your table')] } }), 200);
    await step(api.post('/api/v1/send', { phone: ADA, body: 'With a photo', attachments: [slot.attachment_id] }), 200);
    await step(api.get(`/api/v1/attachments/${slot.attachment_id}/content`), 200);

    await step(api.get(`/api/v1/chats/${chat}/messages`), 200);
    await step(api.get('/api/v1/chats/ch_nothere/messages'), 404);
    mock.advanceClock(2000);
    const found = await step(api.get(`/api/v1/messages/${dm.message.id}`), 200);
    expect(found.json.message.status).toBe('delivered');
    await step(api.get('/api/v1/messages/msg_nothere'), 404);
    await step(api.post(`/api/v1/messages/${dm.message.id}/react`, { reaction: 'love' }), 200);
    await step(api.post('/api/v1/messages/msg_nothere/react', { reaction: 'love' }), 404);
    await step(api.post(`/api/v1/messages/${sent.message.id}/edit`, { new_text: 'Follow-up (edited)' }), 200);
    await step(api.post(`/api/v1/messages/${dm.message.id}/edit`, { new_text: 'x', edited_part_index: 1 }), 400);

    const reply = await mock.inbound({ from: ADA, text: 'Thanks!' });
    await step(api.post(`/api/v1/messages/${reply.message.id}/edit`, { new_text: 'Mine now' }), 400);
    await step(api.post(`/api/v1/chats/${chat}/mark-read`), 200);
    await step(api.post(`/api/v1/chats/${chat}/typing`, { state: 'typing' }), 200);

    await step(api.call('PUT', `/api/v1/chats/${group.chat.id}`, { display_name: ' Dinner crew (Friday) ', group_chat_icon: 'https://example.com/i.png' }), 200);
    await step(api.call('PUT', `/api/v1/chats/${chat}`, { display_name: 'Ada' }), 400);
    await step(api.post(`/api/v1/chats/${group.chat.id}/participants`, { address: 'Ada@Example.com' }), 200);
    await step(api.post(`/api/v1/chats/${chat}/participants`, { address: '+14155550123' }), 400);
    await step(api.call('DELETE', `/api/v1/chats/${group.chat.id}/participants/ada%40example.com`), 200);
    await step(api.call('DELETE', `/api/v1/chats/${group.chat.id}/participants/%2B14155559876`), 400);
    await step(api.call('DELETE', `/api/v1/chats/${small.chat.id}/participants/${encodeURIComponent(small.chat.handles[0].address)}`), 400);
    await step(api.post(`/api/v1/chats/${small.chat.id}/leave`), 400);
    await step(api.post(`/api/v1/chats/${group.chat.id}/leave`), 200);
    await step(api.post(`/api/v1/chats/${group.chat.id}/leave`), 400);
    await step(api.post(`/api/v1/chats/${group.chat.id}/mark-read`), 501);

    await step(api.post('/api/v1/locations', { phone: ADA, latitude: 37.7749, longitude: -122.4194, label: 'Chert HQ', fallback_mode: 'auto' }), 202);
    await step(api.post('/api/v1/locations', { chat_id: `iMessage;+;${small.chat.id}`, latitude: 1, longitude: 2 }), 202);
    await step(api.post('/api/v1/locations', { chat_id: 'iMessage;+;chat42', latitude: 1, longitude: 2 }), 400);

    await step(api.post(`/api/v1/chats/${chat}/send-contact`, { contact: { full_name: 'Ada Lovelace', phones: [{ value: ADA }] } }), 200);
    await step(api.post('/api/v1/chats/send-contact', { to: '+14155550177', vcard_text: 'BEGIN:VCARD\r\nFN:Grace\r\nEND:VCARD\r\n' }), 200);
    await step(api.post(`/api/v1/chats/${chat}/share-contact-info`), 200);
    await step(api.post('/api/v1/chats/share-contact-info', { to: '+14155550178' }), 200);
    await step(api.post('/api/v1/chats/ch_nothere/send-contact', { contact: { full_name: 'A' } }), 404);

    const hook = (await step(api.post('/api/v1/webhook-subscriptions', { url: receiver.url, events: ['message.received'] }), 200)).json;
    const inbox = (await step(api.post('/api/v1/webhook-subscriptions', { url: 'https://dev-inbox', events: ['lead_reply'] }), 200)).json;
    await step(api.post('/api/v1/webhook-subscriptions', { url: 'http://example.com/hook' }), 400);
    await step(api.get('/api/v1/webhook-subscriptions'), 200);
    await step(api.get(`/api/v1/webhook-subscriptions/${hook.subscription.id}`), 200);
    await step(api.call('PATCH', `/api/v1/webhook-subscriptions/${hook.subscription.id}`, { version: '2026-05-04' }), 200);
    await step(api.get('/api/v1/webhook-subscriptions/5d2e8c1a-0000-4000-8000-000000000000'), 404);

    const second = await mock.inbound({ from: ADA, text: 'On my way' });
    await mock.settle();
    const received = second.events[0]!.id;
    await step(api.get('/api/v1/events'), 200);
    await step(api.get('/api/v1/events?limit=1&type=message.received'), 200);
    await step(api.get('/api/v1/events?cursor=bm9wZQ'), 400);
    await step(api.get(`/api/v1/events/${received}`), 200);
    await step(api.get('/api/v1/events/evt_nothere'), 404);
    await step(api.post(`/api/v1/events/${received}/replay`), 200);
    await step(api.post(`/api/v1/events/${received}/replay?subscription_id=${inbox.subscription.id}`), 400);
    await step(api.post('/api/v1/events/evt_nothere/replay'), 404);
    receiver.script([], 500);
    await step(api.post(`/api/v1/events/${received}/replay`), 502);
    receiver.script([], 200);
    await step(api.get('/api/v1/dev-inbox'), 200);
    await step(api.call('DELETE', `/api/v1/webhook-subscriptions/${inbox.subscription.id}`), 204);
    await step(api.call('DELETE', `/api/v1/webhook-subscriptions/${inbox.subscription.id}`), 404);

    const stream = await step(api.get(`/api/v1/events/stream?since=${encodeURIComponent(new Date(0).toISOString())}`), 200);
    expect(stream.text).toMatch(/^data: \{/);

    // The magic numbers: failures are the operation's documented errors; the others, documented successes.
    await step(api.post('/api/v1/send', { phone: '+12025550101', body: 'Hi' }), 502);
    await step(api.post('/api/v1/chats', firstMessage(['+12025550102'])), 503);
    await step(api.post('/api/v1/chats/send-contact', { to: '+12025550103', contact: { full_name: 'Ada' } }), 429);
    await step(api.post('/api/v1/locations', { phone: '+12025550104', latitude: 1, longitude: 2 }), 422);
    await step(api.post('/api/v1/chats/share-contact-info', { to: '+12025550104' }), 501);
    const read = (await step(api.post('/api/v1/send', { phone: '+12025550105', body: 'Read me' }), 200)).json;
    const echo = (await step(api.post('/api/v1/send', { phone: '+12025550106', body: 'Echo me' }), 200)).json;
    mock.advanceClock(5000);
    expect((await step(api.get(`/api/v1/messages/${read.message_id}`), 200)).json.message.read_at).not.toBeNull();
    await mock.settle();
    expect((await step(api.get(`/api/v1/chats/${echo.lead_id}/messages`), 200)).json.messages.map((m: { direction: string }) => m.direction)).toEqual(['outbound', 'inbound']);

    const key = { message: { parts: [text('Once')], idempotency_key: 'k-session-1' } };
    const once = await step(api.post(`/api/v1/chats/${chat}/messages`, key), 200);
    const again = await step(api.post(`/api/v1/chats/${chat}/messages`, key), 200);
    expect(again.json).toEqual(once.json);
    await step(api.post(`/api/v1/chats/${chat}/messages`, { message: { parts: [text('Other')], idempotency_key: 'k-session-1' } }), 400);

    const problems = api.answered.map(undocumented).filter(Boolean);
    expect(problems).toEqual([]);
    // The one difference, on purpose: the loopback http receiver's URL, wherever it is shown.
    expect(waived.map((w) => w.replace(/ → .*? /, ' '))).toEqual([
      'POST /api/v1/webhook-subscriptions /subscription/url',
      'GET /api/v1/webhook-subscriptions /subscriptions/0/url',
      `GET /api/v1/webhook-subscriptions/${hook.subscription.id} /subscription/url`,
      `PATCH /api/v1/webhook-subscriptions/${hook.subscription.id} /subscription/url`,
    ]);
    const touched = new Set(statuses.map(([op]) => op));
    expect([...operations(document).map((o) => o.operation.operationId as string)].filter((id) => !touched.has(id))).toEqual([]);
  });
});

/**
 * The `examples` seed: the ids the document's examples name exist in the sandbox, and every
 * operation sent as the docs' samples send it (those ids, the first request example, the
 * query's examples) is answered with its success, valid against the document; so are the
 * seeded records wherever they are read.
 */
describe('a sandbox seeded with the examples', () => {
  let seeded: RunningSandbox;
  let client: SandboxClient;
  let hooks: Receiver;
  beforeAll(async () => {
    ({ mock: seeded, api: client } = await startSandbox({ seed: 'examples', streamLifeMs: 300, streamHeartbeatMs: 100 }));
    hooks = await startReceiver();
  });
  afterAll(async () => {
    await seeded?.close();
    await hooks?.close();
  });

  const ID_KEYS = new Set(['id', 'chat_id', 'lead_id', 'message_id', 'attachment_id', 'subscription_id', 'phone_line_id']);
  /** Ids in the examples of requests and successes (a scan of the test's own), and the id path parameters' examples. */
  function namedIds(): Set<string> {
    const found = new Set<string>();
    const visit = (value: unknown, key?: string): void => {
      if (typeof value === 'string' && key && ID_KEYS.has(key) && !value.includes(';')) found.add(value);
      else if (Array.isArray(value)) value.forEach((v) => visit(v, key === 'attachments' ? 'attachment_id' : key));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k);
    };
    for (const { operation, pathItem, at } of operations(document)) {
      for (const m of mediaTypes(document, operation, at)) {
        if (m.where === 'request' || /^2/.test(m.where)) for (const ex of Object.values(examples(document, m.media))) visit(ex.value);
      }
      for (const p of parameters(document, pathItem, operation)) if (p.in === 'path' && ID_KEYS.has(p.name === 'id' ? 'id' : p.name) && p.example !== undefined) found.add(String(p.example));
    }
    return found;
  }

  it("holds every id the document's examples name", () => {
    const state = seeded.snapshot() as any;
    const held = new Set<string>([
      ...state.lines.map((l: any) => l.id),
      ...state.chats.map((c: any) => c.id),
      ...state.chats.flatMap((c: any) => c.messages.map((m: any) => m.id)),
      ...state.attachments.filter((a: any) => a.uploaded).map((a: any) => a.id),
      ...state.subscriptions.map((s: any) => s.id),
      ...state.events.map((e: any) => e.id),
    ]);
    const named = [...namedIds()];
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((id) => !held.has(id))).toEqual([]);
  });

  const ids = operations(document).map((o) => o.operation.operationId as string);
  it.each(ids.map((id) => [id]))('%s, sent with the examples, is answered with its success, valid against the document', async (id) => {
    await seeded.reset();
    if (id === 'replayEvent') {
      // The example subscription's https://example.com endpoint is not loopback: point it at a local one.
      const pointed = await client.call('PATCH', '/api/v1/webhook-subscriptions/5d2e8c1a-9b3f-4c7d-8e6a-1f0b2c3d4e5f', { url: hooks.url });
      expect(pointed.status).toBe(200);
    }
    const request = documentedRequest(id, { allQuery: true });
    const json = request.contentType === undefined || /json/.test(request.contentType);
    const answer = await client.call(request.method, request.path, json ? request.body : undefined, {
      ...(json ? {} : { raw: { bytes: String(request.body), contentType: request.contentType! } }),
    });
    expect(answer.operation).toBe(id);
    expect(answer.status, `${answer.method} ${answer.path}: ${answer.text.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
    expect(answer.status).toBeLessThan(300);
    expect(undocumented(answer)).toBeUndefined();
  });

  it('every seeded record reads back valid against the document', async () => {
    await seeded.reset();
    const state = seeded.snapshot() as any;
    const reads = [
      client.get('/api/v1/phone-numbers'),
      client.get('/api/v1/events'),
      client.get('/api/v1/dev-inbox'),
      client.get('/api/v1/webhook-subscriptions'),
      ...state.chats.map((c: any) => client.get(`/api/v1/chats/${encodeURIComponent(c.id)}/messages`)),
      ...state.chats.flatMap((c: any) => c.messages.map((m: any) => client.get(`/api/v1/messages/${encodeURIComponent(m.id)}`))),
      ...state.attachments.map((a: any) => client.get(`/api/v1/attachments/${encodeURIComponent(a.id)}/content`)),
      ...state.subscriptions.map((s: any) => client.get(`/api/v1/webhook-subscriptions/${s.id}`)),
      ...state.events.map((e: any) => client.get(`/api/v1/events/${e.id}`)),
    ];
    const answers = await Promise.all(reads);
    expect(answers.map((a) => [a.path, a.status]).filter(([, status]) => status !== 200)).toEqual([]);
    expect(answers.map(undocumented).filter(Boolean)).toEqual([]);
    const events = answers[1]!.json.events;
    expect(events.map((e: any) => e.id).sort()).toEqual(state.events.map((e: any) => e.id).sort());
  });

  it('keeps the examples in their order on the sandbox clock, and a message still editable', async () => {
    await seeded.reset();
    const now = seeded.now().getTime();
    const history = (await client.get('/api/v1/chats/ch_8f3k2m9q/messages')).json.messages;
    const times = history.map((m: any) => Date.parse(m.created_at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const t of times) expect(now - t).toBeLessThan(60_000);
    const edit = await client.post('/api/v1/messages/msg_01HZY7Q3M5N8P2R4T6V8X0Z2B4/edit', { new_text: 'See you Saturday!' });
    expect(edit.status).toBe(200);
  });

  it('a seed it does not know is refused by name, before anything listens', async () => {
    await expect(startSandbox({ seed: 'everything' as never })).rejects.toThrow('seed must be examples, got "everything"');
  });

  it('reset goes back to the seed: what a sample changed is undone', async () => {
    await seeded.reset();
    expect((await client.post('/api/v1/chats/ch_8f3k2m9q/leave')).status).toBe(200);
    expect((await client.post('/api/v1/chats/ch_8f3k2m9q/leave')).status).toBe(400);
    expect((await client.call('DELETE', '/api/v1/webhook-subscriptions/5d2e8c1a-9b3f-4c7d-8e6a-1f0b2c3d4e5f')).status).toBe(204);
    await seeded.reset();
    expect((await client.post('/api/v1/chats/ch_8f3k2m9q/leave')).status).toBe(200);
    expect((await client.get('/api/v1/webhook-subscriptions/5d2e8c1a-9b3f-4c7d-8e6a-1f0b2c3d4e5f')).status).toBe(200);
  });
});
