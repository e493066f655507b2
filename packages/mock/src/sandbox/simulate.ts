/**
 * What a customer does on their phone, simulated: a message sent to one of your lines (in
 * an existing chat, or a new chat for a new sender) and a tapback added to or removed from
 * a message. Each records its events (`message.received` and the legacy `lead_reply` for a
 * message; `reaction.added` or `reaction.removed` for a tapback), delivers them to the
 * subscriptions that take them, and shows them on the stream. Used by the control API and
 * by `startMock()`'s handle alike.
 */
import { ids } from './ids.js';
import type { Sandbox } from './sandbox.js';
import type { ChatRecord } from './state.js';

/** A bad control request: the mock answers it with a mock error naming the field. */
export class ControlInputError extends Error {}

export interface InboundPartInput {
  type: string;
  value?: unknown;
  url?: unknown;
  title?: unknown;
  summary?: unknown;
  image_url?: unknown;
  icon_url?: unknown;
  /** Media: the bytes (base64 over HTTP; bytes or text through the handle). */
  data?: unknown;
  content_type?: unknown;
  filename?: unknown;
}

export interface InboundInput {
  from: unknown;
  chat_id?: unknown;
  to?: unknown;
  text?: unknown;
  parts?: unknown;
}

export interface ReactInput {
  message_id: unknown;
  reaction: unknown;
  from?: unknown;
  removed?: unknown;
}

const ADDRESS = /^(\+[1-9][0-9]{0,14}|[^\s@]+@[^\s@]+\.[^\s@]+)$/;

function address(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ADDRESS.test(value.trim())) {
    throw new ControlInputError(`${field} must be a phone number in E.164 (+14155550199) or an email address, got ${JSON.stringify(value)}`);
  }
  const trimmed = value.trim();
  return trimmed.includes('@') ? trimmed.toLowerCase() : trimmed;
}

function bytesOf(data: unknown, field: string): Buffer {
  if (data instanceof Uint8Array) return Buffer.from(data);
  if (typeof data === 'string') return Buffer.from(data, 'base64');
  throw new ControlInputError(`${field} must hold the bytes (base64 text over HTTP, a Uint8Array through the handle)`);
}

function inboundParts(sandbox: Sandbox, input: InboundInput): Record<string, unknown>[] {
  if (input.text !== undefined && input.parts !== undefined) throw new ControlInputError('give text or parts, not both');
  if (input.text !== undefined) {
    if (typeof input.text !== 'string' || input.text === '') throw new ControlInputError('text must be a non-empty string');
    return [{ type: 'text', value: input.text }];
  }
  if (!Array.isArray(input.parts) || input.parts.length === 0) throw new ControlInputError('give text, or parts: a non-empty list');
  return (input.parts as InboundPartInput[]).map((part, i) => {
    const at = `parts[${i}]`;
    if (typeof part !== 'object' || part === null) throw new ControlInputError(`${at} must be an object`);
    if (part.type === 'text') {
      if (typeof part.value !== 'string' || part.value === '') throw new ControlInputError(`${at}.value must be a non-empty string`);
      return { type: 'text', value: part.value };
    }
    if (part.type === 'rich_link') {
      if (typeof part.url !== 'string' || !URL.canParse(part.url)) throw new ControlInputError(`${at}.url must be an absolute URL`);
      const extra = (['title', 'summary', 'image_url', 'icon_url'] as const).filter((k) => typeof part[k] === 'string');
      return { type: 'rich_link', url: part.url, ...Object.fromEntries(extra.map((k) => [k, part[k]])) };
    }
    if (part.type === 'media') {
      const bytes = bytesOf(part.data, `${at}.data`);
      const contentType = typeof part.content_type === 'string' ? part.content_type : 'application/octet-stream';
      const attachment = sandbox.addAttachment({
        id: ids.inboundAttachment(),
        filename: typeof part.filename === 'string' ? part.filename : 'attachment',
        contentType,
        size: bytes.length,
        expiresAt: sandbox.now(),
        bytes,
        origin: 'inbound',
      });
      return { type: 'media', attachment_id: attachment.id };
    }
    throw new ControlInputError(`${at}.type must be text, media or rich_link`);
  });
}

