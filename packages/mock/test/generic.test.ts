import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBundle } from '../src/document/load.js';
import { signatureHeader, startMock, type RequestReport, type RunningMock } from '../src/index.js';
import { raw } from './helpers.js';

/**
 * The front knows nothing of contact cards: the same code serves a fixture API of another
 * shape (its own header names, clock window, codes, a discriminated oneOf, query
 * parameters, bodyless and binary operations, an event stream, a 204). Every expectation
 * below comes from that fixture's document.
 */
const FIXTURE = join(import.meta.dirname, 'fixtures', 'widgets.openapi.json');
const doc = JSON.parse(readFileSync(FIXTURE, 'utf8'));
const SECRET = 'widget-secret-0123456789abcdef';

let plain: RunningMock;
let signing: RunningMock;
const reports: RequestReport[] = [];
beforeAll(async () => {
  plain = await startMock({ port: 0, mode: 'examples', document: FIXTURE, onReport: (r) => reports.push(r) });
  signing = await startMock({ port: 0, mode: 'examples', document: FIXTURE, signingSecret: SECRET });
});
afterAll(async () => {
  await plain.close();
  await signing.close();
});

const BEARER = { authorization: 'Bearer anything' };
const JSON_TYPE = { ...BEARER, 'content-type': 'application/json' };
const example = (name: string) => doc.components.examples[name].value;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00]);

type Want = { status: number; example?: string; message?: string | RegExp; contentType?: string | null; body?: unknown };
type Case = [name: string, method: string, target: string, headers: Record<string, string>, body: string | Uint8Array | undefined, want: Want];

