import type { paths } from '@chert/types';
import type { Client } from 'openapi-fetch';
import { createContacts, type Contacts } from './contacts.js';
import { createCore } from './core/request.js';
import { resolveOptions, type ChertClientOptions } from './options.js';
import type { Signing } from './sign.js';
import { version } from './version.js';

/**
 * The full typed openapi-fetch client (`client.POST('/api/v1/chats/{id}/send-contact', …)`),
 * signed and retried by Chert's rules, plus task-shaped methods under `contacts`.
 */
export type ChertClient = Client<paths> & {
  /** Send a contact card, or share the line's own, by chat id or by phone. */
  readonly contacts: Contacts;
};

/** The client, signing with the HMAC backend of the entry that made `signing`. */
export function createChertClientWith(signing: Signing, options?: ChertClientOptions): ChertClient {
  const core = createCore(resolveOptions(options, `chert-ts/${version}`), signing);
  return Object.assign(core.api, { contacts: createContacts(core) });
}
