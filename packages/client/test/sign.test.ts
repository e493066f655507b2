import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importSigningKey, signV1 } from '../src/index.js';
import { SECRET } from './support/fetch.js';

const reference = (secret: string, ts: number, body: string | Uint8Array) =>
  `v1,${ts},${createHmac('sha256', secret).update(`${ts}.`).update(body).digest('hex')}`;

const enc = new TextEncoder();

describe('signV1 agrees with node:crypto HMAC-SHA256 over "<ts>.<body>"', () => {
  const cases: [name: string, body: string][] = [
    ['ASCII JSON', '{"contact":{"full_name":"Ada Lovelace"}}'],
    ['accents', '{"contact":{"full_name":"Zoë Ça Va Élodie"}}'],
    ['emoji (astral plane)', '{"contact":{"full_name":"Ada 👩🏽‍💻🚀"}}'],
    ['CJK', '{"contact":{"full_name":"山田太郎","organization":"株式会社"}}'],
    ['a raw vCard with CRLF', 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD'],
    ['the empty body (the signed text ends in the dot)', ''],
  ];
  it.each(cases)('%s, as a string', async (_name, body) => {
    expect(await signV1(SECRET, 1_700_000_000, body)).toBe(reference(SECRET, 1_700_000_000, body));
  });
  it.each(cases)('%s, as bytes', async (_name, body) => {
    const bytes = enc.encode(body);
    const want = reference(SECRET, 1_700_000_000, bytes);
    expect(await signV1(SECRET, 1_700_000_000, bytes)).toBe(want);
    expect(await signV1(SECRET, 1_700_000_000, bytes.buffer)).toBe(want);
    expect(await signV1(SECRET, 1_700_000_000, new DataView(bytes.buffer))).toBe(want);
  });
});

describe('signV1', () => {
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
  });

  it('accepts a key imported once, giving the same signature', async () => {
    const key = await importSigningKey(SECRET);
    expect(key.extractable).toBe(false);
    expect(await signV1(key, 1_700_000_000, 'é')).toBe(await signV1(SECRET, 1_700_000_000, 'é'));
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
    await expect(signV1(SECRET, ts, '')).rejects.toThrow(TypeError);
  });

  it('refuses an empty secret without echoing anything', async () => {
    await expect(signV1('', 1, '')).rejects.toThrow(/non-empty/);
    await expect(importSigningKey('')).rejects.toThrow(TypeError);
  });
});
