// The breaking-change check (scripts/check-breaking.mjs and scripts/breaking/): fixture pairs
// of documents, each a small change to a document shaped like ours, and the release it needs
// (none, minor, major); pattern inclusion; what the pending changesets release; then the
// command itself on files in a temporary folder.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffDocuments, type Level } from '../scripts/breaking/document-diff.mjs';
import { patternCovers } from '../scripts/breaking/pattern-language.mjs';
import { pendingReleases } from '../scripts/breaking/pending-changesets.mjs';
import { decide, neededRelease } from '../scripts/breaking/release-gate.mjs';
import { run } from '../scripts/check-breaking.mjs';

type Doc = Record<string, any>;

const envelope = (status: number, codes: number[]) => ({
  allOf: [
    { $ref: '#/components/schemas/ErrorEnvelope' },
    { properties: { error: { properties: { status: { const: status }, code: { enum: codes } } } } },
  ],
});

/** A small document with the shapes ours uses: $refs, oneOf bodies, allOf-narrowed errors. */
function base(): Doc {
  return {
    openapi: '3.1.0',
    info: { title: 'Fixture', version: '1.0.0' },
    servers: [{ url: 'https://api.example.com' }],
    security: [{ Signature: [], Tenant: [] }, { Bearer: [] }],
    paths: {
      '/chats/{id}/send': {
        parameters: [{ $ref: '#/components/parameters/ChatIdPath' }],
        post: {
          operationId: 'sendToChat',
          parameters: [{ name: 'x-request-tag', in: 'header', required: false, schema: { type: 'string' } }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/SendRequest' } } },
          },
          responses: {
            '200': {
              description: 'Sent',
              headers: { 'X-Trace-ID': { required: true, schema: { type: 'string' } } },
              content: { 'application/json': { schema: { $ref: '#/components/schemas/SendResult' } } },
            },
            '400': {
              description: 'Bad request',
              content: { 'application/json': { schema: envelope(400, [1001, 1002]) } },
            },
            '404': {
              description: 'Not found',
              content: { 'application/json': { schema: envelope(404, [2002]) } },
            },
          },
        },
      },
      '/chats/send': {
        post: {
          operationId: 'sendToPhone',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['to'],
                  properties: { to: { $ref: '#/components/schemas/E164Phone' }, note: { type: 'string', maxLength: 100 } },
                },
              },
            },
          },
          responses: {
            '200': {
              description: 'Sent',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/SendResult' } } },
            },
          },
        },
      },
    },
    webhooks: {
      'message.received': {
        post: {
          operationId: 'messageReceived',
          parameters: [{ name: 'x-webhook-event-id', in: 'header', required: true, schema: { type: 'string' } }],
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/MessageEvent' } } } },
          responses: { '200': { description: 'Received' } },
        },
      },
    },
    components: {
      securitySchemes: {
        Signature: { type: 'apiKey', in: 'header', name: 'x-signature' },
        Tenant: { type: 'apiKey', in: 'header', name: 'x-tenant' },
        Bearer: { type: 'http', scheme: 'bearer' },
      },
      parameters: {
        ChatIdPath: { name: 'id', in: 'path', required: true, schema: { $ref: '#/components/schemas/ChatId' } },
      },
      schemas: {
        ChatId: { type: 'string', pattern: '^ch_[A-Za-z0-9]{1,61}$' },
        E164Phone: { type: 'string', pattern: '^\\+[1-9][0-9]{0,14}$', description: 'E.164' },
        Contact: {
          type: 'object',
          additionalProperties: false,
          properties: {
            full_name: { type: 'string' },
            phones: { type: 'array', items: { $ref: '#/components/schemas/E164Phone' } },
          },
        },
        ContactCard: {
          type: 'object',
          required: ['contact'],
          properties: { contact: { $ref: '#/components/schemas/Contact' } },
        },
        VCard: {
          type: 'object',
          required: ['vcard_text'],
          properties: { vcard_text: { type: 'string', pattern: '^BEGIN:VCARD' } },
        },
        SendRequest: { oneOf: [{ $ref: '#/components/schemas/ContactCard' }, { $ref: '#/components/schemas/VCard' }] },
        SendResult: {
          type: 'object',
          required: ['chat_id', 'status'],
          properties: {
            chat_id: { $ref: '#/components/schemas/ChatId' },
            status: { type: 'string', enum: ['sent', 'queued'] },
            note: { type: 'string', maxLength: 500 },
            sent_at: { type: 'string', format: 'date-time' },
          },
        },
        MessageEvent: {
          type: 'object',
          required: ['event', 'chat_id'],
          properties: {
            event: { type: 'string', enum: ['message.received'] },
            chat_id: { $ref: '#/components/schemas/ChatId' },
            text: { type: 'string' },
          },
        },
        ErrorCode: { type: 'integer', enum: [1001, 1002, 2002, 3001] },
        ErrorEnvelope: {
          type: 'object',
          required: ['success', 'error'],
          properties: {
            success: { const: false },
            error: {
              type: 'object',
              required: ['status', 'code', 'message'],
              properties: {
                status: { type: 'integer' },
                code: { $ref: '#/components/schemas/ErrorCode' },
                message: { type: 'string' },
              },
            },
          },
        },
      },
    },
  };
}

