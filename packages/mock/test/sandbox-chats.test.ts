import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { ADA, firstMessage, LINE, OTHER_LINE, SandboxClient, startSandbox, text } from './sandbox.js';

/**
 * Chats and their messages as the sandbox keeps them: where chats come from, how a sent
 * message becomes delivered, the history, groups and their limits, the first-message
 * rules, locations.
 */
let mock: RunningSandbox;
let api: SandboxClient;
const DELIVERED_AFTER = 1500;

beforeAll(async () => {
  ({ mock, api } = await startSandbox({ deliveredAfterMs: DELIVERED_AFTER }));
});
beforeEach(() => mock.reset());
afterAll(() => mock?.close());

const people = (n: number, from = 4000) => Array.from({ length: n }, (_, i) => `+1415555${String(from + i)}`);
const history = async (chat: string) => (await api.get(`/api/v1/chats/${chat}/messages`)).json;
const values = (h: { messages: Array<{ parts: Array<{ value?: string; type: string }> }> }) => h.messages.map((m) => m.parts.map((p) => p.value ?? p.type).join('|'));

describe('where chats come from', () => {
  it('the seeded lines, or those of --lines', async () => {
    const lines = (await api.get('/api/v1/phone-numbers')).json.phone_numbers;
    expect(lines.map((l: { phone_number: string }) => l.phone_number)).toEqual([LINE, OTHER_LINE]);
    expect(lines[0]).toMatchObject({ id: lines[0].phone_line_id, is_active: true, service: 'imessage' });
    const other = await startSandbox({ lines: ['+14155550170'] });
    try {
      expect((await other.api.get('/api/v1/phone-numbers')).json.phone_numbers.map((l: { phone_number: string }) => l.phone_number)).toEqual(['+14155550170']);
    } finally {
      await other.mock.close();
    }
  });

  it('createChat: one recipient is a 1:1 chat (the same one next time); several a new group', async () => {
    const first = (await api.post('/api/v1/chats', firstMessage([ADA], [text('Hi')]))).json;
    expect(first.chat).toMatchObject({ is_group: false, display_name: ADA, handles: [{ service: 'imessage', address: ADA }] });
    expect(first.message).toMatchObject({ chat_id: first.chat.id, status: 'sent', direction: 'outbound', delivered_at: null, read_at: null });
    const again = (await api.post('/api/v1/chats', firstMessage([ADA], [text('Hi again')]))).json;
    expect(again.chat.id).toBe(first.chat.id);
    const group = (await api.post('/api/v1/chats', firstMessage(people(3), [text('Hello all')], { subject: ' Dinner crew ' }))).json;
    const other = (await api.post('/api/v1/chats', firstMessage(people(3), [text('Hello all')]))).json;
    expect(group.chat).toMatchObject({ is_group: true, display_name: 'Dinner crew', handles: people(3).map((address) => ({ service: 'imessage', address })) });
    expect(other.chat.id).not.toBe(group.chat.id);
    expect(values(await history(first.chat.id))).toEqual(['Hi', 'Hi again']);
  });

  it("/send: the lead is the chat (lead_id works on the chat's routes), created on first touch", async () => {
    const first = (await api.post('/api/v1/send', { phone: ADA, body: 'Your table is booked.\n\n  Reply here if plans change.  ', name: 'Ada Lovelace' })).json;
    expect(first).toMatchObject({ status: 'sent', lead_created: true, phone_line_id: 'pl_14155550100' });
    const second = (await api.post('/api/v1/send', { phone: ADA, body: 'See you!', phone_line_id: 'pl_14155550101' })).json;
    expect([second.lead_id, second.lead_created, second.convo_id, second.phone_line_id]).toEqual([first.lead_id, false, first.convo_id, 'pl_14155550101']);
    expect(values(await history(first.lead_id))).toEqual(['Your table is booked.|Reply here if plans change.', 'See you!']);
    const chat = (await api.post(`/api/v1/chats/${first.lead_id}/messages`, { message: { parts: [text('By chat id')] } })).json;
    expect(chat.message.chat_id).toBe(first.lead_id);
    const state = mock.snapshot() as { chats: Array<{ id: string; display_name: string; line: string }> };
    expect(state.chats.find((c) => c.id === first.lead_id)).toMatchObject({ display_name: 'Ada Lovelace', line: OTHER_LINE });
    const wrongLine = await api.post('/api/v1/send', { phone: ADA, body: 'x', phone_line_id: 'pl_999' });
    expect([wrongLine.status, wrongLine.json.error.code]).toEqual([400, 2006]);
  });

  it('contact cards open the chat on first touch; the card is a media part whose bytes are the vCard', async () => {
    const sent = (await api.post('/api/v1/chats/send-contact', { to: ADA, contact: { full_name: 'Grace Hopper', phones: [{ value: '+14155550111', label: 'work' }] } })).json;
    const shared = (await api.post('/api/v1/chats/share-contact-info', { to: ADA })).json;
    expect([sent.status, shared.status, shared.chat_id]).toEqual(['sent', 'shared', sent.chat_id]);
    const [card, own] = (await history(sent.chat_id)).messages.map((m: { parts: Array<{ attachment_id: string }> }) => m.parts[0]!.attachment_id);
    const bytes = await api.get(`/api/v1/attachments/${card}/content`);
    expect(bytes.contentType).toBe('text/vcard');
    expect(bytes.text).toMatch(/^BEGIN:VCARD\r\n[\s\S]*FN:Grace Hopper\r\n[\s\S]*TEL;TYPE=work:\+14155550111\r\n[\s\S]*END:VCARD\r\n$/);
    expect((await api.get(`/api/v1/attachments/${own}/content`)).text).toContain(`TEL;TYPE=iPhone:${LINE}`);
  });
});

