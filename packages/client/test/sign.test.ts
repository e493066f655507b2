import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENTRIES } from './support/entries.js';
import { SECRET } from './support/fetch.js';

const enc = new TextEncoder();
/** node:crypto over the bytes as they go on the wire (a string as fetch encodes it: UTF-8). */
const reference = (secret: string, ts: number, body: string | Uint8Array) =>
  `v1,${ts},${createHmac('sha256', secret).update(`${ts}.`).update(typeof body === 'string' ? enc.encode(body) : body).digest('hex')}`;

const cases: [name: string, body: string][] = [
  ['ASCII JSON', '{"contact":{"full_name":"Ada Lovelace"}}'],
  ['accents', '{"contact":{"full_name":"Zoë Ça Va Élodie"}}'],
  ['emoji (astral plane)', '{"contact":{"full_name":"Ada 👩🏽‍💻🚀"}}'],
  ['CJK', '{"contact":{"full_name":"山田太郎","organization":"株式会社"}}'],
  ['a raw vCard with CRLF', 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD'],
  ['a lone surrogate (sent as U+FFFD)', '{"contact":{"full_name":"Ada \ud83d"}}'],
  ['64 KiB', `{"vcard_text":"${'x'.repeat(64 * 1024)}"}`],
  ['the empty body (the signed text ends in the dot)', ''],
];

describe.each(ENTRIES)('%s: signV1 agrees with node:crypto HMAC-SHA256 over "<ts>.<body>"', (_entry, { signV1, importSigningKey }) => {
  it.each(cases)('%s, as a string, with the secret and with an imported key', async (_name, body) => {
    const want = reference(SECRET, 1_700_000_000, body);
    expect(await signV1(SECRET, 1_700_000_000, body)).toBe(want);
    expect(await signV1(await importSigningKey(SECRET), 1_700_000_000, body)).toBe(want);
  });

  it.each(cases)('%s, as bytes (Uint8Array, ArrayBuffer, DataView)', async (_name, body) => {
    const bytes = enc.encode(body);
    const want = reference(SECRET, 1_700_000_000, bytes);
    const key = await importSigningKey(SECRET);
    for (const given of [bytes, bytes.buffer, new DataView(bytes.buffer)]) {
      expect(await signV1(SECRET, 1_700_000_000, given)).toBe(want);
      expect(await signV1(key, 1_700_000_000, given)).toBe(want);
    }
  });

  it.each([
    ['UTF-8 text', 'Zoë-山田-👩🏽‍💻'],
    ['longer than the hash block (64 bytes)', 'k'.repeat(100)],
  ])('keys with a secret of %s as its UTF-8 bytes', async (_name, secret) => {
    expect(await signV1(secret, 9, '{"a":1}')).toBe(reference(secret, 9, '{"a":1}'));
    expect(await signV1(await importSigningKey(secret), 9, '{"a":1}')).toBe(reference(secret, 9, '{"a":1}'));
  });

  it('signs with an HMAC CryptoKey the caller imported through WebCrypto itself', async () => {
    const key = await crypto.subtle.importKey('raw', enc.encode(SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    for (const body of ['{"a":1}', '', 'Zoë 👩🏽‍💻']) {
      expect(await signV1(key, 11, body)).toBe(reference(SECRET, 11, body));
    }
  });

  it('signs the trailing dot when there is no body', async () => {
    const ts = 1_700_000_123;
    const want = createHmac('sha256', SECRET).update(`${ts}.`).digest('hex');
    expect(await signV1(SECRET, ts)).toBe(`v1,${ts},${want}`);
    expect(await signV1(SECRET, ts, '')).toBe(`v1,${ts},${want}`);
  });

  it('writes the header value as v1,<seconds>,<64 lowercase hex>', async () => {
    expect(await signV1(SECRET, 42, 'x')).toMatch(/^v1,42,[0-9a-f]{64}$/);
  });

  it('keys the HMAC with the secret text itself, not its hex-decoded bytes', async () => {
    const hexDecoded = createHmac('sha256', Buffer.from(SECRET, 'hex')).update('1.x').digest('hex');
    const sig = await signV1(SECRET, 1, 'x');
    expect(sig).toBe(reference(SECRET, 1, 'x'));
    expect(sig).not.toContain(hexDecoded);
  });

  it('reads a bytes view at its own offset', async () => {
    const padded = enc.encode('##{"a":1}##');
    const view = padded.subarray(2, padded.length - 2);
    expect(await signV1(SECRET, 7, view)).toBe(reference(SECRET, 7, '{"a":1}'));
    expect(await signV1(await importSigningKey(SECRET), 7, view)).toBe(reference(SECRET, 7, '{"a":1}'));
  });

  it('imports a key that is not extractable and signs as the secret does, again and again', async () => {
    const key = await importSigningKey(SECRET);
    expect(key.extractable).toBe(false);
    for (const body of ['é', 'é', '{}']) {
      expect(await signV1(key, 1_700_000_000, body)).toBe(await signV1(SECRET, 1_700_000_000, body));
    }
  });

  it('changes with the timestamp, the body and the secret', async () => {
    const base = await signV1(SECRET, 100, 'body');
    expect(await signV1(SECRET, 101, 'body')).not.toBe(base);
    expect(await signV1(SECRET, 100, 'body ')).not.toBe(base);
    expect(await signV1(`${SECRET}0`, 100, 'body')).not.toBe(base);
  });

  it.each([
    ['a fraction', 1.5],
    ['a negative number', -1],
    ['NaN', Number.NaN],
    ['milliseconds beyond safe integers', 2 ** 60],
  ])('refuses %s as unixSeconds', async (_name, ts) => {
    await expect(signV1(SECRET, ts, '')).rejects.toMatchObject({ name: 'ChertInputError', field: 'unixSeconds' });
  });

  it('refuses an empty secret without echoing anything', async () => {
    await expect(signV1('', 1, '')).rejects.toThrow(/non-empty/);
    await expect(importSigningKey('')).rejects.toMatchObject({ name: 'ChertInputError', field: 'signingSecret' });
  });
});

it('a key imported by one entry signs alike in the other', async () => {
  const [[, web], [, node]] = ENTRIES;
  const fromWeb = await web.importSigningKey(SECRET);
  const fromNode = await node.importSigningKey(SECRET);
  const want = reference(SECRET, 5, 'x');
  expect([await node.signV1(fromWeb, 5, 'x'), await web.signV1(fromNode, 5, 'x')]).toEqual([want, want]);
});