const s = (d: Doc) => d.components.schemas;
const send = (d: Doc) => d.paths['/chats/{id}/send'].post;
const phone = (d: Doc) => d.paths['/chats/send'].post;
const phoneBody = (d: Doc) => phone(d).requestBody.content['application/json'].schema;

const hook = (d: Doc) => d.webhooks['message.received'].post;

// [name, the change, the release it needs, a code among the changes]
type Case = [name: string, change: (d: Doc) => void, needs: Level, code: string | null];

const cases: Case[] = [
  // Nothing that a consumer can observe.
  ['an identical document', () => {}, 'none', null],
  ['descriptions, titles, examples and the version change', (d) => {
    d.info.version = '9.9.9';
    s(d).E164Phone.description = 'A phone';
    s(d).ChatId.examples = ['ch_1'];
    s(d).SendResult.title = 'Result';
    send(d).summary = 'new words';
  }, 'none', null],
  ['a schema inlined where it was a $ref', (d) => {
    s(d).SendResult.properties.chat_id = { type: 'string', pattern: '^ch_[A-Za-z0-9]{1,61}$' };
  }, 'none', null],

  // Operations and paths.
  ['a path removed', (d) => { delete d.paths['/chats/send']; }, 'major', 'path-removed'],
  ['an operation removed, the path kept', (d) => {
    d.paths['/chats/send'].get = { ...structuredClone(phone(d)), operationId: 'getIt' };
    delete d.paths['/chats/send'].post;
  }, 'major', 'operation-removed'],
  ['an operation added', (d) => {
    d.paths['/chats/send'].put = { ...structuredClone(phone(d)), operationId: 'putIt' };
  }, 'none', 'operation-added'],
  ['an operationId renamed', (d) => { send(d).operationId = 'sendContactToChat'; }, 'major', 'operation-id-changed'],
  ['a path parameter renamed', (d) => {
    d.paths['/chats/{chatId}/send'] = d.paths['/chats/{id}/send'];
    delete d.paths['/chats/{id}/send'];
    d.components.parameters.ChatIdPath.name = 'chatId';
  }, 'major', 'request-parameter-removed'],
  ['a server URL removed', (d) => { d.servers = [{ url: 'https://api2.example.com' }]; }, 'major', 'server-removed'],

  // Parameters.
  ['a new optional parameter', (d) => {
    phone(d).parameters = [{ name: 'dry_run', in: 'query', schema: { type: 'boolean' } }];
  }, 'none', 'request-parameter-added'],
  ['a new required parameter', (d) => {
    phone(d).parameters = [{ name: 'dry_run', in: 'query', required: true, schema: { type: 'boolean' } }];
  }, 'major', 'request-parameter-required'],
  ['an optional parameter made required', (d) => { send(d).parameters[0].required = true; }, 'major', 'request-parameter-required'],
  ['a parameter removed', (d) => { send(d).parameters = []; }, 'major', 'request-parameter-removed'],
  ['a header parameter renamed only in case', (d) => { send(d).parameters[0].name = 'X-Request-Tag'; }, 'none', null],
  ['a path parameter pattern narrowed (through its $ref)', (d) => {
    s(d).ChatId.pattern = '^ch_[a-z0-9]{1,61}$';
  }, 'major', 'request-pattern-changed'],

  // Request bodies.
  ['a request field newly required', (d) => { phoneBody(d).required.push('note'); }, 'major', 'request-field-required'],
  ['a request field made optional', (d) => { phoneBody(d).required = []; }, 'none', null],
  ['a new optional request field', (d) => { phoneBody(d).properties.label = { type: 'string' }; }, 'none', null],
  ['a request field removed', (d) => { delete phoneBody(d).properties.note; }, 'major', 'request-field-removed'],
  ['a request field type changed', (d) => { phoneBody(d).properties.note = { type: 'integer' }; }, 'major', 'request-type-narrowed'],
  ['a request field type widened', (d) => { phoneBody(d).properties.note.type = ['string', 'null']; }, 'none', null],
  ['a request maxLength lowered', (d) => { phoneBody(d).properties.note.maxLength = 50; }, 'major', 'request-constraint-narrowed'],
  ['a request maxLength raised', (d) => { phoneBody(d).properties.note.maxLength = 500; }, 'none', null],
  ['a request minLength added', (d) => { phoneBody(d).properties.note.minLength = 1; }, 'major', 'request-constraint-narrowed'],
  ['a shared pattern narrowed ($ref used in the body)', (d) => {
    s(d).E164Phone.pattern = '^\\+1[0-9]{10}$';
  }, 'major', 'request-pattern-changed'],
  ['a pattern removed from a request field', (d) => { delete s(d).VCard.properties.vcard_text.pattern; }, 'none', null],
  ['a request pattern relaxed (anchored to unanchored)', (d) => { s(d).VCard.properties.vcard_text.pattern = 'BEGIN:VCARD'; }, 'none', null],
  ['a request pattern tightened (unanchored to anchored at both ends)', (d) => {
    s(d).VCard.properties.vcard_text.pattern = '^BEGIN:VCARD$';
  }, 'major', 'request-pattern-changed'],
  ['a request pattern the checker cannot compare (a look-ahead)', (d) => {
    s(d).VCard.properties.vcard_text.pattern = '^(?=BEGIN)BEGIN:VCARD';
  }, 'major', 'request-pattern-changed'],
  ['a request enum added where any string went', (d) => {
    phoneBody(d).properties.note.enum = ['a', 'b'];
  }, 'major', 'request-enum-narrowed'],
  ['a request format added', (d) => { phoneBody(d).properties.note.format = 'email'; }, 'major', 'request-format-changed'],
  ['unknown request fields now rejected', (d) => { phoneBody(d).additionalProperties = false; }, 'major', 'request-constraint-narrowed'],
  ['a field removed inside one oneOf alternative', (d) => {
    delete s(d).Contact.properties.phones;
  }, 'major', 'request-field-removed'],
  ['a oneOf alternative removed', (d) => {
    s(d).SendRequest.oneOf.pop();
  }, 'major', 'request-field-removed'],
  ['a oneOf alternative added', (d) => {
    s(d).SendRequest.oneOf.push({ type: 'object', required: ['url'], properties: { url: { type: 'string' } } });
  }, 'none', null],
  ['array items narrowed', (d) => {
    s(d).Contact.properties.phones.items = { type: 'string', pattern: '^\\+1' };
  }, 'major', 'request-pattern-changed'],
  ['array maxItems added', (d) => { s(d).Contact.properties.phones.maxItems = 3; }, 'major', 'request-constraint-narrowed'],
  ['a `not` constraint added to a request', (d) => {
    s(d).Contact.not = { properties: { full_name: { maxLength: 0 } } };
  }, 'major', 'schema-changed'],
  ['an unknown keyword changed', (d) => { s(d).Contact.propertyNames = { maxLength: 10 }; }, 'major', 'schema-changed'],
  ['a request body made optional', (d) => { phone(d).requestBody.required = false; }, 'none', null],
  ['a request body made required', (d) => {
    const b = phone(d).requestBody;
    d.paths['/chats/send'].post.requestBody = { ...b, required: true };
  }, 'none', null],
  ['a request body removed', (d) => { delete phone(d).requestBody; }, 'major', 'request-body-removed'],
  ['a request media type removed', (d) => {
    const c = phone(d).requestBody.content;
    c['application/x-www-form-urlencoded'] = c['application/json'];
    delete c['application/json'];
  }, 'major', 'request-media-type-removed'],

  // Responses.
  ['a response status removed', (d) => { delete send(d).responses['404']; }, 'major', 'response-status-removed'],
  ['a response status added', (d) => {
    send(d).responses['409'] = { description: 'Conflict', content: { 'application/json': { schema: envelope(409, [1001]) } } };
  }, 'none', 'response-status-added'],
  ['a success property removed', (d) => { delete s(d).SendResult.properties.chat_id; }, 'major', 'response-property-removed'],
  ['an optional success property removed', (d) => { delete s(d).SendResult.properties.note; }, 'major', 'response-property-removed'],
  ['a success property no longer required', (d) => { s(d).SendResult.required = ['chat_id']; }, 'major', 'response-property-optional'],
  ['a new success property', (d) => { s(d).SendResult.properties.delivered_at = { type: 'string' }; }, 'none', null],
  ['a response enum narrowed', (d) => { s(d).SendResult.properties.status.enum = ['sent']; }, 'none', null],
  ['a response enum no longer an enum', (d) => { delete s(d).SendResult.properties.status.enum; }, 'major', 'response-enum-removed'],
  ['a response type widened', (d) => {
    s(d).SendResult.properties.note.type = ['string', 'null'];
  }, 'major', 'response-type-widened'],
  ['a pattern added to a response field', (d) => { s(d).SendResult.properties.note.pattern = '^[a-z ]*$'; }, 'none', null],
  ['a response pattern narrowed', (d) => {
    s(d).SendResult.properties.chat_id = { type: 'string', pattern: '^ch_[a-z0-9]{1,61}$' };
  }, 'none', null],
  ['a response maxLength lowered', (d) => { s(d).SendResult.properties.note.maxLength = 100; }, 'none', null],

  // Responses that may carry a value they could not before: a minor release at least.
  ['a response enum widened', (d) => { s(d).SendResult.properties.status.enum.push('failed'); }, 'minor', 'response-enum-widened'],
  ['an error code added to one status (allOf narrowing)', (d) => {
    send(d).responses['400'].content['application/json'].schema.allOf[1].properties.error.properties.code.enum.push(3001);
  }, 'minor', 'response-enum-widened'],
  ['a code added to the shared enum, every response still narrowed (the exported type widens)', (d) => {
    s(d).ErrorCode.enum.push(9999);
  }, 'minor', 'component-enum-widened'],
  ['a pattern removed from a field in requests and responses', (d) => { delete s(d).ChatId.pattern; }, 'minor', 'response-pattern-loosened'],
  ['a pattern relaxed (ch_ prefix dropped): wider for requests, looser for responses', (d) => {
    s(d).ChatId.pattern = '^[A-Za-z0-9_-]{1,64}$';
  }, 'minor', 'response-pattern-loosened'],
  ['a pattern relaxed with length bounds the old pattern already kept (ChatId opaque, at most 128)', (d) => {
    Object.assign(s(d).ChatId, { pattern: '^[^/]+$', minLength: 1, maxLength: 128 });
  }, 'minor', 'response-pattern-loosened'],
  ['a maxLength the old pattern does not imply', (d) => {
    Object.assign(s(d).ChatId, { pattern: '^ch_[A-Za-z0-9_-]+$', maxLength: 10 });
  }, 'major', 'request-constraint-narrowed'],
  ['a response format removed', (d) => { delete s(d).SendResult.properties.sent_at.format; }, 'minor', 'response-format-loosened'],
  ['a response maxLength raised', (d) => { s(d).SendResult.properties.note.maxLength = 1000; }, 'minor', 'response-constraint-loosened'],
  ['an error property no longer required in the shared envelope', (d) => {
    s(d).ErrorEnvelope.properties.error.required = ['status', 'code'];
  }, 'major', 'response-property-optional'],
  ['a response header removed', (d) => { delete send(d).responses['200'].headers; }, 'major', 'response-header-removed'],
  ['a response header no longer required', (d) => {
    send(d).responses['200'].headers['X-Trace-ID'].required = false;
  }, 'major', 'response-header-optional'],
  ['a response body removed', (d) => { delete send(d).responses['200'].content; }, 'major', 'response-media-type-removed'],

  // Security.
  ['a security requirement added to an alternative', (d) => {
    d.security = [{ Signature: [], Tenant: [] }, { Bearer: [], Tenant: [] }];
  }, 'major', 'security-requirement-added'],
  ['a security alternative removed', (d) => { d.security = [{ Signature: [], Tenant: [] }]; }, 'major', 'security-requirement-added'],
  ['a security alternative added', (d) => { d.security.push({ Tenant: [] }); }, 'none', null],
  ['an operation that needed auth made public', (d) => { send(d).security = []; }, 'none', null],
  ['a security scheme changed header', (d) => { d.components.securitySchemes.Signature.name = 'x-sig'; }, 'major', 'security-scheme-changed'],

  // Webhooks: the consumer receives them, so their payloads compare like responses.
  ['a webhook added', (d) => {
    d.webhooks['message.sent'] = structuredClone(d.webhooks['message.received']);
    d.webhooks['message.sent'].post.operationId = 'messageSent';
  }, 'none', 'webhook-added'],
  ['a webhook removed', (d) => { delete d.webhooks['message.received']; }, 'major', 'webhook-removed'],
  ['a webhook payload property removed', (d) => { delete s(d).MessageEvent.properties.text; }, 'major', 'response-property-removed'],
  ['a webhook payload gains an optional property', (d) => { s(d).MessageEvent.properties.sender = { type: 'string' }; }, 'none', null],
  ['a webhook payload enum widened', (d) => { s(d).MessageEvent.properties.event.enum.push('message.edited'); }, 'minor', 'response-enum-widened'],
  ['a webhook header no longer always sent', (d) => { hook(d).parameters[0].required = false; }, 'major', 'webhook-parameter-optional'],
  ['a webhook payload field newly required (the consumer only receives it)', (d) => {
    s(d).MessageEvent.required.push('text');
  }, 'none', null],

  // Components that @chert/types exports.
  ['a component schema removed (inlined where used)', (d) => {
    s(d).SendResult.properties.chat_id = { type: 'string', pattern: '^ch_[A-Za-z0-9]{1,61}$' };
    s(d).MessageEvent.properties.chat_id = { type: 'string', pattern: '^ch_[A-Za-z0-9]{1,61}$' };
    d.components.parameters.ChatIdPath.schema = { type: 'string', pattern: '^ch_[A-Za-z0-9]{1,61}$' };
    delete s(d).ChatId;
  }, 'major', 'component-removed'],
];

