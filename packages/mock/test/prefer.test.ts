import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { document, documentedOutcomes, documentedRequest, exampleValue } from './document.js';
import { send, TO_CHAT, TO_PHONE } from './helpers.js';

const outcomes = documentedOutcomes();
const named = outcomes.flatMap((o) => o.examples.map((example) => [o.operationId, o.code, example] as const));
/** A request each operation accepts (from the document's examples), so only `Prefer` decides the answer. */
const valid = Object.fromEntries(outcomes.map((o) => [o.operationId, documentedRequest(o.operationId)]));
const sendValid = (operationId: string, prefer: string) => {
  const { method, path, body, contentType } = valid[operationId]!;
  return send(mock.url, path, { method, body, ...(contentType ? { contentType } : {}), headers: { prefer } });
};

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, mode: 'examples' });
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
    // JSON answers are compared as values; a stream's or a file's example as its text.
    if (typeof value === 'string') expect(res.text).toBe(value);
    else expect(res.json).toEqual(value);
    return;
  }
  expect(res.json).toEqual({ ...value, trace_id: trace });
  const retryAfter = value.error.retry_after;
  expect(res.headers.get('retry-after')).toBe(retryAfter === undefined ? null : String(retryAfter));
}

describe('every documented outcome is reachable', () => {
  it('covers every operation of the document and every status it documents', () => {
    const ids = Object.values<any>(document.paths).flatMap((item) => Object.values<any>(item).map((op) => op?.operationId)).filter(Boolean);
    expect(new Set(outcomes.map((o) => o.operationId))).toEqual(new Set(ids));
    expect(named.length).toBeGreaterThanOrEqual(ids.length * 6);
  });

  it.each(named)('%s: Prefer code=%i, example=%s', async (operationId, code, example) => {
    expectExample(await sendValid(operationId, `code=${code}, example=${example}`), code, example);
  });

  it.each(named)('%s: Prefer example=%s alone finds status %i', async (operationId, code, example) => {
    expectExample(await sendValid(operationId, `example=${example}`), code, example);
  });

  it.each(outcomes.filter((o) => o.examples.length > 0).map((o) => [o.operationId, o.code, o.examples[0]!] as const))(
    '%s: Prefer code=%i alone gives the first example, %s',
    async (operationId, code, first) => {
      expectExample(await sendValid(operationId, `code=${code}`), code, first);
    },
  );

  it.each(outcomes.filter((o) => o.examples.length === 0).map((o) => [o.operationId, o.code] as const))(
    '%s: Prefer code=%i, a documented answer without a body',
    async (operationId, code) => {
      const res = await sendValid(operationId, `code=${code}`);
      expect(res.status).toBe(code);
      expect(res.text).toBe('');
      expect(res.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{12}$/);
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
