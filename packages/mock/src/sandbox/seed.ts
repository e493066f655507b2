/**
 * The `examples` seed (`startMock({ seed: 'examples' })`, `chert-mock --seed examples`): the
 * sandbox starts holding what the document's own examples show, under the examples' ids, so
 * that every id the reference and its samples use (`ch_8f3k2m9q`, `msg_01HZY7Q3…`,
 * `att_7Hq2Lm9Xc4Vb`, the subscription `5d2e8c1a-…`, `evt_01HZY8A1…`) works against a local
 * sandbox as it is written. Everything is read from the document's success examples, by
 * operation, never restated here:
 *
 * | what | from |
 * |---|---|
 * | lines (their ids) | `listPhoneNumbers` |
 * | chats, their members and names | `createChat`, then the members `addChatParticipant` shows |
 * | conversations | the `convo_id` that `sendMessage` and the event rows pair with a chat |
 * | messages | `getMessage`, `listChatMessages`, `sendChatMessage`, `createChat`, and `sendLocation` (its pin, to the request's phone) |
 * | attachments | every `attachment_id` of a request or success example, holding the bytes of `uploadAttachment`'s example in its media type |
 * | webhook subscriptions (and a secret where one is shown) | `listWebhookSubscriptions`, `getWebhookSubscription`, `createWebhookSubscription` |
 * | events, with their delivery attempts | `getEvent`, `listEvents`, `listDevInboxEvents` |
 *
 * Where examples disagree, the first reading wins, in the order of the table (a message as
 * `getMessage` shows it before `createChat`'s first message of the same id). The examples'
 * moments keep their order on the sandbox clock, one second apart and ending at the moment
 * the seed is planted, so a seeded message can still be edited and a stream resumed from an
 * example's `since` replays the seeded events. Every seeded record goes through the same
 * views as the sandbox's own, so its answers stay valid against the document (the
 * sandbox's answer tests run every operation on a seeded sandbox).
 */
import { examples as examplesOf, mediaTypes } from '@chert/openapi/walk';
import type { Operation } from '../document/operation.js';
import { isObject } from '../document/schema.js';
import { MissingFact } from './facts.js';
import { mapsLink } from './handlers/locations.js';
import { ids } from './ids.js';
import type { Sandbox } from './sandbox.js';
import type { AttemptRecord, AttachmentRecord, ChatRecord, DeliveryTarget, EventRecord, MessageRecord, SubscriptionRecord, TargetState } from './state.js';

/** The seeds a sandbox can start with. */
export const SEEDS = ['examples'] as const;
export type SeedName = (typeof SEEDS)[number];

export function isSeed(value: unknown): value is SeedName {
  return (SEEDS as readonly unknown[]).includes(value);
}

type Json = Record<string, any>;

/** A slot made by the seed expires like any other, 15 minutes on (its bytes are there already). */
const SLOT_LIFE_MS = 15 * 60 * 1000;

