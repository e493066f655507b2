// Raw bodies and bytes: `attachments.upload` sends what it is given as it is, bearer only (an
// HMAC client sends its signing secret as the bearer token for that one request, and no
// signature); `attachments.content` resolves to a Blob; `attachments.uploadFile` does the three
// steps, measuring a stream of unknown size once. Against a loopback server that records bytes.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { measure } from '../src/core/measure.js';
import { ChertInputError, createChertClient } from '../src/index.js';
import { SECRET, TENANT } from './support/fetch.js';
import { envelope, json, startServer } from './support/server.js';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.close());

const hmac = (extra = {}) => createChertClient({ auth: { hmac: { tenant: TENANT, signingSecret: SECRET } }, baseUrl: server.url, ...extra });
const bearer = () => createChertClient({ auth: { bearer: { token: 'bearer-token', tenant: TENANT } }, baseUrl: server.url });
const bytes = new TextEncoder().encode('Zoë 👩🏽‍💻 \u0000\u00ff bytes');
const streamOf = (...chunks: Uint8Array[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(chunk);
      c.close();
    },
  });

/** Answers the upload with 204, the slot with an id, the download with the bytes. */
function serveAttachments() {
  server.handle((a, _req, res) => {
    if (a.method === 'PUT') return res.writeHead(204, { 'x-trace-id': 'loopback' }).end();
    if (a.method === 'POST') return json(res, 200, { attachment_id: 'att_1', upload_url: `${server.url}/api/v1/attachments/att_1/upload`, required_headers: {}, expires_at: '2026-05-04T18:00:00Z' });
    res.writeHead(200, { 'content-type': 'image/png', 'x-trace-id': 'loopback' }).end(Buffer.from(bytes));
  });
}