describe('diffDocuments: fixture pairs', () => {
  it.each(cases)('%s needs %s', (_name, change, needs, code) => {
    const before = base();
    const after = base();
    change(after);
    const changes = diffDocuments(before, after);
    expect(neededRelease(changes), JSON.stringify(changes, null, 2)).toBe(needs);
    if (code) expect(changes.map((c) => c.code)).toContain(code);
    // Every change names where it is and what happened, for the CI log.
    for (const c of changes) {
      expect(c.where).not.toBe('');
      expect(c.message).not.toBe('');
      expect(c.breaking).toBe(c.level === 'major');
    }
  });

  it('a public operation that starts to need auth is breaking', () => {
    const before = base();
    before.security = [];
    const after = base();
    expect(diffDocuments(before, after).filter((c) => c.breaking).map((c) => c.code))
      .toEqual(['security-requirement-added', 'security-requirement-added']);
  });

  it('says where in the schema a change is, through $refs and oneOf', () => {
    const after = base();
    s(after).E164Phone.pattern = '^\\+1[0-9]{10}$';
    const wheres = diffDocuments(base(), after).map((c) => c.where);
    expect(wheres).toContain('POST /chats/{id}/send request body (application/json) oneOf[ContactCard].contact.phones[]');
    expect(wheres).toContain('POST /chats/send request body (application/json) .to');
  });

  it('terminates on recursive schemas', () => {
    const make = () => {
      const d = base();
      s(d).Contact.properties.related = { type: 'array', items: { $ref: '#/components/schemas/Contact' } };
      return d;
    };
    const after = make();
    s(after).Contact.properties.full_name.maxLength = 10;
    expect(diffDocuments(make(), make())).toEqual([]);
    expect(diffDocuments(make(), after).map((c) => c.code)).toContain('request-constraint-narrowed');
  });

  it('names a $ref that points at nothing instead of passing quietly', () => {
    const after = base();
    delete s(after).ErrorCode;
    expect(() => diffDocuments(base(), after)).toThrow(/#\/components\/schemas\/ErrorCode/);
  });
});

describe('the bundled document', () => {
  const bundle = JSON.parse(readFileSync(new URL('../dist/openapi.json', import.meta.url), 'utf8'));
  /** A code the document does not use yet (a test fixture, never written to the document). */
  const unusedCode = (d: Doc) => Math.max(...s(d).ErrorCode.enum) + 1;

  it('has no change against itself', () => {
    expect(diffDocuments(bundle, structuredClone(bundle))).toEqual([]);
  });

  it.each<[string, (d: Doc) => void, Level, string]>([
    ['the E.164 pattern narrowed', (d) => { s(d).E164Phone.pattern = '^\\+1[0-9]{10}$'; }, 'major', 'request-pattern-changed'],
    ['send-contact by phone removed', (d) => { delete d.paths['/api/v1/chats/send-contact']; }, 'major', 'path-removed'],
    ['`status: sent` no longer a const', (d) => { delete s(d).SendContactResult.properties.status.const; }, 'major', 'response-enum-removed'],
    ['a 1007 (a known code) added to the 400 of send-contact', (d) => {
      const narrowing = s(d).SendContactBadRequestError.allOf.find((m: Doc) => m.properties?.error);
      narrowing.properties.error.properties.code.enum.push(1007);
    }, 'minor', 'response-enum-widened'],
    ['a new code in ErrorCode', (d) => { s(d).ErrorCode.enum.push(unusedCode(d)); }, 'minor', 'component-enum-widened'],
    ['ChatId relaxed further (any character at all)', (d) => {
      s(d).ChatId.pattern = '^[\\s\\S]+$';
    }, 'minor', 'response-pattern-loosened'],
    ['a new operation', (d) => {
      d.paths['/api/v1/chats/{id}/archive'] = { post: { ...structuredClone(d.paths['/api/v1/chats/{id}/send-contact'].post), operationId: 'archiveChat' } };
    }, 'none', 'operation-added'],
  ])('in our own document: %s needs %s', (_name, change, needs, code) => {
    const after = structuredClone(bundle);
    change(after);
    const changes = diffDocuments(bundle, after);
    expect(neededRelease(changes), JSON.stringify(changes, null, 2)).toBe(needs);
    expect(changes.filter((c) => c.level === needs).map((c) => c.code)).toContain(code);
  });

  it("the next release's kinds of change together (operations added, ErrorCode widened, ChatId relaxed) need a minor", () => {
    const after = structuredClone(bundle);
    for (const [path, id] of [['/api/v1/archive', 'archiveChats'], ['/api/v1/chats/{id}/archive', 'archiveChat']] as const) {
      after.paths[path] = { post: { ...structuredClone(after.paths['/api/v1/chats/send-contact'].post), operationId: id } };
    }
    s(after).ErrorCode.enum.push(unusedCode(after));
    s(after).ChatId.pattern = '^[\\s\\S]+$';
    const changes = diffDocuments(bundle, after);
    expect(changes.filter((c) => c.level === 'major'), JSON.stringify(changes, null, 2)).toEqual([]);
    expect(neededRelease(changes)).toBe('minor');
  });
});

describe('pattern inclusion', () => {
  it.each<[string, string, string, boolean | undefined]>([
    ['the same pattern', '^ch_[a-z]+$', '^ch_[a-z]+$', true],
    ['a prefix dropped and the length raised', '^[A-Za-z0-9_-]{1,64}$', '^ch_[A-Za-z0-9_-]{1,61}$', true],
    ['the same the other way round', '^ch_[A-Za-z0-9_-]{1,61}$', '^[A-Za-z0-9_-]{1,64}$', false],
    ['a class narrowed', '^ch_[a-z0-9]{1,61}$', '^ch_[A-Za-z0-9]{1,61}$', false],
    ['a class widened', '^ch_[A-Za-z0-9]{1,61}$', '^ch_[a-z0-9]{1,61}$', true],
    ['E.164 against US-only', '^\\+[1-9][0-9]{0,14}$', '^\\+1[0-9]{10}$', true],
    ['US-only against E.164', '^\\+1[0-9]{10}$', '^\\+[1-9][0-9]{0,14}$', false],
    ['an alternation that keeps the old form', '^(ch_[a-z0-9]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$', '^ch_[a-z0-9]+$', true],
    ['unanchored takes anchored', 'BEGIN:VCARD', '^BEGIN:VCARD', true],
    ['anchored does not take unanchored', '^BEGIN:VCARD', 'BEGIN:VCARD', false],
    ['escapes and shorthand classes', '^\\S+$', '^[\\w.-]+@[\\w-]+\\.[a-z]{2,}$', true],
    ['dot stops at a line break', '^.*$', '^[\\s\\S]*$', false],
    ['counting repetitions', '^(aa)*$', '^a*$', false],
    ['a look-ahead is not compared', '^(?=a)a+$', '^a$', undefined],
    ['a back-reference is not compared', '^(a)\\1$', '^aa$', undefined],
  ])('%s: %s covers %s → %s', (_name, wide, narrow, want) => {
    expect(patternCovers(wide, narrow)).toBe(want);
  });
});

const scratchDirs: string[] = [];
afterAll(() => scratchDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A .changeset folder with the repository's fixed group and the given files. */
function changesetFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'chert-changesets-'));
  scratchDirs.push(dir);
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ fixed: [['@chert/openapi', '@chert/types', '@chert/client']] }));
  writeFileSync(join(dir, 'README.md'), '---\n"@chert/openapi": major\n---\nThe README is not a changeset.\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('what the pending changesets release @chert/openapi as', () => {
  it.each<[string, Record<string, string>, string, Array<{ file: string; bump: string }>]>([
    ['nothing pending', {}, 'none', []],
    ['a major for the package, double quotes', { 'a.md': '---\n"@chert/openapi": major\n---\n\nText.\n' }, 'major', [{ file: 'a.md', bump: 'major' }]],
    ['single quotes and CRLF', { 'a.md': "---\r\n'@chert/openapi': minor\r\n'@chert/mock': patch\r\n---\r\nText" }, 'minor', [{ file: 'a.md', bump: 'minor' }]],
    ['a member of the fixed group', { 'b.md': '---\n"@chert/types": major\n---\n' }, 'major', [{ file: 'b.md', bump: 'major' }]],
    ['a package outside the group', { 'a.md': '---\n"@chert/mock": major\n---\nA.\n' }, 'none', []],
    ['the largest of several', {
      'a.md': '---\n"@chert/client": patch\n---\nA.\n', 'b.md': '---\n"@chert/openapi": minor\n---\nB.\n', 'c.md': '---\n"@chert/docs": major\n---\nC.\n',
    }, 'minor', [{ file: 'a.md', bump: 'patch' }, { file: 'b.md', bump: 'minor' }]],
    ['an empty changeset', { 'a.md': '---\n---\n' }, 'none', []],
    ['a bump in the body, not the front matter', { 'a.md': '---\n"@chert/mock": patch\n---\n"@chert/openapi": major\n' }, 'none', []],
  ])('%s', (_name, files, bump, listed) => {
    expect(pendingReleases(changesetFolder(files), '@chert/openapi')).toEqual({
      group: ['@chert/openapi', '@chert/types', '@chert/client'], bump, files: listed,
    });
  });

  it.each([
    ['no front matter', '# Not a changeset\n"@chert/openapi": major\n'],
    ['a bump changesets does not know', '---\n"@chert/openapi": huge\n---\nText.\n'],
    ['an unquoted scoped name (YAML reserves @)', '---\n@chert/types: major\n---\n'],
  ])('names a file changesets cannot read (%s)', (_name, text) => {
    expect(() => pendingReleases(changesetFolder({ 'odd.md': text }), '@chert/openapi')).toThrow(/\.changeset\/odd\.md is not a changeset that changesets can read/);
  });

  it('is nothing when there is no .changeset folder', () => {
    expect(pendingReleases(join(tmpdir(), 'chert-no-such-folder'), '@chert/openapi')).toMatchObject({ bump: 'none', files: [] });
  });
});

