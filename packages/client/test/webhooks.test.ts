// Webhook verification, with both HMAC backends (`@chert/client/webhooks` under the default and
// the `node` condition) and through the client: both documented formats under both headers in
// any casing, plain objects, Headers and Node's headers with arrays; refused deliveries carry a
// `reason`, and nothing ever echoes the secret. Signatures are made here with node:crypto.
import { createHmac } from 'node:crypto';
import { webhookDelivery } from '@chert/types';
import { describe, expect, it } from 'vitest';
import * as webDefault from '../src/webhooks.js';
import * as webNode from '../src/webhooks.node.js';
import { webhookSignature } from '../src/generated/webhook-signature.js';
import { ChertError, ChertInputError, ChertWebhookError, createChertClient } from '../src/index.js';

const secret = 'whsec_5f2b8c0d9e7a41f3b6c2d8e0a1f4c7b9';
const NOW = 1_780_000_000;
const event = { event: 'message.received', event_id: 'chert:msg:1', data: { chat: { id: 'ch_1' }, text: 'Zoë 👩🏽‍💻' } };
const body = JSON.stringify(event);
const hex = (ts: number, raw: string | Uint8Array = body, key = secret) => createHmac('sha256', key).update(`${ts}.`).update(raw).digest('hex');
const current = (ts = NOW, raw?: string) => `t=${ts},v1=${hex(ts, raw)}`;
const legacy = (ts = NOW, raw?: string) => `v1,${ts},${hex(ts, raw)}`;

const backends = [
  ['WebCrypto (default condition)', webDefault.verifyWebhook, webDefault.signWebhook],
  ['node:crypto (node condition)', webNode.verifyWebhook, webNode.signWebhook],
  ['chert.webhooks', ...(() => {
    const chert = createChertClient({ auth: { bearer: { token: 'x' } } });
    return [chert.webhooks.verify, chert.webhooks.sign] as const;
  })()],
] as const;

