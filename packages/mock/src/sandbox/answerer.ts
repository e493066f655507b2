/**
 * The sandbox mode's answerer: after the shared front (routing, credentials, Prism's
 * validation, `Prefer`), each operation's handler answers from the sandbox's state. It
 * keeps idempotency keys, turns a handler's refusal into the operation's documented error,
 * and answers an operation it does not model from the document's examples, as the
 * examples mode does.
 */
import type { Answerer } from '../front/front.js';
import type { Answer } from '../http/answer.js';
import { isLoopbackHttpUrl } from './address-policy.js';
import { bodyOf, type Call, type Handler } from './handlers/call.js';
import { attachments } from './handlers/attachments.js';
import { chats } from './handlers/chats.js';
import { contacts } from './handlers/contacts.js';
import { events } from './handlers/events.js';
import { lines } from './handlers/lines.js';
import { locations } from './handlers/locations.js';
import { messages } from './handlers/messages.js';
import { sending } from './handlers/sending.js';
import { subscriptions } from './handlers/subscriptions.js';
import { fingerprint, keyAt, lookup, scopeOf } from './idempotency.js';
import { refuseMagic } from './magic.js';
import { ChertRefusal } from './refusal.js';
import type { Sandbox } from './sandbox.js';

export const HANDLERS: Record<string, Handler> = {
  ...sending,
  ...chats,
  ...messages,
  ...contacts,
  ...locations,
  ...attachments,
  ...lines,
  ...subscriptions,
  ...events,
};

export function sandboxAnswerer(sandbox: Sandbox, fallback: Answerer): Answerer {
  return {
    // Chert asks for https; the sandbox also takes a loopback http receiver.
    waive(op, violation, body) {
      if (!(op.id in subscriptions) || body.kind !== 'json') return false;
      const [where, field, ...deeper] = violation.path ?? [];
      if (where !== 'body' || field !== 'url' || deeper.length) return false;
      return isLoopbackHttpUrl((body.value as Record<string, unknown> | null)?.url);
    },

    async answer(request, answers) {
      const { op } = request;
      const handler = HANDLERS[op.id];
      if (!handler) return fallback.answer(request, answers);
      const call: Call = { op, request, body: bodyOf(request), params: request.params, query: request.query, sandbox, answers };

      const pointer = sandbox.facts.idempotencyKeys.get(op.id);
      const key = pointer === undefined ? undefined : keyAt(call.body, pointer);
      let scope: string | undefined;
      let print: string | undefined;
      if (key !== undefined) {
        const tenantHeader = sandbox.facts.tenantHeader;
        const tenant = tenantHeader ? String(request.headers[tenantHeader] ?? '') : '';
        scope = scopeOf(tenant, op.id, key);
        print = fingerprint(call.body);
        const seen = lookup(sandbox.state.idempotency, scope, print);
        if (seen.kind === 'same') {
          return {
            status: seen.record.status,
            headers: {},
            body: structuredClone(seen.record.body),
            mediaType: 'application/json',
            operation: op.id,
            reason: `idempotency_key ${key} seen before: the original answer, nothing sent`,
            violations: { request: [], response: [] },
          };
        }
        if (seen.kind === 'conflict') {
          return answers.error(1002, `${pointer}: ${key} was already used with another body; nothing was sent (use a fresh key per message)`);
        }
      }

      let answer: Answer;
      try {
        // Handlers that take a key change the state synchronously: the key is recorded
        // before any other request can look it up.
        refuseMagic(call);
        const result = handler(call);
        answer = result instanceof Promise ? await result : result;
      } catch (error) {
        if (!(error instanceof ChertRefusal)) throw error;
        return answers.error(error.code, error.message, {
          ...(error.status !== undefined ? { status: error.status } : {}),
          ...(error.fields ? { fields: error.fields } : {}),
        });
      }
      if (scope !== undefined && print !== undefined && answer.status >= 200 && answer.status < 300) {
        sandbox.state.idempotency.set(scope, { fingerprint: print, status: answer.status, body: structuredClone(answer.body) });
      }
      return answer;
    },
  };
}