const cases: Case[] = [
  // JSON bodies through a discriminated oneOf (and an allOf branch).
  ['a valid note pin; the board in the path is echoed', 'POST', '/v2/boards/bd_home/pins', JSON_TYPE, '{"pin":{"kind":"note","text":"hi"}}', { status: 201, body: { pin_id: 'pn_1', board_id: 'bd_home' } }],
  ['a valid link pin (allOf branch)', 'POST', '/v2/boards/bd_home/pins', JSON_TYPE, '{"pin":{"kind":"link","url":"https://example.com","title":"t"}}', { status: 201 }],
  ['a discriminator value no branch has', 'POST', '/v2/boards/bd_home/pins', JSON_TYPE, '{"pin":{"kind":"zzz"}}', { status: 400, example: 'InvalidField', message: '/pin/kind must be one of "note", "link"' }],
  ['the discriminator missing', 'POST', '/v2/boards/bd_home/pins', JSON_TYPE, '{"pin":{"text":"hi"}}', { status: 400, example: 'MissingField', message: '/pin/kind is required' }],
  ['a field the chosen allOf branch requires', 'POST', '/v2/boards/bd_home/pins', JSON_TYPE, '{"pin":{"kind":"link"}}', { status: 400, example: 'MissingField', message: '/pin/url is required' }],
  ['an unknown field in the chosen branch', 'POST', '/v2/boards/bd_home/pins', JSON_TYPE, '{"pin":{"kind":"note","text":"x","extra":1}}', { status: 400, example: 'InvalidField', message: '/pin/extra is not a field of pin' }],
  ['too many parts: the array\'s own x-chert-error-code', 'POST', '/v2/boards/bd_home/pins', JSON_TYPE, '{"pin":{"kind":"note","text":"x","parts":["a","b","c","d"]}}', { status: 400, example: 'TooManyParts', message: '/pin/parts must have at most 3 items' }],
  ['a code the operation does not document falls back to 1002', 'POST', '/v2/boards/bd_home/pins', JSON_TYPE, '{"pin":{"kind":"note","text":"x","phone":"12"}}', { status: 400, example: 'InvalidField', message: '/pin/phone must match the pattern ^\\+[1-9][0-9]{1,14}$' }],
  ['not JSON', 'POST', '/v2/boards/bd_home/pins', JSON_TYPE, '{"pin":', { status: 400, example: 'BadJson', message: /^body is not valid JSON: / }],
  ['a bad board id: the schema\'s own code (2011)', 'POST', '/v2/boards/home/pins', JSON_TYPE, '{"pin":{"kind":"note","text":"hi"}}', { status: 404, example: 'BoardNotFound' }],
  ['a malformed escape in the board id', 'POST', '/v2/boards/bd_%zz/pins', JSON_TYPE, '{"pin":{"kind":"note","text":"hi"}}', { status: 404, example: 'BoardNotFound' }],
  ['a query parameter of the wrong type', 'POST', '/v2/boards/bd_home/pins?notify=maybe', JSON_TYPE, '{"pin":{"kind":"note","text":"hi"}}', { status: 400, example: 'InvalidField', message: 'query parameter notify must be a boolean' }],
  // GET with query parameters.
  ['a list with its required query parameter', 'GET', '/v2/boards?owner=ada&limit=5', BEARER, undefined, { status: 200, body: { boards: [{ id: 'bd_1', owner: 'ada' }], next_cursor: null } }],
  ['a required query parameter missing', 'GET', '/v2/boards?limit=5', BEARER, undefined, { status: 400, example: 'MissingField', message: 'query parameter owner is required' }],
  ['a query parameter out of range', 'GET', '/v2/boards?owner=ada&limit=500', BEARER, undefined, { status: 400, example: 'InvalidField', message: 'query parameter limit must be at most 50' }],
  ['an enum query parameter', 'GET', '/v2/boards?owner=ada&status=gone', BEARER, undefined, { status: 400, example: 'InvalidField', message: 'query parameter status must be one of "open", "archived"' }],
  // Bodyless operations.
  ['a bodyless POST ignores a body of any type', 'POST', '/v2/boards/bd_home/archive', { ...BEARER, 'content-type': ';' }, 'whatever', { status: 200, body: { board_id: 'bd_home', status: 'archived' } }],
  ['a DELETE answered 204, no body, no content type', 'DELETE', '/v2/boards/bd_home/pins/pn_7', BEARER, undefined, { status: 204, contentType: null }],
  ['a DELETE with a bad second id: its own code (2003)', 'DELETE', '/v2/boards/bd_home/pins/zz', BEARER, undefined, { status: 404, example: 'PinNotFound' }],
  // An event stream and a binary download.
  ['an event stream', 'GET', '/v2/boards/stream', BEARER, undefined, { status: 200, contentType: 'text/event-stream', body: ': heartbeat\n\ndata: {"board_id":"bd_1"}\n\n' }],
  ['a binary download', 'GET', '/v2/blobs/bl_1/content', BEARER, undefined, { status: 200, contentType: 'application/octet-stream', body: 'PNGDATA' }],
  ['a binary download asked as HTML: Accept disregarded (no 406 documented)', 'GET', '/v2/blobs/bl_1/content', { ...BEARER, accept: 'text/html' }, undefined, { status: 200, contentType: 'application/octet-stream' }],
  // A binary upload, bearer only, documented media types, a size limit in the schema.
  ['bytes that are not UTF-8, as a registered type', 'PUT', '/v2/blobs/bl_1/upload', { ...BEARER, 'content-type': 'image/png' }, PNG, { status: 200, body: { blob_id: 'bl_1', stored: true } }],
  ['bytes over the schema\'s maxLength', 'PUT', '/v2/blobs/bl_1/upload', { ...BEARER, 'content-type': 'application/octet-stream' }, Buffer.alloc(3000, 1), { status: 400, example: 'TooLarge', message: 'body is larger than 2048 bytes (application/octet-stream)' }],
  ['an unregistered type: the request body\'s x-chert-error-code (5003)', 'PUT', '/v2/blobs/bl_1/upload', { ...BEARER, 'content-type': 'application/json' }, '{}', { status: 400, example: 'WrongType', message: 'content-type application/json is not one of application/octet-stream, image/png' }],
  ['no bytes at all', 'PUT', '/v2/blobs/bl_1/upload', { ...BEARER, 'content-type': 'image/png' }, undefined, { status: 400, example: 'MissingField', message: 'body is required' }],
  ['a signature where only a bearer token is accepted', 'PUT', '/v2/blobs/bl_1/upload', { 'x-widget-tenant': 't', 'x-widget-signature': signatureHeader('s', 'x'), 'content-type': 'image/png' }, 'x', { status: 401, example: 'NoCredentials' }],
  // Prefer and Accept, generically.
  ['Prefer reaches a 429, Retry-After from the body', 'POST', '/v2/boards/bd_home/pins', { ...JSON_TYPE, prefer: 'code=429' }, '{"pin":{"kind":"note","text":"hi"}}', { status: 429, example: 'RateLimited' }],
  ['an odd Accept on JSON is disregarded', 'POST', '/v2/boards/bd_home/pins', { ...JSON_TYPE, accept: 'application/xml' }, '{"pin":{"kind":"note","text":"hi"}}', { status: 201, contentType: 'application/json' }],
];