describe.each(backends)('%s', (_name, verify, sign) => {
  const at = { now: () => NOW * 1000 };
  const accepted: [name: string, rawBody: string | Uint8Array | ArrayBuffer, headers: webDefault.VerifyWebhookParams['headers']][] = [
    ['t=…,v1=… under X-Webhook-Signature', body, { 'X-Webhook-Signature': current() }],
    ['…in lower case', body, { 'x-webhook-signature': current() }],
    ['…in upper case', body, { 'X-WEBHOOK-SIGNATURE': current() }],
    ['v1,…,… under x-chert-signature (legacy)', body, { 'x-chert-signature': legacy() }],
    ['v1,…,… under X-Webhook-Signature', body, { 'X-Webhook-Signature': legacy() }],
    ['t=…,v1=… under x-chert-signature', body, { 'X-Chert-Signature': current() }],
    ['upper-case hex', body, { 'x-webhook-signature': current().toUpperCase().replace('T=', 't=').replace('V1=', 'v1=') }],
    ['a Headers object', body, new Headers({ 'X-Webhook-Signature': current() })],
    ['Node’s headers, with an array value', body, { 'x-webhook-signature': ['t=1,v1=00', current()], host: 'example.com' }],
    ['one header refused, the other valid', body, { 'x-webhook-signature': `t=${NOW},v1=${'0'.repeat(64)}`, 'x-chert-signature': legacy() }],
    ['the body as a Buffer', Buffer.from(body), { 'x-webhook-signature': current() }],
    ['the body as an ArrayBuffer', new TextEncoder().encode(body).buffer, { 'x-webhook-signature': current() }],
    ['within the tolerance (299 s old)', body, { 'x-webhook-signature': current(NOW - 299) }],
    ['within the tolerance (299 s ahead)', body, { 'x-webhook-signature': current(NOW + 299) }],
  ];
  it.each(accepted)('accepts %s, resolving to the event', async (_case, rawBody, headers) => {
    const verified = await verify({ rawBody, headers, secret, ...at });
    expect(verified).toEqual(event);
    if (verified.event === 'message.received') expect(verified.event_id).toBe('chert:msg:1');
  });

  const refused: [name: string, params: Partial<webDefault.VerifyWebhookParams>, reason: webDefault.WebhookFailure][] = [
    ['no signature header', { headers: { 'content-type': 'application/json' } }, 'missing'],
    ['an empty Headers', { headers: new Headers() }, 'missing'],
    ['a value in no format', { headers: { 'x-webhook-signature': 'sha256=abc' } }, 'malformed'],
    ['a timestamp that is not a number', { headers: { 'x-webhook-signature': 't=soon,v1=abcdef' } }, 'malformed'],
    ['v2', { headers: { 'x-chert-signature': `v2,${NOW},${hex(NOW)}` } }, 'malformed'],
    ['another secret', { headers: { 'x-webhook-signature': `t=${NOW},v1=${hex(NOW, body, 'whsec_other')}` } }, 'mismatch'],
    ['a body changed by one byte', { rawBody: body.replace('Zoë', 'Zoe'), headers: { 'x-webhook-signature': current() } }, 'mismatch'],
    ['a body parsed and serialised again', { rawBody: JSON.stringify(event, null, 2), headers: { 'x-webhook-signature': current() } }, 'mismatch'],
    ['a signature cut short', { headers: { 'x-webhook-signature': current().slice(0, -2) } }, 'mismatch'],
    ['another timestamp than the one signed', { headers: { 'x-webhook-signature': `t=${NOW + 1},v1=${hex(NOW)}` } }, 'mismatch'],
    ['301 s old', { headers: { 'x-webhook-signature': current(NOW - 301) } }, 'stale'],
    ['301 s ahead', { headers: { 'x-webhook-signature': current(NOW + 301) } }, 'stale'],
    ['older than a tolerance of 10 s', { headers: { 'x-webhook-signature': current(NOW - 11) }, toleranceSeconds: 10 }, 'stale'],
    ['a signed body that is not JSON', { rawBody: 'not json', headers: { 'x-webhook-signature': current(NOW, 'not json') } }, 'payload'],
    ['a signed JSON body that is no event', { rawBody: '[1]', headers: { 'x-webhook-signature': current(NOW, '[1]') } }, 'payload'],
  ];
  it.each(refused)('refuses %s: ChertWebhookError, reason %s… and never the secret', async (_case, params, reason) => {
    const error = await verify({ rawBody: body, headers: {}, secret, ...at, ...params }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertWebhookError);
    expect(error).toBeInstanceOf(ChertError);
    expect(error).toMatchObject({ reason, name: 'ChertWebhookError' });
    const text = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack}`;
    expect(text).not.toContain(secret);
    expect(text).not.toContain(hex(NOW));
  });

  it('uses the clock by default: a fresh signature passes, one from the document’s tolerance ago does not', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect(verify({ rawBody: body, headers: { 'x-webhook-signature': current(now) }, secret })).resolves.toEqual(event);
    const old = now - webhookDelivery.signature.toleranceSeconds - 5;
    await expect(verify({ rawBody: body, headers: { 'x-webhook-signature': current(old) }, secret })).rejects.toMatchObject({ reason: 'stale' });
  });

  const bad: [name: string, params: unknown, field: string][] = [
    ['no params', undefined, 'params'],
    ['a parsed body', { rawBody: event, headers: {}, secret }, 'rawBody'],
    ['no headers', { rawBody: body, secret }, 'headers'],
    ['an empty secret', { rawBody: body, headers: {}, secret: '' }, 'secret'],
    ['a negative tolerance', { rawBody: body, headers: {}, secret, toleranceSeconds: -1 }, 'toleranceSeconds'],
    ['a clock that is not a function', { rawBody: body, headers: {}, secret, now: 5 }, 'now'],
  ];
  it.each(bad)('refuses %s as input (ChertInputError naming the field)', async (_case, params, field) => {
    const error = await verify(params as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertInputError);
    expect(error).toMatchObject({ field });
  });

  it('signs as Chert does (t=<ts>,v1=<hex of "<ts>.<body>">), and verifies what it signs', async () => {
    const header = await sign(secret, NOW, body);
    expect(header).toBe(current());
    expect(await sign(secret, NOW, new TextEncoder().encode(body))).toBe(header);
    await expect(verify({ rawBody: body, headers: { 'X-Webhook-Signature': header }, secret, ...at })).resolves.toEqual(event);
    await expect(sign('', NOW, body)).rejects.toMatchObject({ field: 'secret' });
    await expect(sign(secret, 1.5, body)).rejects.toMatchObject({ field: 'unixSeconds' });
  });
});

it('the names, formats and tolerance it uses are the document’s (generated from x-chert-webhook-delivery)', () => {
  const { headers, formats, toleranceSeconds, signedPayload } = webhookDelivery.signature;
  expect(webhookSignature.headers).toEqual(headers.map((h) => h.toLowerCase()));
  expect(webhookSignature.formats.map((f) => f.source)).toEqual(formats.map((f) => f.pattern));
  expect(webhookSignature.template).toBe(formats[0]!.template);
  expect(webhookSignature.toleranceSeconds).toBe(toleranceSeconds);
  expect(`${webhookSignature.signedPrefix}<raw_body>`).toBe(signedPayload);
});
