import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { magicNumbers, startMock, type RunningMock, type RunningSandbox } from '../src/index.js';
import { READ_AFTER_MS } from '../src/sandbox/magic.js';
import { document } from './document.js';
import { firstMessage, SandboxClient, startReceiver, startSandbox, text, undocumented, type Answered, type Receiver } from './sandbox.js';

/**
 * The magic numbers: every sending operation of the sandbox, to each of them, ends the same
 * way every time. Failures are the operation's documented error (checked against the
 * document's schemas, `retry_after` and `Retry-After` from the document's example) and leave
 * nothing behind; the others shape what happens after the send.
 */
const FAILED = '+12025550101';
const SATURATED = '+12025550102';
const RATE_LIMITED = '+12025550103';
const UNSUPPORTED = '+12025550104';
const READ = '+12025550105';
const ECHO = '+12025550106';
const DELIVERED_AFTER_MS = 40;

let mock: RunningSandbox;
let api: SandboxClient;
let receiver: Receiver;

beforeAll(async () => {
  ({ mock, api } = await startSandbox({ deliveredAfterMs: DELIVERED_AFTER_MS, webhookBackoffMs: 10 }));
  receiver = await startReceiver();
});
afterEach(async () => {
  await mock.reset();
  receiver.received.length = 0;
});
afterAll(async () => {
  await mock?.close();
  await receiver?.close();
});

/** The document's example carrying `code`: what the answer's `retryable` and `retry_after` must be. */
function exampleFor(code: number): { retryable: boolean; retry_after?: number } {
  const found = Object.values<any>(document.components.examples).filter((ex) => ex.value?.error?.code === code);
  if (!found.length) throw new Error(`no example with code ${code}`);
  return found[0].value.error;
}

/** A chat with `phone` that no send opened: the customer wrote first. */
async function chatWith(phone: string): Promise<string> {
  return (await mock.inbound({ from: phone, text: 'Hello?' })).chat.id;
}

type Sender = (to: string) => Promise<Answered>;

/** Every sending operation, addressed to one recipient. */
const SENDERS: Array<[string, Sender]> = [
  ['sendMessage', (to) => api.post('/api/v1/send', { phone: to, body: 'Hi' })],
  ['createChat', (to) => api.post('/api/v1/chats', firstMessage([to], [text('Hi')]))],
  ['sendChatMessage', async (to) => api.post(`/api/v1/chats/${await chatWith(to)}/messages`, { message: { parts: [text('Hi')] } })],
  ['sendContactToChat', async (to) => api.post(`/api/v1/chats/${await chatWith(to)}/send-contact`, { contact: { full_name: 'Ada Lovelace' } })],
  ['sendContactToPhone', (to) => api.post('/api/v1/chats/send-contact', { to, contact: { full_name: 'Ada Lovelace' } })],
  ['shareContactInfoToChat', async (to) => api.post(`/api/v1/chats/${await chatWith(to)}/share-contact-info`)],
  ['shareContactInfoToPhone', (to) => api.post('/api/v1/chats/share-contact-info', { to })],
  ['sendLocation (phone)', (to) => api.post('/api/v1/locations', { phone: to, latitude: 37.77, longitude: -122.42 })],
  ['sendLocation (chat)', async (to) => { await chatWith(to); return api.post('/api/v1/locations', { chat_id: `iMessage;-;${to}`, latitude: 1, longitude: 2 }); }],
];

const success = (op: string) => (op.startsWith('sendLocation') ? 202 : 200);

/** What the line sent: the customer's own first messages (`chatWith`) do not count. */
function messagesIn(): number {
  return (mock.snapshot().chats as Array<{ messages: Array<{ direction: string }> }>).reduce((n, c) => n + c.messages.filter((m) => m.direction === 'outbound').length, 0);
}

