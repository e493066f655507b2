/**
 * The Chert facts the sandbox acts on, read once from the document: the webhook delivery
 * rules (`x-chert-webhook-delivery`), the stream's timings (`x-chert-stream`), where each
 * operation takes its idempotency key, the edit window, the group limits, the history
 * limit, the defaults. Nothing here restates a fact; a document without one fails loudly
 * at start rather than guessing.
 */
import { deref } from '@chert/openapi/walk';
import type { LoadedDocument } from '../document/load.js';
import type { Operation } from '../document/operation.js';
import { expand, isObject, propertySchemas, type Json } from '../document/schema.js';

export interface SignatureFormat {
  name: string;
  template: string;
}

export interface DeliveryFacts {
  method: string;
  contentType: string;
  headers: { event: string; eventId: string; subscriptionId: string; signature: string };
  signature: { hmac: 'sha256'; encoding: 'hex'; signedPayload: string; format: SignatureFormat };
  maxAttempts: number;
  devInboxUrl: string;
}

export interface StreamFacts {
  heartbeatSeconds: number;
  connectionSeconds: number;
  closeEvent: string;
  resume: string;
}

export interface SandboxFacts {
  delivery: DeliveryFacts;
  stream: StreamFacts;
  /** operationId → JSON pointer of `idempotency_key` in its body. */
  idempotencyKeys: Map<string, string>;
  /** How long after sending a message can be edited. */
  editWindowSeconds: number;
  /** operationId → the members a group keeps (the line included). */
  groupMinMembers: Map<string, number>;
  /** Recipients a chat may have besides the line (`createChat`'s `to`, at most). */
  maxRecipients: number;
  /** The most messages a history answer holds. */
  historyLimit: number;
  /** A subscription's payload version when none is given. */
  defaultWebhookVersion: string;
  /** Events per page when `limit` is left out. */
  defaultPageSize: number;
  /** The messaging service (`imessage`). */
  service: string;
  /** Payloads' `api_version`. */
  apiVersion: string;
  /** The event types the document's webhooks deliver. */
  eventTypes: string[];
  /** Part type → the fields a part of that type has. */
  partFields: Map<string, string[]>;
  /** The tenant header (paired with the signature), whose value scopes idempotency keys. */
  tenantHeader: string | undefined;
  /** The tapbacks (`reactToMessage`'s `reaction`). */
  reactions: string[];
  /** The pattern of a line's number (`listPhoneNumbers`' `phone_number`). */
  linePattern: RegExp;
}

export class MissingFact extends Error {
  constructor(what: string) {
    super(`the sandbox needs ${what} in the document`);
  }
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined || value === null) throw new MissingFact(what);
  return value;
}

