import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type RunningSandbox } from '../src/index.js';
import { ADA, firstMessage, LINE, OTHER_LINE, SandboxClient, startSandbox } from './sandbox.js';

/**
 * The control API (`/_sandbox/…`, the mock's own, never Chert's) and the same controls on
 * `startMock()`'s handle: a customer's message and tapback, reset, the state, the clock,
 * waiting for deliveries.
 */
let mock: RunningSandbox;
let api: SandboxClient;

beforeAll(async () => {
  ({ mock, api } = await startSandbox());
});
beforeEach(() => mock.reset());
afterAll(() => mock?.close());

const control = (path: string, body?: unknown) =>
  fetch(`${mock.url}/_sandbox/${path}`, { method: body === undefined ? 'GET' : 'POST', ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) }).then(
    async (res) => ({ status: res.status, headers: res.headers, json: (await res.json()) as any }),
  );

describe('the control API over HTTP', () => {
  it('inbound: a new sender opens a 1:1 chat on the line they texted; events recorded', async () => {
    const res = await control('inbound', { from: '+14155550155', to: OTHER_LINE, text: 'Is Friday free?' });
    expect(res.status).toBe(200);
    expect(res.json.chat).toMatchObject({ is_group: false, handles: [{ address: '+14155550155' }] });
    expect(res.json.message).toMatchObject({ direction: 'inbound', status: 'delivered', parts: [{ type: 'text', value: 'Is Friday free?' }] });
    expect(res.json.events.map((e: { type: string }) => e.type)).toEqual(['message.received', 'lead_reply']);
    const [received, lead] = res.json.events;
    expect(received.payload).toMatchObject({
      event: 'message.received',
      event_type: 'message.received',
      api_version: 'v1',
      data: {
        chat: { id: res.json.chat.id, owner_handle: { handle: OTHER_LINE, is_me: true } },
        message: { id: res.json.message.id, direction: 'inbound', sender_handle: { handle: '+14155550155', is_me: false } },
      },
    });
    expect(lead.payload).toEqual({ event: 'lead_reply', event_id: lead.event_id, lead_id: res.json.chat.id, convo_id: lead.convo_id });
    const state = (await control('state')).json;
    expect(state.chats[0]).toMatchObject({ id: res.json.chat.id, line: OTHER_LINE });
  });

  it('inbound into an existing group, by one of its members; react adds and removes a tapback', async () => {
    const group = (await api.post('/api/v1/chats', firstMessage(['+14155550123', '+14155550145'], [{ type: 'text', value: 'Hi' }]))).json;
    const inbound = await control('inbound', { from: '+14155550145', chat_id: group.chat.id, parts: [{ type: 'text', value: 'Me too' }, { type: 'media', data: Buffer.from('hi').toString('base64'), content_type: 'text/plain' }] });
    expect(inbound.json.chat.id).toBe(group.chat.id);
    const added = await control('react', { message_id: group.message.id, reaction: 'love', from: '+14155550123' });
    const removed = await control('react', { message_id: group.message.id, reaction: 'love', from: '+14155550123', removed: true });
    expect([added.json.event.type, removed.json.event.type]).toEqual(['reaction.added', 'reaction.removed']);
    expect(added.json.event.payload.data).toMatchObject({ chat: { id: group.chat.id, is_group: true }, message: { id: group.message.id }, reaction: 'love', sender_handle: { handle: '+14155550123' } });
  });

  it('the clock: read it, move it forward, never back', async () => {
    const now = Date.parse((await control('clock')).json.now);
    const moved = await control('clock', { advance_seconds: 3600 });
    expect(Date.parse(moved.json.now) - now).toBeGreaterThanOrEqual(3600_000);
    expect((await control('clock', { advance_ms: -1 })).status).toBe(400);
    expect(Math.abs(mock.now().getTime() - Date.parse(moved.json.now))).toBeLessThan(5_000);
  });

  it('reset: back to the seeded lines and nothing else; settle: no delivery waiting', async () => {
    await control('inbound', { from: ADA, text: 'Hi' });
    expect((await control('reset', {})).json.status).toBe('reset');
    const state = (await control('state')).json;
    expect([state.lines.map((l: { phone_number: string }) => l.phone_number), state.chats, state.events, state.subscriptions]).toEqual([[LINE, OTHER_LINE], [], [], []]);
    expect((await control('settle', {})).json).toEqual({ pending_deliveries: 0 });
  });

  // [name, path, body, want: [status, detail]]
  const refusals: Array<[string, string, unknown, [number, RegExp]]> = [
    ['a sender that is no address', 'inbound', { from: 'ada', text: 'x' }, [400, /from must be a phone number in E\.164/]],
    ['neither text nor parts', 'inbound', { from: ADA }, [400, /give text, or parts/]],
    ['both text and parts', 'inbound', { from: ADA, text: 'x', parts: [] }, [400, /text or parts, not both/]],
    ['a chat that does not exist', 'inbound', { from: ADA, chat_id: 'ch_nothere', text: 'x' }, [400, /chat_id: chat ch_nothere does not exist/]],
    ['a line that is not the sandbox\'s', 'inbound', { from: ADA, to: '+14155550999', text: 'x' }, [400, /to: \+14155550999 is not one of the sandbox's lines/]],
    ['a part of an unknown type', 'inbound', { from: ADA, parts: [{ type: 'sticker' }] }, [400, /parts\[0\]\.type must be text, media or rich_link/]],
    ['a tapback on nothing', 'react', { message_id: 'msg_nothere', reaction: 'love' }, [400, /message_id: message msg_nothere does not exist/]],
    ['a body that is not JSON', 'inbound', '{"from":', [400, /the body is not JSON/]],
    ['a route that does not exist', 'teleport', {}, [404, /not a control route/]],
    ['the wrong method', 'inbound', undefined, [405, /takes POST/]],
  ];

  it.each(refusals)('%s is a mock error naming the field', async (_name, path, body, [status, detail]) => {
    const res = await control(path, body);
    expect(res.status).toBe(status);
    expect(res.headers.get('x-chert-mock-error')).toBeTruthy();
    expect(res.json.mock_error.detail).toMatch(detail);
    expect(res.json.success).toBeUndefined();
  });
});

describe("the controls on startMock()'s handle", () => {
  it('inbound, react, reset and the clock, typed', async () => {
    const { chat, message, events } = await mock.inbound({ from: ADA, text: 'Hi from the handle' });
    expect([chat.handles[0]!.address, message.direction, events.map((e) => e.type)]).toEqual([ADA, 'inbound', ['message.received', 'lead_reply']]);
    const { event } = await mock.react({ messageId: message.id, reaction: 'like' });
    expect(event.type).toBe('reaction.added');
    const before = mock.now().getTime();
    expect(mock.advanceClock(60_000).getTime() - before).toBeGreaterThanOrEqual(60_000);
    await mock.reset();
    expect((mock.snapshot() as { chats: unknown[] }).chats).toEqual([]);
  });

  it('a bad input rejects with a TypeError naming the field', async () => {
    await expect(mock.inbound({ from: '+1 415', text: 'x' })).rejects.toThrow(new TypeError('from must be a phone number in E.164 (+14155550199) or an email address, got "+1 415"'));
    await expect(mock.react({ messageId: 'msg_nothere', reaction: 'love' })).rejects.toBeInstanceOf(TypeError);
    expect(() => mock.advanceClock(-5)).toThrow(RangeError);
  });

  it('a mock in examples mode has no sandbox: no control route, and the handle says so', async () => {
    const examples = (await startMock({ port: 0, mode: 'examples' })) as unknown as RunningSandbox;
    try {
      expect((await fetch(`${examples.url}/_sandbox/state`)).status).toBe(404);
      await expect(examples.inbound({ from: ADA, text: 'x' })).rejects.toThrow(/runs in examples mode; the sandbox controls need mode "sandbox"/);
    } finally {
      await examples.close();
    }
  });
});
