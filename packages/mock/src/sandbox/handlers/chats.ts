/**
 * A chat's own operations: read receipts, typing, and the group's name, icon and members.
 * Group operations refuse a 1:1 chat (1006); Apple's limits come from the document: at
 * most `createChat`'s recipients, at least `x-chert-group-min-members` members with the
 * line counted.
 */
import { ChertRefusal } from '../refusal.js';
import type { ChatRecord } from '../state.js';
import { ok, type Call, type Handler } from './call.js';
import { usable } from './sending.js';

function group(call: Call): ChatRecord {
  const chat = call.sandbox.chat(call.params.id!);
  if (!chat.isGroup) throw new ChertRefusal(1006, `chat ${chat.id} is a 1:1 chat, not a group`);
  if (chat.left) throw new ChertRefusal(1006, `the line left chat ${chat.id}: it is no longer a group from the line's point of view`);
  return chat;
}

/** Phone numbers as sent, email addresses in lower case. */
function normalised(address: string): string {
  return address.includes('@') ? address.trim().toLowerCase() : address.trim();
}

/** Members a group keeps, the line included, after the change this operation makes. */
function keepsAtLeast(call: Call, chat: ChatRecord, leaving: number, what: string): void {
  const minimum = call.sandbox.facts.groupMinMembers.get(call.op.id);
  if (minimum === undefined) return;
  const after = chat.participants.length + 1 - leaving;
  if (after < minimum) {
    throw new ChertRefusal(1002, `${what} would leave ${after} members (the line included); Apple keeps a group at ${minimum} or more`);
  }
}

const markChatRead: Handler = (call) => {
  const { sandbox } = call;
  const chat = usable(call, sandbox.chat(call.params.id!));
  const now = sandbox.now();
  for (const id of chat.messageIds) {
    const message = sandbox.state.messages.get(id)!;
    if (message.direction === 'inbound' && message.readAt === null) message.readAt = now;
  }
  return ok(call, { chat_id: chat.id, status: 'read' });
};

const setChatTyping: Handler = (call) => {
  const chat = usable(call, call.sandbox.chat(call.params.id!));
  chat.typing = call.body.state;
  return ok(call, { status: 'sent', chat_id: chat.id, state: call.body.state });
};

const updateChat: Handler = (call) => {
  const chat = group(call);
  if (typeof call.body.display_name === 'string') chat.name = call.body.display_name.trim();
  if (typeof call.body.group_chat_icon === 'string') chat.icon = call.body.group_chat_icon;
  return ok(call, { chat: call.sandbox.views.groupSummary(chat) });
};

const addChatParticipant: Handler = (call) => {
  const chat = group(call);
  const address = normalised(String(call.body.address ?? call.body.handle));
  const own = call.sandbox.state.lineOf(chat).number;
  if (address !== own && !chat.participants.includes(address)) {
    const most = call.sandbox.facts.maxRecipients;
    if (chat.participants.length >= most) throw new ChertRefusal(1006, `chat ${chat.id} already has ${most} participants besides the line, the most a group holds`);
    chat.participants.push(address);
  }
  return ok(call, { chat_id: chat.id, added: address, participants: [...chat.participants] });
};

const removeChatParticipant: Handler = (call) => {
  const chat = group(call);
  const address = normalised(call.params.address!);
  if (!chat.participants.includes(address)) throw new ChertRefusal(1001, `${address} is not in group ${chat.id}`);
  keepsAtLeast(call, chat, 1, `removing ${address}`);
  chat.participants = chat.participants.filter((p) => p !== address);
  return ok(call, { chat_id: chat.id, removed: address, participants: [...chat.participants] });
};

const leaveChat: Handler = (call) => {
  const chat = group(call);
  keepsAtLeast(call, chat, 1, 'leaving');
  chat.left = true;
  return ok(call, { chat_id: chat.id, status: 'left' });
};

export const chats: Record<string, Handler> = { markChatRead, setChatTyping, updateChat, addChatParticipant, removeChatParticipant, leaveChat };
