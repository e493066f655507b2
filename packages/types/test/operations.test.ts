// The generated run-time tables: every operation of the document, with the facts the client
// reads (retry rule, idempotency key, pagination, SDK placement, stream, bearer-only
// security, media types), and the webhook delivery facts, as the document states them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { apiVersion, operationMeta, webhookDelivery, webhookEvents } from '../src/index.js';

const require = createRequire(import.meta.url);
const doc = JSON.parse(readFileSync(require.resolve('@chert/openapi/openapi.json'), 'utf8'));
const meta: Record<string, any> = operationMeta;

describe('operationMeta', () => {
  it('has the 32 operations of the document', () => {
    expect(Object.keys(meta)).toHaveLength(32);
    expect(Object.keys(meta)).toContain('sendContactToChat');
    expect(Object.keys(meta)).not.toContain('handleMessageReceived');
  });

  it.each<[string, Record<string, unknown>]>([
    ['sendContactToChat', { method: 'POST', path: '/api/v1/chats/{id}/send-contact', idempotent: false, idempotencyKey: null, sdk: { resource: 'contacts', method: 'send', form: 'chatId' } }],
    ['sendMessage', { method: 'POST', path: '/api/v1/send', idempotent: false, idempotencyKey: '/idempotency_key', sdk: { resource: 'messages', method: 'send' } }],
    ['createChat', { idempotent: false, idempotencyKey: '/message/idempotency_key', sdk: { resource: 'chats', method: 'create' } }],
    ['sendChatMessage', { idempotencyKey: '/message/idempotency_key', sdk: { resource: 'chats.messages', method: 'send' } }],
    ['sendLocation', { idempotencyKey: '/idempotency_key', successMediaTypes: { '202': ['application/json'] } }],
    ['addChatParticipant', { method: 'POST', idempotent: true, sdk: { resource: 'chats.participants', method: 'add' } }],
    ['removeChatParticipant', { method: 'DELETE', path: '/api/v1/chats/{id}/participants/{address}', idempotent: false, requestMediaTypes: [] }],
    ['listEvents', { method: 'GET', idempotent: true, pagination: { cursor: 'cursor', next: 'next_cursor', items: 'events' }, stream: null }],
    ['listDevInboxEvents', { pagination: { cursor: 'cursor', next: 'next_cursor', items: 'events' } }],
    ['streamEvents', { pagination: null, stream: { item: 'Event', heartbeatSeconds: 15, connectionSeconds: 60, closeEvent: 'close', resume: 'since' }, successMediaTypes: { '200': ['text/event-stream'] } }],
    ['uploadAttachment', { method: 'PUT', bearerOnly: true, requestMediaTypes: ['application/octet-stream', '*/*'], successMediaTypes: { '204': [] } }],
    ['getAttachmentContent', { bearerOnly: false, successMediaTypes: { '200': ['application/octet-stream', '*/*'] } }],
    ['markChatRead', { requestMediaTypes: [], successMediaTypes: { '200': ['application/json'] } }],
    ['deleteWebhookSubscription', { method: 'DELETE', idempotent: true, successMediaTypes: { '204': [] } }],
  ])('%s', (id, want) => {
    expect(meta[id]).toMatchObject(want);
  });

  it.each(Object.keys(meta))('%s matches the document', (id) => {
    const [path, item] = Object.entries<any>(doc.paths).find(([, item]) => Object.values<any>(item).some((op) => op?.operationId === id))!;
    const [method, op] = Object.entries<any>(item).find(([, op]) => op?.operationId === id)!;
    expect(meta[id]).toMatchObject({
      method: method.toUpperCase(),
      path,
      idempotent: op['x-idempotent'],
      idempotencyKey: op['x-chert-idempotency-key'] ?? null,
      sdk: op['x-chert-sdk'],
    });
    expect(meta[id].bearerOnly).toBe(id === 'uploadAttachment');
  });
});

describe('webhook tables', () => {
  it('webhookDelivery is the document\'s x-chert-webhook-delivery', () => {
    expect(webhookDelivery).toEqual(doc['x-chert-webhook-delivery']);
    expect(webhookDelivery.signature.toleranceSeconds).toBe(300);
    expect(webhookDelivery.retry.maxAttempts).toBe(3);
  });

  it('webhookEvents lists the four event types', () => {
    expect(webhookEvents).toEqual(['message.received', 'reaction.added', 'reaction.removed', 'lead_reply']);
  });
});

it('apiVersion is the document version', () => {
  expect(apiVersion).toBe(doc.info.version);
});
