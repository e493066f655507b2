import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { document } from './document.js';
import { ADA, firstMessage, SandboxClient, startSandbox, text } from './sandbox.js';

/**
 * Idempotency keys, where each operation's `x-chert-idempotency-key` points: the same key
 * with the same body answers the original and creates nothing; with another body it is
 * refused (1002, the document's assumption); keys are scoped per tenant and operation.
 */
const SECRET = 'idempotency-test-signing-secret';
let mock: RunningSandbox;
let api: SandboxClient;
let chat: string;

beforeAll(async () => {
  ({ mock, api } = await startSandbox({ signingSecret: SECRET }));
});
beforeEach(async () => {
  await mock.reset();
  chat = (await api.post('/api/v1/chats', firstMessage([ADA]), { bearer: SECRET })).json.chat.id;
});
afterAll(() => mock?.close());

const as = (tenant: string) => ({ sign: { secret: SECRET, tenant } });

/** Everything the sandbox holds that a send could add to. */
function counts() {
  const state = mock.snapshot() as { chats: Array<{ messages: unknown[] }>; events: unknown[]; attachments: unknown[] };
  return { chats: state.chats.length, messages: state.chats.reduce((n, c) => n + c.messages.length, 0), events: state.events.length };
}

/** The same value, every object's keys in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
  return value;
}

const keyed = new Map(
  Object.values<Record<string, any>>(document.paths)
    .flatMap((item) => Object.values(item))
    .filter((op) => op?.['x-chert-idempotency-key'])
    .map((op) => [op.operationId as string, op['x-chert-idempotency-key'] as string]),
);

// [operation, path, body with the key where the document says, the same body changed]
const cases: Array<[string, () => string, (key: string) => unknown, (key: string) => unknown]> = [
  ['sendMessage', () => '/api/v1/send', (k) => ({ phone: ADA, body: 'Once', idempotency_key: k }), (k) => ({ phone: ADA, body: 'Twice', idempotency_key: k })],
  ['createChat', () => '/api/v1/chats', (k) => firstMessage(['+14155550142'], [text('Once')], { idempotency_key: k }), (k) => firstMessage(['+14155550142'], [text('Twice')], { idempotency_key: k })],
  ['sendChatMessage', () => `/api/v1/chats/${chat}/messages`, (k) => ({ message: { parts: [text('Once')], idempotency_key: k } }), (k) => ({ message: { parts: [text('Twice')], idempotency_key: k } })],
  ['sendLocation', () => '/api/v1/locations', (k) => ({ phone: ADA, latitude: 1, longitude: 2, idempotency_key: k }), (k) => ({ phone: ADA, latitude: 1, longitude: 3, idempotency_key: k })],
];

describe('idempotency keys', () => {
  it('are taken by exactly the operations the document says', () => {
    expect([...keyed.keys()].sort()).toEqual(cases.map((c) => c[0]).sort());
  });

  describe.each(cases)('%s', (operation, path, body, changed) => {
    it('the same key and body: the original answer, nothing created', async () => {
      const first = await api.post(path(), body('key-1'), as('acme'));
      expect(first.status).toBeLessThan(300);
      const after = counts();
      const again = await api.post(path(), body('key-1'), as('acme'));
      expect([again.status, again.json]).toEqual([first.status, first.json]);
      expect(counts()).toEqual(after);
      expect(again.headers.get('x-trace-id')).not.toBe(first.headers.get('x-trace-id'));
    });

    it('the same body with its keys in another order is the same body', async () => {
      const first = await api.post(path(), body('key-2'), as('acme'));
      const after = counts();
      const reordered = reversed(body('key-2'));
      expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(body('key-2')));
      const again = await api.post(path(), reordered, as('acme'));
      expect(again.json).toEqual(first.json);
      expect(counts()).toEqual(after);
    });

    it('the same key with another body is refused (1002), nothing sent', async () => {
      await api.post(path(), body('key-3'), as('acme'));
      const after = counts();
      const other = await api.post(path(), changed('key-3'), as('acme'));
      expect([other.status, other.json.error.code]).toEqual([400, 1002]);
      expect(other.json.error.message).toBe(`${keyed.get(operation)}: key-3 was already used with another body; nothing was sent (use a fresh key per message)`);
      expect(counts()).toEqual(after);
    });

    it('is scoped per tenant: another tenant\'s same key is its own', async () => {
      await api.post(path(), changed('key-4'), as('acme'));
      const other = await api.post(path(), body('key-4'), as('globex'));
      expect(other.status).toBeLessThan(300);
    });
  });

  it('is scoped per operation: one key on two operations sends both', async () => {
    const send = await api.post('/api/v1/send', { phone: ADA, body: 'Hi', idempotency_key: 'shared' }, as('acme'));
    const pin = await api.post('/api/v1/locations', { phone: ADA, latitude: 1, longitude: 2, idempotency_key: 'shared' }, as('acme'));
    expect([send.status, pin.status]).toEqual([200, 202]);
    expect(pin.json.message_id).not.toBe(send.json.message_id);
  });

  it('a request that was refused is not remembered: the same key works once the cause is fixed', async () => {
    const slot = (await api.post('/api/v1/attachments', { filename: 'a.png', content_type: 'image/png', size_bytes: 1 }, as('acme'))).json;
    const body = { message: { parts: [{ type: 'media', attachment_id: slot.attachment_id }], idempotency_key: 'after-upload' } };
    expect((await api.post(`/api/v1/chats/${chat}/messages`, body, as('acme'))).json.error.code).toBe(5004);
    await api.call('PUT', `/api/v1/attachments/${slot.attachment_id}/upload`, undefined, { bearer: SECRET, raw: { bytes: 'x', contentType: 'image/png' } });
    expect((await api.post(`/api/v1/chats/${chat}/messages`, body, as('acme'))).status).toBe(200);
  });

  it('concurrent retries with one key send once', async () => {
    const before = counts();
    const body = { message: { parts: [text('Exactly once')], idempotency_key: 'burst' } };
    const answers = await Promise.all(Array.from({ length: 20 }, () => api.post(`/api/v1/chats/${chat}/messages`, body, as('acme'))));
    expect(new Set(answers.map((a) => a.json.message.id)).size).toBe(1);
    expect(counts().messages).toBe(before.messages + 1);
  });
});
