/**
 * The sandbox's control API, outside `/api/v1` and never in the API document: what a test
 * suite (or a curl in another terminal) does to the sandbox that Chert's API cannot: a
 * customer's message or tapback arrives, the state is reset, read, or its clock moved,
 * webhook deliveries are waited for. Its answers and errors are the mock's own (errors in
 * the mock-error shape, never Chert's envelope). No credentials: the sandbox listens on
 * loopback.
 */
import type { IncomingMessage } from 'node:http';
import type { Answer } from '../http/answer.js';
import { readBody } from '../http/body.js';
import { MockRefusal } from '../mock-error.js';
import { deliveryChatId } from './handlers/locations.js';
import type { Sandbox } from './sandbox.js';
import { ControlInputError, simulateInbound, simulateReaction } from './simulate.js';

export const CONTROL_PREFIX = '/_sandbox/';

/** Inbound media arrive base64 in the body: room for a photo or two. */
const CONTROL_BODY_LIMIT = 32 * 1024 * 1024;

interface Route {
  method: 'GET' | 'POST';
  run(sandbox: Sandbox, body: Record<string, unknown>): unknown | Promise<unknown>;
  /** What it does, for the 404 that lists the routes. */
  does: string;
}

const ROUTES: Record<string, Route> = {
  inbound: { method: 'POST', does: 'a customer sends a message: { from, chat_id?, to?, text | parts }', run: (s, b) => simulateInbound(s, b as never) },
  react: { method: 'POST', does: 'a customer adds or removes a tapback: { message_id, reaction, from?, removed? }', run: (s, b) => simulateReaction(s, b as never) },
  reset: {
    method: 'POST',
    does: 'back to the start: the lines, and the seed (--seed) if any',
    run: (s) => {
      s.reset();
      return { status: 'reset', now: s.clock.iso() };
    },
  },
  state: { method: 'GET', does: 'the whole state, secrets left out', run: (s) => stateView(s) },
  clock: {
    method: 'POST',
    does: 'GET reads the clock; POST { advance_ms } or { advance_seconds } moves it forward',
    run: (s, b) => {
      const ms = b.advance_ms !== undefined ? b.advance_ms : b.advance_seconds !== undefined ? Number(b.advance_seconds) * 1000 : undefined;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
        throw new ControlInputError('give advance_ms or advance_seconds: a number ≥ 0 (the clock only moves forward)');
      }
      s.clock.advance(ms);
      return { now: s.clock.iso() };
    },
  },
  settle: {
    method: 'POST',
    does: 'waits until no webhook delivery is in flight or waiting for a retry',
    run: async (s) => {
      await s.deliverer.settled();
      return { pending_deliveries: s.deliverer.pending };
    },
  },
};

/** Every control route as `METHOD /_sandbox/name` (the clock is also read with GET). */
export function controlRoutes(): string[] {
  return Object.entries(ROUTES).flatMap(([name, r]) => [
    ...(name === 'clock' ? [`GET ${CONTROL_PREFIX}${name}`] : []),
    `${r.method} ${CONTROL_PREFIX}${name}`,
  ]);
}

export function isControlPath(path: string | undefined): boolean {
  return path !== undefined && path.startsWith(CONTROL_PREFIX);
}

export async function answerControl(sandbox: Sandbox, req: IncomingMessage, path: string): Promise<Answer> {
  const name = path.slice(CONTROL_PREFIX.length);
  const method = (req.method ?? 'GET').toUpperCase();
  const route = Object.hasOwn(ROUTES, name) ? ROUTES[name] : undefined;
  if (!route) {
    throw new MockRefusal({
      status: 404,
      title: 'No such sandbox control route',
      detail: `${method} ${path} is not a control route of the sandbox.`,
      available: Object.entries(ROUTES).map(([n, r]) => `${r.method} ${CONTROL_PREFIX}${n}: ${r.does}`),
    });
  }
  // The clock is read with GET and moved with POST.
  if (name === 'clock' && method === 'GET') return json({ now: sandbox.clock.iso() });
  if (method !== route.method) {
    const allow = name === 'clock' ? 'GET, POST' : route.method;
    throw new MockRefusal({ status: 405, title: 'Method not allowed here', detail: `${path} takes ${allow}.`, headers: { Allow: allow } });
  }
  let body: Record<string, unknown> = {};
  if (method === 'POST') {
    const read = await readBody(req, CONTROL_BODY_LIMIT);
    if (read.over) throw new MockRefusal({ status: 413, title: 'Body too large for the mock', detail: `Control requests are read up to ${CONTROL_BODY_LIMIT} bytes.` });
    const text = read.bytes.toString('utf8').trim();
    if (text) {
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch (error) {
        throw refusal(path, `the body is not JSON: ${(error as Error).message}`);
      }
    }
  }
  try {
    return json(await route.run(sandbox, body ?? {}));
  } catch (error) {
    if (error instanceof ControlInputError) throw refusal(path, error.message);
    throw error;
  }
}

function refusal(path: string, detail: string): MockRefusal {
  return new MockRefusal({ status: 400, title: 'Bad sandbox control request', detail: `${path}: ${detail}`, askedFor: { path } });
}

function json(body: unknown): Answer {
  return { status: 200, headers: {}, body, mediaType: 'application/json', violations: { request: [], response: [] } };
}

/** Everything the sandbox holds, as a test wants to read it; subscription secrets never. */
export function stateView(sandbox: Sandbox): Record<string, unknown> {
  const { state, views } = sandbox;
  return {
    now: sandbox.clock.iso(),
    lines: state.lines.map((l) => ({ id: l.id, phone_number: l.number })),
    chats: [...state.chats.values()].map((chat) => ({
      ...views.chat(chat),
      line: state.lineOf(chat).number,
      delivery_chat_id: deliveryChatId(chat),
      left: chat.left,
      typing: chat.typing,
      external_id: chat.externalId,
      messages: chat.messageIds.map((id) => {
        const message = state.messages.get(id)!;
        return {
          ...views.message(message),
          from: message.from,
          reactions: message.reactions.map((r) => ({ reaction: r.reaction, by: r.by, at: sandbox.clock.iso(r.at) })),
          edits: message.edits.map((e) => ({ part_index: e.partIndex, text: e.text, at: sandbox.clock.iso(e.at) })),
        };
      }),
    })),
    attachments: [...state.attachments.values()].map((a) => ({
      id: a.id,
      filename: a.filename,
      content_type: a.contentType,
      size_bytes: a.size,
      uploaded: a.bytes !== null,
      origin: a.origin,
    })),
    subscriptions: [...state.subscriptions.values()].map((s) => views.subscription(s)),
    events: state.events.map((e) => views.event(e)),
    stream_clients: sandbox.hub.size,
    pending_deliveries: sandbox.deliverer.pending,
  };
}
