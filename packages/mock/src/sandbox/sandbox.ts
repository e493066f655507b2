/**
 * One running sandbox: its state, clock, views, webhook deliverer and event stream, and the
 * changes every handler and the control API share (find or open a chat, add a message,
 * record an event and hand it to its subscriptions and to the stream).
 */
import type { LoadedDocument } from '../document/load.js';
import { Deliverer } from './delivery.js';
import { readFacts, type SandboxFacts } from './facts.js';
import { ids } from './ids.js';
import { afterSend } from './magic.js';
import { loadState, saveState } from './persistence.js';
import { ChertRefusal } from './refusal.js';
import { plantExamples, type SeedName } from './seed.js';
import { SandboxClock } from './clock.js';
import {
  SandboxState,
  type AttachmentRecord,
  type ChatRecord,
  type DeliveryTarget,
  type EventRecord,
  type LineRecord,
  type MessageRecord,
} from './state.js';
import { StreamHub } from './stream.js';
import { Views } from './views.js';

export interface SandboxOptions {
  /** The sender lines' numbers (E.164). */
  lines: string[];
  /** Snapshot file: loaded on start, written on close. */
  stateFile: string | undefined;
  /** What a fresh state starts with besides the lines (a loaded snapshot has its own). */
  seed: SeedName | undefined;
  allowRemoteWebhooks: boolean;
  /** How long an outbound message stays `sent` before it is `delivered`. */
  deliveredAfterMs: number;
  webhookTimeoutMs: number;
  webhookBackoffMs: number;
  streamHeartbeatMs: number | undefined;
  streamLifeMs: number | undefined;
  /** The clock's source (default `Date.now`). */
  now: (() => number) | undefined;
  /** The tenant slug payloads carry as `partner_id`. */
  tenant: string;
  log: (line: string) => void;
}

/** The sandbox's own settings, not Chert's: short, so tests do not wait. */
export const SANDBOX_DEFAULTS = {
  /** Fictional numbers (555-01xx); the first is the line of the document's examples. */
  lines: ['+14155550100', '+14155550101'],
  deliveredAfterMs: 500,
  webhookTimeoutMs: 2_000,
  webhookBackoffMs: 100,
  tenant: 'sandbox',
};

export class Sandbox {
  readonly facts: SandboxFacts;
  readonly clock: SandboxClock;
  readonly views: Views;
  readonly deliverer: Deliverer;
  readonly hub: StreamHub;
  // Set by the constructor, through loadedState() or startFresh().
  state!: SandboxState;
  /** Where the sandbox listens, once it does. */
  baseUrl = 'http://127.0.0.1';

  constructor(
    readonly document: LoadedDocument,
    readonly options: SandboxOptions,
  ) {
    this.facts = readFacts(document);
    this.checkLines(options.lines);
    this.clock = new SandboxClock(options.now ?? Date.now);
    const loaded = this.loadedState();
    if (loaded) this.state = loaded;
    else this.startFresh();
    this.views = new Views(() => this.state, this.facts, () => this.clock.now());
    this.hub = new StreamHub({
      heartbeatMs: options.streamHeartbeatMs ?? this.facts.stream.heartbeatSeconds * 1000,
      lifeMs: options.streamLifeMs ?? this.facts.stream.connectionSeconds * 1000,
      closeEvent: this.facts.stream.closeEvent,
    });
    this.deliverer = new Deliverer(
      this.facts.delivery,
      { timeoutMs: options.webhookTimeoutMs, backoffMs: options.webhookBackoffMs, allowRemote: options.allowRemoteWebhooks },
      {
        now: () => this.clock.now(),
        subscription: (id) => this.state.subscriptions.get(id),
        attempted: (event, target, attempt, n) =>
          this.options.log(
            `  webhook ${event.type} ${event.id} → ${target.url} ${attempt.status || '-'}${attempt.error ? ` (${attempt.error})` : ''} attempt ${n}/${this.facts.delivery.maxAttempts} ${attempt.durationMs} ms`,
          ),
      },
    );
    // Deliveries a previous run left unfinished carry on.
    for (const event of this.state.events) if (event.targets.some((t) => t.state === 'pending')) this.deliverer.dispatch(event);
  }

  private checkLines(lines: string[]): void {
    if (!lines.length) throw new Error('lines: the sandbox needs at least one sender line');
    const bad = lines.find((n) => !this.facts.linePattern.test(n));
    if (bad !== undefined) throw new Error(`lines: "${bad}" is not a phone number in E.164 (pattern ${this.facts.linePattern.source})`);
    const twice = lines.find((n, i) => lines.indexOf(n) !== i);
    if (twice !== undefined) throw new Error(`lines: ${twice} is named twice`);
  }

  private loadedState(): SandboxState | undefined {
    const file = this.options.stateFile;
    const loaded = file ? loadState(file) : undefined;
    if (!loaded) return undefined;
    for (const number of this.options.lines) {
      if (!loaded.lineByNumber(number)) loaded.lines.push({ id: ids.line(number), number });
    }
    return loaded;
  }

  /** The lines, and the seed's records when there is a seed. */
  private startFresh(): void {
    this.state = new SandboxState(this.options.lines);
    if (this.options.seed === 'examples') plantExamples(this);
  }

