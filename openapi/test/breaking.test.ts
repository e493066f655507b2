// The breaking-change check (scripts/check-breaking.mjs): fixture pairs of documents, each a
// small change to a document shaped like ours, and whether it breaks a consumer; then the
// command itself on files in a temporary folder.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffDocuments, majorAnnouncements, parseChangeset, run } from '../scripts/check-breaking.mjs';

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
            note: { type: 'string' },
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

type Case = [name: string, change: (d: Doc) => void, breaking: boolean, code: string | null];

const cases: Case[] = [
  // Nothing that a consumer can observe.
  ['an identical document', () => {}, false, null],
  ['descriptions, titles, examples and the version change', (d) => {
    d.info.version = '9.9.9';
    s(d).E164Phone.description = 'A phone';
    s(d).ChatId.examples = ['ch_1'];
    s(d).SendResult.title = 'Result';
    send(d).summary = 'new words';
  }, false, null],
  ['a schema inlined where it was a $ref', (d) => {
    s(d).SendResult.properties.chat_id = { type: 'string', pattern: '^ch_[A-Za-z0-9]{1,61}$' };
  }, false, null],

  // Operations and paths.
  ['a path removed', (d) => { delete d.paths['/chats/send']; }, true, 'path-removed'],
  ['an operation removed, the path kept', (d) => {
    d.paths['/chats/send'].get = { ...structuredClone(phone(d)), operationId: 'getIt' };
    delete d.paths['/chats/send'].post;
  }, true, 'operation-removed'],
  ['an operation added', (d) => {
    d.paths['/chats/send'].put = { ...structuredClone(phone(d)), operationId: 'putIt' };
  }, false, 'operation-added'],
  ['an operationId renamed', (d) => { send(d).operationId = 'sendContactToChat'; }, true, 'operation-id-changed'],
  ['a path parameter renamed', (d) => {
    d.paths['/chats/{chatId}/send'] = d.paths['/chats/{id}/send'];
    delete d.paths['/chats/{id}/send'];
    d.components.parameters.ChatIdPath.name = 'chatId';
  }, true, 'request-parameter-removed'],
  ['a server URL removed', (d) => { d.servers = [{ url: 'https://api2.example.com' }]; }, true, 'server-removed'],

  // Parameters.
  ['a new optional parameter', (d) => {
    phone(d).parameters = [{ name: 'dry_run', in: 'query', schema: { type: 'boolean' } }];
  }, false, 'request-parameter-added'],
  ['a new required parameter', (d) => {
    phone(d).parameters = [{ name: 'dry_run', in: 'query', required: true, schema: { type: 'boolean' } }];
  }, true, 'request-parameter-required'],
  ['an optional parameter made required', (d) => { send(d).parameters[0].required = true; }, true, 'request-parameter-required'],
  ['a parameter removed', (d) => { send(d).parameters = []; }, true, 'request-parameter-removed'],
  ['a header parameter renamed only in case', (d) => { send(d).parameters[0].name = 'X-Request-Tag'; }, false, null],
  ['a path parameter pattern narrowed (through its $ref)', (d) => {
    s(d).ChatId.pattern = '^ch_[a-z0-9]{1,61}$';
  }, true, 'request-pattern-changed'],

  // Request bodies.
  ['a request field newly required', (d) => { phoneBody(d).required.push('note'); }, true, 'request-field-required'],
  ['a request field made optional', (d) => { phoneBody(d).required = []; }, false, null],
  ['a new optional request field', (d) => { phoneBody(d).properties.label = { type: 'string' }; }, false, null],
  ['a request field removed', (d) => { delete phoneBody(d).properties.note; }, true, 'request-field-removed'],
  ['a request field type changed', (d) => { phoneBody(d).properties.note = { type: 'integer' }; }, true, 'request-type-narrowed'],
  ['a request field type widened', (d) => { phoneBody(d).properties.note.type = ['string', 'null']; }, false, null],
  ['a request maxLength lowered', (d) => { phoneBody(d).properties.note.maxLength = 50; }, true, 'request-constraint-narrowed'],
  ['a request maxLength raised', (d) => { phoneBody(d).properties.note.maxLength = 500; }, false, null],
  ['a request minLength added', (d) => { phoneBody(d).properties.note.minLength = 1; }, true, 'request-constraint-narrowed'],
  ['a shared pattern narrowed ($ref used in the body)', (d) => {
    s(d).E164Phone.pattern = '^\\+1[0-9]{10}$';
  }, true, 'request-pattern-changed'],
  ['a pattern removed from a request field', (d) => { delete s(d).VCard.properties.vcard_text.pattern; }, false, null],
  ['a request enum added where any string went', (d) => {
    phoneBody(d).properties.note.enum = ['a', 'b'];
  }, true, 'request-enum-narrowed'],
  ['a request format added', (d) => { phoneBody(d).properties.note.format = 'email'; }, true, 'request-format-changed'],
  ['unknown request fields now rejected', (d) => { phoneBody(d).additionalProperties = false; }, true, 'request-constraint-narrowed'],
  ['a field removed inside one oneOf alternative', (d) => {
    delete s(d).Contact.properties.phones;
  }, true, 'request-field-removed'],
  ['a oneOf alternative removed', (d) => {
    s(d).SendRequest.oneOf.pop();
  }, true, 'request-field-removed'],
  ['a oneOf alternative added', (d) => {
    s(d).SendRequest.oneOf.push({ type: 'object', required: ['url'], properties: { url: { type: 'string' } } });
  }, false, null],
  ['array items narrowed', (d) => {
    s(d).Contact.properties.phones.items = { type: 'string', pattern: '^\\+1' };
  }, true, 'request-pattern-changed'],
  ['array maxItems added', (d) => { s(d).Contact.properties.phones.maxItems = 3; }, true, 'request-constraint-narrowed'],
  ['a `not` constraint added to a request', (d) => {
    s(d).Contact.not = { properties: { full_name: { maxLength: 0 } } };
  }, true, 'schema-changed'],
  ['an unknown keyword changed', (d) => { s(d).Contact.propertyNames = { maxLength: 10 }; }, true, 'schema-changed'],
  ['a request body made optional', (d) => { phone(d).requestBody.required = false; }, false, null],
  ['a request body made required', (d) => {
    const b = phone(d).requestBody;
    d.paths['/chats/send'].post.requestBody = { ...b, required: true };
  }, false, null],
  ['a request body removed', (d) => { delete phone(d).requestBody; }, true, 'request-body-removed'],
  ['a request media type removed', (d) => {
    const c = phone(d).requestBody.content;
    c['application/x-www-form-urlencoded'] = c['application/json'];
    delete c['application/json'];
  }, true, 'request-media-type-removed'],

  // Responses.
  ['a response status removed', (d) => { delete send(d).responses['404']; }, true, 'response-status-removed'],
  ['a response status added', (d) => {
    send(d).responses['409'] = { description: 'Conflict', content: { 'application/json': { schema: envelope(409, [1001]) } } };
  }, false, 'response-status-added'],
  ['a success property removed', (d) => { delete s(d).SendResult.properties.chat_id; }, true, 'response-property-removed'],
  ['an optional success property removed', (d) => { delete s(d).SendResult.properties.note; }, true, 'response-property-removed'],
  ['a success property no longer required', (d) => { s(d).SendResult.required = ['chat_id']; }, true, 'response-property-optional'],
  ['a new success property', (d) => { s(d).SendResult.properties.sent_at = { type: 'string' }; }, false, null],
  ['a response enum widened', (d) => { s(d).SendResult.properties.status.enum.push('failed'); }, true, 'response-enum-widened'],
  ['a response enum narrowed', (d) => { s(d).SendResult.properties.status.enum = ['sent']; }, false, null],
  ['a response type widened', (d) => {
    s(d).SendResult.properties.note.type = ['string', 'null'];
  }, true, 'response-type-widened'],
  ['a response pattern removed', (d) => { delete s(d).ChatId.pattern; }, true, 'response-pattern-changed'],
  ['an error code added to one status (allOf narrowing)', (d) => {
    send(d).responses['400'].content['application/json'].schema.allOf[1].properties.error.properties.code.enum.push(3001);
  }, true, 'response-enum-widened'],
  ['a code added to the shared enum, every response still narrowed', (d) => {
    s(d).ErrorCode.enum.push(9999);
  }, false, null],
  ['an error property no longer required in the shared envelope', (d) => {
    s(d).ErrorEnvelope.properties.error.required = ['status', 'code'];
  }, true, 'response-property-optional'],
  ['a response header removed', (d) => { delete send(d).responses['200'].headers; }, true, 'response-header-removed'],
  ['a response header no longer required', (d) => {
    send(d).responses['200'].headers['X-Trace-ID'].required = false;
  }, true, 'response-header-optional'],
  ['a response body removed', (d) => { delete send(d).responses['200'].content; }, true, 'response-media-type-removed'],

  // Security.
  ['a security requirement added to an alternative', (d) => {
    d.security = [{ Signature: [], Tenant: [] }, { Bearer: [], Tenant: [] }];
  }, true, 'security-requirement-added'],
  ['a security alternative removed', (d) => { d.security = [{ Signature: [], Tenant: [] }]; }, true, 'security-requirement-added'],
  ['a security alternative added', (d) => { d.security.push({ Tenant: [] }); }, false, null],
  ['an operation that needed auth made public', (d) => { send(d).security = []; }, false, null],
  ['a security scheme changed header', (d) => { d.components.securitySchemes.Signature.name = 'x-sig'; }, true, 'security-scheme-changed'],

  // Components that @chert/types exports.
  ['a component schema removed (inlined where used)', (d) => {
    s(d).SendResult.properties.chat_id = { type: 'string', pattern: '^ch_[A-Za-z0-9]{1,61}$' };
    d.components.parameters.ChatIdPath.schema = { type: 'string', pattern: '^ch_[A-Za-z0-9]{1,61}$' };
    delete s(d).ChatId;
  }, true, 'component-removed'],
];