function chatFor(sandbox: Sandbox, input: InboundInput, from: string): ChatRecord {
  if (input.chat_id !== undefined) {
    const chat = sandbox.state.chats.get(String(input.chat_id));
    if (!chat) throw new ControlInputError(`chat_id: chat ${input.chat_id} does not exist in the sandbox`);
    if (!chat.participants.includes(from)) throw new ControlInputError(`from: ${from} is not in chat ${chat.id} (${chat.participants.join(', ')})`);
    if (chat.left) throw new ControlInputError(`chat_id: the line left chat ${chat.id}, so it receives nothing from it`);
    return chat;
  }
  let line;
  if (input.to !== undefined) {
    line = sandbox.state.lineByNumber(String(input.to));
    if (!line) throw new ControlInputError(`to: ${input.to} is not one of the sandbox's lines (${sandbox.state.lines.map((l) => l.number).join(', ')})`);
  }
  return sandbox.directChat(from, line ?? sandbox.lineFor(from)).chat;
}

export function simulateInbound(sandbox: Sandbox, input: InboundInput) {
  if (typeof input !== 'object' || input === null) throw new ControlInputError('the body must be an object: { from, chat_id?, to?, text | parts }');
  const from = address(input.from, 'from');
  const chat = chatFor(sandbox, input, from);
  const parts = inboundParts(sandbox, input);
  const message = sandbox.receiveInbound(chat, from, parts);
  const hex = message.id.replace(/-/g, '').toLowerCase();
  const received = sandbox.emit('message.received', `chert:msg:${hex}`, chat, {
    ...sandbox.payloadHead('message.received', `chert:msg:${hex}`, sandbox.versionFor('message.received')),
    data: {
      chat: sandbox.views.webhookChat(chat),
      message: {
        id: message.id,
        direction: 'inbound',
        sender_handle: sandbox.views.handle(from, false),
        parts: parts.map((p) => ({ ...p })),
        sent_at: sandbox.clock.iso(message.createdAt),
      },
    },
  });
  const leadReply = sandbox.emit('lead_reply', `chert:lead_reply:${hex}`, chat, {
    event: 'lead_reply',
    event_id: `chert:lead_reply:${hex}`,
    lead_id: chat.id,
    convo_id: chat.convoId,
  });
  return {
    chat: sandbox.views.chat(chat),
    message: sandbox.views.message(message),
    events: [sandbox.views.event(received), sandbox.views.event(leadReply)],
  };
}

export function simulateReaction(sandbox: Sandbox, input: ReactInput) {
  if (typeof input !== 'object' || input === null) throw new ControlInputError('the body must be an object: { message_id, reaction, from?, removed? }');
  const message = sandbox.state.messages.get(String(input.message_id));
  if (!message) throw new ControlInputError(`message_id: message ${input.message_id} does not exist in the sandbox`);
  if (typeof input.reaction !== 'string' || !sandbox.facts.reactions.includes(input.reaction)) {
    throw new ControlInputError(`reaction must be one of ${sandbox.facts.reactions.join(', ')}, got ${JSON.stringify(input.reaction)}`);
  }
  const chat = sandbox.state.chats.get(message.chatId)!;
  const from = input.from === undefined ? chat.participants[0]! : address(input.from, 'from');
  if (!chat.participants.includes(from)) throw new ControlInputError(`from: ${from} is not in chat ${chat.id} (${chat.participants.join(', ')})`);
  const removed = input.removed === true;
  if (removed) message.reactions = message.reactions.filter((r) => !(r.by === from && r.reaction === input.reaction));
  else message.reactions.push({ reaction: input.reaction, by: from, at: sandbox.now() });
  const type = removed ? 'reaction.removed' : 'reaction.added';
  const eventId = `chert:reaction:${ids.hex()}`;
  const event = sandbox.emit(type, eventId, chat, {
    ...sandbox.payloadHead(type, eventId, sandbox.versionFor(type)),
    data: {
      chat: sandbox.views.webhookChat(chat),
      message: { id: message.id },
      reaction: input.reaction,
      sender_handle: sandbox.views.handle(from, false),
    },
  });
  return { event: sandbox.views.event(event) };
}
