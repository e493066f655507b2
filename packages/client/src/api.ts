// The three functions that depend on the HMAC backend, bound to one. Each entry file calls
// this once with its backend; nothing else differs between the entries.
import { createChertClientWith, type ChertClient } from './client.js';
import type { ChertClientOptions } from './options.js';
import { createSigning, type HmacBackend, type Signing } from './sign.js';

export function bindApi(hmac: HmacBackend): Signing & { createChertClient(options?: ChertClientOptions): ChertClient } {
  const signing = createSigning(hmac);
  return { ...signing, createChertClient: (options) => createChertClientWith(signing, options) };
}