/** Plants the document's examples into the sandbox's (fresh) state. */
export function plantExamples(sandbox: Sandbox): void {
  const read = new ExampleReader(sandbox);
  const { state } = sandbox;

  // The examples' moments, in order, one second apart, the last one now.
  const moments = read.moments();
  const t0 = sandbox.now();
  const at = (iso: unknown): number | undefined => {
    const i = typeof iso === 'string' ? moments.indexOf(iso) : -1;
    return i === -1 ? undefined : t0 - (moments.length - 1 - i) * 1000;
  };

  for (const line of read.success('listPhoneNumbers').flatMap((v) => list(v.phone_numbers))) {
    const number = String(line.phone_number);
    const id = String(line.phone_line_id ?? line.id);
    const held = state.lineByNumber(number);
    if (held) held.id = id;
    else state.lines.push({ id, number });
  }
  const line = state.lines[0]!;

  const convos = new Map<string, string>();
  for (const v of [...read.success('sendMessage'), ...read.events()]) {
    if (typeof v.lead_id === 'string' && typeof v.convo_id === 'string' && !convos.has(v.lead_id)) convos.set(v.lead_id, v.convo_id);
  }

  for (const answer of read.success('createChat')) {
    const chat = answer.chat;
    if (!isObject(chat) || state.chats.has(String(chat.id))) continue;
    const createdAt = at(chat.created_at) ?? t0;
    const record: ChatRecord = {
      id: String(chat.id),
      convoId: convos.get(String(chat.id)) ?? ids.conversation(createdAt),
      lineId: line.id,
      isGroup: chat.is_group === true,
      participants: list(chat.handles).map((h) => String(h.address)),
      name: typeof chat.display_name === 'string' ? chat.display_name : null,
      icon: typeof chat.group_chat_icon === 'string' ? chat.group_chat_icon : null,
      createdAt,
      left: false,
      typing: null,
      externalId: null,
      messageIds: [],
    };
    state.addChat(record);
  }
  for (const answer of read.success('addChatParticipant')) {
    const chat = state.chats.get(String(answer.chat_id));
    if (chat?.isGroup && Array.isArray(answer.participants)) chat.participants = answer.participants.map(String);
  }
  const chatOf = (id: unknown) => {
    const chat = state.chats.get(String(id));
    if (!chat) throw new MissingFact(`a createChat example that creates chat ${String(id)} (another example puts a message in it)`);
    return chat;
  };

  const messages: MessageRecord[] = [];
  const addMessage = (m: Json, chat: ChatRecord) => {
    if (messages.some((known) => known.id === m.id)) return;
    const createdAt = at(m.created_at) ?? t0;
    const inbound = m.direction === 'inbound';
    messages.push({
      id: String(m.id),
      chatId: chat.id,
      direction: inbound ? 'inbound' : 'outbound',
      // The examples name no sender of a message in a chat: the chat's first member, or the line.
      from: inbound ? chat.participants[0]! : line.number,
      parts: list(m.parts).map((p) => ({ ...p })),
      createdAt,
      deliverAt: at(m.delivered_at) ?? createdAt + sandbox.options.deliveredAfterMs,
      readAt: at(m.read_at) ?? null,
      reactions: [],
      edits: [],
    });
  };
  const seededMessages = [
    ...read.success('getMessage').map((v) => v.message),
    ...read.success('listChatMessages').flatMap((v) => list(v.messages)),
    ...read.success('sendChatMessage').map((v) => v.message),
    ...read.success('createChat').map((v) => v.message),
  ];
  for (const m of seededMessages) if (isObject(m)) addMessage(m, chatOf(m.chat_id));
  // A pin is a message too: to the phone of the request example, in that phone's 1:1 chat.
  const pins = read.requests('sendLocation').filter((r) => typeof r.phone === 'string');
  for (const [i, answer] of read.success('sendLocation').entries()) {
    const request = pins[i];
    const chat = request && state.directChatWith(String(request.phone));
    if (!chat || typeof answer.message_id !== 'string') continue;
    addMessage({ id: answer.message_id, direction: 'outbound', parts: [mapsLink(request)] }, chat);
  }
  messages.sort((a, b) => a.createdAt - b.createdAt);
  for (const m of messages) state.addMessage(m);

  // Attachments: their bytes are the upload example's, in its media type.
  const upload = read.upload();
  const slots = new Map(read.success('createAttachment').map((v, i) => [String(v.attachment_id), read.requests('createAttachment')[i]]));
  const inbound = new Set(messages.filter((m) => m.direction === 'inbound').flatMap((m) => m.parts.map((p) => p.attachment_id)));
  for (const id of read.attachmentIds()) {
    const record: AttachmentRecord = {
      id,
      filename: typeof slots.get(id)?.filename === 'string' ? String(slots.get(id)!.filename) : id,
      contentType: upload.type,
      size: upload.bytes.length,
      createdAt: t0,
      expiresAt: t0 + SLOT_LIFE_MS,
      bytes: Buffer.from(upload.bytes),
      origin: inbound.has(id) ? 'inbound' : 'upload',
    };
    state.attachments.set(id, record);
  }

  const secrets = new Map<string, string>();
  for (const v of read.success('createWebhookSubscription')) {
    if (isObject(v.subscription) && typeof v.subscription.secret === 'string') secrets.set(String(v.subscription.id), v.subscription.secret);
  }
  const subscriptions = [
    ...read.success('listWebhookSubscriptions').flatMap((v) => list(v.subscriptions)),
    ...read.success('getWebhookSubscription').map((v) => v.subscription),
    ...read.success('createWebhookSubscription').map((v) => v.subscription),
  ];
  for (const s of subscriptions) {
    if (!isObject(s) || state.subscriptions.has(String(s.id))) continue;
    const record: SubscriptionRecord = {
      id: String(s.id),
      url: String(s.url),
      events: list(s.events, (e): e is string => typeof e === 'string'),
      version: typeof s.version === 'string' ? s.version : sandbox.facts.defaultWebhookVersion,
      isActive: s.is_active !== false,
      createdAt: at(s.created_at) ?? t0,
      // The secret the document shows for it, else one nobody knows (as Chert's would be).
      secret: secrets.get(String(s.id)) ?? ids.secret(),
    };
    state.subscriptions.set(record.id, record);
  }

  const events: Array<Omit<EventRecord, 'seq'>> = [];
  for (const row of read.events()) {
    if (events.some((e) => e.id === row.id)) continue;
    const delivery = isObject(row.delivery) ? (row.delivery as Json) : {};
    const createdAt = at(row.created_at) ?? t0;
    const attempts: AttemptRecord[] = list(delivery.attempts).map((a) => ({
      at: at(a.at) ?? createdAt,
      status: Number(a.status),
      durationMs: Number(a.duration_ms),
      subscriptionId: String(a.subscription_id),
      ...(typeof a.error === 'string' ? { error: a.error } : {}),
    }));
    events.push({
      id: String(row.id),
      type: String(row.type),
      eventId: String(row.event_id),
      chatId: String(row.lead_id),
      convoId: String(row.convo_id),
      payload: { ...row.payload, ...(at(row.payload?.timestamp) !== undefined ? { timestamp: sandbox.clock.iso(at(row.payload.timestamp)) } : {}) },
      createdAt,
      targets: targetsOf(sandbox, String(row.type), delivery, attempts),
      attempts,
      deliveredAt: at(delivery.delivered_at) ?? null,
    });
  }
  events.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  for (const e of events) state.addEvent(e);
}

