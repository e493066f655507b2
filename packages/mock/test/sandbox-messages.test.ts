import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { document } from './document.js';
import { ADA, firstMessage, SandboxClient, startSandbox, text } from './sandbox.js';

/** Tapbacks and edits on one message; the edit window on the sandbox's clock, moved by the test. */
const WINDOW_S: number = document.paths['/api/v1/messages/{id}/edit'].post['x-chert-edit-window-seconds'];

let mock: RunningSandbox;
let api: SandboxClient;

beforeAll(async () => {
  ({ mock, api } = await startSandbox());
});
beforeEach(() => mock.reset());
afterAll(() => mock?.close());

async function sent(parts = [text('See you Friday'), { type: 'rich_link', url: 'https://example.com' }, text('Bring a friend')]) {
  return (await api.post('/api/v1/chats', firstMessage([ADA], parts))).json.message as { id: string; chat_id: string };
}

type State = { chats: Array<{ messages: Array<{ id: string; reactions: unknown[]; edits: unknown[] }> }> };
const stored = (id: string) => (mock.snapshot() as State).chats.flatMap((c) => c.messages).find((m) => m.id === id)!;

describe('tapbacks', () => {
  it('are sent on any message, each call a new one, kept with the message', async () => {
    const message = await sent();
    const inbound = (await mock.inbound({ from: ADA, text: 'Great' })).message;
    expect((await api.post(`/api/v1/messages/${message.id}/react`, { reaction: 'love' })).json).toEqual({ status: 'sent', message_id: message.id, reaction: 'love' });
    await api.post(`/api/v1/messages/${message.id}/react`, { reaction: 'love' });
    await api.post(`/api/v1/messages/${inbound.id}/react`, { reaction: 'laugh' });
    expect(stored(message.id).reactions).toEqual([expect.objectContaining({ reaction: 'love', by: '+14155550100' }), expect.objectContaining({ reaction: 'love' })]);
    expect(stored(inbound.id).reactions).toEqual([expect.objectContaining({ reaction: 'laugh' })]);
  });

  it.each<[string, unknown, [number, number]]>([
    ['an unknown message is 2003', { reaction: 'love' }, [404, 2003]],
    ['a reaction the document does not list is 1002', { reaction: 'wave' }, [400, 1002]],
  ])('%s', async (name, body, want) => {
    const id = name.startsWith('an unknown') ? 'msg_nothere' : (await sent()).id;
    const res = await api.post(`/api/v1/messages/${id}/react`, body);
    expect([res.status, res.json.error.code]).toEqual(want);
  });
});

describe('edits', () => {
  it('replace one text part in place, also in the history', async () => {
    const message = await sent();
    const edited = (await api.post(`/api/v1/messages/${message.id}/edit`, { new_text: 'Bring two friends', edited_part_index: 2 })).json;
    expect(edited).toEqual({ status: 'edited', message_id: message.id, new_text: 'Bring two friends', date_edited: expect.any(String), edit_history: null });
    const history = (await api.get(`/api/v1/chats/${message.chat_id}/messages`)).json;
    expect(history.messages[0].parts.map((p: { value?: string }) => p.value)).toEqual(['See you Friday', undefined, 'Bring two friends']);
    expect(stored(message.id).edits).toEqual([expect.objectContaining({ part_index: 2, text: 'Bring two friends' })]);
  });

  it(`are allowed for ${WINDOW_S} s after sending, then 502 / 4001`, async () => {
    const message = await sent();
    mock.advanceClock(WINDOW_S * 1000 - 1000);
    expect((await api.post(`/api/v1/messages/${message.id}/edit`, { new_text: 'still in time' })).status).toBe(200);
    mock.advanceClock(2000);
    const late = await api.post(`/api/v1/messages/${message.id}/edit`, { new_text: 'too late' });
    expect([late.status, late.json.error.code, late.json.error.retryable]).toEqual([502, 4001, expect.any(Boolean)]);
    expect(late.json.error.message).toMatch(/allows edits for 900 s/);
  });

  it.each<[string, (m: { id: string }) => Promise<string>, unknown, [number, number, RegExp]]>([
    ['an inbound message cannot be edited', async () => (await mock.inbound({ from: ADA, text: 'mine' })).message.id, { new_text: 'x' }, [400, 1002, /inbound/]],
    ['the part must be a text part', async (m) => m.id, { new_text: 'x', edited_part_index: 1 }, [400, 1002, /a rich_link part, not a text part/]],
    ['the part must exist', async (m) => m.id, { new_text: 'x', edited_part_index: 7 }, [400, 1002, /part 7 .* is not there/]],
    ['new_text may not be empty', async (m) => m.id, { new_text: '' }, [400, 1002, /new_text/]],
    ['an unknown message is 2003', async () => 'msg_nothere', { new_text: 'x' }, [404, 2003, /./]],
  ])('%s', async (_name, pick, body, [status, code, message]) => {
    const id = await pick(await sent());
    const res = await api.post(`/api/v1/messages/${id}/edit`, body);
    expect([res.status, res.json.error.code]).toEqual([status, code]);
    expect(res.json.error.message).toMatch(message);
  });
});
