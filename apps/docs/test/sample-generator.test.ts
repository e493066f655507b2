// The sample generator on a fixture document with the shapes of the whole API: a paginated
// list, a DELETE with two path parameters, a bearer-only binary upload, a download, a
// server-sent event stream, an operation a hand-written method serves by its `form`, a public
// operation. (samples.test.ts compiles and runs what it writes for our own document.)
import { describe, expect, it } from 'vitest';
import { operations } from '../scripts/lib/facts.mjs';
import { authOf, generateCurlSample, generateTsSample, tsLiteral } from '../scripts/lib/sample-generator.mjs';

type Doc = Record<string, any>;

const ok = { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } } };
const sdk = (resource: string, method: string, form?: string) => ({ 'x-chert-sdk': { resource, method, ...(form ? { form } : {}) } });
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
        ...sdk('events', 'list'),
        'x-chert-pagination': { cursor: 'cursor', next: 'next_cursor', items: 'events' },
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer' }, example: 20 },
          { name: 'cursor', in: 'query', schema: { type: 'string' }, example: 'c1' },
          { name: 'since', in: 'query', schema: { type: 'string', examples: ["2026-01-01T00:00:00Z"] } },
        ],
        responses: { '200': { $ref: '#/components/responses/EventPage' } },
      },
    },
    '/api/v1/chats/{id}/participants/{handle}': {
      parameters: [{ $ref: '#/components/parameters/ChatId' }],
      delete: {
        operationId: 'removeParticipant',
        summary: 'Remove a participant',
        ...sdk('chats.participants', 'remove'),
        parameters: [{ name: 'handle', in: 'path', required: true, schema: { type: 'string' }, example: '+1 415 555 0123' }],
        responses: ok,
      },
    },
    '/api/v1/attachments/{id}': {
      put: {
        operationId: 'uploadAttachment',
        summary: 'Upload the bytes',
        ...sdk('attachments', 'upload'),
        security: [{ Bearer: [] }],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'att_1' }],
        requestBody: { required: true, content: { 'text/plain': { schema: { type: 'string' }, example: "it's text" } } },
        responses: { '204': { description: 'Stored' } },
      },
      get: {
        operationId: 'getAttachmentContent',
        summary: 'Download the bytes',
        ...sdk('attachments', 'content'),
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'att_1' }],
        responses: { '200': { description: 'The bytes', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } } },
      },
    },
    '/api/v1/events/stream': {
      get: {
        operationId: 'streamEvents',
        summary: 'Stream events',
        ...sdk('events', 'stream'),
        'x-chert-stream': { item: 'Event', resume: 'since' },
        responses: { '200': { description: 'Events', content: { 'text/event-stream': { schema: { type: 'string' } } } } },
      },
    },
    '/api/v1/chats': {
      post: {
        operationId: 'createChat',
        summary: 'Create a chat',
        ...sdk('chats', 'create'),
        requestBody: {
          required: true,
          content: { 'application/json': { examples: { Group: { $ref: '#/components/examples/Group' } } } },
        },
        responses: ok,
      },
    },
    '/api/v1/chats/send-card': {
      post: {
        operationId: 'sendCardToPhone',
        summary: 'Send a card to a phone',
        ...sdk('contacts', 'send', 'to'),
        requestBody: { required: true, content: { 'application/json': { example: { to: '+14155550199', vcard_text: 'BEGIN:VCARD' } } } },
        responses: ok,
      },
    },
    '/api/v1/chats/{id}/share-card': {
      parameters: [{ $ref: '#/components/parameters/ChatId' }],
      post: { operationId: 'shareCardToChat', summary: 'Share a card', ...sdk('contacts', 'shareOwnCard', 'chatId'), responses: ok },
    },
    '/health': { get: { operationId: 'health', summary: 'Health', ...sdk('health', 'get'), security: [], responses: ok } },
  },
  components: {
    securitySchemes: {
      Sig: { type: 'apiKey', in: 'header', name: 'x-chert-signature', 'x-chert-signature-window-seconds': 300 },
      Tenant: { type: 'apiKey', in: 'header', name: 'x-chert-tenant' },
      Bearer: { type: 'http', scheme: 'bearer' },
    },
    parameters: { ChatId: { name: 'id', in: 'path', required: true, schema: { $ref: '#/components/schemas/ChatId' } } },
    schemas: {
      ChatId: { type: 'string', examples: ['ch_8f3k2m9q'] },
      Event: { type: 'object', properties: { id: { type: 'string' }, type: { type: 'string' }, payload: { type: 'object' } } },
    },
    responses: {
      EventPage: {
        description: 'A page',
        content: {
          'application/json': {
            schema: { allOf: [{ type: 'object', properties: { next_cursor: { type: ['string', 'null'] } } }, { properties: { events: { type: 'array', items: { $ref: '#/components/schemas/Event' } } } }] },
          },
        },
      },
    },
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
    ], ['-X ', '--data', ' -N', 'cursor=']],
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
    ['streamEvents', ['curl -sS --fail-with-body -N', '"$base/api/v1/events/stream"'], ['--data']],
    ['health', ['"$base/health"'], ['authorization', 'x-chert', 'openssl']],
  ])('%s', (id, has, hasNot) => {
    const sh = generateCurlSample(fixture, op(id));
    for (const text of has) expect(sh).toContain(text);
    for (const text of hasNot) expect(sh).not.toContain(text);
  });
});

