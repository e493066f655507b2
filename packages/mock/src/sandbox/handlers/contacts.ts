/**
 * Contact cards: a card sent into a chat (or to a phone, opening the chat on first touch)
 * is a message whose `media` part is the vCard, downloadable like any attachment; sharing
 * the line's own card sends the line's vCard.
 */
import { ids } from '../ids.js';
import type { Sandbox } from '../sandbox.js';
import type { ChatRecord } from '../state.js';
import { cardFileName, vcardOf } from '../vcard.js';
import { ok, type Call, type Handler } from './call.js';
import { usable } from './sending.js';

function sendCard(sandbox: Sandbox, chat: ChatRecord, vcard: string): void {
  const attachment = sandbox.addAttachment({
    id: ids.attachment(),
    filename: cardFileName(vcard),
    contentType: 'text/vcard',
    size: Buffer.byteLength(vcard),
    expiresAt: sandbox.now(),
    bytes: Buffer.from(vcard, 'utf8'),
    origin: 'card',
  });
  sandbox.sendOutbound(chat, [{ type: 'media', attachment_id: attachment.id }]);
}

function cardOf(call: Call): string {
  return typeof call.body.vcard_text === 'string' ? call.body.vcard_text : vcardOf(call.body.contact ?? {});
}

function ownCard(sandbox: Sandbox, chat: ChatRecord): string {
  const line = sandbox.state.lineOf(chat);
  return vcardOf({ full_name: line.number, phones: [{ value: line.number, label: 'iPhone' }] });
}

const sendContactToChat: Handler = (call) => {
  const chat = usable(call, call.sandbox.chat(call.params.id!));
  sendCard(call.sandbox, chat, cardOf(call));
  return ok(call, { chat_id: chat.id, status: 'sent' });
};

const sendContactToPhone: Handler = (call) => {
  const to = String(call.body.to);
  const { chat } = call.sandbox.directChat(to, call.sandbox.lineFor(to));
  sendCard(call.sandbox, chat, cardOf(call));
  return ok(call, { chat_id: chat.id, status: 'sent' });
};

const shareContactInfoToChat: Handler = (call) => {
  const chat = usable(call, call.sandbox.chat(call.params.id!));
  sendCard(call.sandbox, chat, ownCard(call.sandbox, chat));
  return ok(call, { chat_id: chat.id, status: 'shared' });
};

const shareContactInfoToPhone: Handler = (call) => {
  const to = String(call.body.to);
  const { chat } = call.sandbox.directChat(to, call.sandbox.lineFor(to));
  sendCard(call.sandbox, chat, ownCard(call.sandbox, chat));
  return ok(call, { chat_id: chat.id, status: 'shared' });
};

export const contacts: Record<string, Handler> = { sendContactToChat, sendContactToPhone, shareContactInfoToChat, shareContactInfoToPhone };
