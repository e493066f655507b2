// `@chert/client/webhooks`: webhook verification alone (no HTTP client), for the handler that
// receives Chert's deliveries. The default entry (WebCrypto); under the `node` condition,
// webhooks.node.ts is loaded instead, which differs only in its HMAC backend (node:crypto).
import type { WebhookEvent } from '@chert/types';
import { webCryptoHmac } from './hmac-webcrypto.js';
import { webCryptoVerify } from './webhooks/verify-webcrypto.js';
import type { RawBody } from './sign.js';
import { createWebhooks, type VerifyWebhookParams } from './webhooks/verify.js';

export { ChertError, ChertInputError } from './core/chert-error.js';
export { ChertWebhookError, type VerifyWebhookParams, type WebhookFailure, type WebhookHeaders } from './webhooks/verify.js';
export type { RawBody } from './sign.js';
export type {
  LeadReplyEvent,
  MessageReceivedEvent,
  ReactionAddedEvent,
  ReactionRemovedEvent,
  WebhookEvent,
  WebhookEventName,
  WebhookPayload,
} from '@chert/types';

const webhooks = createWebhooks(webCryptoHmac.hex, webCryptoVerify);

/**
 * Resolves to the webhook event Chert delivered (a union discriminated on `event`) when its
 * signature (`X-Webhook-Signature: t=<ts>,v1=<hex>`, or the legacy `x-chert-signature: v1,<ts>,<hex>`)
 * is `rawBody`'s with `secret` and within `toleranceSeconds` of now; rejects with a
 * `ChertWebhookError` whose `reason` is `missing`, `malformed`, `stale`, `mismatch` or `payload`.
 */
export const verifyWebhook: (params: VerifyWebhookParams) => Promise<WebhookEvent> = webhooks.verify;

/** The `X-Webhook-Signature` value Chert would send for `rawBody` at `unixSeconds`, to test your handlers. */
export const signWebhook: (secret: string, unixSeconds: number, rawBody: RawBody) => Promise<string> = webhooks.sign;
