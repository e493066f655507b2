/**
 * The public types of `startMock`. Every optional field also takes an explicit `undefined`
 * (`signingSecret: process.env.X`), so options compile under `exactOptionalPropertyTypes`.
 */
import type { Chat, Event as ChertEvent, Message, Reaction } from '@chert/types';

/**
 * `sandbox` (the default): a stateful local Chert. `examples`: every valid request gets
 * the document's example answer, nothing is kept.
 */
export type MockMode = 'sandbox' | 'examples';

export interface MockOptions {
  /** Default `sandbox`. Ignored in proxy mode. */
  mode?: MockMode | undefined;
  /** Port to listen on; 0 picks a free one. Default: the port of the document's local server (4010). */
  port?: number | undefined;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string | undefined;
  /**
   * The tenant's signing secret. With it, the HMAC v1 signature is verified (HMAC-SHA256,
   * within the clock window the document declares) and a bearer token must equal it;
   * without it, the mock only checks that credentials are present.
   */
  signingSecret?: string | undefined;
  /** Also log Prism's own lines (negotiation, validation) for every request. */
  verbose?: boolean | undefined;
  /** Where log lines go (one per request, plus Prism's with `verbose`). Default: nowhere. */
  log?: ((line: string) => void) | undefined;
  /**
   * Proxy mode: forward every request to this Chert base URL through Prism's validation
   * proxy and report whatever breaks the document, instead of answering from examples.
   */
  proxy?: string | undefined;
  /** Path of a bundled OpenAPI document (JSON or YAML) to serve instead of `@chert/openapi`'s. */
  document?: string | undefined;
  /** Called once per request with what the mock answered and why. */
  onReport?: ((report: RequestReport) => void) | undefined;

  // The sandbox's options (mode `sandbox`).

  /** The sender lines' numbers, in E.164. Default `+14155550100` and `+14155550101`. */
  lines?: string[] | undefined;
  /** A snapshot file: loaded on start when it exists, written by `close()` (and on Ctrl-C). */
  state?: string | undefined;
  /**
   * `examples`: start with what the document's examples show, under their ids (the chats
   * `ch_8f3k2m9q` and `6f1c2e9a-…`, their messages, attachments with bytes, webhook
   * subscriptions, events), so the ids of the docs' samples work; `reset()` goes back to it.
   * Not applied when `state` loads a snapshot. Default: only the lines.
   */
  seed?: 'examples' | undefined;
  /** Deliver webhooks to any address; by default only to loopback addresses. */
  allowRemoteWebhooks?: boolean | undefined;
  /** How long an outbound message stays `sent` before it is `delivered`. Default 500 ms. */
  deliveredAfterMs?: number | undefined;
  /** How long one webhook attempt may take. Default 2,000 ms. */
  webhookTimeoutMs?: number | undefined;
  /** The wait before a webhook's second attempt; each later one waits twice as long. Default 100 ms. */
  webhookBackoffMs?: number | undefined;
  /** The event stream's heartbeat interval. Default: the document's (15 s). */
  streamHeartbeatMs?: number | undefined;
  /** How long an event stream connection lasts. Default: the document's (60 s). */
  streamLifeMs?: number | undefined;
  /** The sandbox clock's source, epoch milliseconds. Default `Date.now`. */
  now?: (() => number) | undefined;
}

export interface RunningMock {
  /** Base URL to hand a client, e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  host: string;
  mode: MockMode | 'proxy';
  /** Stops listening and ends open connections (the sandbox writes its `state` file first). */
  close(): Promise<void>;
}

/** A part of a simulated inbound message: text, a link, or media given as its bytes. */
export type InboundPart =
  | { type: 'text'; value: string }
  | { type: 'rich_link'; url: string; title?: string; summary?: string; image_url?: string; icon_url?: string }
  | { type: 'media'; bytes: Uint8Array; contentType?: string; filename?: string };

/** A customer's message to one of your lines. */
export type InboundInput = {
  /** The sender's phone (E.164) or email address. */
  from: string;
  /** An existing chat the sender is in; without it, the sender's 1:1 chat (opened if new). */
  chatId?: string;
  /** The line that receives a new 1:1 chat (a line's number); default the sender's pinned line, or the first. */
  to?: string;
} & ({ text: string; parts?: never } | { parts: InboundPart[]; text?: never });

export interface InboundResult {
  chat: Chat;
  message: Message;
  /** The events recorded: `message.received`, then the legacy `lead_reply`. */
  events: ChertEvent[];
}

/** A customer's tapback on a message. */
export interface ReactInput {
  messageId: string;
  reaction: Reaction;
  /** Who reacts: a participant of the message's chat; default its first. */
  from?: string;
  /** True to take the tapback away (`reaction.removed`). */
  removed?: boolean;
}

export interface SandboxStats {
  /** Sockets open on the server (keep-alive and event streams included). */
  openConnections: number;
  streamClients: number;
  /** Webhook deliveries in flight or waiting for their next attempt. */
  pendingDeliveries: number;
}

/** The mock in sandbox mode, with the control of a test suite. */
export interface RunningSandbox extends RunningMock {
  mode: 'sandbox';
  /** A customer's message arrives: recorded, delivered to the subscriptions, on the stream. */
  inbound(input: InboundInput): Promise<InboundResult>;
  /** A customer adds (or removes) a tapback. */
  react(input: ReactInput): Promise<{ event: ChertEvent }>;
  /** Back to the start: the lines, and the seed if it was started with one (and the clock to now). */
  reset(): Promise<void>;
  /** Moves the sandbox's clock forward (edit windows, delivery, timestamps); returns the new time. */
  advanceClock(ms: number): Date;
  /** The sandbox's clock. */
  now(): Date;
  /** Resolves once no webhook delivery is in flight or waiting for a retry. */
  settle(): Promise<void>;
  stats(): Promise<SandboxStats>;
  /** The whole state as JSON, secrets left out (what `GET /_sandbox/state` answers). */
  snapshot(): Record<string, unknown>;
}

export interface RequestReport {
  method: string;
  path: string;
  /** The operationId, when the path and method matched one. */
  operation?: string;
  status: number;
  /** Chert's `error.code`, on an error answer. */
  code?: number;
  /** The document example the answer was rendered from. */
  example?: string;
  /** Why the answer is what it is (the violation or credential fact), for errors. */
  reason?: string;
  traceId: string;
  /** True when the answer is the mock's own (unknown route, bad Prefer…), not Chert's. */
  mockError: boolean;
  /** What broke the document: the request's violations and the response's. */
  violations: { request: string[]; response: string[] };
}
