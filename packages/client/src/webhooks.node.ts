// The `node` condition's `@chert/client/webhooks`: the default one with node:crypto's HMAC and
// timingSafeEqual. Its declarations are webhooks.ts's (package.json points both at them).
import { nodeHmac } from './hmac-node.js';
import { nodeVerify } from './webhooks/verify-node.js';
import { createWebhooks } from './webhooks/verify.js';

export { ChertError, ChertInputError } from './core/chert-error.js';
export { ChertWebhookError } from './webhooks/verify.js';
export const { verify: verifyWebhook, sign: signWebhook } = createWebhooks(nodeHmac.hex, nodeVerify);
