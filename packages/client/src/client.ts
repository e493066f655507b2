import type { paths } from '@chert/types';
import * as openapiFetch from 'openapi-fetch';
import type { Client } from 'openapi-fetch';
import { createContacts, type Contacts } from './contacts.js';
import { resolveOptions, type ChertClientOptions } from './options.js';
import type { Signing } from './sign.js';
import { createTransport } from './transport.js';
import { version } from './version.js';

// In our CommonJS build, Node's interop rules make `default` openapi-fetch's whole exports
// object, whose own `default` is the function; in ESM it is the function itself.
const createClient =
  (openapiFetch.default as unknown as { default?: typeof openapiFetch.default }).default ?? openapiFetch.default;

/**
 * The full typed openapi-fetch client (`client.POST('/api/v1/chats/{id}/send-contact', …)`),
 * signed and retried by Chert's rules, plus task-shaped methods under `contacts`.
 */
export type ChertClient = Client<paths> & {
  /** Send a contact card, or share the line's own, by chat id or by phone. */
  readonly contacts: Contacts;
};

/** The client, signing with the HMAC backend of the entry that made `signing`. */
export function createChertClientWith(signing: Signing, options: ChertClientOptions): ChertClient {
  const resolved = resolveOptions(options, `chert-ts/${version}`);
  const transport = createTransport(resolved, signing);
  const api = createClient<paths>({
    baseUrl: resolved.baseUrl,
    fetch: transport.fetch,
    Request: transport.Request,
    headers: resolved.headers,
  });
  return Object.assign(api, { contacts: createContacts(api) });
}
