import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHeader, startMock, type RequestReport, type RunningMock } from '../src/index.js';
import { exampleValue } from './document.js';
import { raw, send, TO_CHAT, TO_PHONE } from './helpers.js';

/** A loopback stand-in for Chert, scripted per test; it records what reached it. */
interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
let reply: (req: Received) => { status: number; headers?: Record<string, string>; body: string };
const received: Received[] = [];
let upstream: Server;
let upstreamUrl: string;

let mock: RunningMock;
const reports: RequestReport[] = [];
const lines: string[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      const out = reply(r);
      res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
      res.end(out.body);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  mock = await startMock({ port: 0, proxy: upstreamUrl, log: (l) => lines.push(l), onReport: (r) => reports.push(r) });
});

afterAll(async () => {
  await mock.close();
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

function fresh() {
  received.length = 0;
  reports.length = 0;
  lines.length = 0;
}

describe('proxy mode', () => {
  it('passes a conforming answer through untouched and reports nothing', async () => {
    fresh();
    reply = () => ({ status: 200, headers: { 'x-trace-id': 'up0000000001' }, body: '{"chat_id":"ch_up1","status":"sent"}' });
    const res = await send(mock.url, TO_CHAT, { body: { contact: { full_name: 'Ada' } } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ chat_id: 'ch_up1', status: 'sent' });
    expect(res.headers.get('x-trace-id')).toBe('up0000000001');
    expect(reports[0]!.violations).toEqual({ request: [], response: [] });
    expect(lines.filter((l) => l.startsWith('  !'))).toEqual([]);
  });

  it('reports a response that breaks the document', async () => {
    fresh();
    reply = () => ({ status: 200, body: '{"chat_id":"chat/42","status":"delivered"}' });
    const res = await send(mock.url, TO_CHAT, { body: { contact: { full_name: 'Ada' } } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ chat_id: 'chat/42', status: 'delivered' });
    const response = reports[0]!.violations.response.join('\n');
    expect(response).toMatch(/body\.chat_id.*pattern/);
    expect(response).toMatch(/body\.status.*constant/);
    expect(response).toMatch(/X-Trace-ID/i);
    expect(lines.some((l) => l.startsWith('  ! response body.chat_id'))).toBe(true);
  });

  it('reports an undocumented status and an error without the envelope', async () => {
    fresh();
    reply = () => ({ status: 418, body: '{"message":"teapot"}' });
    const res = await send(mock.url, TO_CHAT, { body: { contact: { full_name: 'Ada' } } });
    expect(res.status).toBe(418);
    expect(reports[0]!.violations.response.join('\n')).toMatch(/Unable to match the returned status code/);
  });

  it('forwards a request that breaks the document, and reports it', async () => {
    fresh();
    reply = () => ({ status: 400, headers: { 'x-trace-id': 'up0000000002' }, body: JSON.stringify({ ...exampleValue('MissingCard'), trace_id: 'up0000000002' }) });
    const res = await send(mock.url, TO_PHONE, { body: { to: '4155550199' } });
    expect(received).toHaveLength(1);
    expect(res.json.error.code).toBe(1001);
    const request = reports[0]!.violations.request.join('\n');
    expect(request).toMatch(/body\.to.*pattern/);
    expect(reports[0]!.violations.response).toEqual([]);
  });

  it('forwards the exact body bytes and credentials, so signatures survive', async () => {
    fresh();
    reply = () => ({ status: 200, headers: { 'x-trace-id': 'up0000000003' }, body: '{"chat_id":"ch_up3","status":"sent"}' });
    const raw = '{ "contact" : { "full_name" : "Ada \\u004covelace" } }';
    const signature = signatureHeader('secret-of-the-real-tenant', raw);
    await send(mock.url, TO_CHAT, { body: raw, auth: 'none', headers: { 'x-chert-tenant': 'acme', 'x-chert-signature': signature } });
    expect(received[0]!.body).toBe(raw);
    expect(received[0]!.headers['x-chert-signature']).toBe(signature);
    expect(received[0]!.headers['x-chert-tenant']).toBe('acme');
    expect(received[0]!.url).toBe(TO_CHAT);
    expect(received[0]!.method).toBe('POST');
  });

  it("passes Chert's 501 through instead of mocking it", async () => {
    fresh();
    reply = () => ({ status: 501, headers: { 'x-trace-id': 'up0000000004' }, body: JSON.stringify({ ...exampleValue('LineUnsupported'), trace_id: 'up0000000004' }) });
    const res = await send(mock.url, TO_CHAT, { body: { contact: { full_name: 'Ada' } } });
    expect(res.status).toBe(501);
    expect(res.json.trace_id).toBe('up0000000004');
    expect(reports[0]!.violations.response).toEqual([]);
  });

  it('an upstream that does not answer is a mock error naming it', async () => {
    const down = await startMock({ port: 0, proxy: 'http://127.0.0.1:1' });
    try {
      const res = await send(down.url, TO_CHAT, { body: { contact: { full_name: 'Ada' } } });
      expect(res.status).toBe(502);
      expect(res.json.error).toBeUndefined();
      expect(res.json.mock_error.detail).toContain('127.0.0.1:1');
      expect(res.headers.get('x-chert-mock-error')).toBeTruthy();
    } finally {
      await down.close();
    }
  });

  it('refuses an upstream that is not an http(s) URL', async () => {
    await expect(startMock({ port: 0, proxy: 'console.trychert.com' })).rejects.toThrow(/absolute http\(s\) URL/);
  });
});

describe('proxy mode, malformed input', () => {
  it.each([
    ['a malformed escape in a too long chat id is forwarded as sent', `/api/v1/chats/${'c'.repeat(130)}%zz/send-contact`, 'application/json', /path/],
    ['an unparsable content type is forwarded as sent', TO_CHAT, 'application/json, text/plain', /content-type/],
  ])('%s, and reported', async (_name, target, contentType, reported) => {
    fresh();
    reply = () => ({ status: 200, headers: { 'x-trace-id': 'up0000000009' }, body: '{"chat_id":"ch_up9","status":"sent"}' });
    const res = await raw(mock.url, 'POST', target, { authorization: 'Bearer t', 'content-type': contentType }, '{"contact":{"full_name":"Ada"}}');
    expect(res.status).toBe(200);
    expect(received[0]!.url).toBe(target);
    expect(received[0]!.headers['content-type']).toBe(contentType);
    expect(reports[0]!.violations.request.join('\n')).toMatch(reported);
  });
});
