// Idempotency keys (`x-chert-idempotency-key`): a UUID where the caller gave none, at the
// document's JSON pointer, kept across retries; for those operations only, a timeout or a
// dropped connection is retried too (Chert answers a repeat with the original response). Keys
// with surrounding whitespace are refused before sending. The fault tests use a loopback server
// that resets the connection after it has read the whole request.
import { operationMeta } from '@chert/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../src/generated/operations.js';
import { ChertInputError, ChertNetworkError, ChertTimeoutError, createChertClient } from '../src/index.js';
import { ok, recordingFetch, SECRET, TENANT } from './support/fetch.js';
import { json, startServer } from './support/server.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const sent = { message_id: 'msg_1', status: 'queued' };
const hmac = { hmac: { tenant: TENANT, signingSecret: SECRET } };

describe('the table', () => {
  it('holds the document’s idempotency keys, and nothing else has one', () => {
    const want = Object.fromEntries(Object.entries(operationMeta).flatMap(([id, m]) => (m.idempotencyKey ? [[id, m.idempotencyKey]] : [])));
    const have = Object.fromEntries(Object.entries(operations).flatMap(([id, m]) => ('idempotencyKey' in m ? [[id, m.idempotencyKey]] : [])));
    expect(have).toEqual(want);
    expect(Object.keys(have).sort()).toEqual(['createChat', 'sendChatMessage', 'sendLocation', 'sendMessage']);
  });
});

describe('adding and checking keys', () => {
  const client = (...answers: Response[]) => {
    const recording = recordingFetch(...answers);
    return { chert: createChertClient({ auth: hmac, fetch: recording.fetch }), sent: recording.sent };
  };
  const body = (i = 0) => (s: { text: string }[]) => JSON.parse(s[i]!.text) as Record<string, any>;

  it('messages.send: a UUID at /idempotency_key, without changing the caller’s object', async () => {
    const { chert, sent: out } = client(ok(sent));
    const given = { phone: '+14155550199', body: 'Hi' };
    await chert.messages.send(given);
    expect(body()(out).idempotency_key).toMatch(UUID);
    expect(given).toEqual({ phone: '+14155550199', body: 'Hi' });
  });

  it('chats.create and chats.messages.send: at /message/idempotency_key, the rest untouched', async () => {
    const { chert, sent: out } = client(ok({}), ok({}));
    const message = { parts: [{ type: 'text' as const, value: 'Hi' }] };
    await chert.chats.create({ addresses: ['+14155550199'], message } as never);
    await chert.chats.messages.send('ch_1', { message } as never);
    for (const i of [0, 1]) {
      expect(body(i)(out).message.idempotency_key).toMatch(UUID);
      expect(body(i)(out).message.parts).toEqual(message.parts);
    }
    expect(message).toEqual({ parts: [{ type: 'text', value: 'Hi' }] });
    expect(body(0)(out).message.idempotency_key).not.toBe(body(1)(out).message.idempotency_key);
  });

  it('a key the caller gave is sent as it is', async () => {
    const { chert, sent: out } = client(ok(sent));
    await chert.locations.send({ phone: '+14155550199', latitude: 1, longitude: 2, idempotency_key: 'order-48213' } as never);
    expect(body()(out).idempotency_key).toBe('order-48213');
  });

  it('the typed client adds one too', async () => {
    const { chert, sent: out } = client(ok(sent));
    await chert.POST('/api/v1/send', { body: { phone: '+14155550199', body: 'Hi' } });
    expect(body()(out).idempotency_key).toMatch(UUID);
  });

  it('a body without the object the key belongs in is sent as it is (the server answers its problem)', async () => {
    const { chert, sent: out } = client(ok({}));
    await chert.chats.create({ addresses: ['+14155550199'] } as never);
    expect(body()(out)).toEqual({ addresses: ['+14155550199'] });
  });

  const refused: [name: string, call: (c: ReturnType<typeof createChertClient>) => Promise<unknown>, field: string][] = [
    ['a key with a leading space', (c) => c.messages.send({ phone: '+1', body: 'x', idempotency_key: ' k' }), 'idempotency_key'],
    ['a key with a trailing newline', (c) => c.messages.send({ phone: '+1', body: 'x', idempotency_key: 'k\n' }), 'idempotency_key'],
    ['an empty key', (c) => c.messages.send({ phone: '+1', body: 'x', idempotency_key: '' }), 'idempotency_key'],
    ['a key that is not a string', (c) => c.messages.send({ phone: '+1', body: 'x', idempotency_key: 42 as never }), 'idempotency_key'],
    ['a nested key with whitespace', (c) => c.chats.messages.send('ch_1', { message: { parts: [], idempotency_key: 'k ' } } as never), 'message.idempotency_key'],
    ['the same through the typed client', (c) => c.POST('/api/v1/send', { body: { phone: '+1', body: 'x', idempotency_key: '\tk' } }), 'idempotency_key'],
  ];
  it.each(refused)('refuses %s before sending, naming the field but not the key', async (_name, call, field) => {
    const { chert, sent: out } = client();
    const error = await call(chert).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertInputError);
    expect(error).toMatchObject({ field });
    expect(out).toHaveLength(0);
  });
});

