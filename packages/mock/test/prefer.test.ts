import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { documentedOutcomes, exampleValue } from './document.js';
import { send, SHARE_CHAT, SHARE_PHONE, TO_CHAT, TO_PHONE } from './helpers.js';

/** A request each operation accepts, so only `Prefer` decides the answer. */
const valid: Record<string, { path: string; body?: unknown }> = {
  sendContactToChat: { path: TO_CHAT, body: { contact: { full_name: 'Ada Lovelace' } } },
  sendContactToPhone: { path: TO_PHONE, body: { to: '+14155550199', vcard_text: 'BEGIN:VCARD\r\nEND:VCARD\r\n' } },
  shareContactInfoToChat: { path: SHARE_CHAT },
  shareContactInfoToPhone: { path: SHARE_PHONE, body: { to: '+14155550199' } },
};

const outcomes = documentedOutcomes();
const named = outcomes.flatMap((o) => o.examples.map((example) => [o.operationId, o.code, example] as const));

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(async () => {
  await mock.close();
});

function expectExample(res: Awaited<ReturnType<typeof send>>, code: number, example: string) {
  const value = exampleValue(example);
  expect(res.status).toBe(code);
  const trace = res.headers.get('x-trace-id');
  expect(trace).toMatch(/^[0-9a-f]{12}$/);
  if (code < 300) {
    expect(res.json).toEqual(value);
    return;
  }
  expect(res.json).toEqual({ ...value, trace_id: trace });
  const retryAfter = value.error.retry_after;
  expect(res.headers.get('retry-after')).toBe(retryAfter === undefined ? null : String(retryAfter));
}

describe('every documented outcome is reachable', () => {
  it('covers the four operations and every status they document', () => {
    expect(new Set(named.map(([op]) => op))).toEqual(new Set(Object.keys(valid)));
    expect(named.length).toBeGreaterThanOrEqual(4 * 10);
  });

  it.each(named)('%s: Prefer code=%i, example=%s', async (operationId, code, example) => {
    const { path, body } = valid[operationId]!;
    const res = await send(mock.url, path, { body, headers: { prefer: `code=${code}, example=${example}` } });
    expectExample(res, code, example);
  });

  it.each(named)('%s: Prefer example=%s alone finds status %i', async (operationId, _code, example) => {
    const { path, body } = valid[operationId]!;
    const code = _code;
    const res = await send(mock.url, path, { body, headers: { prefer: `example=${example}` } });
    expectExample(res, code, example);
  });

  it.each(outcomes.map((o) => [o.operationId, o.code, o.examples[0]!] as const))(
    '%s: Prefer code=%i alone gives the first example, %s',
    async (operationId, code, first) => {
      const { path, body } = valid[operationId]!;
      const res = await send(mock.url, path, { body, headers: { prefer: `code=${code}` } });
      expectExample(res, code, first);
    },
  );

  it('code=404 alone is ChatNotFound by chat id and TenantNotFound by phone', async () => {
    const byChat = await send(mock.url, TO_CHAT, { body: valid.sendContactToChat!.body, headers: { prefer: 'code=404' } });
    expect(byChat.json.error.code).toBe(2002);
    const byPhone = await send(mock.url, TO_PHONE, { body: valid.sendContactToPhone!.body, headers: { prefer: 'code=404' } });
    expect(byPhone.json.error.code).toBe(2001);
  });

  it('retryable errors say so, with Retry-After where the example has retry_after', async () => {
    const limited = await send(mock.url, TO_CHAT, { body: valid.sendContactToChat!.body, headers: { prefer: 'code=429' } });
    expect(limited.json.error).toMatchObject({ code: 1007, retryable: true, retry_after: 2 });
    expect(limited.headers.get('retry-after')).toBe('2');
    const unavailable = await send(mock.url, TO_CHAT, { body: valid.sendContactToChat!.body, headers: { prefer: 'code=503' } });
    expect(unavailable.json.error).toMatchObject({ code: 3002, retryable: true });
    expect(unavailable.headers.get('retry-after')).toBeNull();
  });
});

describe('Prefer does not bypass what Chert checks first', () => {
  it('no credentials is still 2012', async () => {
    const res = await send(mock.url, TO_CHAT, { body: valid.sendContactToChat!.body, auth: 'none', headers: { prefer: 'code=200' } });
    expect(res.json.error.code).toBe(2012);
  });

  it('a bad body is still answered for what it is', async () => {
    const res = await send(mock.url, TO_CHAT, { body: {}, headers: { prefer: 'code=502' } });
    expect(res.json.error.code).toBe(1001);
  });
});

describe('a Prefer the document cannot satisfy gets a mock error, never a Chert-looking answer', () => {
  it.each([
    ['a status the operation does not document', TO_CHAT, 'code=418', 'No such status'],
    ['an example that does not exist', TO_CHAT, 'code=400, example=Nope', 'No such example'],
    ['an example under another status', TO_CHAT, 'code=401, example=ChatNotFound', 'No such example'],
    ['a chat-form example on a phone form', TO_PHONE, 'code=404, example=ChatNotFound', 'No such example'],
    ['an unknown example alone', TO_CHAT, 'example=Nope', 'No such example'],
    ['a code that is not a status', TO_CHAT, 'code=abc', 'Unreadable Prefer'],
  ])('%s', async (_name, path, prefer, title) => {
    const operationId = path === TO_PHONE ? 'sendContactToPhone' : 'sendContactToChat';
    const res = await send(mock.url, path, { body: valid[operationId]!.body, headers: { prefer } });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).not.toMatch(/problem\+json/);
    expect(res.headers.get('x-chert-mock-error')).toContain(title);
    expect(res.json.success).toBeUndefined();
    expect(res.json.error).toBeUndefined();
    expect(res.json.mock_error.title).toContain(title);
    expect(res.json.mock_error.detail).toContain(prefer.split(',')[0]!.replace(/\s/g, ''));
    expect(Object.keys(res.json.mock_error.available)).toContain('404');
    expect(res.json.trace_id).toBe(res.headers.get('x-trace-id'));
  });

  it('unknown preferences are ignored, as RFC 7240 asks', async () => {
    const res = await send(mock.url, TO_CHAT, { body: valid.sendContactToChat!.body, headers: { prefer: 'respond-async, dynamic=true' } });
    expect(res.status).toBe(200);
  });
});
