// The functions that depend on the HMAC backend, bound to one. Each entry file calls this once
// with its backend; nothing else differs between the entries.
import { createChertClientWith, type ChertClient } from './client.js';
import type { ChertClientOptions } from './options.js';
import { createSigning, type HmacBackend, type Signing } from './sign.js';
import { createWebhooks, type Webhooks } from './webhooks/verify.js';

export function bindApi(hmac: HmacBackend): Signing & Webhooks & { createChertClient(options?: ChertClientOptions): ChertClient } {
  const signing = createSigning(hmac);
  const webhooks = createWebhooks(hmac);
  return { ...signing, ...webhooks, createChertClient: (options) => createChertClientWith(signing, webhooks, options) };
}
