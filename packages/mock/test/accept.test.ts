import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { exampleValue } from './document.js';
import { raw, SHARE_CHAT, SHARE_PHONE, TO_CHAT, TO_PHONE } from './helpers.js';

/** A request each operation accepts, so only `Accept` differs. */
const valid: Array<[operation: string, path: string, body: string | undefined, success: string]> = [
  ['sendContactToChat', TO_CHAT, '{"contact":{"full_name":"Ada"}}', 'Sent'],
  ['sendContactToPhone', TO_PHONE, '{"to":"+14155550199","vcard_text":"BEGIN:VCARD\\r\\nEND:VCARD\\r\\n"}', 'Sent'],
  ['shareContactInfoToChat', SHARE_CHAT, undefined, 'Shared'],
  ['shareContactInfoToPhone', SHARE_PHONE, '{"to":"+14155550199"}', 'Shared'],
];
const headers = (accept?: string) => ({ authorization: 'Bearer t', 'content-type': 'application/json', ...(accept ? { accept } : {}) });

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, mode: 'examples' });
});
afterAll(async () => {
  await mock.close();
});

describe('an Accept the document cannot satisfy', () => {
  // The document has no 406: the Accept is disregarded (RFC 9110 §12.5.1) and the
  // documented JSON answer sent, which is what Chert, a JSON API, does.
  it.each(['application/xml', 'text/html;q=1, */*;q=0', 'image/png', 'application/json;q=0', 'not a media type', ';;'])(
    'Accept: %s gets the documented JSON answer, and every later request is unaffected',
    async (accept) => {
      for (const [, path, body, success] of valid) {
        const odd = await raw(mock.url, 'POST', path, headers(accept), body);
        expect(odd.status).toBe(200);
        expect(odd.headers['content-type']).toBe('application/json');
        expect(odd.json).toMatchObject({ status: exampleValue(success).status });
      }
      for (const [, path, body, success] of valid) {
        const later = await raw(mock.url, 'POST', path, headers(), body);
        expect(later.status).toBe(200);
        expect(later.json).toMatchObject({ status: exampleValue(success).status });
      }
    },
  );

  it('an error answered under an odd Accept is the Chert envelope', async () => {
    const res = await raw(mock.url, 'POST', TO_CHAT, headers('application/xml'), '{}');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.json).toMatchObject({ success: false, error: { code: 1001 } });
    const prefer = await raw(mock.url, 'POST', TO_CHAT, { ...headers('text/plain'), prefer: 'code=503' }, valid[0]![2]);
    expect(prefer.status).toBe(503);
    expect(prefer.json.error.code).toBe(3002);
  });

  it('Accept: application/json and */* are satisfied as usual', async () => {
    for (const accept of ['application/json', '*/*', 'application/*;q=0.5, text/html']) {
      const res = await raw(mock.url, 'POST', TO_CHAT, headers(accept), valid[0]![2]);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json');
    }
  });
});
