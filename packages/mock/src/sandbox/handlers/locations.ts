/**
 * A one-time location pin, to a phone (first touch opens the chat) or into a chat by its
 * delivery chat id. The sandbox's delivery chat ids follow Apple's convention:
 * `iMessage;-;<address>` for a 1:1 chat, `iMessage;+;<chat id>` for a group. The pin is
 * kept in the history as the Apple Maps link Chert falls back to.
 */
import { ChertRefusal } from '../refusal.js';
import type { Sandbox } from '../sandbox.js';
import type { ChatRecord } from '../state.js';
import { ok, type Handler } from './call.js';
import { usable } from './sending.js';

export function deliveryChatId(chat: ChatRecord): string {
  return chat.isGroup ? `iMessage;+;${chat.id}` : `iMessage;-;${chat.participants[0]}`;
}

/** The chat a delivery chat id names, if the sandbox has it. */
export function chatByDeliveryChatId(sandbox: Sandbox, value: string): ChatRecord | undefined {
  const match = /^iMessage;([+-]);(.+)$/.exec(value);
  const chat = match
    ? match[1] === '+'
      ? sandbox.state.chats.get(match[2]!)
      : sandbox.state.directChatWith(match[2]!)
    : undefined;
  return chat && chat.isGroup === (match?.[1] === '+') ? chat : undefined;
}

function byDeliveryChatId(sandbox: Sandbox, value: string): ChatRecord {
  const chat = chatByDeliveryChatId(sandbox, value);
  if (!chat) {
    throw new ChertRefusal(1002, `/chat_id: ${value} is no chat of the sandbox (iMessage;-;<address> for a 1:1 chat, iMessage;+;<chat id> for a group)`);
  }
  return chat;
}

/** The pin as the Apple Maps `rich_link` Chert falls back to (the seed's pins too). */
export function mapsLink(body: Record<string, any>): Record<string, unknown> {
  const query = new URLSearchParams({ ll: `${body.latitude},${body.longitude}`, ...(body.label ? { q: String(body.label) } : {}) });
  return {
    type: 'rich_link',
    url: `https://maps.apple.com/?${query}`,
    ...(body.label ? { title: String(body.label) } : {}),
    ...(body.address ? { summary: String(body.address) } : {}),
  };
}

const sendLocation: Handler = (call) => {
  const { sandbox, body } = call;
  const chat = typeof body.phone === 'string' ? sandbox.directChat(body.phone, sandbox.lineFor(body.phone)).chat : usable(call, byDeliveryChatId(sandbox, String(body.chat_id)));
  const message = sandbox.sendOutbound(chat, [mapsLink(body)]);
  return ok(call, {
    message_id: message.id,
    status: 'queued',
    phone_line_id: chat.lineId,
    delivery: 'queued',
    location: {
      latitude: body.latitude,
      longitude: body.longitude,
      ...(body.label !== undefined ? { label: body.label } : {}),
      ...(body.address !== undefined ? { address: body.address } : {}),
      mode: 'balloon',
      ...(body.fallback_mode !== undefined ? { fallback_mode_requested: body.fallback_mode } : {}),
    },
  });
};

export const locations: Record<string, Handler> = { sendLocation };
