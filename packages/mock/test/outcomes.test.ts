import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { exampleValue } from './document.js';
import { send, SHARE_CHAT, SHARE_PHONE, TO_CHAT, TO_PHONE, type SendOptions } from './helpers.js';

const ADA = { full_name: 'Ada Lovelace', phones: [{ value: '+14155550123', label: 'mobile' }] };
const VCARD = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n';

type Want = { status: number; example: string };
type Case = [name: string, path: string, given: Omit<SendOptions, 'auth'>, want: Want];

// [name, path, given, want]: what the issue and the document say each input must get.
const cases: Case[] = [
  // Successes, both addressing forms and both card forms.
  ['contact card into a chat', TO_CHAT, { body: { contact: ADA } }, { status: 200, example: 'Sent' }],
  ['vCard into a chat', TO_CHAT, { body: { vcard_text: VCARD } }, { status: 200, example: 'Sent' }],
  ['to is accepted and ignored by chat id', TO_CHAT, { body: { to: '+14155550199', contact: ADA } }, { status: 200, example: 'Sent' }],
  ['contact card by phone', TO_PHONE, { body: { to: '+14155550199', contact: ADA } }, { status: 200, example: 'Sent' }],
  ['vCard by phone', TO_PHONE, { body: { to: '+14155550199', vcard_text: VCARD } }, { status: 200, example: 'Sent' }],
  ['share into a chat, no body', SHARE_CHAT, {}, { status: 200, example: 'Shared' }],
  ['share into a chat ignores a body', SHARE_CHAT, { body: 'not json at all' }, { status: 200, example: 'Shared' }],
  ['share by phone', SHARE_PHONE, { body: { to: '+14155550199' } }, { status: 200, example: 'Shared' }],
  ['charset parameter on the content type', TO_CHAT, { body: { contact: ADA }, contentType: 'application/json; charset=utf-8' }, { status: 200, example: 'Sent' }],

  // 1004: the body is not JSON.
  ['truncated JSON', TO_CHAT, { body: '{"contact": {' }, { status: 400, example: 'InvalidJson' }],
  ['form-encoded text', TO_PHONE, { body: 'to=+14155550199' }, { status: 400, example: 'InvalidJson' }],
  ['JSON under a text/plain content type', TO_CHAT, { body: { contact: ADA }, contentType: 'text/plain' }, { status: 400, example: 'InvalidJson' }],
  ['share by phone, not JSON', SHARE_PHONE, { body: '{to:' }, { status: 400, example: 'InvalidJson' }],

  // 1001: neither contact nor vcard_text.
  ['empty object', TO_CHAT, { body: {} }, { status: 400, example: 'MissingCard' }],
  ['empty body counts as {}', TO_CHAT, { body: '' }, { status: 400, example: 'MissingCard' }],
  ['only to, by chat id', TO_CHAT, { body: { to: '+14155550199' } }, { status: 400, example: 'MissingCard' }],
  ['only to, by phone', TO_PHONE, { body: { to: '+14155550199' } }, { status: 400, example: 'MissingCard' }],
  ['empty object by phone', TO_PHONE, { body: {} }, { status: 400, example: 'MissingCard' }],
  ['a misspelt card field', TO_CHAT, { body: { vcard: VCARD } }, { status: 400, example: 'MissingCard' }],

  // 1002: contact without an identifying field.
  ['contact is empty', TO_CHAT, { body: { contact: {} } }, { status: 400, example: 'NoIdentifyingField' }],
  ['only empty strings', TO_CHAT, { body: { contact: { full_name: '', organization: '' } } }, { status: 400, example: 'NoIdentifyingField' }],
  ['empty phone and email lists', TO_PHONE, { body: { to: '+14155550199', contact: { phones: [], emails: [] } } }, { status: 400, example: 'NoIdentifyingField' }],

  // 1002: unknown field, wrong shape, or both cards.
  ['unknown top-level field', TO_CHAT, { body: { contact: ADA, priority: 'high' } }, { status: 400, example: 'UnsupportedShape' }],
  ['unknown contact field', TO_CHAT, { body: { contact: { ...ADA, nickname: 'Ada' } } }, { status: 400, example: 'UnsupportedShape' }],
  ['full_name is a number', TO_CHAT, { body: { contact: { full_name: 5 } } }, { status: 400, example: 'UnsupportedShape' }],
  ['phones is a string', TO_CHAT, { body: { contact: { full_name: 'Ada', phones: '+14155550123' } } }, { status: 400, example: 'UnsupportedShape' }],
  ['a phone without a value', TO_CHAT, { body: { contact: { full_name: 'Ada', phones: [{ label: 'mobile' }] } } }, { status: 400, example: 'UnsupportedShape' }],
  ['email that is not an email', TO_CHAT, { body: { contact: { full_name: 'Ada', emails: [{ value: 'ada at example' }] } } }, { status: 400, example: 'UnsupportedShape' }],
  ['contact is a string', TO_CHAT, { body: { contact: 'Ada Lovelace' } }, { status: 400, example: 'UnsupportedShape' }],
  ['vcard_text without BEGIN:VCARD', TO_CHAT, { body: { vcard_text: 'FN:Ada' } }, { status: 400, example: 'UnsupportedShape' }],
  ['both contact and vcard_text', TO_CHAT, { body: { contact: ADA, vcard_text: VCARD } }, { status: 400, example: 'UnsupportedShape' }],
  ['both, by phone', TO_PHONE, { body: { to: '+14155550199', contact: ADA, vcard_text: VCARD } }, { status: 400, example: 'UnsupportedShape' }],
  ['body is an array', TO_CHAT, { body: [{ contact: ADA }] }, { status: 400, example: 'UnsupportedShape' }],
  ['body is null', TO_CHAT, { body: 'null' }, { status: 400, example: 'UnsupportedShape' }],
  ['share by phone with an unknown field', SHARE_PHONE, { body: { to: '+14155550199', message: 'hi' } }, { status: 400, example: 'UnsupportedShape' }],
  ['share by phone with an array', SHARE_PHONE, { body: ['+14155550199'] }, { status: 400, example: 'UnsupportedShape' }],

  // 1003: a `to` or phone value that is not E.164, or `to` missing by phone.
  ['phone value with spaces', TO_CHAT, { body: { contact: { full_name: 'Ada', phones: [{ value: '+1 415 555 0123' }] } } }, { status: 400, example: 'InvalidPhone' }],
  ['phone value without the plus', TO_PHONE, { body: { to: '+14155550199', contact: { phones: [{ value: '14155550123' }] } } }, { status: 400, example: 'InvalidPhone' }],
  ['to not E.164 by chat id', TO_CHAT, { body: { to: '4155550199', contact: ADA } }, { status: 400, example: 'InvalidPhone' }],
  ['to not E.164 by phone', TO_PHONE, { body: { to: '+0155550199', vcard_text: VCARD } }, { status: 400, example: 'InvalidPhone' }],
  ['to is a number', TO_PHONE, { body: { to: 14155550199, contact: ADA } }, { status: 400, example: 'InvalidPhone' }],
  ['to missing by phone, contact', TO_PHONE, { body: { contact: ADA } }, { status: 400, example: 'InvalidPhone' }],
  ['to missing by phone, vCard', TO_PHONE, { body: { vcard_text: VCARD } }, { status: 400, example: 'InvalidPhone' }],
  ['share by phone without to', SHARE_PHONE, { body: {} }, { status: 400, example: 'InvalidPhone' }],
  ['share by phone with an empty body', SHARE_PHONE, { body: '' }, { status: 400, example: 'InvalidPhone' }],
  ['share by phone, to too long', SHARE_PHONE, { body: { to: '+1234567890123456' } }, { status: 400, example: 'InvalidPhone' }],

  // Several problems at once: missing card, then shape, then identifying field, then phone.
  ['unknown field and no card', TO_CHAT, { body: { priority: 'high' } }, { status: 400, example: 'MissingCard' }],
  ['unknown field beside an empty contact', TO_CHAT, { body: { contact: {}, priority: 'high' } }, { status: 400, example: 'UnsupportedShape' }],
  ['bad phone beside an unknown field', TO_PHONE, { body: { to: '12', contact: ADA, priority: 'high' } }, { status: 400, example: 'UnsupportedShape' }],
  ['empty contact and a bad to', TO_PHONE, { body: { to: '12', contact: {} } }, { status: 400, example: 'NoIdentifyingField' }],
  ['both cards and no to', TO_PHONE, { body: { contact: ADA, vcard_text: VCARD } }, { status: 400, example: 'UnsupportedShape' }],

  // A chat id Chert could never have issued is a chat it cannot find.
  ['chat id without ch_', '/api/v1/chats/8f3k2m9q/send-contact', { body: { contact: ADA } }, { status: 404, example: 'ChatNotFound' }],
];

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(async () => {
  await mock.close();
});

