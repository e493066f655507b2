import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { exampleValue } from './document.js';
import { send, SHARE_CHAT, SHARE_PHONE, TO_CHAT, TO_PHONE, type SendOptions } from './helpers.js';

const ADA = { full_name: 'Ada Lovelace', phones: [{ value: '+14155550123', label: 'mobile' }] };
const VCARD = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n';

/** The example gives status, code and retryable; `message` is what a 400 says instead of the example's. */
type Want = { status: number; example: string; message?: string | RegExp };
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
  ['media types are case-insensitive', TO_CHAT, { body: { contact: ADA }, contentType: 'Application/JSON;Charset="UTF-8"' }, { status: 200, example: 'Sent' }],

  // 1004: the body is not JSON.
  ['truncated JSON', TO_CHAT, { body: '{"contact": {' }, { status: 400, example: 'InvalidJson', message: /^body is not valid JSON: / }],
  ['form-encoded text', TO_PHONE, { body: 'to=+14155550199' }, { status: 400, example: 'InvalidJson', message: /^body is not valid JSON: / }],
  ['JSON under a text/plain content type', TO_CHAT, { body: { contact: ADA }, contentType: 'text/plain' }, { status: 400, example: 'InvalidJson', message: 'content-type text/plain is not application/json' }],
  // Only the documented media type: no JSON-ish relatives, no lists, nothing unparsable.
  ['a JSON:API content type', TO_CHAT, { body: { contact: ADA }, contentType: 'application/vnd.api+json' }, { status: 400, example: 'InvalidJson', message: 'content-type application/vnd.api+json is not application/json' }],
  ['a problem+json content type', TO_PHONE, { body: { to: '+14155550199', contact: ADA }, contentType: 'application/problem+json' }, { status: 400, example: 'InvalidJson', message: 'content-type application/problem+json is not application/json' }],
  ['a list of content types', TO_CHAT, { body: { contact: ADA }, contentType: 'application/json, text/plain' }, { status: 400, example: 'InvalidJson', message: /^content-type "application\/json, text\/plain" is not a media type/ }],
  ['a content type of just a slash', TO_CHAT, { body: { contact: ADA }, contentType: '/' }, { status: 400, example: 'InvalidJson', message: /^content-type "\/" is not a media type/ }],
  ['a content type without a subtype', SHARE_PHONE, { body: { to: '+14155550199' }, contentType: 'json' }, { status: 400, example: 'InvalidJson', message: /^content-type "json" is not a media type/ }],
  ['a content type of just a semicolon', TO_PHONE, { body: { to: '+14155550199', contact: ADA }, contentType: ';' }, { status: 400, example: 'InvalidJson', message: /^content-type ";" is not a media type/ }],
  ['share by phone, not JSON', SHARE_PHONE, { body: '{to:' }, { status: 400, example: 'InvalidJson', message: /^body is not valid JSON: / }],

  // 1001: neither contact nor vcard_text.
  ['empty object', TO_CHAT, { body: {} }, { status: 400, example: 'MissingCard', message: "/contact or /vcard_text is required" }],
  ['empty body counts as {}', TO_CHAT, { body: '' }, { status: 400, example: 'MissingCard', message: "/contact or /vcard_text is required" }],
  ['only to, by chat id', TO_CHAT, { body: { to: '+14155550199' } }, { status: 400, example: 'MissingCard', message: "/contact or /vcard_text is required" }],
  ['only to, by phone', TO_PHONE, { body: { to: '+14155550199' } }, { status: 400, example: 'MissingCard', message: "/contact or /vcard_text is required" }],
  ['empty object by phone', TO_PHONE, { body: {} }, { status: 400, example: 'MissingCard', message: "/contact or /vcard_text is required" }],
  ['a misspelt card field', TO_CHAT, { body: { vcard: VCARD } }, { status: 400, example: 'MissingCard', message: "/contact or /vcard_text is required" }],

  // 1002: contact without an identifying field.
  ['contact is empty', TO_CHAT, { body: { contact: {} } }, { status: 400, example: 'NoIdentifyingField', message: "/contact needs a non-empty full_name, given_name, family_name, organization, phones or emails" }],
  ['only empty strings', TO_CHAT, { body: { contact: { full_name: '', organization: '' } } }, { status: 400, example: 'NoIdentifyingField', message: "/contact needs a non-empty full_name, given_name, family_name, organization, phones or emails" }],
  ['empty phone and email lists', TO_PHONE, { body: { to: '+14155550199', contact: { phones: [], emails: [] } } }, { status: 400, example: 'NoIdentifyingField', message: "/contact needs a non-empty full_name, given_name, family_name, organization, phones or emails" }],

  // 1002: unknown field, wrong shape, or both cards.
  ['unknown top-level field', TO_CHAT, { body: { contact: ADA, priority: 'high' } }, { status: 400, example: 'UnsupportedShape', message: "/priority: unknown field" }],
  ['unknown contact field', TO_CHAT, { body: { contact: { ...ADA, nickname: 'Ada' } } }, { status: 400, example: 'UnsupportedShape', message: "/contact/nickname is not a field of contact" }],
  ['full_name is a number', TO_CHAT, { body: { contact: { full_name: 5 } } }, { status: 400, example: 'UnsupportedShape', message: "/contact/full_name must be a string" }],
  ['phones is a string', TO_CHAT, { body: { contact: { full_name: 'Ada', phones: '+14155550123' } } }, { status: 400, example: 'UnsupportedShape', message: "/contact/phones must be an array" }],
  ['a phone without a value', TO_CHAT, { body: { contact: { full_name: 'Ada', phones: [{ label: 'mobile' }] } } }, { status: 400, example: 'UnsupportedShape', message: "/contact/phones/0/value is required" }],
  ['email that is not an email', TO_CHAT, { body: { contact: { full_name: 'Ada', emails: [{ value: 'ada at example' }] } } }, { status: 400, example: 'UnsupportedShape', message: "/contact/emails/0/value must be a valid EmailAddress (format email)" }],
  ['contact is a string', TO_CHAT, { body: { contact: 'Ada Lovelace' } }, { status: 400, example: 'UnsupportedShape', message: "/contact must be an object" }],
  ['vcard_text without BEGIN:VCARD', TO_CHAT, { body: { vcard_text: 'FN:Ada' } }, { status: 400, example: 'UnsupportedShape', message: "/vcard_text must be a valid VCardText (pattern ^BEGIN:VCARD)" }],
  ['both contact and vcard_text', TO_CHAT, { body: { contact: ADA, vcard_text: VCARD } }, { status: 400, example: 'UnsupportedShape', message: "only one of /contact, /vcard_text may be sent" }],
  ['both, by phone', TO_PHONE, { body: { to: '+14155550199', contact: ADA, vcard_text: VCARD } }, { status: 400, example: 'UnsupportedShape', message: "only one of /contact, /vcard_text may be sent" }],
  ['body is an array', TO_CHAT, { body: [{ contact: ADA }] }, { status: 400, example: 'UnsupportedShape', message: "body must be an object" }],
  ['body is null', TO_CHAT, { body: 'null' }, { status: 400, example: 'UnsupportedShape', message: "body must be an object" }],
  ['share by phone with an unknown field', SHARE_PHONE, { body: { to: '+14155550199', message: 'hi' } }, { status: 400, example: 'UnsupportedShape', message: "/message: unknown field" }],
  ['share by phone with an array', SHARE_PHONE, { body: ['+14155550199'] }, { status: 400, example: 'UnsupportedShape', message: "body must be an object" }],

  // 1003: a `to` or phone value that is not E.164, or `to` missing by phone.
  ['phone value with spaces', TO_CHAT, { body: { contact: { full_name: 'Ada', phones: [{ value: '+1 415 555 0123' }] } } }, { status: 400, example: 'InvalidPhone', message: "/contact/phones/0/value must be a valid E164Phone (pattern ^\\+[1-9][0-9]{0,14}$)" }],
  ['phone value without the plus', TO_PHONE, { body: { to: '+14155550199', contact: { phones: [{ value: '14155550123' }] } } }, { status: 400, example: 'InvalidPhone', message: "/contact/phones/0/value must be a valid E164Phone (pattern ^\\+[1-9][0-9]{0,14}$)" }],
  ['to not E.164 by chat id', TO_CHAT, { body: { to: '4155550199', contact: ADA } }, { status: 400, example: 'InvalidPhone', message: "/to must be a valid E164Phone (pattern ^\\+[1-9][0-9]{0,14}$)" }],
  ['to not E.164 by phone', TO_PHONE, { body: { to: '+0155550199', vcard_text: VCARD } }, { status: 400, example: 'InvalidPhone', message: "/to must be a valid E164Phone (pattern ^\\+[1-9][0-9]{0,14}$)" }],
  ['to is a number', TO_PHONE, { body: { to: 14155550199, contact: ADA } }, { status: 400, example: 'InvalidPhone', message: "/to must be a string" }],
  ['to missing by phone, contact', TO_PHONE, { body: { contact: ADA } }, { status: 400, example: 'InvalidPhone', message: "/to is required" }],
  ['to missing by phone, vCard', TO_PHONE, { body: { vcard_text: VCARD } }, { status: 400, example: 'InvalidPhone', message: "/to is required" }],
  ['share by phone without to', SHARE_PHONE, { body: {} }, { status: 400, example: 'InvalidPhone', message: "/to is required" }],
  ['share by phone with an empty body', SHARE_PHONE, { body: '' }, { status: 400, example: 'InvalidPhone', message: "/to is required" }],
  ['share by phone, to too long', SHARE_PHONE, { body: { to: '+1234567890123456' } }, { status: 400, example: 'InvalidPhone', message: "/to must be a valid E164Phone (pattern ^\\+[1-9][0-9]{0,14}$)" }],

  // Several problems at once: missing card, then shape, then identifying field, then phone.
  ['unknown field and no card', TO_CHAT, { body: { priority: 'high' } }, { status: 400, example: 'MissingCard', message: "/contact or /vcard_text is required" }],
  ['unknown field beside an empty contact', TO_CHAT, { body: { contact: {}, priority: 'high' } }, { status: 400, example: 'UnsupportedShape', message: "/priority: unknown field" }],
  ['bad phone beside an unknown field', TO_PHONE, { body: { to: '12', contact: ADA, priority: 'high' } }, { status: 400, example: 'UnsupportedShape', message: "/priority: unknown field" }],
  ['empty contact and a bad to', TO_PHONE, { body: { to: '12', contact: {} } }, { status: 400, example: 'NoIdentifyingField', message: "/contact needs a non-empty full_name, given_name, family_name, organization, phones or emails" }],
  ['both cards and no to', TO_PHONE, { body: { contact: ADA, vcard_text: VCARD } }, { status: 400, example: 'UnsupportedShape', message: "only one of /contact, /vcard_text may be sent" }],

  // A chat id Chert could never have issued is a chat it cannot find.
  ['chat id longer than any chat id', `/api/v1/chats/${'c'.repeat(129)}/send-contact`, { body: { contact: ADA } }, { status: 404, example: 'ChatNotFound' }],
  ['chat id with a malformed escape', '/api/v1/chats/ch_%/send-contact', { body: { contact: ADA } }, { status: 404, example: 'ChatNotFound' }],
  ['chat id with a malformed escape, share', '/api/v1/chats/ch_%zz/share-contact-info', {}, { status: 404, example: 'ChatNotFound' }],
  ['chat id escaping a character it may not hold', '/api/v1/chats/ch_%2F1/send-contact', { body: { contact: ADA } }, { status: 404, example: 'ChatNotFound' }],
];

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, mode: 'examples' });
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
    // The documented example, with its message naming the field (400s) and a fresh trace id.
    const message = want.message === undefined ? expected.error.message : typeof want.message === 'string' ? want.message : expect.stringMatching(want.message);
    expect(res.json).toEqual({ ...expected, error: { ...expected.error, message }, trace_id: trace });
    if (want.status === 400) expect(want.message).toBeDefined();
    expect(res.json.error.status).toBe(res.status);
    expect(res.json.error.retryable).toBe(false);
  });
});

describe('success bodies', () => {
  // [name, path, body, Prefer, want]: by chat id, the answer names the chat in the path,
  // however the success was asked for.
  it.each([
    ['send-contact', '/api/v1/chats/ch_other42/send-contact', { contact: ADA }, undefined, 'sent'],
    ['share-contact-info', '/api/v1/chats/ch_other42/share-contact-info', undefined, undefined, 'shared'],
    ['send-contact, Prefer: code=200', '/api/v1/chats/ch_other42/send-contact', { contact: ADA }, 'code=200', 'sent'],
    ['send-contact, Prefer: example=Sent', '/api/v1/chats/ch_other42/send-contact', { contact: ADA }, 'example=Sent', 'sent'],
    ['share-contact-info, Prefer: code=200, example=Shared', '/api/v1/chats/ch_other42/share-contact-info', undefined, 'code=200, example=Shared', 'shared'],
    ['an escaped chat id, decoded', '/api/v1/chats/ch%5Fother42/send-contact', { contact: ADA }, undefined, 'sent'],
  ] as const)('%s names the chat in the path', async (_name, path, body, prefer, status) => {
    const res = await send(mock.url, path, { body, auth: { bearer: 'x' }, ...(prefer ? { headers: { prefer } } : {}) });
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
