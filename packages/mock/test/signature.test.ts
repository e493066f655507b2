import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_WINDOW_SECONDS, signatureHeader, startMock, type RunningMock } from '../src/index.js';
import { document, exampleValue } from './document.js';
import { send, SHARE_CHAT, TO_CHAT } from './helpers.js';

const SECRET = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const BODY = '{"contact":{"full_name":"Ada Lovelace"}}';
const now = () => Math.floor(Date.now() / 1000);
/** The clock window, as the document states it. */
const WINDOW: number = document.components.securitySchemes.ChertSignature['x-chert-signature-window-seconds'];

/** Signs independently of the mock's own helper: the shell reference's recipe, byte for byte. */
function sign(secret: string, ts: number, body: string): string {
  return `v1,${ts},${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`;
}

function signed(signature: string, extra: Record<string, string> = {}) {
  return { 'x-chert-tenant': 'acme', 'x-chert-signature': signature, ...extra };
}

let mock: RunningMock;
const lines: string[] = [];
beforeAll(async () => {
  mock = await startMock({ port: 0, mode: 'examples', signingSecret: SECRET, verbose: true, log: (line) => lines.push(line) });
});
afterAll(async () => {
  await mock.close();
});

type Case = [name: string, body: string | undefined, headers: () => Record<string, string>, want: string];

const cases: Case[] = [
  ['good signature', BODY, () => signed(sign(SECRET, now(), BODY)), 'Sent'],
  ['good signature, just inside the window, old', BODY, () => signed(sign(SECRET, now() - WINDOW + 1, BODY)), 'Sent'],
  ['good signature, just inside the window, ahead', BODY, () => signed(sign(SECRET, now() + WINDOW - 1, BODY)), 'Sent'],
  ['good signature over an empty body (signed string ends in the dot)', undefined, () => signed(sign(SECRET, now(), '')), 'Shared'],
  ['tampered body', BODY.replace('Ada', 'Eve'), () => signed(sign(SECRET, now(), BODY)), 'BadSignature'],
  ['body re-serialised after signing', JSON.stringify(JSON.parse(BODY), null, 1), () => signed(sign(SECRET, now(), BODY)), 'BadSignature'],
  ['signed with another secret', BODY, () => signed(sign('another-secret-entirely-000000000', now(), BODY)), 'BadSignature'],
  ['secret hex-decoded as the key (a common mistake)', BODY, () => {
    const ts = now();
    const hex = createHmac('sha256', Buffer.from(SECRET, 'hex')).update(`${ts}.${BODY}`).digest('hex');
    return signed(`v1,${ts},${hex}`);
  }, 'BadSignature'],
  ['uppercase hex', BODY, () => signed(sign(SECRET, now(), BODY).toUpperCase().replace('V1', 'v1')), 'BadSignature'],
  ['unknown version', BODY, () => signed(sign(SECRET, now(), BODY).replace('v1,', 'v2,')), 'BadSignature'],
  ['not three parts', BODY, () => signed('v1,deadbeef'), 'BadSignature'],
  ['stale: just outside the window', BODY, () => signed(sign(SECRET, now() - WINDOW - 1, BODY)), 'StaleTimestamp'],
  ['stale: an hour ahead', BODY, () => signed(sign(SECRET, now() + 3600, BODY)), 'StaleTimestamp'],
  ['stale and wrong is wrong first', BODY, () => signed(sign('nope', now() - 3600, BODY)), 'BadSignature'],
  ['missing: nothing sent', BODY, () => ({}), 'NoCredentials'],
  ['missing: signature without tenant', BODY, () => ({ 'x-chert-signature': sign(SECRET, now(), BODY) }), 'NoCredentials'],
  ['bearer equal to the secret', BODY, () => ({ authorization: `Bearer ${SECRET}` }), 'Sent'],
  ['bearer not equal to the secret', BODY, () => ({ authorization: `Bearer ${SECRET.slice(0, -1)}x` }), 'BadSignature'],
  ['bearer of another length', BODY, () => ({ authorization: 'Bearer short' }), 'BadSignature'],
  ['good bearer does not rescue a bad signature', BODY, () => signed(sign('nope', now(), BODY), { authorization: `Bearer ${SECRET}` }), 'BadSignature'],
  ['good signature wins over a bad bearer', BODY, () => signed(sign(SECRET, now(), BODY), { authorization: 'Bearer wrong' }), 'Sent'],
];

describe('with a signing secret', () => {
  it.each(cases)('%s → %s', async (_name, body, headers, want) => {
    const path = body === undefined ? SHARE_CHAT : TO_CHAT;
    const res = await send(mock.url, path, { auth: 'none', headers: headers(), ...(body !== undefined ? { body } : {}) });
    const expected = exampleValue(want);
    if (want === 'Sent' || want === 'Shared') {
      expect(res.status).toBe(200);
      expect(res.json).toEqual(expected);
    } else {
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ ...expected, trace_id: res.headers.get('x-trace-id') });
      expect(res.json.error.retryable).toBe(false);
    }
    expect(res.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{12}$/);
  });

  it('sends a Date header a client can correct its clock from after 2013', async () => {
    const res = await send(mock.url, TO_CHAT, { body: BODY, auth: 'none', headers: signed(sign(SECRET, now() - 3600, BODY)) });
    expect(res.json.error.code).toBe(2013);
    const date = Date.parse(res.headers.get('date') ?? '');
    expect(Math.abs(date / 1000 - now())).toBeLessThan(5);
    const retry = await send(mock.url, TO_CHAT, {
      body: BODY,
      auth: 'none',
      headers: signed(sign(SECRET, Math.floor(date / 1000), BODY)),
    });
    expect(retry.status).toBe(200);
  });

  it('exports the document\'s clock window', () => {
    expect(WINDOW).toBe(300);
    expect(SIGNATURE_WINDOW_SECONDS).toBe(WINDOW);
  });

  it('exports the same signature the shell recipe makes', () => {
    expect(signatureHeader(SECRET, BODY, 1_700_000_000)).toBe(sign(SECRET, 1_700_000_000, BODY));
  });

  it('never writes the secret, a token or a signature to the log, even verbose', async () => {
    const signature = sign(SECRET, now(), BODY);
    await send(mock.url, TO_CHAT, { body: BODY, auth: 'none', headers: signed(signature) });
    await send(mock.url, TO_CHAT, { body: BODY, auth: 'none', headers: { authorization: `Bearer ${SECRET}` } });
    await send(mock.url, TO_CHAT, { body: BODY, auth: 'none', headers: { authorization: 'Bearer some-other-token-value' } });
    expect(lines.length).toBeGreaterThan(3);
    const all = lines.join('\n');
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(signature.split(',')[2]);
    expect(all).not.toContain('some-other-token-value');
  });
});