export function readFacts(document: LoadedDocument): SandboxFacts {
  const doc = document.raw;
  const byId = new Map(document.operations.map((op) => [op.id, op]));
  const op = (id: string) => need(byId.get(id), `the operation ${id}`);

  const delivery = need(isObject(doc['x-chert-webhook-delivery']) ? (doc['x-chert-webhook-delivery'] as Json) : undefined, 'x-chert-webhook-delivery');
  const signature = need(delivery.signature as Json | undefined, 'x-chert-webhook-delivery.signature');
  if (String(signature.algorithm).toUpperCase() !== 'HMAC-SHA256' || signature.encoding !== 'hex') {
    throw new Error(`the sandbox signs webhooks with HMAC-SHA256 in hex; the document asks for ${signature.algorithm} in ${signature.encoding}`);
  }
  const formats = (signature.formats ?? []) as SignatureFormat[];
  const headerNames = need(delivery.headers as Json | undefined, 'x-chert-webhook-delivery.headers');

  const streamOp = need(
    document.operations.find((o) => isObject(o.site.operation['x-chert-stream'])),
    'an operation with x-chert-stream',
  );
  const stream = streamOp.site.operation['x-chert-stream'] as StreamFacts;

  const idempotencyKeys = new Map<string, string>();
  const groupMinMembers = new Map<string, number>();
  let editWindowSeconds: number | undefined;
  for (const o of document.operations) {
    const node = o.site.operation;
    if (typeof node['x-chert-idempotency-key'] === 'string') idempotencyKeys.set(o.id, node['x-chert-idempotency-key']);
    if (Number.isInteger(node['x-chert-group-min-members'])) groupMinMembers.set(o.id, node['x-chert-group-min-members']);
    if (Number.isInteger(node['x-chert-edit-window-seconds'])) editWindowSeconds = node['x-chert-edit-window-seconds'];
  }

  const createChat = requestProperty(doc, op('createChat'), 'to');
  const history = responseProperty(doc, op('listChatMessages'), 'messages');
  const version = requestProperty(doc, op('createWebhookSubscription'), 'version');
  const limit = op('listEvents').parameters.find((p) => p.in === 'query' && p.name === 'limit');
  const message = responseProperty(doc, op('getMessage'), 'message');
  const service = propertySchemas(doc, message, 'service');

  const webhooks = isObject(doc.webhooks) ? (doc.webhooks as Json) : {};
  const received = payloadSchema(doc, webhooks['message.received']);

  const partFields = new Map<string, string[]>();
  const part = expand(doc, propertySchemas(doc, message, 'parts').find((n) => n.items)?.items);
  for (const branch of part.flatMap((n) => (Array.isArray(n.oneOf) ? n.oneOf : []))) {
    const nodes = expand(doc, branch);
    const type = nodes.map((n) => n.properties?.type?.const).find((t) => typeof t === 'string');
    if (type) partFields.set(type, [...new Set(nodes.flatMap((n) => Object.keys(n.properties ?? {})))]);
  }

  return {
    delivery: {
      method: String(delivery.method ?? 'POST'),
      contentType: String(delivery.contentType ?? 'application/json'),
      headers: {
        event: need(headerNames.event, 'the event header name'),
        eventId: need(headerNames.eventId, 'the event id header name'),
        subscriptionId: need(headerNames.subscriptionId, 'the subscription id header name'),
        signature: need(headerNames.signature, 'the signature header name'),
      },
      signature: {
        hmac: 'sha256',
        encoding: 'hex',
        signedPayload: need(signature.signedPayload, 'the signed payload'),
        format: need(formats.find((f) => f.name === 'current') ?? formats[0], 'a signature format'),
      },
      maxAttempts: need(delivery.retry?.maxAttempts as number | undefined, 'retry.maxAttempts'),
      devInboxUrl: need(delivery.devInboxUrl as string | undefined, 'devInboxUrl'),
    },
    stream,
    idempotencyKeys,
    editWindowSeconds: need(editWindowSeconds, 'x-chert-edit-window-seconds'),
    groupMinMembers,
    maxRecipients: need(firstNumber(createChat, 'maxItems'), 'the most recipients of createChat'),
    historyLimit: need(firstNumber(history, 'maxItems'), 'the most messages of listChatMessages'),
    defaultWebhookVersion: need(version.map((n) => n.default).find((v) => typeof v === 'string'), 'the default webhook version'),
    defaultPageSize: need(expand(doc, limit?.schema).map((n) => n.default).find(Number.isInteger), 'the default page size'),
    service: need(service.flatMap((n) => (Array.isArray(n.enum) ? n.enum : [])).find((v) => typeof v === 'string'), 'the service'),
    apiVersion: need(
      propertySchemas(doc, received, 'api_version').flatMap((n) => (Array.isArray(n.examples) ? n.examples : [])).find((v) => typeof v === 'string'),
      'the api_version of payloads',
    ),
    eventTypes: Object.keys(webhooks),
    partFields,
    tenantHeader: [...document.security.headers.values()].find((h) => h !== document.security.signature?.header),
    linePattern: new RegExp(
      need(
        propertySchemas(doc, itemsOf(doc, responseProperty(doc, op('listPhoneNumbers'), 'phone_numbers')), 'phone_number')
          .map((n) => n.pattern)
          .find((p) => typeof p === 'string'),
        "the pattern of a line's number",
      ),
    ),
    reactions: need(
      requestProperty(doc, op('reactToMessage'), 'reaction').flatMap((n) => (Array.isArray(n.enum) ? n.enum : [])),
      'the reactions',
    ),
  };
}

function requestProperty(doc: Json, op: Operation, name: string): Json[] {
  const media = op.requestBody?.media.find((m) => m.kind === 'json');
  return propertySchemas(doc, expand(doc, media?.schema), name);
}

function responseProperty(doc: Json, op: Operation, name: string): Json[] {
  const success = [...op.responses.values()].find((r) => r.status >= 200 && r.status < 300);
  const content = success?.node.content as Json | undefined;
  const schema = content?.['application/json']?.schema;
  return propertySchemas(doc, expand(doc, schema), name);
}

function payloadSchema(doc: Json, webhook: unknown): Json[] {
  const item = isObject(webhook) ? deref(doc, webhook) : {};
  const operation = (item.post ?? Object.values(item)[0]) as Json | undefined;
  const body = operation?.requestBody ? deref(doc, operation.requestBody) : undefined;
  return expand(doc, body?.content?.['application/json']?.schema);
}

function itemsOf(doc: Json, nodes: Json[]): Json[] {
  return expand(doc, nodes.find((n) => n.items)?.items);
}

function firstNumber(nodes: Json[], key: string): number | undefined {
  return nodes.map((n) => n[key]).find((v) => Number.isInteger(v));
}
