// The task-shaped methods: pick the operation from the addressing form, then call the core.
import type { ChatId, Contact, E164Phone, SendContactResult, ShareContactResult, VCardText } from '@chert/types';
import { guarded, type APIPromise } from './core/api-promise.js';
import { ChertInputError } from './core/chert-error.js';
import type { CallOptions } from './core/call.js';
import type { Core } from './core/request.js';

declare const either: unique symbol;
/** A type no value has, whose name says what to do instead when a call passes both fields. */
type OneOrTheOther<A extends string, B extends string> = `\`${A}\` or \`${B}\`: one or the other, not both` & {
  readonly [either]: never;
};

/** Who receives it: an existing chat by id, or a phone number on first touch. */
export type Recipient =
  | { chatId: ChatId; to?: OneOrTheOther<'chatId', 'to'> | undefined }
  | { to: E164Phone; chatId?: OneOrTheOther<'chatId', 'to'> | undefined };

/** The card to send: a `contact` object (canonical) or raw vCard text. */
export type Card =
  | { contact: Contact; vcardText?: OneOrTheOther<'contact', 'vcardText'> | undefined }
  | { vcardText: VCardText; contact?: OneOrTheOther<'contact', 'vcardText'> | undefined };

export interface Contacts {
  /**
   * Sends a contact card: `sendContactToChat` for `{ chatId }`, `sendContactToPhone` for
   * `{ to }`. Not idempotent: it is never sent twice unless Chert answers `retryable: true`.
   */
  send(recipient: Recipient, card: Card, options?: CallOptions): APIPromise<SendContactResult>;
  /**
   * Shares the line's own "Me" card: `shareContactInfoToChat` for `{ chatId }`,
   * `shareContactInfoToPhone` for `{ to }`.
   */
  shareOwnCard(recipient: Recipient, options?: CallOptions): APIPromise<ShareContactResult>;
}

/** The one field of `given` among `a` and `b` that is set, checked to be of the right kind. */
function oneOf(given: unknown, a: string, b: string, field: 'recipient' | 'card'): [string, unknown] {
  const o = (given ?? {}) as Record<string, unknown>;
  const key = o[a] === undefined ? b : a;
  const value = o[key];
  const kind = key === 'contact' ? 'object' : 'string';
  if ((o[a] === undefined) === (o[b] === undefined) || typeof value !== kind || !value) {
    throw new ChertInputError(field, `the ${field} takes \`${a}\` or \`${b}\`, exactly one`);
  }
  return [key, value];
}

export function createContacts(core: Core): Contacts {
  return {
    send: (recipient, card, options) =>
      guarded(() => {
        const [by, id] = oneOf(recipient, 'chatId', 'to', 'recipient');
        const [form, value] = oneOf(card, 'contact', 'vcardText', 'card');
        const body = form === 'contact' ? { contact: value as Contact } : { vcard_text: value as string };
        return by === 'chatId'
          ? core.request('sendContactToChat', { path: { id: id as string }, body }, options)
          : core.request('sendContactToPhone', { body: { to: id as string, ...body } }, options);
      }),
    shareOwnCard: (recipient, options) =>
      guarded(() => {
        const [by, id] = oneOf(recipient, 'chatId', 'to', 'recipient');
        return by === 'chatId'
          ? core.request('shareContactInfoToChat', { path: { id: id as string } }, options)
          : core.request('shareContactInfoToPhone', { body: { to: id as string } }, options);
      }),
  };
}
