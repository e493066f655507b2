// The default entry (browsers, Workers, bundlers targeting them): HMAC on WebCrypto, no Node
// built-ins. Under the `node` condition, index.node.ts is loaded instead; it differs only in
// its HMAC backend, and these declarations describe it too (a type test checks they match).
import { bindApi } from './api.js';
import type { ChertClient } from './client.js';
import { webCryptoHmac } from './hmac-webcrypto.js';
import type { ChertClientOptions } from './options.js';
import type { RawBody, SigningKey } from './sign.js';
import type { VerifyWebhookParams } from './webhooks/verify.js';
import type { WebhookEvent } from '@chert/types';

export * from './public.js';

const api = bindApi(webCryptoHmac, () => import('./webhooks.js'));

/**
 * The client: a method per operation grouped by resource (`chert.messages.send`,
 * `chert.events.list`…), the hand-written `contacts`, and the full typed openapi-fetch client
 * (`chert.POST('/api/v1/send', …)`), all signed and retried by Chert's rules. Options are checked
 * here: a mistake throws a `ChertInputError` naming the option, never its value. Without `auth`,
 * the environment's `CHERT_TENANT` + `CHERT_SIGNING_SECRET` or `CHERT_TOKEN` are used.
 */
export const createChertClient: (options?: ChertClientOptions) => ChertClient = api.createChertClient;

/**
 * Imports a signing secret as an HMAC-SHA256 key, once, for reuse across requests. The key is
 * the secret's UTF-8 text, not hex-decoded, as Chert's shell reference (`openssl -hmac`) does.
 * The key is not extractable.
 */
export const importSigningKey: (signingSecret: string) => Promise<SigningKey> = api.importSigningKey;

/**
 * The `x-chert-signature` header value for a request: `v1,<unixSeconds>,<lowercase hex>`, the
 * hex being HMAC-SHA256 over `<unixSeconds>.<rawBody>`. `rawBody` must be exactly the bytes
 * sent (a string is taken as its UTF-8 encoding); a request without a body signs the empty
 * string, so the signed text ends in the dot. `signingSecret` may also be a key from
 * `importSigningKey`, which saves the import on every call.
 */
export const signV1: (signingSecret: string | SigningKey, unixSeconds: number, rawBody?: RawBody) => Promise<string> =
  api.signV1;

/**
 * Resolves to the webhook event Chert delivered (a union discriminated on `event`) when its
 * signature is `rawBody`'s with `secret` and recent; rejects with a `ChertWebhookError` whose
 * `reason` says why not. Also `chert.webhooks.verify`, and in `@chert/client/webhooks` alone.
 */
export const verifyWebhook: (params: VerifyWebhookParams) => Promise<WebhookEvent> = api.verify;

/** The `X-Webhook-Signature` value Chert would send for `rawBody` at `unixSeconds`, to test your handlers. */
export const signWebhook: (secret: string, unixSeconds: number, rawBody: RawBody) => Promise<string> = api.sign;
