// The sample generator on a fixture document with the shapes the whole API will have: query
// parameters, a DELETE, a bearer-only binary upload, a server-sent event stream, a public
// operation. (samples.test.ts compiles and runs what it writes for our own document.)
import { describe, expect, it } from 'vitest';
import { operations } from '../scripts/lib/facts.mjs';
import { authOf, generateCurlSample, generateTsSample, tsLiteral } from '../scripts/lib/sample-generator.mjs';

type Doc = Record<string, any>;

const ok = { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } } };
const fixture: Doc = {
  openapi: '3.1.0',
  info: { title: 'Fixture', version: '1.0.0' },
  servers: [{ url: 'https://api.example.com' }, { url: 'http://127.0.0.1:4010' }],
  security: [{ Sig: [], Tenant: [] }, { Bearer: [] }],
  paths: {
    '/api/v1/events': {
      get: {
        operationId: 'listEvents',
        summary: 'List events',
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer' }, example: 20 },
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
          { name: 'since', in: 'query', schema: { type: 'string', examples: ["2026-01-01T00:00:00Z"] } },
        ],
        responses: ok,
      },
    },
    '/api/v1/chats/{id}/participants/{handle}': {
      parameters: [{ $ref: '#/components/parameters/ChatId' }],
      delete: {
        operationId: 'removeParticipant',
        summary: 'Remove a participant',
        parameters: [{ name: 'handle', in: 'path', required: true, schema: { type: 'string' }, example: '+1 415 555 0123' }],
        responses: ok,
      },
    },
    '/api/v1/attachments/{id}': {
      put: {
        operationId: 'uploadAttachment',
        summary: 'Upload the bytes',
        security: [{ Bearer: [] }],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'att_1' }],
        requestBody: { required: true, content: { 'text/plain': { schema: { type: 'string' }, example: "it's text" } } },
        responses: { '204': { description: 'Stored' } },
      },
    },
    '/api/v1/events/stream': {
      get: {
        operationId: 'streamEvents',
        summary: 'Stream events',
        responses: { '200': { description: 'Events', content: { 'text/event-stream': { schema: { type: 'string' } } } } },
      },
    },
    '/api/v1/chats': {
      post: {
        operationId: 'createChat',
        summary: 'Create a chat',
        requestBody: {
          required: true,
          content: { 'application/json': { examples: { Group: { $ref: '#/components/examples/Group' } } } },
        },
        responses: ok,
      },
    },
    '/health': { get: { operationId: 'health', summary: 'Health', security: [], responses: ok } },
  },
  components: {
    securitySchemes: {
      Sig: { type: 'apiKey', in: 'header', name: 'x-chert-signature', 'x-chert-signature-window-seconds': 300 },
      Tenant: { type: 'apiKey', in: 'header', name: 'x-chert-tenant' },
      Bearer: { type: 'http', scheme: 'bearer' },
    },
    parameters: { ChatId: { name: 'id', in: 'path', required: true, schema: { $ref: '#/components/schemas/ChatId' } } },
    schemas: { ChatId: { type: 'string', examples: ['ch_8f3k2m9q'] } },
    examples: { Group: { value: { recipients: ['+14155550123', '+14155550124'], message: { parts: [{ type: 'text', value: "Hi, it's us" }] } } } },
  },
};

const op = (id: string) => operations(fixture).find((o) => o.operationId === id)!;

describe('how a generated sample authenticates, from the security schemes', () => {
  it.each<[string, string, Record<string, string>]>([
    ['listEvents', 'the document-wide HMAC v1 requirement', { mode: 'hmac', signatureHeader: 'x-chert-signature', tenantHeader: 'x-chert-tenant' }],
    ['uploadAttachment', 'a bearer-only operation', { mode: 'bearer' }],
    ['health', 'a public operation', { mode: 'none' }],
  ])('%s: %s', (id, _name, want) => {
    expect(authOf(fixture, op(id))).toEqual(want);
  });
});