describe('the table', () => {
  it('is the reserved fictional range, one number per outcome, each a valid recipient', () => {
    const pattern = new RegExp(document.components.schemas.E164Phone.pattern);
    expect(magicNumbers.map((m) => m.number)).toEqual([FAILED, SATURATED, RATE_LIMITED, UNSUPPORTED, READ, ECHO]);
    for (const m of magicNumbers) {
      expect(m.number).toMatch(/^\+1[2-9]\d{2}55501\d{2}$/);
      expect(m.number).toMatch(pattern);
    }
    expect(new Set(magicNumbers.map((m) => m.outcome)).size).toBe(magicNumbers.length);
  });
});

describe('failing numbers', () => {
  // [number, code, the operations that document no such answer and so send as usual]
  const failing: Array<[string, number, string[]]> = [
    [FAILED, 4001, ['sendLocation (phone)', 'sendLocation (chat)']],
    [SATURATED, 4002, []],
    [RATE_LIMITED, 1007, []],
    [UNSUPPORTED, 4099, ['sendMessage', 'sendChatMessage']],
  ];
  const cases = failing.flatMap(([number, code, through]) =>
    SENDERS.map(([op, send]) => [op, number, code, through.includes(op), send] as const),
  );

  it.each(cases)('%s to %s: %s (or sent, where undocumented: %s)', async (op, number, code, sent, send) => {
    const before = messagesIn();
    const answer = await send(number);
    const after = messagesIn();
    expect(undocumented(answer)).toBeUndefined();
    if (sent) {
      expect(answer.status, answer.text).toBe(success(op));
      expect(after).toBe(before + 1);
      return;
    }
    const example = exampleFor(code);
    expect(answer.json.error).toMatchObject({ code, retryable: example.retryable });
    expect(answer.json.error.message).toContain(number);
    expect(answer.json.error.retry_after).toBe(example.retry_after);
    expect(answer.headers.get('retry-after')).toBe(example.retry_after === undefined ? null : String(example.retry_after));
    expect(after, 'nothing was recorded').toBe(before);
  });

  it('answer the same way every time, the same idempotency key included (a refusal is not remembered)', async () => {
    const body = { phone: RATE_LIMITED, body: 'Hi', idempotency_key: 'magic-1' };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await api.post('/api/v1/send', body)).status);
    expect(statuses).toEqual([429, 429, 429]);
    expect(mock.snapshot().chats).toEqual([]);
  });

  it('decide for a group too: the first magic member of createChat', async () => {
    const answer = await api.post('/api/v1/chats', firstMessage(['+14155552001', SATURATED, FAILED], [text('Hi all')]));
    expect([answer.status, answer.json.error.code]).toEqual([503, 4002]);
  });

  it('a location to the failing number is queued and never delivered', async () => {
    const sent = await api.post('/api/v1/locations', { phone: FAILED, latitude: 1, longitude: 2 });
    expect(sent.status).toBe(202);
    mock.advanceClock(24 * 3600 * 1000);
    const message = await api.get(`/api/v1/messages/${sent.json.message_id}`);
    expect(message.json.message).toMatchObject({ status: 'sent', delivered_at: null });
  });
});

describe('the read number', () => {
  // A sandbox of its own whose messages wait an hour of sandbox time to be delivered: only
  // advanceClock moves them, however slow the machine.
  const HOUR = 3_600_000;
  let saved: [RunningSandbox, SandboxClient];
  beforeAll(async () => {
    saved = [mock, api];
    ({ mock, api } = await startSandbox({ deliveredAfterMs: HOUR }));
  });
  afterAll(async () => {
    await mock.close();
    [mock, api] = saved;
  });

  it.each(SENDERS)('%s: sent, delivered, then read a moment later on the sandbox clock', async (op, send) => {
    const answer = await send(READ);
    expect(answer.status, answer.text).toBe(success(op));
    const last = async () => {
      const chat = (mock.snapshot().chats as Array<{ handles: Array<{ address: string }>; messages: any[] }>).find((c) => c.handles[0]!.address === READ)!;
      return chat.messages.at(-1);
    };
    expect(await last()).toMatchObject({ direction: 'outbound', status: 'sent', read_at: null });
    mock.advanceClock(HOUR);
    const delivered = await last();
    expect(delivered).toMatchObject({ status: 'delivered', read_at: null });
    mock.advanceClock(READ_AFTER_MS);
    const read = await last();
    expect(Date.parse(read.read_at) - Date.parse(read.delivered_at)).toBe(READ_AFTER_MS);
  });

  it('shows read_at through the API, valid against the document', async () => {
    const sent = await api.post('/api/v1/send', { phone: READ, body: 'Hi' });
    mock.advanceClock(HOUR + READ_AFTER_MS);
    const got = await api.get(`/api/v1/messages/${sent.json.message_id}`);
    expect(undocumented(got)).toBeUndefined();
    expect(got.json.message.read_at).not.toBeNull();
    const history = await api.get(`/api/v1/chats/${sent.json.lead_id}/messages`);
    expect(undocumented(history)).toBeUndefined();
    expect(history.json.messages[0].read_at).toBe(got.json.message.read_at);
  });
});