describe('a sent message', () => {
  it('is sent, then delivered after the delay, in the history and when looked up', async () => {
    const { message } = (await api.post('/api/v1/chats', firstMessage([ADA]))).json;
    const look = async () => (await api.get(`/api/v1/messages/${message.id}`)).json.message;
    expect([(await look()).status, (await history(message.chat_id)).messages[0].status]).toEqual(['sent', 'sent']);
    mock.advanceClock(DELIVERED_AFTER);
    const delivered = await look();
    expect([delivered.status, delivered.delivered_at]).toEqual(['delivered', new Date(Date.parse(message.created_at) + DELIVERED_AFTER).toISOString()]);
    expect((await history(message.chat_id)).messages[0]).toEqual(delivered);
  });

  it('an inbound message is delivered at once and read once the chat is marked read', async () => {
    const { chat, message } = await mock.inbound({ from: ADA, text: 'Hello' });
    expect([message.direction, message.status, message.read_at]).toEqual(['inbound', 'delivered', null]);
    const before = mock.now().getTime();
    await api.post(`/api/v1/chats/${chat.id}/mark-read`);
    const readAt = Date.parse((await api.get(`/api/v1/messages/${message.id}`)).json.message.read_at);
    expect(readAt >= before && readAt <= mock.now().getTime()).toBe(true);
  });

  it('the history holds the most recent 200, oldest first', async () => {
    const { chat } = (await api.post('/api/v1/chats', firstMessage([ADA], [text('0')]))).json;
    for (let i = 1; i <= 200; i++) await api.post(`/api/v1/chats/${chat.id}/messages`, { message: { parts: [text(String(i))] } });
    const h = await history(chat.id);
    expect([h.messages.length, h.has_more, h.messages[0].parts[0].value, h.messages[199].parts[0].value]).toEqual([200, true, '1', '200']);
  });
});

