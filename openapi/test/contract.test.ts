// The facts of shared/chert-api, checked against the bundle: every operation with its
// method, path, tag, idempotency, SDK placement and the codes it answers per status (each
// endpoint's own statuses kept, FULL-API.md section 5), security, servers, the vendor
// extensions and every assumption. A change to the document that drops one of them fails here.
import { describe, expect, it } from 'vitest';
import { deref, doc, mediaSites, operations, parameters, webhookOperations } from './document.js';

type Codes = Record<string, number[]>;
type Row = [id: string, method: string, path: string, tag: string, idempotent: boolean, key: string | null, sdk: string, success: number, codes: Codes];

// Every operation answers the authentication errors, rate limiting and internal errors; the
// ones that deliver through a line also 3002 and 4002.
const auth: Codes = { '401': [2004, 2012, 2013], '403': [2005], '429': [1007], '500': [3001] };
const line: Codes = { ...auth, '503': [3002, 4002] };

const table: Row[] = [
  ['sendMessage', 'post', '/api/v1/send', 'Sending', false, '/idempotency_key', 'messages.send', 200,
    { ...line, '400': [1001, 1002, 1003, 1004, 2006, 4098, 5004], '404': [2001, 5001], '409': [1011], '502': [4001] }],
  ['createChat', 'post', '/api/v1/chats', 'Chats', false, '/message/idempotency_key', 'chats.create', 200,
    { ...line, '400': [1001, 1002, 1003, 1004, 1005, 1006, 1008, 1009], '403': [2005, 2006], '404': [2001], '422': [1006], '501': [4099], '502': [4001] }],
  ['sendContactToChat', 'post', '/api/v1/chats/{id}/send-contact', 'Contact cards', false, null, 'contacts.send#chatId', 200,
    { ...line, '400': [1001, 1002, 1003, 1004], '404': [2001, 2002], '501': [4099], '502': [4001] }],
  ['sendContactToPhone', 'post', '/api/v1/chats/send-contact', 'Contact cards', false, null, 'contacts.send#to', 200,
    { ...line, '400': [1001, 1002, 1003, 1004], '404': [2001], '501': [4099], '502': [4001] }],
  ['shareContactInfoToChat', 'post', '/api/v1/chats/{id}/share-contact-info', 'Contact cards', false, null, 'contacts.shareOwnCard#chatId', 200,
    { ...line, '400': [1002, 1003, 1004], '404': [2001, 2002], '501': [4099], '502': [4001] }],
  ['shareContactInfoToPhone', 'post', '/api/v1/chats/share-contact-info', 'Contact cards', false, null, 'contacts.shareOwnCard#to', 200,
    { ...line, '400': [1002, 1003, 1004], '404': [2001], '501': [4099], '502': [4001] }],
  ['listChatMessages', 'get', '/api/v1/chats/{id}/messages', 'Chats', true, null, 'chats.messages.list', 200,
    { ...auth, '404': [2001, 2002] }],
  ['sendChatMessage', 'post', '/api/v1/chats/{id}/messages', 'Chats', false, '/message/idempotency_key', 'chats.messages.send', 200,
    { ...line, '400': [1001, 1002, 1004, 1006, 1008, 1009, 5004], '404': [2001, 2002, 5001], '502': [4001] }],
  ['markChatRead', 'post', '/api/v1/chats/{id}/mark-read', 'Chats', true, null, 'chats.markRead', 200,
    { ...line, '404': [2001, 2002], '422': [1002], '501': [4099], '502': [4001] }],
  ['setChatTyping', 'post', '/api/v1/chats/{id}/typing', 'Chats', true, null, 'chats.typing', 200,
    { ...line, '400': [1001, 1002, 1004], '404': [2001, 2002], '422': [4099] }],
  ['updateChat', 'put', '/api/v1/chats/{id}', 'Group chats', true, null, 'chats.update', 200,
    { ...line, '400': [1002, 1004, 1006], '404': [2001, 2002], '501': [4099], '502': [4001] }],
  ['addChatParticipant', 'post', '/api/v1/chats/{id}/participants', 'Group chats', true, null, 'chats.participants.add', 200,
    { ...line, '400': [1001, 1002, 1004, 1006], '404': [2001, 2002], '422': [4099], '502': [4001] }],
  ['removeChatParticipant', 'delete', '/api/v1/chats/{id}/participants/{address}', 'Group chats', false, null, 'chats.participants.remove', 200,
    { ...line, '400': [1001, 1002, 1006], '404': [2001, 2002], '422': [4099], '502': [4001] }],
  ['leaveChat', 'post', '/api/v1/chats/{id}/leave', 'Group chats', false, null, 'chats.leave', 200,
    { ...line, '400': [1002, 1006], '404': [2001, 2002], '501': [4099], '502': [4001] }],
  ['getMessage', 'get', '/api/v1/messages/{id}', 'Messages', true, null, 'messages.get', 200,
    { ...auth, '404': [2001, 2003] }],
  ['reactToMessage', 'post', '/api/v1/messages/{id}/react', 'Messages', false, null, 'messages.react', 200,
    { ...line, '400': [1002, 1004], '404': [2001, 2003], '502': [4001] }],
  ['editMessage', 'post', '/api/v1/messages/{id}/edit', 'Messages', false, null, 'messages.edit', 200,
    { ...line, '400': [1002, 1004], '404': [2001, 2003], '501': [4099], '502': [4001] }],
  ['sendLocation', 'post', '/api/v1/locations', 'Locations', false, '/idempotency_key', 'locations.send', 202,
    { ...line, '400': [1001, 1002, 1003, 1004], '404': [2001], '422': [4099] }],
  ['createAttachment', 'post', '/api/v1/attachments', 'Attachments', false, null, 'attachments.create', 200,
    { ...auth, '400': [1001, 1002, 1004, 5002, 5003], '404': [2001] }],
  ['uploadAttachment', 'put', '/api/v1/attachments/{attachment_id}/upload', 'Attachments', true, null, 'attachments.upload', 204,
    { ...auth, '400': [5002, 5003], '401': [2004, 2012], '404': [2001, 5001] }],
  ['getAttachmentContent', 'get', '/api/v1/attachments/{attachment_id}/content', 'Attachments', true, null, 'attachments.content', 200,
    { ...auth, '404': [2001, 5001] }],
  ['listPhoneNumbers', 'get', '/api/v1/phone-numbers', 'Phone numbers', true, null, 'phoneNumbers.list', 200,
    { ...auth, '404': [2001] }],
  ['listWebhookSubscriptions', 'get', '/api/v1/webhook-subscriptions', 'Webhook subscriptions', true, null, 'webhookSubscriptions.list', 200,
    { ...auth, '404': [2001] }],
  ['createWebhookSubscription', 'post', '/api/v1/webhook-subscriptions', 'Webhook subscriptions', false, null, 'webhookSubscriptions.create', 200,
    { ...auth, '400': [1001, 1002, 1004], '404': [2001] }],
  ['getWebhookSubscription', 'get', '/api/v1/webhook-subscriptions/{id}', 'Webhook subscriptions', true, null, 'webhookSubscriptions.get', 200,
    { ...auth, '404': [2001, 2011] }],
  ['deleteWebhookSubscription', 'delete', '/api/v1/webhook-subscriptions/{id}', 'Webhook subscriptions', true, null, 'webhookSubscriptions.delete', 204,
    { ...auth, '404': [2001, 2011] }],
  ['updateWebhookSubscription', 'patch', '/api/v1/webhook-subscriptions/{id}', 'Webhook subscriptions', true, null, 'webhookSubscriptions.update', 200,
    { ...auth, '400': [1002, 1004], '404': [2001, 2011] }],
  ['listEvents', 'get', '/api/v1/events', 'Events', true, null, 'events.list', 200,
    { ...auth, '400': [1002], '404': [2001] }],
  ['streamEvents', 'get', '/api/v1/events/stream', 'Events', true, null, 'events.stream', 200,
    { ...auth, '400': [1002], '404': [2001] }],
  ['getEvent', 'get', '/api/v1/events/{id}', 'Events', true, null, 'events.get', 200,
    { ...auth, '404': [2001, 2011] }],
  ['replayEvent', 'post', '/api/v1/events/{id}/replay', 'Events', false, null, 'events.replay', 200,
    { ...auth, '400': [1002], '404': [2001, 2011], '502': [3004] }],
  ['listDevInboxEvents', 'get', '/api/v1/dev-inbox', 'Events', true, null, 'devInbox.list', 200,
    { ...auth, '400': [1002], '404': [2001] }],
];