describe('the TypeScript sample: the resource method x-chert-sdk names', () => {
  it.each<[string, string[], string[]]>([
    ['listEvents', [
      "for await (const event of chert.events.list({ limit: 20, since: '2026-01-01T00:00:00Z' })) {\n  console.log(event.id, event.type);\n}",
      "// Every page: for await sends each answer's next_cursor back as cursor until it is null.",
      'hmac: {',
    ], ['cursor:', 'await chert', 'GET(']],
    ['removeParticipant', ["const result = await chert.chats.participants.remove('ch_8f3k2m9q', '+1 415 555 0123');\nconsole.log(result);"], ['params:']],
    ['uploadAttachment', [
      'bearer: {',
      "const data = new TextEncoder().encode('it\\'s text');",
      "await chert.attachments.upload('att_1', data, { contentType: 'text/plain' });",
      "console.log('uploaded', data.byteLength, 'bytes');",
    ], ['hmac: {', 'bodySerializer']],
    ['getAttachmentContent', ["const blob = await chert.attachments.content('att_1');", 'console.log(blob.type, blob.size);'], ['result']],
    ['streamEvents', [
      'for await (const event of chert.events.stream()) {\n  console.log(event.id, event.type);\n  break;\n}',
    ], ['parseAs', 'getReader', 'controller']],
    ['createChat', [
      "const result = await chert.chats.create({\n  recipients: ['+14155550123', '+14155550124'],\n  message: { parts: [{ type: 'text', value: 'Hi, it\\'s us' }] },\n});",
    ], []],
    ['sendCardToPhone', ["await chert.contacts.send({ to: '+14155550199' }, { vcardText: 'BEGIN:VCARD' });"], ['vcard_text', 'to:  ']],
    ['shareCardToChat', ["await chert.contacts.shareOwnCard({ chatId: 'ch_8f3k2m9q' });"], []],
    ['health', ['const result = await chert.health.get();'], []],
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
    ['an operation the client has no method for', (d) => { delete d.paths['/health'].get['x-chert-sdk']; },
      /health: no sample can be generated, it has no x-chert-sdk \(the client method that calls it\)/],
    ['a form that names neither a body field nor the one path parameter', (d) => { d.paths['/api/v1/chats/send-card'].post['x-chert-sdk'].form = 'phone'; },
      /sendCardToPhone: no sample can be generated, its form phone is neither a body field nor its one path parameter/],
    ['a stream whose item is no schema', (d) => { d.paths['/api/v1/events/stream'].get['x-chert-stream'].item = 'Nope'; },
      /streamEvents: no sample can be generated, its x-chert-stream item Nope is not a schema of the document/],
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