describe('attachments.upload', () => {
  const kinds: [name: string, data: () => unknown, contentType: string | undefined, sentType: string][] = [
    ['a Blob, its own type', () => new Blob([bytes], { type: 'image/png' }), undefined, 'image/png'],
    ['a Blob, a type given', () => new Blob([bytes], { type: 'image/png' }), 'image/jpeg', 'image/jpeg'],
    ['an ArrayBuffer', () => bytes.slice().buffer, 'application/pdf', 'application/pdf'],
    ['a Uint8Array over part of a buffer', () => new Uint8Array([0, ...bytes, 0]).subarray(1, bytes.length + 1), undefined, 'application/octet-stream'],
    ['a DataView', () => new DataView(bytes.slice().buffer), 'image/gif', 'image/gif'],
    ['a ReadableStream in two chunks', () => streamOf(bytes.subarray(0, 5), bytes.subarray(5)), 'video/mp4', 'video/mp4'],
    ['a string (sent as UTF-8)', () => new TextDecoder().decode(bytes), 'text/plain', 'text/plain'],
  ];
  it.each(kinds)('%s: the exact bytes, bearer only, resolving to undefined', async (_name, data, contentType, sentType) => {
    serveAttachments();
    const result = await hmac().attachments.upload('att_1', data() as Blob, contentType === undefined ? undefined : { contentType });
    expect(result).toBeUndefined();
    const [put] = server.arrived;
    expect(put).toMatchObject({ method: 'PUT', path: '/api/v1/attachments/att_1/upload' });
    expect(new Uint8Array(put!.body)).toEqual(bytes);
    expect(put!.headers['content-type']).toBe(sentType);
    // HMAC client, bearer-only operation: the secret as the bearer token, no signature, the tenant kept.
    expect(put!.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(put!.headers['x-chert-signature']).toBeUndefined();
    expect(put!.headers['x-chert-tenant']).toBe(TENANT);
  });

  it('a bearer client sends its own token, as for every request', async () => {
    serveAttachments();
    await bearer().attachments.upload('att_1', bytes, { contentType: 'image/png' });
    expect(server.arrived[0]!.headers.authorization).toBe('Bearer bearer-token');
  });

  it('the typed client gets the same treatment: raw bytes, bearer only', async () => {
    serveAttachments();
    const { error, response } = await hmac().PUT('/api/v1/attachments/{attachment_id}/upload', {
      params: { path: { attachment_id: 'att_1' } },
      body: new Blob([bytes], { type: 'image/png' }) as never,
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(204);
    expect(new Uint8Array(server.arrived[0]!.body)).toEqual(bytes);
    expect(server.arrived[0]!.headers).toMatchObject({ authorization: `Bearer ${SECRET}`, 'content-type': 'image/png' });
    expect(server.arrived[0]!.headers['x-chert-signature']).toBeUndefined();
  });

  it('a Blob is never read into memory by the client: fetch streams it', async () => {
    serveAttachments();
    const blob = new Blob([bytes], { type: 'image/png' });
    const read = [vi.spyOn(blob, 'arrayBuffer'), vi.spyOn(blob, 'text'), vi.spyOn(blob, 'bytes' as 'text')];
    await hmac().attachments.upload('att_1', blob);
    for (const spy of read) expect(spy).not.toHaveBeenCalled();
    expect(new Uint8Array(server.arrived[0]!.body)).toEqual(bytes);
  });

  it('a Blob is sent again after a retryable answer (the same bytes); a stream, which cannot be, is not', async () => {
    let puts = 0;
    server.handle((_a, _req, res) => (++puts === 1 ? json(res, 503, envelope(503, 3002, true), { 'retry-after': '0' }) : res.writeHead(204).end()));
    await hmac().attachments.upload('att_1', new Blob([bytes]));
    expect(server.arrived.map((a) => new Uint8Array(a.body))).toEqual([bytes, bytes]);

    puts = 0;
    server.handle((_a, _req, res) => (++puts === 1 ? json(res, 503, envelope(503, 3002, true), { 'retry-after': '0' }) : res.writeHead(204).end()));
    await expect(hmac().attachments.upload('att_1', streamOf(bytes))).rejects.toMatchObject({ status: 503, code: 3002 });
    expect(server.arrived).toHaveLength(1);
  });

  const refused: [name: string, data: unknown, options: object | undefined, field: string][] = [
    ['a number', 42, undefined, 'data'],
    ['a plain object', { bytes: [1, 2] }, undefined, 'data'],
    ['nothing', undefined, undefined, 'data'],
    ['a content type that is not a MIME type', bytes, { contentType: 'png' }, 'contentType'],
    ['a content type with a line break', bytes, { contentType: 'image/png\r\nx-evil: 1' }, 'contentType'],
    ['an empty attachment id', bytes, undefined, 'attachment_id'],
  ];
  it.each(refused)('refuses %s before sending, naming the field', async (name, data, options, field) => {
    serveAttachments();
    const id = name === 'an empty attachment id' ? '' : 'att_1';
    const error = await hmac().attachments.upload(id, data as Blob, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertInputError);
    expect(error).toMatchObject({ field });
    expect(server.arrived).toHaveLength(0);
  });
});

describe('attachments.content', () => {
  it('resolves to a Blob of the bytes, typed by the answer, with withResponse', async () => {
    serveAttachments();
    const { data, response, traceId } = await hmac().attachments.content('att_1').withResponse();
    expect(data).toBeInstanceOf(Blob);
    expect(data.type).toBe('image/png');
    expect(new Uint8Array(await data.arrayBuffer())).toEqual(bytes);
    expect(response.status).toBe(200);
    expect(traceId).toBe('loopback');
    // A GET: signed as usual.
    expect(server.arrived[0]!.headers['x-chert-signature']).toMatch(/^v1,/);
  });

  it('an empty attachment is an empty Blob, not an error', async () => {
    server.handle((_a, _req, res) => res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '0' }).end());
    const blob = await hmac().attachments.content('att_1');
    expect(blob.size).toBe(0);
  });

  it('an error answer rejects with the typed error', async () => {
    server.handle((_a, _req, res) => json(res, 404, envelope(404, 5001, false)));
    await expect(hmac().attachments.content('att_missing')).rejects.toMatchObject({ status: 404, code: 5001, operationId: 'getAttachmentContent' });
  });
});

describe('attachments.uploadFile', () => {
  const files: [name: string, params: () => object, size: number, type: string, filename: string][] = [
    ['a File: its own name and type', () => ({ data: new File([bytes], 'table.png', { type: 'image/png' }) }), bytes.length, 'image/png', 'table.png'],
    ['a Blob with a name given', () => ({ data: new Blob([bytes], { type: 'image/png' }), filename: 'a.png' }), bytes.length, 'image/png', 'a.png'],
    ['bytes', () => ({ data: bytes, filename: 'a.bin', contentType: 'application/octet-stream' }), bytes.length, 'application/octet-stream', 'a.bin'],
    ['a string, counted in UTF-8 bytes', () => ({ data: 'Zoë 👩🏽‍💻', filename: 'a.txt', contentType: 'text/plain' }), new TextEncoder().encode('Zoë 👩🏽‍💻').length, 'text/plain', 'a.txt'],
    ['a stream of unknown size, measured once', () => ({ data: streamOf(bytes.subarray(0, 3), bytes.subarray(3)), filename: 'a.mp4', contentType: 'video/mp4' }), bytes.length, 'video/mp4', 'a.mp4'],
    ['a stream whose size is given', () => ({ data: streamOf(bytes), filename: 'a.mp4', contentType: 'video/mp4', size: bytes.length }), bytes.length, 'video/mp4', 'a.mp4'],
  ];
  it.each(files)('%s: the slot, then the bytes, then the id', async (_name, params, size, type, filename) => {
    serveAttachments();
    const id = await hmac().attachments.uploadFile(params() as never);
    expect(id).toBe('att_1');
    const [slot, put] = server.arrived;
    expect(slot).toMatchObject({ method: 'POST', path: '/api/v1/attachments' });
    expect(JSON.parse(slot!.body.toString())).toEqual({ filename, content_type: type, size_bytes: size });
    expect(slot!.headers['x-chert-signature']).toMatch(/^v1,/);
    expect(put).toMatchObject({ method: 'PUT', path: '/api/v1/attachments/att_1/upload' });
    expect(put!.headers).toMatchObject({ 'content-type': type, authorization: `Bearer ${SECRET}` });
    expect(put!.body.length).toBe(size);
  });

  const refused: [name: string, params: unknown, field: string][] = [
    ['no params', undefined, 'params'],
    ['bytes without a name', { data: bytes, contentType: 'image/png' }, 'filename'],
    ['bytes without a type', { data: bytes, filename: 'a.png' }, 'contentType'],
    ['a Blob without a type', { data: new Blob([bytes]), filename: 'a.png' }, 'contentType'],
    ['data of no kind it can send', { data: 5, filename: 'a', contentType: 'image/png' }, 'data'],
    ['a negative size', { data: bytes, filename: 'a', contentType: 'image/png', size: -1 }, 'size'],
  ];
  it.each(refused)('refuses %s before sending anything', async (_name, params, field) => {
    serveAttachments();
    await expect(hmac().attachments.uploadFile(params as never)).rejects.toMatchObject({ name: 'ChertInputError', field });
    expect(server.arrived).toHaveLength(0);
  });

  it('a failed slot uploads nothing', async () => {
    server.handle((_a, _req, res) => json(res, 400, envelope(400, 5002, false)));
    await expect(hmac().attachments.uploadFile({ data: bytes, filename: 'a', contentType: 'image/png' })).rejects.toMatchObject({ code: 5002 });
    expect(server.arrived.map((a) => a.method)).toEqual(['POST']);
  });
});

describe('measure', () => {
  it('gives back the very chunks it read (no copy), and their total size', async () => {
    const chunks = [new Uint8Array([1, 2]), new Uint8Array([3]), new Uint8Array([4, 5, 6])];
    const [replay, size] = await measure(streamOf(...chunks), 100);
    expect(size).toBe(6);
    const reader = replay.getReader();
    const out: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) out.push(r.value);
    expect(out).toHaveLength(3);
    out.forEach((chunk, i) => expect(chunk).toBe(chunks[i]));
  });

  it('stops reading past the limit, cancels the stream and names the field', async () => {
    const cancel = vi.fn();
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulls++;
        c.enqueue(new Uint8Array(40));
      },
      cancel,
    });
    await expect(measure(endless, 100)).rejects.toMatchObject({ name: 'ChertInputError', field: 'data' });
    expect(cancel).toHaveBeenCalled();
    expect(pulls).toBeLessThan(10);
  });

  it('refuses a stream of anything but bytes', async () => {
    const strings = new ReadableStream<unknown>({ start: (c) => (c.enqueue('text'), c.close()) }) as ReadableStream<Uint8Array>;
    await expect(measure(strings, 100)).rejects.toMatchObject({ name: 'ChertInputError', field: 'data' });
  });
});