const authModes = [
  ['bearer', { bearer: 'any-token-will-do' }],
  ['HMAC v1', { secret: 'any-secret-will-do' }],
] as const;

describe.each(authModes)('without a signing secret, %s credentials', (_mode, auth) => {
  it.each(cases)('%s', async (_name, path, given, want) => {
    const res = await send(mock.url, path, { ...given, auth });
    const expected = exampleValue(want.example);
    expect(res.status).toBe(want.status);
    const trace = res.headers.get('x-trace-id');
    expect(trace).toMatch(/^[0-9a-f]{12}$/);
    expect(res.headers.get('date')).toBeTruthy();
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    if (want.status === 200) {
      expect(res.json).toEqual(expected);
      return;
    }
    expect(res.json).toEqual({ ...expected, trace_id: trace });
    expect(res.json.error.status).toBe(res.status);
    expect(res.json.error.retryable).toBe(false);
  });
});

describe('success bodies', () => {
  it.each([
    ['send-contact', '/api/v1/chats/ch_other42/send-contact', { contact: ADA }, 'sent'],
    ['share-contact-info', '/api/v1/chats/ch_other42/share-contact-info', undefined, 'shared'],
  ] as const)('%s by chat id names the chat in the path', async (_name, path, body, status) => {
    const res = await send(mock.url, path, { body, auth: { bearer: 'x' } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ chat_id: 'ch_other42', status });
  });

  it('by phone, answers with the chat Chert found or created (the example\'s)', async () => {
    const res = await send(mock.url, TO_PHONE, { body: { to: '+14155550199', contact: ADA }, auth: { bearer: 'x' } });
    expect(res.json).toEqual(exampleValue('Sent'));
  });
});

