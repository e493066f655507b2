/**
 * The sandbox's records as the API shows them: chats, messages, subscriptions (never with
 * their secret, except the one answer that creates them), event rows and the chat of a
 * webhook payload. Statuses that move with time (a message `sent`, then `delivered`) are
 * computed from the clock when read.
 */
import type { SandboxFacts } from './facts.js';
import type { ChatRecord, EventRecord, MessageRecord, SandboxState, SubscriptionRecord, TargetState } from './state.js';

/** A 1:1 chat or a group as a new chat starts: the score is Chert's own and undocumented. */
const HEALTH_SCORE = 100;

export class Views {
  constructor(
    private readonly state: () => SandboxState,
    private readonly facts: SandboxFacts,
    private readonly now: () => number,
  ) {}

  private iso(at: number): string {
    return new Date(at).toISOString();
  }

  chatName(chat: ChatRecord): string {
    if (chat.name) return chat.name;
    return chat.isGroup ? chat.participants.join(', ') : chat.participants[0]!;
  }

  chat(chat: ChatRecord): Record<string, unknown> {
    return {
      id: chat.id,
      display_name: this.chatName(chat),
      handles: chat.participants.map((address) => ({ service: this.facts.service, address })),
      is_group: chat.isGroup,
      service: this.facts.service,
      health_score: HEALTH_SCORE,
      created_at: this.iso(chat.createdAt),
      ...(chat.icon ? { group_chat_icon: chat.icon } : {}),
    };
  }

  groupSummary(chat: ChatRecord): Record<string, unknown> {
    return { id: chat.id, display_name: this.chatName(chat), group_chat_icon: chat.icon, is_group: true };
  }

  /** `asSent`: the message as the send answers it, before it reached the device. */
  message(message: MessageRecord, asSent = false): Record<string, unknown> {
    const delivered = !asSent && this.now() >= message.deliverAt;
    // A read receipt may be due later (a magic number reads a moment after delivery).
    const read = delivered && message.readAt !== null && this.now() >= message.readAt;
    return {
      id: message.id,
      chat_id: message.chatId,
      parts: message.parts.map((p) => ({ ...p })),
      status: delivered ? 'delivered' : 'sent',
      direction: message.direction,
      created_at: this.iso(message.createdAt),
      delivered_at: delivered ? this.iso(message.deliverAt) : null,
      read_at: read ? this.iso(message.readAt!) : null,
      service: this.facts.service,
    };
  }

  subscription(sub: SubscriptionRecord, withSecret = false): Record<string, unknown> {
    return {
      id: sub.id,
      url: sub.url,
      events: [...sub.events],
      version: sub.version,
      is_active: sub.isActive,
      created_at: this.iso(sub.createdAt),
      ...(withSecret ? { secret: sub.secret } : {}),
    };
  }

  /** A participant as webhook payloads name it. */
  handle(address: string, isMe: boolean): Record<string, unknown> {
    return { handle: address, service: this.facts.service, is_me: isMe };
  }

  webhookChat(chat: ChatRecord): Record<string, unknown> {
    const line = this.state().lineOf(chat);
    return {
      id: chat.id,
      is_group: chat.isGroup,
      handles: [...chat.participants.map((a) => this.handle(a, false)), this.handle(line.number, true)],
      owner_handle: this.handle(line.number, true),
    };
  }

  /** The event row: its delivery summed up over every subscription that takes it. */
  event(event: EventRecord): Record<string, unknown> {
    return {
      id: event.id,
      type: event.type,
      event_id: event.eventId,
      lead_id: event.chatId,
      convo_id: event.convoId,
      payload: event.payload,
      delivery: {
        status: deliveryStatus(event),
        url: event.targets.find((t) => t.state !== 'dev_inbox')?.url ?? this.facts.delivery.devInboxUrl,
        attempts: event.attempts.map((a) => ({
          at: this.iso(a.at),
          status: a.status,
          duration_ms: a.durationMs,
          subscription_id: a.subscriptionId,
          ...(a.error !== undefined ? { error: a.error } : {}),
        })),
        delivered_at: event.deliveredAt === null ? null : this.iso(event.deliveredAt),
      },
      created_at: this.iso(event.createdAt),
    };
  }
}

/**
 * HTTP subscriptions decide: pending while any is, then failed if any failed, else
 * delivered. An event that no HTTP subscription takes (only the dev inbox, or nothing at
 * all) is `dev_inbox`: recorded, never sent.
 */
export function deliveryStatus(event: EventRecord): TargetState {
  const http = event.targets.filter((t) => t.state !== 'dev_inbox');
  if (!http.length) return 'dev_inbox';
  if (http.some((t) => t.state === 'pending')) return 'pending';
  if (http.some((t) => t.state === 'failed')) return 'failed';
  return 'delivered';
}
