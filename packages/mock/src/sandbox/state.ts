/**
 * The sandbox's state: sender lines, chats, messages, attachments, webhook subscriptions,
 * the event log and the idempotency records, in plain records (times in epoch
 * milliseconds) that a snapshot writes as JSON. Everything a request changes, it changes
 * here, synchronously, so two requests never interleave halfway through a change.
 */
import { ids } from './ids.js';

export type Direction = 'inbound' | 'outbound';

export interface LineRecord {
  id: string;
  number: string;
}

export interface ChatRecord {
  id: string;
  convoId: string;
  /** The sender line pinned to the chat. */
  lineId: string;
  isGroup: boolean;
  /** The recipients' addresses (the line not included), in the order they joined. */
  participants: string[];
  /** A group's name (its subject or rename); for a 1:1 chat, the lead's name if known. */
  name: string | null;
  icon: string | null;
  createdAt: number;
  /** The line left the group: it is no longer a group from the line's point of view. */
  left: boolean;
  typing: 'typing' | 'stopped' | null;
  externalId: string | null;
  messageIds: string[];
}

export interface ReactionRecord {
  reaction: string;
  /** The address that reacted, or the line's number for your own tapbacks. */
  by: string;
  at: number;
}

export interface MessageRecord {
  id: string;
  chatId: string;
  direction: Direction;
  /** The sender: a recipient's address (inbound) or the line's number (outbound). */
  from: string;
  parts: Record<string, unknown>[];
  createdAt: number;
  /** When the message reached the device: outbound, after the sandbox's delivery delay. */
  deliverAt: number;
  readAt: number | null;
  reactions: ReactionRecord[];
  edits: { partIndex: number; text: string; at: number }[];
}

export interface AttachmentRecord {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  createdAt: number;
  expiresAt: number;
  /** The bytes, once uploaded (or, for inbound media and cards, from the start). */
  bytes: Buffer | null;
  origin: 'upload' | 'inbound' | 'card';
}

export interface SubscriptionRecord {
  id: string;
  url: string;
  events: string[];
  version: string;
  isActive: boolean;
  createdAt: number;
  secret: string;
}

export type TargetState = 'pending' | 'delivered' | 'failed' | 'dev_inbox';

export interface DeliveryTarget {
  subscriptionId: string;
  url: string;
  state: TargetState;
}

export interface AttemptRecord {
  at: number;
  status: number;
  durationMs: number;
  subscriptionId: string;
  error?: string;
}

export interface EventRecord {
  /** Order of creation; cursors point at it. */
  seq: number;
  id: string;
  type: string;
  eventId: string;
  chatId: string;
  convoId: string;
  payload: Record<string, unknown>;
  createdAt: number;
  targets: DeliveryTarget[];
  attempts: AttemptRecord[];
  deliveredAt: number | null;
}

export interface IdempotencyRecord {
  fingerprint: string;
  status: number;
  body: unknown;
}

export class SandboxState {
  lines: LineRecord[] = [];
  chats = new Map<string, ChatRecord>();
  messages = new Map<string, MessageRecord>();
  attachments = new Map<string, AttachmentRecord>();
  subscriptions = new Map<string, SubscriptionRecord>();
  events: EventRecord[] = [];
  eventsById = new Map<string, EventRecord>();
  idempotency = new Map<string, IdempotencyRecord>();
  seq = 0;

  constructor(lineNumbers: string[]) {
    this.lines = lineNumbers.map((number) => ({ id: ids.line(number), number }));
  }

  line(id: string): LineRecord | undefined {
    return this.lines.find((l) => l.id === id);
  }

  lineByNumber(number: string): LineRecord | undefined {
    return this.lines.find((l) => l.number === number);
  }

  lineOf(chat: ChatRecord): LineRecord {
    return this.line(chat.lineId) ?? this.lines[0]!;
  }

  /** The 1:1 chat with `address`, whichever line it is pinned to. */
  directChatWith(address: string): ChatRecord | undefined {
    for (const chat of this.chats.values()) {
      if (!chat.isGroup && chat.participants[0] === address) return chat;
    }
    return undefined;
  }

  addChat(chat: ChatRecord): ChatRecord {
    this.chats.set(chat.id, chat);
    return chat;
  }

  addMessage(message: MessageRecord): MessageRecord {
    this.messages.set(message.id, message);
    this.chats.get(message.chatId)?.messageIds.push(message.id);
    return message;
  }

  addEvent(event: Omit<EventRecord, 'seq'>): EventRecord {
    const record = { ...event, seq: ++this.seq };
    this.events.push(record);
    this.eventsById.set(record.id, record);
    return record;
  }
}
