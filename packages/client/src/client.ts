import type { paths } from '@chert/types';
import type { Client } from 'openapi-fetch';
import type { AttachmentHelpers } from './attachments.js';
import { createContacts, type Contacts } from './contacts.js';
import { lazy, unlessAborted } from './core/lazy.js';
import { createCore } from './core/request.js';
import { createResources } from './core/resources.js';
import type { Resources } from './generated/resources/index.js';
import { resolveOptions, type ChertClientOptions } from './options.js';
import type { Signing } from './sign.js';
import { version } from './version.js';
import type { Webhooks } from './webhooks/verify.js';

/**
 * The full typed openapi-fetch client (`client.POST('/api/v1/chats/{id}/send-contact', …)`),
 * signed and retried by Chert's rules, plus a method per operation, grouped by resource as the
 * document places them (`chert.messages.send`, `chert.chats.participants.add`…), the
 * hand-written `contacts` and `attachments.uploadFile`, and `webhooks` to verify deliveries.
 */
export type ChertClient = Client<paths> &
  Omit<Resources, 'attachments'> & {
    /** Upload slots, uploads and downloads; `uploadFile` does the three steps of a file at once. */
    readonly attachments: Resources['attachments'] & AttachmentHelpers;
    /** Send a contact card, or share the line's own, by chat id or by phone. */
    readonly contacts: Contacts;
    /** Verify (and, for tests, sign) the webhooks Chert delivers to you. */
    readonly webhooks: Webhooks;
  };

/** The client, signing with the HMAC backend of the entry that made `signing`. */
export function createChertClientWith(signing: Signing, webhooks: Webhooks, options?: ChertClientOptions): ChertClient {
  const core = createCore(resolveOptions(options, `chert-ts/${version}`), signing);
  const resources = createResources(core);
  const { attachments } = resources;
  (attachments as Resources['attachments'] & AttachmentHelpers).uploadFile = (params, options) =>
    unlessAborted(loadUploads(), options?.signal, 'createAttachment').then(({ uploadFile }) => uploadFile(attachments, params, options));
  return Object.assign(core.api, resources, { contacts: createContacts(core), webhooks }) as ChertClient;
}

const loadUploads = lazy(() => import('./attachments.js'));
