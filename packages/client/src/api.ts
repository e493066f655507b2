// The functions that depend on the HMAC backend, bound to one. Each entry file calls this once
// with its backend and a loader of its webhook verifier (`@chert/client/webhooks` of the same
// condition): a bundler splits the verifier into a chunk of its own, loaded when a delivery is
// first verified, so a browser app that only sends never downloads it.
import { createChertClientWith, type ChertClient } from './client.js';
import { lazy } from './core/lazy.js';
import type { ChertClientOptions } from './options.js';
import { createSigning, type HmacBackend, type Signing } from './sign.js';
import type { Webhooks } from './webhooks/verify.js';

/** What `@chert/client/webhooks` exports that the client calls. */
interface WebhooksEntry {
  verifyWebhook: Webhooks['verify'];
  signWebhook: Webhooks['sign'];
}

export function bindApi(
  hmac: HmacBackend,
  load: () => Promise<WebhooksEntry>,
): Omit<Signing, 'signature'> & Webhooks & { createChertClient(options?: ChertClientOptions): ChertClient } {
  const signing = createSigning(hmac);
  const entry = lazy(load);
  const webhooks: Webhooks = {
    verify: (params) => entry().then((entry) => entry.verifyWebhook(params)),
    sign: (secret, unixSeconds, rawBody) => entry().then((entry) => entry.signWebhook(secret, unixSeconds, rawBody)),
  };
  return {
    importSigningKey: signing.importSigningKey,
    signV1: signing.signV1,
    ...webhooks,
    createChertClient: (options) => createChertClientWith(signing, webhooks, options),
  };
}
