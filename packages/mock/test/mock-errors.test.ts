import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock, type RequestReport } from '../src/index.js';
import { BEARER, raw, send, TO_CHAT } from './helpers.js';

let mock: RunningMock;
const reports: RequestReport[] = [];
const lines: string[] = [];
beforeAll(async () => {
  mock = await startMock({ port: 0, mode: 'examples', log: (l) => lines.push(l), onReport: (r) => reports.push(r) });
});
afterAll(async () => {
  await mock.close();
});

describe('what the document does not have is a mock error, never a Chert answer', () => {
  it.each([
    ['an unknown path', '/api/v1/chats/ch_8f3k2m9q/archive', 'POST', 404, 'No such route'],
    ['a path outside the API', '/', 'GET', 404, 'No such route'],
    ['a documented path with another method', TO_CHAT, 'GET', 405, 'Method not in the document'],
    ['a documented path with a trailing slash', `${TO_CHAT}/`, 'POST', 404, 'No such route'],
    ['a preflight request (Chert is server-to-server; the mock sends no CORS headers)', TO_CHAT, 'OPTIONS', 405, 'Method not in the document'],
  ])('%s', async (_name, path, method, status, title) => {
    const res = await fetch(new URL(path, mock.url), { method, headers: { authorization: `Bearer ${BEARER}` } });
    const body = (await res.json()) as any;
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-chert-mock-error')).toContain(title);
    expect(body.error).toBeUndefined();
    expect(body.success).toBeUndefined();
    expect(body.mock_error.title).toContain(title);
    expect(body.mock_error.detail).toContain(path);
    expect(body.mock_error.available.join('\n')).toContain('/api/v1/chats/{id}/send-contact');
    expect(body.trace_id).toBe(res.headers.get('x-trace-id'));
    if (status === 405) expect(res.headers.get('allow')).toBe('POST');
  });

  it('refuses a body too large to be a contact card', async () => {
    const res = await send(mock.url, TO_CHAT, { body: { vcard_text: `BEGIN:VCARD\r\n${'x'.repeat(1_100_000)}` } });
    expect(res.status).toBe(413);
    expect(res.json.mock_error.title).toContain('too large');
  });
});

describe('the one line per request', () => {
  it('names method, path, status, Chert code and example, and reports it', async () => {
    lines.length = 0;
    reports.length = 0;
    const res = await send(mock.url, TO_CHAT, { body: { contact: {} } });
    const trace = res.headers.get('x-trace-id');
    expect(lines).toEqual([
      `POST /api/v1/chats/ch_8f3k2m9q/send-contact → 400 1002 UnsupportedShape (/contact needs a non-empty full_name, given_name, family_name, organization, phones or emails) trace=${trace}`,
    ]);
    expect(reports).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/api/v1/chats/ch_8f3k2m9q/send-contact',
        operation: 'sendContactToChat',
        status: 400,
        code: 1002,
        // Two examples carry 1002 here; the one most operations document is the template.
        example: 'UnsupportedShape',
        reason: '/contact needs a non-empty full_name, given_name, family_name, organization, phones or emails',
        traceId: trace,
        mockError: false,
      }),
    ]);
    expect(reports[0]!.violations.request.join('\n')).toContain('body.contact');
  });

  it('is quiet about successes beyond the line itself', async () => {
    lines.length = 0;
    const res = await send(mock.url, TO_CHAT, { body: { vcard_text: 'BEGIN:VCARD' } });
    expect(lines).toEqual([`POST /api/v1/chats/ch_8f3k2m9q/send-contact → 200 Sent trace=${res.headers.get('x-trace-id')}`]);
  });
});

describe('a client that goes away mid-body', () => {
  it('is logged, and the mock keeps answering', async () => {
    lines.length = 0;
    const { port } = new URL(mock.url);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST ${TO_CHAT} HTTP/1.1\r\nHost: x\r\nauthorization: Bearer t\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"contact":`,
          () => socket.destroy(),
        );
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    await expect.poll(() => lines.join('\n')).toContain('client went away');
    const res = await send(mock.url, TO_CHAT, { body: { vcard_text: 'BEGIN:VCARD' } });
    expect(res.status).toBe(200);
  });
});

describe('close()', () => {
  it('stops listening even with a keep-alive connection open', async () => {
    const other = await startMock({ port: 0, mode: 'examples' });
    await send(other.url, TO_CHAT, { body: { vcard_text: 'BEGIN:VCARD' } });
    await other.close();
    await expect(fetch(new URL(TO_CHAT, other.url), { method: 'POST' })).rejects.toThrow();
  });

  it('a port already in use is a one-line error', async () => {
    const port = Number(new URL(mock.url).port);
    await expect(startMock({ port })).rejects.toThrow(/^127\.0\.0\.1:\d+ is already in use; [^\n]+$/);
  });
});

describe('request targets that are not a documented path', () => {
  // [name, method, target, status]: read as sent, never resolved against a base URL.
  it.each([
    ['a target of two slashes', 'GET', '//', 404],
    ['two slashes then a documented path (not a host "x")', 'POST', '//x/api/v1/chats/share-contact-info', 404],
    ['a doubled slash inside the path', 'POST', '/api//v1/chats/share-contact-info', 404],
    ['the asterisk form', 'OPTIONS', '*', 404],
  ])('%s is a mock error, not a crash', async (_name, method, target, status) => {
    const res = await raw(mock.url, method, target, { authorization: `Bearer ${BEARER}`, 'content-type': 'application/json' }, '{"to":"+14155550199"}');
    expect(res.status).toBe(status);
    expect(res.headers['x-chert-mock-error']).toContain('No such route');
    expect(res.json.mock_error.title).toContain('No such route');
    expect(res.json.trace_id).toBe(res.headers['x-trace-id']);
  });

  it('the absolute form a proxy-minded client sends is routed by its path', async () => {
    const res = await raw(mock.url, 'POST', `${mock.url}/api/v1/chats/ch_abs/share-contact-info?x=1`, { authorization: `Bearer ${BEARER}` });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ chat_id: 'ch_abs', status: 'shared' });
  });
});