describe('the echo contact', () => {
  it.each(SENDERS)('%s: replies once delivered, a real inbound message, with no control call', async (op, send) => {
    await api.post('/api/v1/webhook-subscriptions', { url: receiver.url, events: ['message.received'] });
    const answer = await send(ECHO);
    expect(answer.status, answer.text).toBe(success(op));
    // settle() waits for the reply as for any delivery: no sleep needed.
    await mock.settle();
    const echoes = receiver.received.map((r) => JSON.parse(r.body)).filter((p) => p.data.message.sender_handle.handle === ECHO && /^echo: /.test(p.data.message.parts[0].value));
    expect(echoes).toHaveLength(1);
    const events = await api.get('/api/v1/events?type=message.received');
    expect(events.json.events.some((e: any) => e.event_id === echoes[0].event_id)).toBe(true);
  });

  it('quotes what it got: text as written, links by URL, files by name', async () => {
    await api.post('/api/v1/send', { phone: ECHO, body: 'Table for two?\n\nAt 7' });
    await api.post('/api/v1/chats/send-contact', { to: ECHO, contact: { full_name: 'Ada Lovelace' } });
    await mock.settle();
    const chat = (mock.snapshot().chats as Array<{ messages: any[] }>)[0]!;
    const replies = chat.messages.filter((m) => m.direction === 'inbound').map((m) => m.parts[0].value);
    expect(replies).toEqual(['echo: Table for two?\nAt 7', 'echo: [Ada Lovelace.vcf]']);
  });

  it('a reply still waiting is work settle() waits for; a reset drops it', async () => {
    const slow = await startSandbox({ deliveredAfterMs: 60_000 });
    try {
      await slow.api.post('/api/v1/send', { phone: ECHO, body: 'Hi' });
      expect((await slow.mock.stats()).pendingDeliveries).toBe(1);
      await slow.mock.reset();
      expect((await slow.mock.stats()).pendingDeliveries).toBe(0);
      await slow.mock.settle();
      expect(slow.mock.snapshot().events).toEqual([]);
    } finally {
      await slow.mock.close();
    }
  });
});

describe('outside the sandbox', () => {
  let examples: RunningMock;
  beforeAll(async () => {
    examples = await startMock({ port: 0, mode: 'examples' });
  });
  afterAll(() => examples?.close());

  it.each(magicNumbers.map((m) => m.number))('examples mode: %s is a number like any other, and Prefer still works', async (number) => {
    const client = new SandboxClient(examples.url);
    expect((await client.post('/api/v1/send', { phone: number, body: 'Hi' })).status).toBe(200);
    const preferred = await client.post('/api/v1/send', { phone: number, body: 'Hi' }, { headers: { prefer: 'code=502' } });
    expect([preferred.status, preferred.json.error.code]).toEqual([502, 4001]);
  });

  it('Prefer overrides a magic number in the sandbox, and touches nothing', async () => {
    const answer = await api.post('/api/v1/send', { phone: RATE_LIMITED, body: 'Hi' }, { headers: { prefer: 'code=200' } });
    expect(answer.status).toBe(200);
    expect(mock.snapshot().chats).toEqual([]);
  });
});