describe('groups', () => {
  const group = async (n: number) => (await api.post('/api/v1/chats', firstMessage(people(n), [text('Hi')]))).json.chat.id as string;
  const refused = (res: { status: number; json: { error: { code: number; message: string } } }) => [res.status, res.json.error.code];

  it('rename (trimmed) and icon, on a group only', async () => {
    const id = await group(2);
    const renamed = await api.call('PUT', `/api/v1/chats/${id}`, { display_name: '  Friday  ', group_chat_icon: 'https://example.com/f.png' });
    expect(renamed.json.chat).toEqual({ id, display_name: 'Friday', group_chat_icon: 'https://example.com/f.png', is_group: true });
    const nothing = await api.call('PUT', `/api/v1/chats/${id}`, {});
    expect(nothing.json.chat.display_name).toBe('Friday');
    const { chat } = (await api.post('/api/v1/chats', firstMessage([ADA]))).json;
    expect(refused(await api.call('PUT', `/api/v1/chats/${chat.id}`, { display_name: 'x' }))).toEqual([400, 1006]);
  });

  it.each<[string, (dm: string) => Promise<{ status: number; json: any }>]>([
    ['rename', (dm) => api.call('PUT', `/api/v1/chats/${dm}`, { display_name: 'x' })],
    ['add a participant', (dm) => api.post(`/api/v1/chats/${dm}/participants`, { address: '+14155550123' })],
    ['remove a participant', (dm) => api.call('DELETE', `/api/v1/chats/${dm}/participants/${encodeURIComponent(ADA)}`)],
    ['leave', (dm) => api.post(`/api/v1/chats/${dm}/leave`)],
  ])('a 1:1 chat refuses to %s (1006)', async (_name, run) => {
    const { chat } = (await api.post('/api/v1/chats', firstMessage([ADA]))).json;
    expect(refused(await run(chat.id))).toEqual([400, 1006]);
  });

  it('participants: added once (normalised), up to the most a group holds', async () => {
    const id = await group(30);
    const added = (await api.post(`/api/v1/chats/${id}/participants`, { handle: 'Ada@Example.COM' })).json;
    expect([added.added, added.participants.length, added.participants.at(-1)]).toEqual(['ada@example.com', 31, 'ada@example.com']);
    const twice = (await api.post(`/api/v1/chats/${id}/participants`, { address: 'ada@example.com' })).json;
    expect(twice.participants).toHaveLength(31);
    expect(refused(await api.post(`/api/v1/chats/${id}/participants`, { address: '+14155550111' }))).toEqual([400, 1006]);
  });

  it('removing keeps at least 3 members, the line included; a second removal is 1001', async () => {
    const id = await group(3);
    const [a, b] = people(3);
    const removed = (await api.call('DELETE', `/api/v1/chats/${id}/participants/${encodeURIComponent(a!)}`)).json;
    expect(removed).toEqual({ chat_id: id, removed: a, participants: people(3).slice(1) });
    expect(refused(await api.call('DELETE', `/api/v1/chats/${id}/participants/${encodeURIComponent(a!)}`))).toEqual([400, 1001]);
    const below = await api.call('DELETE', `/api/v1/chats/${id}/participants/${encodeURIComponent(b!)}`);
    expect(refused(below)).toEqual([400, 1002]);
    expect(below.json.error.message).toMatch(/leave 2 members/);
  });

  it('leaving needs 4 members; afterwards the chat is no group of the line: 1006, and sends refused', async () => {
    expect(refused(await api.post(`/api/v1/chats/${await group(2)}/leave`))).toEqual([400, 1002]);
    const id = await group(3);
    expect((await api.post(`/api/v1/chats/${id}/leave`)).json).toEqual({ chat_id: id, status: 'left' });
    expect(refused(await api.post(`/api/v1/chats/${id}/leave`))).toEqual([400, 1006]);
    expect(refused(await api.post(`/api/v1/chats/${id}/messages`, { message: { parts: [text('x')] } }))).toEqual([400, 1006]);
    expect(refused(await api.post(`/api/v1/chats/${id}/typing`, { state: 'typing' }))).toEqual([422, 4099]);
  });
});