describe('a document that is not Chert\'s', () => {
  it.each(cases)('%s', async (_name, method, target, headers, body, want) => {
    const res = await raw(plain.url, method, target, headers, body);
    expect(res.status).toBe(want.status);
    expect(res.headers['x-trace-id']).toMatch(/^[0-9a-f]{12}$/);
    expect(res.headers['x-chert-mock-error']).toBeUndefined();
    if (want.contentType !== undefined) {
      expect(res.headers['content-type'] ?? null).toBe(want.contentType);
      if (want.contentType === null) expect(res.body.length).toBe(0);
    }
    if (want.example) {
      const value = example(want.example);
      const message = want.message === undefined ? value.error.message : typeof want.message === 'string' ? want.message : expect.stringMatching(want.message);
      expect(res.json).toEqual({ ...value, error: { ...value.error, message }, trace_id: res.headers['x-trace-id'] });
      if (value.error.retry_after !== undefined) expect(res.headers['retry-after']).toBe(String(value.error.retry_after));
    }
    if (want.body !== undefined) expect(typeof want.body === 'string' ? res.text : res.json).toEqual(want.body);
  });

  it('reads its own clock window, signature and tenant header names from the document', async () => {
    const body = '{"pin":{"kind":"note","text":"hi"}}';
    const now = Math.floor(Date.now() / 1000);
    const sign = (at: number, extra: Record<string, string> = { 'x-widget-tenant': 'acme' }) => ({
      'content-type': 'application/json',
      'x-widget-signature': signatureHeader(SECRET, body, at),
      ...extra,
    });
    const within = await raw(signing.url, 'POST', '/v2/boards/bd_home/pins', sign(now - 55), body);
    expect(within.status).toBe(201);
    const stale = await raw(signing.url, 'POST', '/v2/boards/bd_home/pins', sign(now - 65), body);
    expect(stale.json.error.code).toBe(2013);
    const noTenant = await raw(signing.url, 'POST', '/v2/boards/bd_home/pins', sign(now, {}), body);
    expect(noTenant.json.error.code).toBe(2012);
    // Chert's own header name means nothing to this document.
    const chertNamed = await raw(signing.url, 'POST', '/v2/boards/bd_home/pins', { 'content-type': 'application/json', 'x-chert-tenant': 'acme', 'x-chert-signature': signatureHeader(SECRET, body, now) }, body);
    expect(chertNamed.json.error.code).toBe(2012);
  });

  it('reads a YAML bundle as well, and refuses a file that is no OpenAPI document', async () => {
    const yaml = createRequire(import.meta.url).resolve('@chert/openapi/openapi.yaml');
    const mock = await startMock({ port: 0, mode: 'examples', document: yaml });
    try {
      const res = await raw(mock.url, 'POST', '/api/v1/chats/ch_yaml/share-contact-info', BEARER);
      expect(res.json).toEqual({ chat_id: 'ch_yaml', status: 'shared' });
    } finally {
      await mock.close();
    }
    await expect(startMock({ port: 0, mode: 'examples', document: join(import.meta.dirname, '..', 'package.json') })).rejects.toThrow(/is not an OpenAPI document/);
  });

  it('defaults to the port of the document\'s own loopback server', () => {
    expect(fromBundle('fixture', doc).localPort).toBe(4777);
    expect(fromBundle('no servers', { ...doc, servers: [{ url: 'https://widgets.invalid' }] }).localPort).toBeUndefined();
  });

  it('reports the example each answer was rendered from', async () => {
    reports.length = 0;
    await raw(plain.url, 'POST', '/v2/boards/bd_home/pins', JSON_TYPE, '{"pin":{"kind":"note","text":"x","parts":[1,2,3,4]}}');
    expect(reports).toEqual([expect.objectContaining({ operation: 'createPin', status: 400, code: 1006, example: 'TooManyParts', mockError: false })]);
  });
});