describe('credentials', () => {
  it.each([
    ['send by chat id', TO_CHAT, { contact: ADA }],
    ['send by phone', TO_PHONE, { to: '+14155550199', contact: ADA }],
    ['share into a chat', SHARE_CHAT, undefined],
    ['share by phone', SHARE_PHONE, { to: '+14155550199' }],
  ])('%s without credentials is 401 / 2012', async (_name, path, body) => {
    const res = await send(mock.url, path, { body, auth: 'none' });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ ...exampleValue('NoCredentials'), trace_id: res.headers.get('x-trace-id') });
    expect(res.json.error.retryable).toBe(false);
  });

  it('credentials are checked before the body is read', async () => {
    const res = await send(mock.url, TO_CHAT, { body: '{not json', auth: 'none' });
    expect(res.json.error.code).toBe(2012);
  });

  it('a signature without x-chert-tenant is not credentials', async () => {
    const res = await send(mock.url, TO_CHAT, {
      body: { contact: ADA },
      auth: 'none',
      headers: { 'x-chert-signature': `v1,${Math.floor(Date.now() / 1000)},${'0'.repeat(64)}` },
    });
    expect(res.json.error.code).toBe(2012);
  });

  it('an authorization header that is not a bearer token is a bad token', async () => {
    const res = await send(mock.url, TO_CHAT, { body: { contact: ADA }, auth: 'none', headers: { authorization: 'Basic YTpi' } });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe(2004);
  });
});

describe('trace ids', () => {
  it('are fresh on every response, not the example\'s fixed one', async () => {
    const a = await send(mock.url, TO_CHAT, { body: {} });
    const b = await send(mock.url, TO_CHAT, { body: {} });
    expect(a.json.trace_id).not.toBe(b.json.trace_id);
    expect(a.json.trace_id).not.toBe(exampleValue('MissingCard').trace_id);
    expect(a.headers.get('x-trace-id')).toBe(a.json.trace_id);
  });
});
