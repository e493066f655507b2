// What goes on the wire in each auth mode, seen by a fetch of the test's own.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChertClient, version } from '../src/index.js';
import { ENTRIES } from './support/entries.js';
import { ok, recordingFetch, SECRET, TENANT } from './support/fetch.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
const sentOk = { chat_id: 'ch_8f3k2m9q', status: 'sent' };
const T0 = 1_700_000_000_000;
const hmacHex = (ts: number, bytes: Uint8Array | string) => createHmac('sha256', SECRET).update(`${ts}.`).update(bytes).digest('hex');

afterEach(() => {
  vi.restoreAllMocks();
});

// Once per entry: the default one (WebCrypto) and the node condition's (node:crypto).
describe.each(ENTRIES)('HMAC v1, %s', (_entry, { createChertClient }) => {
  it('sends tenant, signature, user agent and content type, and never the secret', async () => {
    const { fetch, sent } = recordingFetch(ok(sentOk));
    const client = createChertClient({ auth: { hmac: { tenant: TENANT, signingSecret: SECRET } }, fetch, now: () => T0 });
    await client.contacts.send({ chatId: 'ch_8f3k2m9q' }, { contact: { full_name: 'Ada Lovelace' } });
    const [req] = sent;
    expect(req!.method).toBe('POST');
    expect(req!.url).toBe('https://console.trychert.com/api/v1/chats/ch_8f3k2m9q/send-contact');
    expect(req!.headers['x-chert-tenant']).toBe(TENANT);
    expect(req!.headers['x-chert-signature']).toMatch(/^v1,1700000000,[0-9a-f]{64}$/);
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.headers['user-agent']).toBe(`chert-ts/${pkg.version}`);
    expect(req!.headers.authorization).toBeUndefined();
    expect(JSON.stringify(req)).not.toContain(SECRET);
  });

  const bodies: [name: string, send: (c: ReturnType<typeof createChertClient>) => Promise<unknown>][] = [
    ['ASCII contact', (c) => c.contacts.send({ chatId: 'ch_1' }, { contact: { full_name: 'Ada Lovelace' } })],
    ['emoji, accents and CJK', (c) => c.contacts.send({ to: '+14155550123' }, { contact: { full_name: 'Zoë 山田 👩🏽‍💻', organization: 'Ça' } })],
    ['raw vCard', (c) => c.contacts.send({ chatId: 'ch_1' }, { vcardText: 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ådä\r\nEND:VCARD' })],
    ['no body at all', (c) => c.contacts.shareOwnCard({ chatId: 'ch_1' })],
    ['typed client', (c) => c.POST('/api/v1/chats/share-contact-info', { body: { to: '+14155550123' } })],
  ];
  it.each(bodies)('signs exactly the bytes sent: %s', async (_name, send) => {
    const { fetch, sent } = recordingFetch(ok(sentOk));
    const client = createChertClient({ auth: { hmac: { tenant: TENANT, signingSecret: SECRET } }, fetch, now: () => T0 });
    await send(client);
    const [req] = sent;
    expect(req!.headers['x-chert-signature']).toBe(`v1,${T0 / 1000},${hmacHex(T0 / 1000, req!.bytes)}`);
  });

  it('signs with a fresh timestamp on every request, from the clock it was given', async () => {
    let clock = T0;
    const { fetch, sent } = recordingFetch(ok(sentOk), ok(sentOk));
    const client = createChertClient({ auth: { hmac: { tenant: TENANT, signingSecret: SECRET } }, fetch, now: () => clock });
    await client.contacts.shareOwnCard({ chatId: 'ch_1' });
    clock += 61_999;
    await client.contacts.shareOwnCard({ chatId: 'ch_1' });
    expect(sent.map((r) => r.headers['x-chert-signature']!.split(',')[1])).toEqual(['1700000000', '1700000061']);
  });

  it('imports the key once per client, not once per request', async () => {
    const importKey = vi.spyOn(globalThis.crypto.subtle, 'importKey');
    const { fetch } = recordingFetch(ok(sentOk), ok(sentOk), ok(sentOk));
    const client = createChertClient({ auth: { hmac: { tenant: TENANT, signingSecret: SECRET } }, fetch });
    for (let i = 0; i < 3; i++) await client.contacts.shareOwnCard({ chatId: 'ch_1' });
    expect(importKey).toHaveBeenCalledTimes(1);
  });

  it('signs the bytes a middleware put in place of the body', async () => {
    const { fetch, sent } = recordingFetch(ok(sentOk));
    const client = createChertClient({ auth: { hmac: { tenant: TENANT, signingSecret: SECRET } }, fetch, now: () => T0 });
    client.use({
      onRequest: ({ request }) =>
        new Request(request.url, { method: 'POST', headers: request.headers, body: '{"to":"+14155550100"}' }),
    });
    await client.POST('/api/v1/chats/share-contact-info', { body: { to: '+14155550123' } });
    expect(sent[0]!.text).toBe('{"to":"+14155550100"}');
    expect(sent[0]!.headers['x-chert-signature']).toBe(`v1,${T0 / 1000},${hmacHex(T0 / 1000, '{"to":"+14155550100"}')}`);
  });
});

describe('bearer', () => {
  const cases: [name: string, tenant: string | undefined][] = [
    ['with a tenant', TENANT],
    ['without a tenant', undefined],
  ];
  it.each(cases)('sends authorization: Bearer, %s, and no signature', async (_name, tenant) => {
    const { fetch, sent } = recordingFetch(ok(sentOk));
    const client = createChertClient({ auth: { bearer: { token: SECRET, ...(tenant ? { tenant } : {}) } }, fetch });
    await client.contacts.send({ to: '+14155550123' }, { vcardText: 'BEGIN:VCARD\r\nEND:VCARD' });
    const [req] = sent;
    expect(req!.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(req!.headers['x-chert-tenant']).toBe(tenant);
    expect(req!.headers['x-chert-signature']).toBeUndefined();
  });
});

describe('headers', () => {
  it('adds the extra headers, and per-request headers through both surfaces', async () => {
    const { fetch, sent } = recordingFetch(ok(sentOk), ok(sentOk));
    const client = createChertClient({
      auth: { hmac: { tenant: TENANT, signingSecret: SECRET } },
      fetch,
      headers: { 'x-app': 'crm', authorization: 'Bearer stray', 'x-chert-signature': 'stray' },
    });
    await client.POST('/api/v1/chats/{id}/send-contact', {
      params: { path: { id: 'ch_1' } },
      body: { contact: { full_name: 'Ada' } },
      headers: { prefer: 'code=404, example=ChatNotFound' },
    });
    await client.contacts.send({ chatId: 'ch_1' }, { contact: { full_name: 'Ada' } }, { headers: { prefer: 'code=502' } });
    expect(sent.map((r) => [r.headers['x-app'], r.headers.prefer])).toEqual([
      ['crm', 'code=404, example=ChatNotFound'],
      ['crm', 'code=502'],
    ]);
    // the client owns the authentication headers
    expect(sent[0]!.headers.authorization).toBeUndefined();
    expect(sent[0]!.headers['x-chert-signature']).toMatch(/^v1,/);
  });

  it("appends chert-ts to the caller's own user agent", async () => {
    const { fetch, sent } = recordingFetch(ok(sentOk));
    const client = createChertClient({ auth: { bearer: { token: SECRET } }, fetch, headers: { 'User-Agent': 'crm/2.1' } });
    await client.contacts.shareOwnCard({ to: '+14155550123' });
    expect(sent[0]!.headers['user-agent']).toBe(`crm/2.1 chert-ts/${version}`);
    expect(version).toBe(pkg.version);
  });

  it('uses the base URL it is given, with or without a trailing slash', async () => {
    const { fetch, sent } = recordingFetch(ok(sentOk), ok(sentOk));
    for (const baseUrl of ['http://127.0.0.1:4010', 'http://127.0.0.1:4010/']) {
      const client = createChertClient({ auth: { bearer: { token: SECRET } }, fetch, baseUrl });
      await client.contacts.shareOwnCard({ chatId: 'ch_1' });
    }
    expect(sent.map((r) => r.url)).toEqual([
      'http://127.0.0.1:4010/api/v1/chats/ch_1/share-contact-info',
      'http://127.0.0.1:4010/api/v1/chats/ch_1/share-contact-info',
    ]);
  });
});