describe('diffDocuments: fixture pairs', () => {
  it.each(cases)('%s', (_name, change, breaking, code) => {
    const before = base();
    const after = base();
    change(after);
    const changes = diffDocuments(before, after);
    const breaks = changes.filter((c) => c.breaking);
    if (breaking) expect(breaks, JSON.stringify(changes, null, 2)).not.toHaveLength(0);
    else expect(breaks, JSON.stringify(breaks, null, 2)).toEqual([]);
    if (code) expect(changes.map((c) => c.code)).toContain(code);
    // Every change names where it is and what happened, for the CI log.
    for (const c of changes) {
      expect(c.where).not.toBe('');
      expect(c.message).not.toBe('');
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

  it('has no change against itself', () => {
    expect(diffDocuments(bundle, structuredClone(bundle))).toEqual([]);
  });

  it.each<[string, (d: Doc) => void, string]>([
    ['the E.164 pattern narrowed', (d) => { s(d).E164Phone.pattern = '^\\+1[0-9]{10}$'; }, 'request-pattern-changed'],
    ['send-contact by phone removed', (d) => { delete d.paths['/api/v1/chats/send-contact']; }, 'path-removed'],
    ['`status: sent` no longer a const', (d) => { delete s(d).SendContactResult.properties.status.const; }, 'response-enum-widened'],
    ['a 1007 (a known code) added to the 400 of send-contact', (d) => {
      const narrowing = s(d).SendContactBadRequestError.allOf.find((m: Doc) => m.properties?.error);
      narrowing.properties.error.properties.code.enum.push(1007);
    }, 'response-enum-widened'],
  ])('sees a breaking change in our own document: %s', (_name, change, code) => {
    const after = structuredClone(bundle);
    change(after);
    expect(diffDocuments(bundle, after).filter((c) => c.breaking).map((c) => c.code)).toContain(code);
  });
});

describe('changesets', () => {
  it.each<[string, string, Record<string, string>]>([
    ['double quotes', '---\n"@chert/openapi": major\n---\n\nText.\n', { '@chert/openapi': 'major' }],
    ['single quotes and CRLF', "---\r\n'@chert/openapi': minor\r\n'@chert/mock': patch\r\n---\r\nText", { '@chert/openapi': 'minor', '@chert/mock': 'patch' }],
    ['no quotes', '---\n@chert/types: major\n---\n', { '@chert/types': 'major' }],
    ['an empty changeset', '---\n---\n', {}],
    ['no front matter', '# Not a changeset\n"@chert/openapi": major\n', {}],
    ['a bump in the body, not the front matter', '---\n"@chert/mock": patch\n---\n"@chert/openapi": major\n', { '@chert/mock': 'patch' }],
  ])('parses %s', (_name, text, want) => {
    expect(Object.fromEntries(parseChangeset(text))).toEqual(want);
  });
});

describe('the command', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  /** A package folder with a released record, a bundle and a .changeset folder. */
  function workspace(opts: { before?: Doc; after?: Doc; version?: string; changesets?: Record<string, string> } = {}) {
    const root = mkdtempSync(join(tmpdir(), 'chert-breaking-'));
    dirs.push(root);
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
  const at = (d: Doc, version = '1.0.0') => ({ ...d, info: { ...d.info, version } });

  it.each<[string, Parameters<typeof workspace>[0], 0 | 1 | 2, RegExp]>([
    ['passes with no change', {}, 0, /No change to the API/],
    ['passes with compatible changes and lists them', {
      after: at((() => { const d = base(); s(d).SendResult.properties.extra = { type: 'string' }; send(d).responses['409'] = send(d).responses['404']; return d; })()),
    }, 0, /ok {7}POST \/chats\/\{id\}\/send response 409: new response/],
    ['fails on a breaking change without a changeset', { after: at(broken()) }, 1,
      /BREAKING POST \/chats\/\{id\}\/send response 404: removed[\s\S]*no changeset releases @chert\/openapi as a major/],
    ['fails when the changesets bump it only as a minor', {
      after: at(broken()), changesets: { 'a.md': '---\n"@chert/openapi": minor\n---\nA.\n' },
    }, 1, /no changeset releases @chert\/openapi as a major/],
    ['fails when the major is for a package outside its fixed group', {
      after: at(broken()), changesets: { 'a.md': '---\n"@chert/mock": major\n---\nA.\n' },
    }, 1, /BREAKING/],
    ['passes with a major changeset for @chert/openapi', {
      after: at(broken()), changesets: { 'drop-404.md': '---\n"@chert/openapi": major\n---\nNo more 404.\n' },
    }, 0, /announced as a major release of @chert\/openapi by \.changeset\/drop-404\.md/],
    ['passes with a major for a package of its fixed group', {
      after: at(broken()), changesets: { 'client.md': '---\n"@chert/client": major\n---\nNew API.\n' },
    }, 0, /by \.changeset\/client\.md/],
    ['fails when the record is older than the package version', {
      before: at(base(), '0.9.0'),
    }, 1, /records version 0\.9\.0 but @chert\/openapi is at 1\.0\.0[\s\S]*pnpm version-packages/],
    ['fails when the bundle was not rebuilt after a version bump', {
      after: at(base(), '0.9.0'),
    }, 1, /says version 0\.9\.0 .* says 1\.0\.0: rebuild it/],
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
    const { args } = workspace({ after: at(broken()) });
    const result = run([...args, '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.output);
    expect(report).toMatchObject({ ok: false, version: '1.0.0', announced: [] });
    expect(report.changes).toContainEqual(expect.objectContaining({ code: 'response-status-removed', breaking: true }));
  });

  it('--accept records the bundle as the released document', () => {
    const { root, args } = workspace({ before: at(base(), '0.9.0'), after: at(broken()) });
    expect(run(args).code).toBe(1);
    const accepted = run([...args, '--accept']);
    expect(accepted).toMatchObject({ code: 0, output: expect.stringMatching(/Recorded .*\(1\.0\.0\)/) });
    expect(readFileSync(join(root, 'released/openapi.json'), 'utf8')).toBe(readFileSync(join(root, 'dist/openapi.json'), 'utf8'));
    expect(run(args)).toMatchObject({ code: 0, output: expect.stringMatching(/No change/) });
  });

  it('exits 2 with a hint when the bundle is missing, and on an unknown argument', () => {
    const { root, args } = workspace();
    rmSync(join(root, 'dist'), { recursive: true });
    expect(run(args)).toMatchObject({ code: 2, output: expect.stringMatching(/pnpm --filter @chert\/openapi build/) });
    expect(run(['--frobnicate'])).toMatchObject({ code: 2, output: expect.stringMatching(/Unknown argument "--frobnicate"/) });
  });

  it('finds majors through the fixed groups of config.json', () => {
    const { root } = workspace({ changesets: { 'b.md': '---\n"@chert/types": major\n---\nB.\n', 'a.md': '---\n"@chert/mock": major\n---\nA.\n' } });
    expect(majorAnnouncements(join(root, '.changeset'))).toEqual(['b.md']);
    expect(majorAnnouncements(join(root, '.changeset'), '@chert/mock')).toEqual(['a.md']);
    expect(majorAnnouncements(join(root, 'nowhere'))).toEqual([]);
  });
});