describe('the curl sample', () => {
  it.each<[string, Array<string | RegExp>, string[]]>([
    ['listEvents', [
      '"$base/api/v1/events?limit=20&since=2026-01-01T00%3A00%3A00Z"',
      "sig=$(printf '%s.' \"$ts\" |",
      '-H "x-chert-tenant: $tenant"',
      '-H "x-chert-signature: v1,$ts,$sig"',
      'base=${CHERT_BASE_URL:-https://api.example.com}',
    ], ['-X ', '--data', 'cursor=']],
    ['removeParticipant', ['curl -sS --fail-with-body -X DELETE', '"$base/api/v1/chats/ch_8f3k2m9q/participants/%2B1%20415%20555%200123"'], ['--data']],
    ['uploadAttachment', [
      'curl -sS --fail-with-body -X PUT',
      "body='it'\\''s text'",
      '-H "authorization: Bearer $secret"',
      "-H 'content-type: text/plain'",
      '--data-binary "$body"',
    ], ['x-chert-signature', 'openssl', 'x-chert-tenant']],
    ['createChat', [
      `body='{"recipients":["+14155550123","+14155550124"],"message":{"parts":[{"type":"text","value":"Hi, it'\\''s us"}]}}'`,
      "sig=$(printf '%s.%s' \"$ts\" \"$body\" |",
      "-H 'content-type: application/json'",
      '--data "$body"',
    ], ['-X POST']],
    ['health', ['"$base/health"'], ['authorization', 'x-chert', 'openssl']],
  ])('%s', (id, has, hasNot) => {
    const sh = generateCurlSample(fixture, op(id));
    for (const text of has) expect(sh).toContain(text);
    for (const text of hasNot) expect(sh).not.toContain(text);
  });
});

describe('the TypeScript sample', () => {
  it.each<[string, string[], string[]]>([
    ['listEvents', [
      "await chert.GET('/api/v1/events', {\n  params: { query: { limit: 20, since: '2026-01-01T00:00:00Z' } },\n})",
      'hmac: {',
      'console.log(data);',
    ], ['body:', 'parseAs']],
    ['removeParticipant', ["await chert.DELETE('/api/v1/chats/{id}/participants/{handle}', {\n  params: { path: { id: 'ch_8f3k2m9q', handle: '+1 415 555 0123' } },\n})"], []],
    ['uploadAttachment', [
      'bearer: {',
      "body: 'it\\'s text',",
      'bodySerializer: (text) => text,',
      "headers: { 'content-type': 'text/plain' },",
    ], ['hmac: {']],
    ['streamEvents', ["await chert.GET('/api/v1/events/stream', {\n  parseAs: 'stream',\n})", 'getReader()'], ['console.log(data)']],
    ['createChat', [
      "body: {\n    recipients: ['+14155550123', '+14155550124'],\n    message: { parts: [{ type: 'text', value: 'Hi, it\\'s us' }] },\n  },",
    ], []],
    ['health', ["await chert.GET('/health');"], []],
  ])('%s', (id, has, hasNot) => {
    const source = generateTsSample(fixture, op(id));
    expect(source.startsWith("import { createChertClient } from '@chert/client';\n")).toBe(true);
    for (const text of has) expect(source).toContain(text);
    for (const text of hasNot) expect(source).not.toContain(text);
  });

  it.each<[string, unknown, string]>([
    ['a short object on one line', { to: '+1', n: 2, ok: true, none: null }, "{ to: '+1', n: 2, ok: true, none: null }"],
    ['keys that are not identifiers quoted', { 'content-type': 'x', a_b: 1 }, "{ 'content-type': 'x', a_b: 1 }"],
    ['quotes and line breaks escaped', "it's\r\nfine\\", "'it\\'s\\r\\nfine\\\\'"],
    ['a long object over lines', { a: 'x'.repeat(40), b: 'y'.repeat(40) }, `{\n  a: '${'x'.repeat(40)}',\n  b: '${'y'.repeat(40)}',\n}`],
    ['empty containers', { a: [], b: {} }, '{ a: [], b: {} }'],
  ])('writes %s', (_name, value, want) => {
    expect(tsLiteral(value)).toBe(want);
  });
});

describe('what it refuses to guess', () => {
  it.each<[string, (d: Doc) => void, RegExp]>([
    ['a required path parameter without an example', (d) => { delete d.components.schemas.ChatId.examples; },
      /removeParticipant: no sample can be generated, the required path parameter id has no example/],
    ['a required body without an example', (d) => { delete d.components.examples.Group.value; d.paths['/api/v1/chats'].post.requestBody.content['application/json'].examples = {}; },
      /createChat: no sample can be generated, its application\/json request body has no example/],
    ['a binary body whose example is not text', (d) => { d.paths['/api/v1/attachments/{id}'].put.requestBody.content['text/plain'].example = { bytes: 1 }; },
      /uploadAttachment: no sample can be generated, its text\/plain request body example is not text/],
  ])('%s', (_name, edit, message) => {
    const doc = structuredClone(fixture);
    edit(doc);
    const problems = operations(doc).flatMap((o) => {
      try {
        generateTsSample(doc, o);
        generateCurlSample(doc, o);
        return [];
      } catch (error) {
        return [(error as Error).message];
      }
    });
    expect(problems.join('\n')).toMatch(message);
  });
});