describe('the gate', () => {
  const pending = (...files: Array<[string, 'patch' | 'minor' | 'major']>) => ({
    files: files.map(([file, bump]) => ({ file, bump })),
    bump: files.reduce<'none' | 'patch' | 'minor' | 'major'>((acc, [, b]) => (['none', 'patch', 'minor', 'major'].indexOf(b) > ['none', 'patch', 'minor', 'major'].indexOf(acc) ? b : acc), 'none'),
  });
  it.each<[string, Level[], ReturnType<typeof pending>, boolean, string[]]>([
    ['no change, nothing pending', [], pending(), true, []],
    ['an addition, nothing pending', ['none'], pending(), true, []],
    ['a widened response, nothing pending', ['none', 'minor'], pending(), false, []],
    ['a widened response, a patch pending', ['minor'], pending(['a.md', 'patch']), false, []],
    ['a widened response, a minor pending', ['minor'], pending(['a.md', 'patch'], ['b.md', 'minor']), true, ['b.md']],
    ['a widened response, a major pending', ['minor'], pending(['c.md', 'major']), true, ['c.md']],
    ['a break, a minor pending', ['minor', 'major'], pending(['b.md', 'minor']), false, []],
    ['a break, a major pending', ['major'], pending(['b.md', 'minor'], ['c.md', 'major']), true, ['c.md']],
  ])('%s', (_name, levels, releases, ok, by) => {
    const decision = decide(levels.map((level) => ({ level })), releases);
    expect(decision).toMatchObject({ ok, by });
  });
});