describe('the first-message rules', () => {
  // [name, request body, want: [status, code, message prefix] or 200]
  const cases: Array<[string, unknown, [number, number, string] | 200]> = [
    ['a URL in the first text is 1005', firstMessage([ADA], [text('Book at https://example.com/b')]), [400, 1005, '/message/parts/0/value']],
    ['a bare www. link is a URL too', firstMessage([ADA], [text('see www.example.com')]), [400, 1005, '/message/parts/0/value']],
    ['a rich_link part is how a link goes first', firstMessage([ADA], [text('Book here:'), { type: 'rich_link', url: 'https://example.com/b' }]), 200],
    ['adjacent text parts are 1008', firstMessage([ADA], [text('a'), text('b')]), [400, 1008, '/message/parts/1']],
    ['more than 10 parts is 1006', firstMessage([ADA], Array.from({ length: 11 }, (_, i) => (i % 2 ? { type: 'rich_link', url: 'https://e.com' } : text('x')))), [400, 1006, '/message/parts']],
    ["a group's first message is one text part (4099 at 501)", firstMessage(people(2), [text('Hi'), { type: 'rich_link', url: 'https://e.com' }]), [501, 4099, '/message/parts']],
    ['a sender line that is not the tenant\'s is 2006 at 403', { ...firstMessage([ADA]), from: '+14155550999' }, [403, 2006, '/from']],
    ['more than 31 recipients is 1006 at 422', firstMessage(people(32)), [422, 1006, '/to']],
  ];

  it.each(cases)('%s', async (_name, body, want) => {
    const res = await api.post('/api/v1/chats', body);
    if (want === 200) expect(res.status).toBe(200);
    else expect([res.status, res.json.error.code, res.json.error.message.startsWith(want[2])]).toEqual([want[0], want[1], true]);
  });

  it('a follow-up may carry a URL in text, but not two adjacent text parts', async () => {
    const { chat } = (await api.post('/api/v1/chats', firstMessage([ADA]))).json;
    expect((await api.post(`/api/v1/chats/${chat.id}/messages`, { message: { parts: [text('https://example.com')] } })).status).toBe(200);
    expect((await api.post(`/api/v1/chats/${chat.id}/messages`, { message: { parts: [text('a'), text('b')] } })).json.error.code).toBe(1008);
  });
});

describe('locations', () => {
  it('to a phone opens the chat; into a chat by its delivery chat id; the pin is an Apple Maps link in the history', async () => {
    const pin = { latitude: 37.7749, longitude: -122.4194, label: 'Chert HQ', address: '1 Market St', fallback_mode: 'auto' };
    const queued = await api.post('/api/v1/locations', { phone: ADA, ...pin });
    expect([queued.status, queued.json.status, queued.json.delivery, queued.json.location]).toEqual([
      202,
      'queued',
      'queued',
      { latitude: 37.7749, longitude: -122.4194, label: 'Chert HQ', address: '1 Market St', mode: 'balloon', fallback_mode_requested: 'auto' },
    ]);
    const { message } = (await api.get(`/api/v1/messages/${queued.json.message_id}`)).json;
    expect(message.parts).toEqual([{ type: 'rich_link', url: 'https://maps.apple.com/?ll=37.7749%2C-122.4194&q=Chert+HQ', title: 'Chert HQ', summary: '1 Market St' }]);
    const dm = await api.post('/api/v1/locations', { chat_id: `iMessage;-;${ADA}`, latitude: 1, longitude: 2 });
    expect((await api.get(`/api/v1/messages/${dm.json.message_id}`)).json.message.chat_id).toBe(message.chat_id);
    const id = (await api.post('/api/v1/chats', firstMessage(people(2)))).json.chat.id;
    const group = await api.post('/api/v1/locations', { chat_id: `iMessage;+;${id}`, latitude: 1, longitude: 2 });
    expect((await api.get(`/api/v1/messages/${group.json.message_id}`)).json.message.chat_id).toBe(id);
    const unknown = await api.post('/api/v1/locations', { chat_id: 'iMessage;+;chat42', latitude: 1, longitude: 2 });
    expect([unknown.status, unknown.json.error.code]).toEqual([400, 1002]);
  });
});
