/**
 * Sending and history: `/send` (a lead by phone, first touch opens the chat), `createChat`
 * (a 1:1 chat or a group, with its first message), follow-ups into a chat, and the
 * history (the most recent messages, oldest first).
 */
import { ChertRefusal } from '../refusal.js';
import type { Sandbox } from '../sandbox.js';
import type { ChatRecord } from '../state.js';
import { answeredCode, ok, type Call, type Handler } from './call.js';
import { keptParts, mediaReady, noAdjacentText, noUrlInFirstText } from './parts.js';

/**
 * Apple's send effects by name. Chert checks `effect` against a list it does not publish;
 * the sandbox takes Apple's bubble and screen effects and answers 4098 with this list.
 */
const EFFECTS = ['slam', 'loud', 'gentle', 'invisible_ink', 'echo', 'spotlight', 'balloons', 'confetti', 'love', 'lasers', 'fireworks', 'celebration'];

/** Chert splits `/send`'s text on blank lines into separate bubbles. */
function bubbles(text: string): Record<string, unknown>[] {
  return text
    .split(/\n[ \t]*\n/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((value) => ({ type: 'text', value }));
}

/** A chat the line is still in; a group the line left answers as the operation refuses a chat of the wrong kind. */
export function usable(call: Call, chat: ChatRecord): ChatRecord {
  if (chat.left) throw new ChertRefusal(answeredCode(call.op, [1006, 4099]), `the line left chat ${chat.id}: it is no longer a group the line is in`);
  return chat;
}

const sendMessage: Handler = (call) => {
  const { sandbox, body } = call;
  let line = body.phone_line_id === undefined ? undefined : sandbox.state.line(String(body.phone_line_id));
  if (body.phone_line_id !== undefined && !line) {
    throw new ChertRefusal(2006, `/phone_line_id: line ${body.phone_line_id} is not one of this tenant's (listPhoneNumbers)`);
  }
  if (body.effect !== undefined && !EFFECTS.includes(String(body.effect))) {
    throw new ChertRefusal(4098, `/effect: ${body.effect} is not an effect the sandbox knows`, undefined, { allowed_effects: EFFECTS });
  }
  const media = attachmentsOf(sandbox, Array.isArray(body.attachments) ? body.attachments : []);
  const parts = [...bubbles(String(body.body)), ...media];
  if (!parts.length) throw new ChertRefusal(1002, '/body has no text to send');
  const phone = String(body.phone);
  line ??= sandbox.lineFor(phone);
  const { chat, created } = sandbox.directChat(phone, line);
  if (typeof body.name === 'string' && body.name.trim()) chat.name = body.name.trim();
  if (typeof body.external_id === 'string') chat.externalId = body.external_id;
  const message = sandbox.sendOutbound(chat, parts);
  return ok(call, {
    status: 'sent',
    message_id: message.id,
    lead_id: chat.id,
    lead_created: created,
    convo_id: chat.convoId,
    phone_line_id: chat.lineId,
  });
};

/** `/send`'s attachments as media parts: each must exist (5001) and be uploaded (5004). */
function attachmentsOf(sandbox: Sandbox, entries: unknown[]): Record<string, unknown>[] {
  return entries.map((entry, index) => {
    const id = typeof entry === 'string' ? entry : String((entry as Record<string, unknown>).id ?? (entry as Record<string, unknown>).attachment_id);
    const attachment = sandbox.state.attachments.get(id);
    if (!attachment) throw new ChertRefusal(5001, `/attachments/${index}: attachment ${id} does not exist in the sandbox`, undefined, { attachment_index: index });
    if (!attachment.bytes) {
      throw new ChertRefusal(5004, `/attachments/${index}: attachment ${id} has no bytes yet; PUT them to its upload_url first`, undefined, { attachment_index: index });
    }
    return { type: 'media', attachment_id: id };
  });
}

const createChat: Handler = (call) => {
  const { sandbox, body } = call;
  const line = sandbox.state.lineByNumber(String(body.from));
  if (!line) throw new ChertRefusal(2006, `/from: ${body.from} is not one of this tenant's lines (listPhoneNumbers)`);
  const recipients = [...new Set((body.to as unknown[]).map(String))].filter((to) => to !== line.number);
  if (!recipients.length) throw new ChertRefusal(1002, `/to names only the sending line ${line.number}`);
  const parts = keptParts(sandbox, body.message.parts as unknown[]);
  noUrlInFirstText(parts, '/message/parts');
  noAdjacentText(parts, '/message/parts');
  mediaReady(sandbox, parts, '/message/parts', { unknown: answeredCode(call.op, [5001, 1002]), notUploaded: answeredCode(call.op, [5004, 1002]) });
  const subject = typeof body.message.subject === 'string' && body.message.subject.trim() ? body.message.subject.trim() : null;
  const chat = recipients.length === 1 ? sandbox.directChat(recipients[0]!, line).chat : sandbox.openChat(recipients, line, subject);
  const message = sandbox.sendOutbound(chat, parts);
  return ok(call, { chat: sandbox.views.chat(chat), message: sandbox.views.message(message, true) });
};

const sendChatMessage: Handler = (call) => {
  const { sandbox, body } = call;
  const chat = usable(call, sandbox.chat(call.params.id!));
  const parts = keptParts(sandbox, body.message.parts as unknown[]);
  noAdjacentText(parts, '/message/parts');
  mediaReady(sandbox, parts, '/message/parts', { unknown: answeredCode(call.op, [5001, 1002]), notUploaded: answeredCode(call.op, [5004, 1002]) });
  const message = sandbox.sendOutbound(chat, parts);
  return ok(call, { message: sandbox.views.message(message, true) });
};

const listChatMessages: Handler = (call) => {
  const { sandbox } = call;
  const chat = sandbox.chat(call.params.id!);
  const limit = sandbox.facts.historyLimit;
  const recent = chat.messageIds.slice(-limit);
  return ok(call, {
    messages: recent.map((id) => sandbox.views.message(sandbox.state.messages.get(id)!)),
    has_more: chat.messageIds.length > limit,
  });
};

export const sending: Record<string, Handler> = { sendMessage, createChat, sendChatMessage, listChatMessages };
