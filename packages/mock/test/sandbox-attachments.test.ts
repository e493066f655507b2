import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { ADA, firstMessage, SandboxClient, startSandbox, text } from './sandbox.js';

/** An attachment's life: a slot, the bytes PUT to it (bearer only), a media part, the download. */
const SECRET = 'attachments-test-signing-secret';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

let mock: RunningSandbox;
let api: SandboxClient;

beforeAll(async () => {
  ({ mock, api } = await startSandbox({ signingSecret: SECRET }));
});
beforeEach(() => mock.reset());
afterAll(() => mock?.close());

const bearer = { bearer: SECRET };
const signed = { sign: { secret: SECRET, tenant: 'acme' } };

async function slot(size = PNG.length, type = 'image/png') {
  const res = await api.post('/api/v1/attachments', { filename: 'table.png', content_type: type, size_bytes: size }, signed);
  expect(res.status, res.text).toBe(200);
  return res.json as { attachment_id: string; upload_url: string; required_headers: Record<string, string>; expires_at: string };
}

const upload = (id: string, bytes: Uint8Array | string, type: string, auth = bearer) =>
  api.call('PUT', `/api/v1/attachments/${id}/upload`, undefined, { ...auth, raw: { bytes, contentType: type } });

describe('attachments', () => {
  it('slot → PUT the bytes → media part → download', async () => {
    const created = await slot();
    expect(created.upload_url).toBe(`${mock.url}/api/v1/attachments/${created.attachment_id}/upload`);
    expect(created.required_headers).toEqual({ authorization: 'Bearer <signing secret>', 'content-type': 'image/png' });
    const put = await fetch(created.upload_url, { method: 'PUT', headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'image/png' }, body: PNG });
    expect([put.status, await put.text()]).toEqual([204, '']);
    const { chat } = (await api.post('/api/v1/chats', firstMessage([ADA]), signed)).json;
    const sent = await api.post(`/api/v1/chats/${chat.id}/messages`, { message: { parts: [{ type: 'media', attachment_id: created.attachment_id }, text('Your table')] } }, signed);
    expect(sent.json.message.parts[0]).toEqual({ type: 'media', attachment_id: created.attachment_id });
    const download = await api.get(`/api/v1/attachments/${created.attachment_id}/content`, signed);
    expect([download.status, download.contentType, download.bytes.equals(PNG)]).toEqual([200, 'image/png', true]);
  });

  it('a media part before the upload is 5004; an unknown attachment 5001', async () => {
    const created = await slot();
    const { chat } = (await api.post('/api/v1/chats', firstMessage([ADA]), signed)).json;
    const early = await api.post(`/api/v1/chats/${chat.id}/messages`, { message: { parts: [{ type: 'media', attachment_id: created.attachment_id }] } }, signed);
    expect([early.status, early.json.error.code]).toEqual([400, 5004]);
    const unknown = await api.post(`/api/v1/chats/${chat.id}/messages`, { message: { parts: [{ type: 'media', attachment_id: 'att_nothere' }] } }, signed);
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 5001]);
    // /send names the entry of its attachments list.
    const send = await api.post('/api/v1/send', { phone: ADA, body: 'Photo', attachments: [{ id: created.attachment_id }] }, signed);
    expect([send.status, send.json.error.code, send.json.error.attachment_index]).toEqual([400, 5004, 0]);
    await upload(created.attachment_id, PNG, 'image/png');
    const after = await api.post('/api/v1/send', { phone: ADA, body: 'Photo', attachments: [created.attachment_id, { attachment_id: 'att_nothere' }] }, signed);
    expect([after.status, after.json.error.code, after.json.error.attachment_index]).toEqual([404, 5001, 1]);
  });

  // [name, registered size and type, what is PUT, auth, want: [status, code]]
  const uploads: Array<[string, [number, string], [Uint8Array | string, string], 'bearer' | 'signed', [number, number | undefined]]> = [
    ['the registered type and size', [PNG.length, 'image/png'], [PNG, 'image/png'], 'bearer', [204, undefined]],
    ['a type parameter does not matter', [4, 'text/plain'], ['abcd', 'text/plain; charset=utf-8'], 'bearer', [204, undefined]],
    ['another type is 5003', [PNG.length, 'image/png'], [PNG, 'image/jpeg'], 'bearer', [400, 5003]],
    ['more than the registered size is 5002', [4, 'image/png'], [PNG, 'image/png'], 'bearer', [400, 5002]],
    ['HMAC is not accepted on the upload (bearer only): 2012', [PNG.length, 'image/png'], [PNG, 'image/png'], 'signed', [401, 2012]],
  ];

  it.each(uploads)('upload: %s', async (_name, [size, type], [bytes, sentType], auth, [status, code]) => {
    const created = await slot(size, type);
    const res = await upload(created.attachment_id, bytes, sentType, auth === 'bearer' ? bearer : (signed as never));
    expect([res.status, res.json?.error?.code]).toEqual([status, code]);
  });

  it('an unknown slot is 5001; a slot past its expiry is gone', async () => {
    expect((await upload('att_nothere', PNG, 'image/png')).json.error.code).toBe(5001);
    const created = await slot();
    mock.advanceClock(Date.parse(created.expires_at) - mock.now().getTime() + 1000);
    const late = await upload(created.attachment_id, PNG, 'image/png');
    expect([late.status, late.json.error.code, late.json.error.message]).toEqual([404, 5001, expect.stringMatching(/expired/)]);
  });

  it('the bytes of an inbound media part download too', async () => {
    const { message } = await mock.inbound({ from: ADA, parts: [text('Look'), { type: 'media', bytes: PNG, contentType: 'image/png', filename: 'look.png' }] });
    const media = message.parts[1] as { attachment_id: string };
    expect(media.attachment_id).toMatch(/^in_[0-9a-f]{32}$/);
    const download = await api.get(`/api/v1/attachments/${media.attachment_id}/content`, signed);
    expect([download.contentType, download.bytes.equals(PNG)]).toEqual(['image/png', true]);
  });
});