/**
 * Where a recorded event went: the subscriptions its attempts name (or whose URL it shows),
 * in the state its delivery says; a dev-inbox event, to the dev-inbox subscriptions that
 * take its type.
 */
function targetsOf(sandbox: Sandbox, type: string, delivery: Json, attempts: AttemptRecord[]): DeliveryTarget[] {
  const subscriptions = [...sandbox.state.subscriptions.values()];
  if (delivery.status === 'dev_inbox') {
    return sandbox.subscribersOf(type).filter((s) => sandbox.isDevInbox(s.url)).map((s) => ({ subscriptionId: s.id, url: s.url, state: 'dev_inbox' }));
  }
  const named = new Set(attempts.map((a) => a.subscriptionId));
  const chosen = subscriptions.filter((s) => named.has(s.id) || (!named.size && s.url === delivery.url));
  const state = (['pending', 'delivered', 'failed'] as TargetState[]).find((s) => s === delivery.status) ?? 'failed';
  return chosen.map((s) => ({ subscriptionId: s.id, url: String(delivery.url ?? s.url), state }));
}

function list(value: unknown): Json[];
function list<T>(value: unknown, keep: (v: unknown) => v is T): T[];
function list(value: unknown, keep: (v: unknown) => boolean = isObject): unknown[] {
  return Array.isArray(value) ? value.filter(keep) : [];
}