describe('faults: a connection reset after the request reached the server', () => {
  type Server = Awaited<ReturnType<typeof startServer>>;
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.close());

  /** Resets the connection of the first `resets` requests once each has been read whole, then answers. */
  function resetThenAnswer(resets: number, body: unknown) {
    let seen = 0;
    server.handle((_a, req, res) => (++seen <= resets ? req.socket.destroy() : json(res, 200, body)));
  }
  const chert = (extra = {}) => createChertClient({ auth: hmac, baseUrl: server.url, ...extra });

  it('messages.send is sent again with the same key and the same bytes, and resolves once', async () => {
    resetThenAnswer(1, sent);
    const result = await chert().messages.send({ phone: '+14155550199', body: 'Zoë 👩🏽‍💻' });
    expect(result).toEqual(sent);
    const [first, second] = server.arrived;
    expect(server.arrived).toHaveLength(2);
    expect(second!.body.equals(first!.body)).toBe(true);
    const keys = server.arrived.map((a) => JSON.parse(a.body.toString()).idempotency_key as string);
    expect(keys[0]).toMatch(UUID);
    expect(keys[1]).toBe(keys[0]);
    // Each attempt is signed afresh, over those same bytes.
    expect(first!.headers['x-chert-signature']).toMatch(/^v1,/);
    expect(second!.headers['x-chert-signature']).toMatch(/^v1,/);
  });

  it('chats.messages.send (a nested key) likewise, up to maxRetries', async () => {
    resetThenAnswer(2, { message_id: 'msg_1' });
    await chert({ maxRetries: 2 }).chats.messages.send('ch_1', { message: { parts: [{ type: 'text', value: 'Hi' }] } } as never);
    const keys = server.arrived.map((a) => JSON.parse(a.body.toString()).message.idempotency_key as string);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
  });

  it('when the retries run out, the error says it may have been delivered', async () => {
    resetThenAnswer(5, sent);
    const error = await chert({ maxRetries: 1 }).messages.send({ phone: '+14155550199', body: 'Hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertNetworkError);
    expect(error).toMatchObject({ mayHaveBeenDelivered: true, operationId: 'sendMessage' });
    expect(server.arrived).toHaveLength(2);
  });

  const never: [name: string, call: (c: ReturnType<typeof createChertClient>) => Promise<unknown>, operationId: string][] = [
    ['contacts.send', (c) => c.contacts.send({ chatId: 'ch_1' }, { contact: { full_name: 'Ada' } }), 'sendContactToChat'],
    ['messages.react (no key, not idempotent)', (c) => c.messages.react('msg_1', { reaction: 'love' } as never), 'reactToMessage'],
  ];
  it.each(never)('%s is never sent again: one request, and the error says it may have been delivered', async (_name, call, operationId) => {
    resetThenAnswer(1, {});
    const error = await call(chert({ maxRetries: 5 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertNetworkError);
    expect(error).toMatchObject({ mayHaveBeenDelivered: true, operationId });
    expect(server.arrived).toHaveLength(1);
  });

  it('a timeout is retried too, with the same key (and, without one, it is not)', async () => {
    let seen = 0;
    server.handle((_a, _req, res) => {
      if (++seen === 1) return; // the first attempt gets no answer
      json(res, 200, sent);
    });
    await chert({ timeoutMs: 150 }).messages.send({ phone: '+14155550199', body: 'Hi' });
    const keys = server.arrived.map((a) => JSON.parse(a.body.toString()).idempotency_key as string);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);

    server.handle(() => {});
    const error = await chert({ timeoutMs: 150 }).contacts.send({ chatId: 'ch_1' }, { contact: { full_name: 'Ada' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertTimeoutError);
    expect(server.arrived).toHaveLength(1);
  });
});