  now(): number {
    return this.clock.now();
  }

  /** Back to the start: the lines (and the seed, if any); deliveries waiting are dropped. */
  reset(): void {
    this.deliverer.cancel();
    this.clock.reset();
    this.startFresh();
  }

  /** Stops deliveries and streams; writes the snapshot when there is a state file. */
  close(): void {
    this.deliverer.cancel();
    this.hub.closeAll();
    if (this.options.stateFile) saveState(this.options.stateFile, this.state);
  }

  // Lookups that answer the operation's "not found" when they find nothing.

  chat(id: string): ChatRecord {
    const chat = this.state.chats.get(id);
    if (!chat) throw new ChertRefusal(2002, `chat ${id} does not exist in the sandbox`);
    return chat;
  }

  message(id: string): MessageRecord {
    const message = this.state.messages.get(id);
    if (!message) throw new ChertRefusal(2003, `message ${id} does not exist in the sandbox`);
    return message;
  }

  /** The line a new conversation with `address` goes out from: its pinned line, or the first. */
  lineFor(address: string): LineRecord {
    const existing = this.state.directChatWith(address);
    return (existing && this.state.line(existing.lineId)) ?? this.state.lines[0]!;
  }

  /** The 1:1 chat with `address`, opened on first touch; `line` re-pins it. */
  directChat(address: string, line?: LineRecord): { chat: ChatRecord; created: boolean } {
    const existing = this.state.directChatWith(address);
    if (existing) {
      if (line) existing.lineId = line.id;
      return { chat: existing, created: false };
    }
    return { chat: this.openChat([address], line ?? this.state.lines[0]!, null), created: true };
  }

  openChat(participants: string[], line: LineRecord, name: string | null): ChatRecord {
    const at = this.now();
    return this.state.addChat({
      id: ids.chat(),
      convoId: ids.conversation(at),
      lineId: line.id,
      isGroup: participants.length > 1,
      participants: [...participants],
      name,
      icon: null,
      createdAt: at,
      left: false,
      typing: null,
      externalId: null,
      messageIds: [],
    });
  }

  sendOutbound(chat: ChatRecord, parts: Record<string, unknown>[]): MessageRecord {
    const at = this.now();
    const message = this.state.addMessage({
      id: ids.message(at),
      chatId: chat.id,
      direction: 'outbound',
      from: this.state.lineOf(chat).number,
      parts,
      createdAt: at,
      deliverAt: at + this.options.deliveredAfterMs,
      readAt: null,
      reactions: [],
      edits: [],
    });
    afterSend(this, chat, message);
    return message;
  }

  receiveInbound(chat: ChatRecord, from: string, parts: Record<string, unknown>[]): MessageRecord {
    const at = this.now();
    return this.state.addMessage({
      id: ids.inboundMessage(),
      chatId: chat.id,
      direction: 'inbound',
      from,
      parts,
      createdAt: at,
      deliverAt: at,
      readAt: null,
      reactions: [],
      edits: [],
    });
  }

  addAttachment(record: Omit<AttachmentRecord, 'createdAt'>): AttachmentRecord {
    const attachment = { ...record, createdAt: this.now() };
    this.state.attachments.set(attachment.id, attachment);
    return attachment;
  }

  /** A payload's common head, as `message.received` carries it. */
  payloadHead(type: string, eventId: string, version: string): Record<string, unknown> {
    return {
      event: type,
      event_id: eventId,
      timestamp: this.clock.iso(),
      api_version: this.facts.apiVersion,
      webhook_version: version,
      event_type: type,
      trace_id: ids.trace(),
      partner_id: this.options.tenant,
    };
  }

  /** The active subscriptions whose filter takes `type` (an empty filter takes every type). */
  subscribersOf(type: string) {
    return [...this.state.subscriptions.values()].filter((s) => s.isActive && (s.events.length === 0 || s.events.includes(type)));
  }

  /** The payload version: the first subscriber's, else the document's default. */
  versionFor(type: string): string {
    return this.subscribersOf(type)[0]?.version ?? this.facts.defaultWebhookVersion;
  }

  /**
   * Records an event in the log before any attempt (as Chert does), shows it on the
   * stream, and starts its deliveries.
   */
  emit(type: string, eventId: string, chat: ChatRecord, payload: Record<string, unknown>): EventRecord {
    const targets: DeliveryTarget[] = this.subscribersOf(type).map((s) => ({
      subscriptionId: s.id,
      url: s.url,
      state: this.isDevInbox(s.url) ? 'dev_inbox' : 'pending',
    }));
    const at = this.now();
    const event = this.state.addEvent({
      id: ids.event(at),
      type,
      eventId,
      chatId: chat.id,
      convoId: chat.convoId,
      payload,
      createdAt: at,
      targets,
      attempts: [],
      deliveredAt: null,
    });
    this.hub.publish(this.views.event(event));
    this.deliverer.dispatch(event);
    return event;
  }

  isDevInbox(url: string): boolean {
    const sentinel = this.facts.delivery.devInboxUrl;
    return url === sentinel || url === `${sentinel}/`;
  }
}