/** The document's examples, as the seed reads them. */
class ExampleReader {
  private readonly doc: Json;
  private readonly byId: Map<string, Operation>;

  constructor(sandbox: Sandbox) {
    this.doc = sandbox.document.raw;
    this.byId = new Map(sandbox.document.operations.map((op) => [op.id, op]));
  }

  private op(id: string): Operation {
    const op = this.byId.get(id);
    if (!op) throw new MissingFact(`the operation ${id} (the examples seed reads its examples)`);
    return op;
  }

  private media(id: string) {
    const op = this.op(id);
    return mediaTypes(this.doc, op.site.operation, op.site.at);
  }

  /** The values of the examples of the operation's success answers (JSON), in document order. */
  success(id: string): Json[] {
    return this.media(id)
      .filter((m) => /^2\d\d$/.test(m.where) && m.type === 'application/json')
      .flatMap((m) => Object.values(examplesOf(this.doc, m.media)).map((ex) => ex.value))
      .filter(isObject) as Json[];
  }

  /** The values of the operation's JSON request examples, in document order. */
  requests(id: string): Json[] {
    return this.media(id)
      .filter((m) => m.where === 'request' && m.type === 'application/json')
      .flatMap((m) => Object.values(examplesOf(this.doc, m.media)).map((ex) => ex.value))
      .filter(isObject) as Json[];
  }

  /** The event rows the examples show. */
  events(): Json[] {
    return [...this.success('getEvent'), ...this.success('listEvents').flatMap((v) => list(v.events)), ...this.success('listDevInboxEvents').flatMap((v) => list(v.events))];
  }

  /** The bytes of `uploadAttachment`'s first example, and the media type it is sent as. */
  upload(): { type: string; bytes: Buffer } {
    for (const m of this.media('uploadAttachment').filter((m) => m.where === 'request')) {
      const value = Object.values(examplesOf(this.doc, m.media))[0]?.value ?? m.media.example;
      if (typeof value === 'string') return { type: m.type, bytes: Buffer.from(value, 'utf8') };
    }
    throw new MissingFact("an example of uploadAttachment's bytes (the seeded attachments hold them)");
  }

  /** Every attachment id a request example or a success example names. */
  attachmentIds(): string[] {
    const found = new Set<string>();
    const visit = (value: unknown, key?: string): void => {
      if (typeof value === 'string') {
        if (key === 'attachment_id' || key === 'attachments') found.add(value);
      } else if (Array.isArray(value)) value.forEach((v) => visit(v, key));
      else if (isObject(value)) for (const [k, v] of Object.entries(value)) visit(v, k);
    };
    for (const op of this.byId.values()) {
      for (const m of mediaTypes(this.doc, op.site.operation, op.site.at)) {
        if (m.where !== 'request' && !/^2\d\d$/.test(m.where)) continue;
        for (const ex of Object.values(examplesOf(this.doc, m.media))) visit(ex.value);
      }
    }
    return [...found];
  }

  /** Every moment an example the seed reads shows (ISO 8601), sorted. */
  moments(): string[] {
    const found = new Set<string>();
    const visit = (value: unknown): void => {
      if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value)) found.add(value);
      else if (Array.isArray(value)) value.forEach(visit);
      else if (isObject(value)) Object.values(value).forEach(visit);
    };
    for (const id of ['createChat', 'getMessage', 'listChatMessages', 'sendChatMessage', 'listWebhookSubscriptions', 'getWebhookSubscription', 'createWebhookSubscription']) {
      this.success(id).forEach(visit);
    }
    this.events().forEach(visit);
    return [...found].sort((a, b) => Date.parse(a) - Date.parse(b) || (a < b ? -1 : 1));
  }
}