describe('the command', () => {
  /** A package folder with a released record, a bundle and a .changeset folder. */
  function workspace(opts: { before?: Doc; after?: Doc; version?: string; changesets?: Record<string, string> } = {}) {
    const root = mkdtempSync(join(tmpdir(), 'chert-breaking-'));
    scratchDirs.push(root);
    const version = opts.version ?? '1.0.0';
    const stamp = (d: Doc) => ({ ...d, info: { ...d.info, version } });
    mkdirSync(join(root, 'released'));
    mkdirSync(join(root, 'dist'));
    mkdirSync(join(root, '.changeset'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: '@chert/openapi', version }));
    writeFileSync(join(root, 'released/openapi.json'), JSON.stringify(opts.before ?? stamp(base())));
    writeFileSync(join(root, 'dist/openapi.json'), JSON.stringify(opts.after ?? stamp(base())));
    writeFileSync(join(root, '.changeset/config.json'), JSON.stringify({ fixed: [['@chert/openapi', '@chert/types', '@chert/client']] }));
    writeFileSync(join(root, '.changeset/README.md'), '---\n"@chert/openapi": major\n---\nThe README is not a changeset.\n');
    for (const [name, text] of Object.entries(opts.changesets ?? {})) writeFileSync(join(root, '.changeset', name), text);
    const args = ['--base', join(root, 'released/openapi.json'), '--head', join(root, 'dist/openapi.json'),
      '--changesets', join(root, '.changeset'), '--package', join(root, 'package.json')];
    return { root, args };
  }
  const broken = () => {
    const d = base();
    delete send(d).responses['404'];
    return d;
  };
  const widened = () => {
    const d = base();
    s(d).SendResult.properties.status.enum.push('failed');
    return d;
  };
  const at = (d: Doc, version = '1.0.0') => ({ ...d, info: { ...d.info, version } });
  const changeset = (bumps: string) => `---\n${bumps}\n---\nWhat changed.\n`;

  it.each<[string, Parameters<typeof workspace>[0], 0 | 1 | 2, RegExp]>([
    ['passes with no change', {}, 0, /No change to the API/],
    ['passes with compatible changes and lists them', {
      after: at((() => { const d = base(); s(d).SendResult.properties.extra = { type: 'string' }; send(d).responses['409'] = send(d).responses['404']; return d; })()),
    }, 0, /ok {7}POST \/chats\/\{id\}\/send response 409: new response/],

    // Needs a major.
    ['fails on a breaking change without a changeset', { after: at(broken()) }, 1,
      /BREAKING POST \/chats\/\{id\}\/send response 404: removed[\s\S]*1 breaking change\(s\) and no changeset releases @chert\/openapi as a major\.\n[\s\S]*run `pnpm changeset`, pick @chert\/openapi \(or @chert\/types or @chert\/client, its fixed group\) and "major"/],
    ['fails when the changesets bump it only as a minor', {
      after: at(broken()), changesets: { 'a.md': changeset('"@chert/openapi": minor') },
    }, 1, /no changeset releases @chert\/openapi as a major \(the pending ones make it a minor\)/],
    ['fails when the major is for a package outside its fixed group', {
      after: at(broken()), changesets: { 'a.md': changeset('"@chert/mock": major') },
    }, 1, /BREAKING/],
    ['passes with a major changeset for @chert/openapi', {
      after: at(broken()), changesets: { 'drop-404.md': changeset('"@chert/openapi": major') },
    }, 0, /announced as a major release of @chert\/openapi by \.changeset\/drop-404\.md/],
    ['passes with a major for a package of its fixed group', {
      after: at(broken()), changesets: { 'client.md': changeset('"@chert/client": major') },
    }, 0, /by \.changeset\/client\.md/],

    // Needs a minor.
    ['fails on a widened response without a changeset, saying what changed and what it needs', { after: at(widened()) }, 1,
      /MINOR {4}POST \/chats\/\{id\}\/send response 200 \(application\/json\) \.status[^:]*: may now be "failed"[\s\S]*2 change\(s\) need at least a minor release, and no changeset releases @chert\/openapi as a minor or a major\.\n[\s\S]*"minor" \(or "major"\)/],
    ['fails on a widened response with only a patch pending', {
      after: at(widened()), changesets: { 'a.md': changeset('"@chert/openapi": patch') },
    }, 1, /need at least a minor release[\s\S]*\(the pending ones make it a patch\)/],
    ['passes on a widened response with a minor for the fixed group', {
      after: at(widened()), changesets: { 'a.md': changeset('"@chert/openapi": patch'), 'failed-status.md': changeset('"@chert/types": minor') },
    }, 0, /need a minor release, announced as a minor release of @chert\/openapi by \.changeset\/failed-status\.md\.$/],
    ['passes on a widened response with a major', {
      after: at(widened()), changesets: { 'big.md': changeset('"@chert/openapi": major') },
    }, 0, /announced as a major release of @chert\/openapi by \.changeset\/big\.md/],

    ['fails when the record is older than the package version', {
      before: at(base(), '0.9.0'),
    }, 1, /records version 0\.9\.0 but @chert\/openapi is at 1\.0\.0[\s\S]*pnpm version-packages/],
    ['fails when the bundle was not rebuilt after a version bump', {
      after: at(base(), '0.9.0'),
    }, 1, /says version 0\.9\.0 .* says 1\.0\.0: rebuild it/],
    ['exits 2 on a changeset that changesets cannot read', {
      after: at(broken()), changesets: { 'odd.md': 'no front matter\n' },
    }, 2, /\.changeset\/odd\.md is not a changeset that changesets can read/],
  ])('%s', (_name, opts, code, output) => {
    const { args } = workspace(opts);
    const result = run(args);
    expect(result.output).toMatch(output);
    expect(result.code).toBe(code);
  });

  it('collapses one shared change into one line with a count of the places', () => {
    const after = base();
    s(after).E164Phone.pattern = '^\\+1[0-9]{10}$';
    const { args } = workspace({ after: at(after) });
    const { output } = run(args);
    expect(output).toMatch(/\.contact\.phones\[\] \(and 0 more|phones\[\]: pattern changed/);
    expect(output.split('\n').filter((l) => l.includes('BREAKING'))).toHaveLength(2);
  });

  it('reports JSON with --json', () => {
    const { args } = workspace({ after: at(broken()), changesets: { 'a.md': changeset('"@chert/client": minor') } });
    const result = run([...args, '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.output);
    expect(report).toMatchObject({ ok: false, version: '1.0.0', needs: 'major', announced: { bump: 'minor', files: [{ file: 'a.md', bump: 'minor' }] } });
    expect(report.changes).toContainEqual(expect.objectContaining({ code: 'response-status-removed', level: 'major', breaking: true }));
  });

  it('--accept records the bundle as the released document', () => {
    const { root, args } = workspace({ before: at(base(), '0.9.0'), after: at(broken()) });
    expect(run(args).code).toBe(1);
    const accepted = run([...args, '--accept']);
    expect(accepted).toMatchObject({ code: 0, output: expect.stringMatching(/Recorded .*\(1\.0\.0\)/) });
    expect(readFileSync(join(root, 'released/openapi.json'), 'utf8')).toBe(readFileSync(join(root, 'dist/openapi.json'), 'utf8'));
    expect(run(args)).toMatchObject({ code: 0, output: expect.stringMatching(/No change/) });
  });

  it.each<[string, string[], RegExp]>([
    ['an unknown option', ['--frobnicate'], /Unknown option '--frobnicate'[\s\S]*Usage: check-breaking\.mjs/],
    ['an option without its value', ['--base'], /--base/],
    ['a positional argument', ['released.json'], /released\.json/],
  ])('exits 2 with the usage on %s', (_name, argv, output) => {
    expect(run(argv)).toMatchObject({ code: 2, output: expect.stringMatching(output) });
  });

  it('exits 2 with a hint when the bundle is missing', () => {
    const { root, args } = workspace();
    rmSync(join(root, 'dist'), { recursive: true });
    expect(run(args)).toMatchObject({ code: 2, output: expect.stringMatching(/pnpm --filter @chert\/openapi build/) });
  });

  it('reads relative paths from the directory it runs in', () => {
    const { root } = workspace({ after: at(broken()) });
    const result = run(['--base', 'released/openapi.json', '--head', 'dist/openapi.json', '--changesets', '.changeset', '--package', 'package.json'], root);
    expect(result).toMatchObject({ code: 1, output: expect.stringContaining('dist/openapi.json against the released 1.0.0 (released/openapi.json)') });
  });
});