const find = (id: string) => operations().find((o) => o.op.operationId === id)!;
const sorted = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);

/** The code of an error example, in the shared envelope or replay's legacy shape. */
const codeOf = (value: any): number => value?.error?.code ?? value?.code;
const codesAt = (operationId: string, status: string) =>
  mediaSites()
    .filter((s) => s.operationId === operationId && s.where === status)
    .flatMap((s) => Object.values(s.examples).map((e) => codeOf(e.value)));

/** The codes a response schema allows, through $refs, allOf narrowing and oneOf branches. */
function narrowed(schema: any): Array<{ codes: number[]; status?: number }> {
  const s = deref(doc, schema);
  if (s.oneOf) return s.oneOf.flatMap(narrowed);
  const part = (s.allOf ?? []).find((m: any) => m.properties?.error?.properties?.code || m.properties?.code);
  if (!part) throw new Error(`No code narrowing in ${JSON.stringify(schema)}`);
  const error = part.properties.error?.properties;
  return [error ? { codes: error.code.enum, status: error.status.const } : { codes: part.properties.code.enum }];
}

describe('operations', () => {
  it('are exactly the 32 of the table, in document order', () => {
    expect(operations().map((o) => o.op.operationId)).toEqual(table.map((t) => t[0]));
  });

  it.each(table)('%s is %s %s, tagged %s, summarised, described, linked to its Chert page', (id, method, path, tag) => {
    const op = doc.paths[path]?.[method];
    expect(op?.operationId).toBe(id);
    expect(op.tags).toEqual([tag]);
    expect(op.summary).toMatch(/\S/);
    expect(op.description.length).toBeGreaterThan(80);
    expect(op.externalDocs.url).toMatch(/^https:\/\/docs\.trychert\.com\/api\//);
  });

  it.each(table.map((r) => [r[0], r[4], r[5] ?? 'none'] as const))('%s: x-idempotent %s, idempotency key %s', (id, idempotent, key) => {
    const { op } = find(id);
    expect(op['x-idempotent']).toBe(idempotent);
    expect(op['x-chert-idempotency-key'] ?? 'none').toBe(key);
    // Not idempotent, or only with a key: the description says so in words.
    if (!idempotent) expect(op.description).toMatch(key === 'none' ? /not idempotent/i : /idempotent only with/i);
  });

  it.each(table.map((r) => [r[0], r[6]] as const))('%s sits at %s in the client (x-chert-sdk)', (id, sdk) => {
    const [where, form] = sdk.split('#');
    const dot = where!.lastIndexOf('.');
    const want = { resource: where!.slice(0, dot), method: where!.slice(dot + 1), ...(form ? { form } : {}) };
    expect(find(id).op['x-chert-sdk']).toEqual(want);
  });

  it('x-chert-sdk places each operation once, the contact forms apart', () => {
    const places = table.map((t) => t[6]);
    expect(new Set(places).size).toBe(places.length);
  });

  it.each(table)('%s answers exactly the statuses of its table', (id, _m, _p, _t, _i, _k, _s, success, codes) => {
    expect(Object.keys(find(id).op.responses).sort()).toEqual([String(success), ...Object.keys(codes)].sort());
  });

  it.each(table)('%s documents a named example for every code of every status', (id, _m, _p, _t, _i, _k, _s, _ok, codes) => {
    for (const [status, want] of Object.entries(codes)) {
      expect(sorted(codesAt(id, status)), `${id} ${status}`).toEqual(want);
    }
  });

  it.each(table)('%s narrows the error code to the codes of each status', (id, _m, _p, _t, _i, _k, _s, _ok, codes) => {
    const responses = find(id).op.responses;
    for (const [status, want] of Object.entries(codes)) {
      const schema = deref(doc, responses[status]).content['application/json'].schema;
      const parts = narrowed(schema);
      expect(sorted(parts.flatMap((p) => p.codes)), `${id} ${status}`).toEqual(want);
      for (const p of parts) if (p.status !== undefined) expect(p.status, `${id} ${status}`).toBe(Number(status));
    }
  });

  it.each(table)('%s declares X-Trace-ID on every response, and Retry-After on 429 and 503', (id) => {
    const { op } = find(id);
    for (const [status, raw] of Object.entries<any>(op.responses)) {
      const headers = deref(doc, raw).headers ?? {};
      expect(Object.keys(headers), `${id} ${status}`).toContain('X-Trace-ID');
      if (status === '429' || status === '503') expect(Object.keys(headers), `${id} ${status}`).toContain('Retry-After');
    }
  });
});

// FULL-API.md section 5: where an endpoint's page and the catalogue disagree on the status
// of a code, the endpoint's status is kept.
describe('per-endpoint statuses (section 5)', () => {
  it.each<[number, string, string]>([
    [1002, 'markChatRead', '422'],
    [1002, 'leaveChat', '400'],
    [1006, 'createChat', '422'],
    [1006, 'createChat', '400'],
    [1006, 'updateChat', '400'],
    [2006, 'createChat', '403'],
    [2006, 'sendMessage', '400'],
    [4099, 'createChat', '501'],
    [4099, 'markChatRead', '501'],
    [4099, 'editMessage', '501'],
    [4099, 'updateChat', '501'],
    [4099, 'leaveChat', '501'],
    [4099, 'addChatParticipant', '422'],
    [4099, 'removeChatParticipant', '422'],
  ])('%i is answered by %s with %s', (code, id, status) => {
    expect(codesAt(id, status)).toContain(code);
  });

  it('4098 is not retryable (the errors page wins over the derived file)', () => {
    expect(doc.components.examples.UnknownEffect.value.error).toMatchObject({ code: 4098, retryable: false });
  });

  it('3004 on replay is retryable', () => {
    expect(doc.components.examples.ReplayDeliveryFailed.value).toMatchObject({ code: 3004, retryable: true });
  });
});

describe('security', () => {
  it('accepts HMAC v1 (signature and tenant together) or a bearer token', () => {
    expect(doc.security).toEqual([
      { ChertSignature: [], ChertTenant: [] },
      { BearerAuth: [] },
      { BearerAuth: [], ChertTenant: [] },
    ]);
    const schemes = doc.components.securitySchemes;
    expect(schemes.ChertSignature).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-chert-signature' });
    expect(schemes.ChertTenant).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-chert-tenant' });
    expect(schemes.BearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('every operation uses it, except the binary upload, which takes a bearer token only', () => {
    const own = operations().filter((o) => o.op.security !== undefined).map((o) => [o.op.operationId, o.op.security]);
    expect(own).toEqual([['uploadAttachment', [{ BearerAuth: [] }]]]);
  });

  it('describes the signing algorithm exactly', () => {
    const text: string = doc.components.securitySchemes.ChertSignature.description;
    for (const fact of ['v1,<unix_seconds>,<hex>', '<unix_seconds>.<raw_body>', 'HMAC-SHA256', 'lowercase', '300 seconds', 'ends\n   in the dot', '2013']) {
      expect(text).toContain(fact);
    }
  });

  it('names the clock-skew code, an ErrorCode every signed operation answers with 401', () => {
    const code = doc.components.securitySchemes.ChertSignature['x-chert-clock-skew-code'];
    expect(code).toBe(2013);
    expect(doc.components.schemas.ErrorCode.enum).toContain(code);
    expect(auth['401']).toContain(code);
  });
});

describe('pagination and streaming', () => {
  it.each(['listEvents', 'listDevInboxEvents'])('%s declares its cursor pagination, and the names exist', (id) => {
    const { op, pathItem } = find(id);
    const pagination = op['x-chert-pagination'];
    expect(pagination).toEqual({ cursor: 'cursor', next: 'next_cursor', items: 'events' });
    const query = parameters(doc, pathItem, op).filter((p) => p.in === 'query').map((p) => p.name);
    expect(query).toContain(pagination.cursor);
    expect(query).toContain('limit');
    const page = deref(doc, deref(doc, op.responses['200']).content['application/json'].schema);
    expect(page.properties[pagination.next].type).toEqual(['string', 'null']);
    expect(page.properties[pagination.items].type).toBe('array');
    expect(page.required).toEqual(expect.arrayContaining([pagination.next, pagination.items]));
  });

  it('listEvents pages by 1 to 200, 50 by default', () => {
    const { op, pathItem } = find('listEvents');
    const limit = parameters(doc, pathItem, op).find((p) => p.name === 'limit');
    expect(limit?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 200, default: 50 });
  });

  it('no other operation pages', () => {
    expect(operations().filter((o) => o.op['x-chert-pagination']).map((o) => o.op.operationId)).toEqual(['listEvents', 'listDevInboxEvents']);
  });

  it('streamEvents is text/event-stream, and x-chert-stream names its item schema, timings and resume parameter', () => {
    const { op, pathItem } = find('streamEvents');
    expect(op['x-chert-stream']).toEqual({ item: 'Event', heartbeatSeconds: 15, connectionSeconds: 60, closeEvent: 'close', resume: 'since', resumeFrom: 'created_at', itemId: 'id' });
    const item = doc.components.schemas[op['x-chert-stream'].item];
    expect(item).toBeDefined();
    // Both fields every item carries: where `since` comes from, and what tells items at one instant apart.
    expect(item.required).toEqual(expect.arrayContaining([op['x-chert-stream'].resumeFrom, op['x-chert-stream'].itemId]));
    expect(Object.keys(deref(doc, op.responses['200']).content)).toEqual(['text/event-stream']);
    expect(parameters(doc, pathItem, op).map((p) => `${p.in}:${p.name}`)).toEqual(['query:since']);
    expect(operations().filter((o) => o.op['x-chert-stream']).map((o) => o.op.operationId)).toEqual(['streamEvents']);
  });
});

describe('binary bodies', () => {
  const bytes = { type: 'string', format: 'binary', maxLength: 100_000_000 };
  it('the upload takes the raw bytes as application/octet-stream or any registered type', () => {
    const content = find('uploadAttachment').op.requestBody.content;
    expect(Object.keys(content)).toEqual(['application/octet-stream', '*/*']);
    for (const media of Object.values<any>(content)) expect(deref(doc, media.schema)).toMatchObject(bytes);
  });

  it('the download answers the bytes in the same way', () => {
    const content = deref(doc, find('getAttachmentContent').op.responses['200']).content;
    expect(Object.keys(content)).toEqual(['application/octet-stream', '*/*']);
    for (const media of Object.values<any>(content)) expect(deref(doc, media.schema)).toMatchObject(bytes);
  });

  it('createAttachment registers at most the same 100 MB', () => {
    expect(doc.components.schemas.AttachmentSize).toMatchObject({ maximum: 100_000_000, 'x-chert-error-code': 5002 });
  });
});

describe('webhooks', () => {
  const events = [
    ['message.received', 'handleMessageReceived', 'MessageReceivedEvent'],
    ['reaction.added', 'handleReactionAdded', 'ReactionAddedEvent'],
    ['reaction.removed', 'handleReactionRemoved', 'ReactionRemovedEvent'],
    ['lead_reply', 'handleLeadReply', 'LeadReplyEvent'],
  ] as const;

  it('are the four event types of WebhookEventType', () => {
    expect(webhookOperations().map((w) => w.name)).toEqual(events.map((e) => e[0]));
    expect(doc.components.schemas.WebhookEventType.enum).toEqual(events.map((e) => e[0]));
  });

  it.each(events)('%s is a POST of %s with its delivery headers, signed, not authenticated', (name, id, schema) => {
    const post = doc.webhooks[name].post;
    expect(post.operationId).toBe(id);
    expect(post.security).toEqual([]);
    expect(post.requestBody.content['application/json'].schema.$ref).toBe(`#/components/schemas/${schema}`);
    const headers = post.parameters.map((p: any) => deref(doc, p)).map((p: any) => [p.name, p.in, p.required]);
    expect(headers).toEqual([
      ['X-Webhook-Event', 'header', true],
      ['X-Webhook-Event-Id', 'header', true],
      ['X-Webhook-Subscription-Id', 'header', true],
      ['X-Webhook-Signature', 'header', false],
      ['x-chert-signature', 'header', false],
      ['X-Webhook-Timestamp', 'header', false],
    ]);
    expect(Object.keys(post.responses)).toEqual(['200', '4XX', '5XX']);
  });

  it('WebhookEvent is the union of the four payloads, discriminated on event', () => {
    const union = doc.components.schemas.WebhookEvent;
    expect(union.oneOf.map((s: any) => s.$ref)).toEqual(events.map((e) => `#/components/schemas/${e[2]}`));
    expect(union.discriminator).toEqual({
      propertyName: 'event',
      mapping: Object.fromEntries(events.map((e) => [e[0], `#/components/schemas/${e[2]}`])),
    });
    for (const [name, , schema] of events) expect(doc.components.schemas[schema].properties.event.const).toBe(name);
  });

  it('an Event row carries the delivered payload as a WebhookEvent', () => {
    expect(doc.components.schemas.Event.properties.payload.$ref).toBe('#/components/schemas/WebhookEvent');
  });

  it('x-chert-webhook-delivery holds the delivery facts', () => {
    expect(doc['x-chert-webhook-delivery']).toEqual({
      method: 'POST',
      contentType: 'application/json',
      headers: {
        event: 'X-Webhook-Event',
        eventId: 'X-Webhook-Event-Id',
        subscriptionId: 'X-Webhook-Subscription-Id',
        signature: 'X-Webhook-Signature',
        legacySignature: 'x-chert-signature',
      },
      signature: {
        algorithm: 'HMAC-SHA256',
        encoding: 'hex',
        key: 'subscription-secret',
        signedPayload: '<ts>.<raw_body>',
        headers: ['X-Webhook-Signature', 'x-chert-signature'],
        formats: [
          { name: 'current', template: 't=<ts>,v1=<hex>', pattern: '^t=(?<ts>[0-9]+),v1=(?<hex>[0-9a-fA-F]+)$' },
          { name: 'legacy', template: 'v1,<ts>,<hex>', pattern: '^v1,(?<ts>[0-9]+),(?<hex>[0-9a-fA-F]+)$' },
        ],
        toleranceSeconds: 300,
      },
      retry: { maxAttempts: 3, backoff: 'exponential', retryOn: ['5xx', 'timeout', 'unreachable'], noRetryOn: ['4xx'] },
      dedupeKey: 'event_id',
      devInboxUrl: 'https://dev-inbox',
    });
  });

  it.each<[string, string, string | null]>([
    ['the current format', 't=1777915547,v1=ab12', '1777915547 ab12'],
    ['the legacy format', 'v1,1777915547,AB12', '1777915547 AB12'],
    ['an HMAC v1 request signature is the legacy format', 'v1,1,00', '1 00'],
    ['a sha256= value (another product)', 'sha256=ab12', null],
    ['a timestamp that is not a number', 't=soon,v1=ab12', null],
  ])('the signature patterns parse %s', (_name, header, want) => {
    const formats: Array<{ pattern: string }> = doc['x-chert-webhook-delivery'].signature.formats;
    const match = formats.map((f) => new RegExp(f.pattern).exec(header)).find(Boolean);
    expect(match ? `${match.groups!.ts} ${match.groups!.hex}` : null).toBe(want);
  });

  it('the signature headers of the delivery facts are the ones the webhooks declare', () => {
    const declared = doc.webhooks['message.received'].post.parameters.map((p: any) => deref(doc, p).name);
    const facts = doc['x-chert-webhook-delivery'];
    for (const name of [...Object.values<string>(facts.headers), ...facts.signature.headers]) expect(declared).toContain(name);
  });
});

describe('identifiers', () => {
  it.each(['ChatId', 'MessageId', 'AttachmentId', 'EventId', 'SubscriptionId', 'PhoneLineId'])(
    '%s is opaque: no prefix, one path segment, a sane length, described, with an example',
    (name) => {
      const s = doc.components.schemas[name];
      expect(s).toMatchObject({ type: 'string', minLength: 1, maxLength: 128, pattern: '^[^/]+$' });
      expect(s.description.length).toBeGreaterThan(60);
      expect(s.examples.length).toBeGreaterThan(0);
    },
  );

  it('the location chat_id is a delivery chat id of its own, not a ChatId', () => {
    const branch = doc.components.schemas.LocationToDeliveryChat.allOf.find((s: any) => s.properties?.chat_id);
    expect(branch.properties.chat_id.$ref).toBe('#/components/schemas/DeliveryChatId');
  });

  it("sendMessage's lead_id is a ChatId, usable on /chats/{id}/…", () => {
    expect(doc.components.schemas.SendMessageResult.properties.lead_id.$ref).toBe('#/components/schemas/ChatId');
  });
});

// Every assumption of the document, where it sits. Adding or dropping one is a decision
// to review: update this list with it.
const assumptions = [
  '/paths/~1api~1v1~1send/post',
  '/paths/~1api~1v1~1chats~1{id}~1typing/post',
  '/paths/~1api~1v1~1messages~1{id}/get',
  '/paths/~1api~1v1~1attachments/post',
  '/paths/~1api~1v1~1attachments~1{attachment_id}~1upload/put',
  '/paths/~1api~1v1~1attachments~1{attachment_id}~1upload/put/requestBody',
  '/paths/~1api~1v1~1attachments~1{attachment_id}~1content/get',
  '/paths/~1api~1v1~1webhook-subscriptions/post',
  '/paths/~1api~1v1~1webhook-subscriptions~1{id}/get',
  '/paths/~1api~1v1~1webhook-subscriptions~1{id}/patch',
  '/paths/~1api~1v1~1webhook-subscriptions~1{id}/delete',
  '/paths/~1api~1v1~1events~1stream/get',
  '/paths/~1api~1v1~1events~1{id}/get',
  '/paths/~1api~1v1~1events~1{id}~1replay/post',
  '/paths/~1api~1v1~1dev-inbox/get',
  '/components/schemas/PhoneLineId',
  '/components/schemas/AttachmentId',
  '/components/schemas/SendMessageRequest/properties/effect',
  '/components/schemas/SendMessageRequest/properties/test_lead',
  '/components/schemas/MessageId',
  '/components/schemas/ChatId',
  '/components/schemas/SendMessageResult/properties/status',
  '/components/schemas/MessageParts',
  '/components/schemas/CreateChatRequest/properties/to',
  '/components/schemas/SendChatMessageRequest/properties/parallel_attachments',
  '/components/schemas/SendChatMessageRequest/properties/test_lead',
  '/components/schemas/GroupChatSummary/properties/group_chat_icon',
  '/components/schemas/GetMessageResult',
  '/components/schemas/ReactToMessageRequest/properties/reaction',
  '/components/schemas/LocationFields',
  '/components/schemas/AttachmentSize',
  '/components/schemas/CreateAttachmentRequest',
  '/components/schemas/SubscriptionId',
  '/components/schemas/WebhookSubscriptionList',
  '/components/schemas/CreateWebhookSubscriptionRequest/properties/version',
  '/components/schemas/WebhookSubscriptionResult',
  '/components/schemas/UpdateWebhookSubscriptionRequest',
  '/components/schemas/EventId',
  '/components/schemas/InboundMessage/properties/sent_at',
  '/components/schemas/MessageReceivedEvent',
  '/components/schemas/ReactionAddedEvent',
  '/components/schemas/ReactionRemovedEvent',
  '/components/schemas/LeadReplyEvent',
  '/components/schemas/ReplayResult',
  '/components/schemas/ReplayError/properties/error',
  '/components/schemas/ReplayError/properties/downstream_status',
  '/components/examples/DeliveryFailed',
  '/components/examples/UnknownEffect',
  '/components/examples/EventStream',
  '/components/responses/MessageSent',
  '/components/responses/SendMessageBadRequest',
  '/components/responses/ChatCreated',
  '/components/responses/CreateChatBadRequest',
  '/components/responses/SendChatMessageBadRequest',
  '/components/responses/CapabilityUnsupported',
  '/components/responses/MessageFound',
  '/components/responses/SendLocationBadRequest',
  '/components/responses/CreateAttachmentBadRequest',
  '/components/responses/Uploaded',
  '/components/responses/SubscriptionCreated',
  '/components/responses/SubscriptionDeleted',
  '/components/responses/InvalidQuery',
  '/components/parameters/WebhookTimestampHeader',
  '/components/schemas/IdempotencyKey',
  '/components/schemas/EventDelivery',
  '/components/schemas/DeliveryAttempt/properties/status',
  '/paths/~1api~1v1~1events/get',
];

function assumedIn(node: unknown, at = ''): Array<[string, unknown]> {
  if (Array.isArray(node)) return node.flatMap((n, i) => assumedIn(n, `${at}/${i}`));
  if (!node || typeof node !== 'object') return [];
  const own: Array<[string, unknown]> = Object.hasOwn(node, 'x-chert-assumed') ? [[at, (node as any)['x-chert-assumed']]] : [];
  return [...own, ...Object.entries(node).flatMap(([k, v]) => assumedIn(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`))];
}

describe('assumptions (x-chert-assumed)', () => {
  const found = assumedIn(doc);

  it('sit exactly where the list says', () => {
    expect(found.map(([at]) => at).sort()).toEqual([...assumptions].sort());
  });

  it.each(found)('%s reads as one short line: %s', (_at, text) => {
    expect(typeof text).toBe('string');
    expect(text).toMatch(/^\S.{19,138}\S$/);
    expect(text).not.toMatch(/[\n.]$|\n/);
  });
});

describe('servers and version', () => {
  it('lists production and the local mock', () => {
    expect(doc.servers.map((s: any) => s.url)).toEqual(['https://console.trychert.com', 'http://127.0.0.1:4010']);
  });

  it('reports the package version, stamped by the bundle step', async () => {
    const { default: pkg } = await import('../package.json', { with: { type: 'json' } });
    expect(doc.info.version).toBe(pkg.version);
  });
});
