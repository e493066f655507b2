// The task-shaped methods: pick the operation from the addressing form, resolve to the
// success body, throw ChertApiError on failure.
import type {
  paths,
  ChatId,
  Contact,
  E164Phone,
  OperationId,
  SendContactResult,
  ShareContactResult,
  VCardText,
} from '@chert/types';
import type { Client } from 'openapi-fetch';
import { toApiError } from './errors.js';

/** Who receives it: an existing chat by id, or a phone number on first touch. */
export type Recipient = { chatId: ChatId; to?: never } | { to: E164Phone; chatId?: never };

/** The card to send: a `contact` object (canonical) or raw vCard text. */
export type Card = { contact: Contact; vcardText?: never } | { vcardText: VCardText; contact?: never };

/** Per-call options of the task-shaped methods. */
export interface CallOptions {
  /** Extra headers for this request only, e.g. `Prefer` against the mock. */
  headers?: Record<string, string>;
  /** Aborts the call (and any wait before a retry). */
  signal?: AbortSignal;
}

export interface Contacts {
  /**
   * Sends a contact card: `sendContactToChat` for `{ chatId }`, `sendContactToPhone` for
   * `{ to }`. Not idempotent: it is never sent twice unless Chert answers `retryable: true`.
   */
  send(recipient: Recipient, card: Card, options?: CallOptions): Promise<SendContactResult>;
  /**
   * Shares the line's own "Me" card: `shareContactInfoToChat` for `{ chatId }`,
   * `shareContactInfoToPhone` for `{ to }`.
   */
  shareOwnCard(recipient: Recipient, options?: CallOptions): Promise<ShareContactResult>;
}

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The one field of `given` among `a` and `b` that is set, checked to be of the right kind. */
function oneOf(given: unknown, a: string, b: string, what: string): [string, unknown] {
  const o = (given ?? {}) as Record<string, unknown>;
  const key = o[a] === undefined ? b : a;
  const value = o[key];
  const kind = key === 'contact' ? 'object' : 'string';
  if ((o[a] === undefined) === (o[b] === undefined) || typeof value !== kind || !value) {
    throw new TypeError(`@chert/client: ${what} takes \`${a}\` or \`${b}\`, exactly one`);
  }
  return [key, value];
}

function unwrap<T>(result: Result<T>, operationId: OperationId): T {
  if (result.data === undefined || !result.response.ok) throw toApiError(result.error, result.response, operationId);
  return result.data;
}

export function createContacts(api: Client<paths>): Contacts {
  return {
    async send(recipient, card, options) {
      const [by, id] = oneOf(recipient, 'chatId', 'to', 'the recipient');
      const [form, value] = oneOf(card, 'contact', 'vcardText', 'the card');
      const body = form === 'contact' ? { contact: value as Contact } : { vcard_text: value as string };
      const init = { headers: options?.headers, signal: options?.signal };
      if (by === 'chatId') {
        const result = await api.POST('/api/v1/chats/{id}/send-contact', {
          ...init,
          params: { path: { id: id as string } },
          body,
        });
        return unwrap(result, 'sendContactToChat');
      }
      const result = await api.POST('/api/v1/chats/send-contact', { ...init, body: { to: id as string, ...body } });
      return unwrap(result, 'sendContactToPhone');
    },
    async shareOwnCard(recipient, options) {
      const [by, id] = oneOf(recipient, 'chatId', 'to', 'the recipient');
      const init = { headers: options?.headers, signal: options?.signal };
      if (by === 'chatId') {
        const result = await api.POST('/api/v1/chats/{id}/share-contact-info', {
          ...init,
          params: { path: { id: id as string } },
        });
        return unwrap(result, 'shareContactInfoToChat');
      }
      const result = await api.POST('/api/v1/chats/share-contact-info', { ...init, body: { to: id as string } });
      return unwrap(result, 'shareContactInfoToPhone');
    },
  };
}
