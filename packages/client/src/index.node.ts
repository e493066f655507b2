// The entry of the `node` export condition: the default entry with node:crypto's HMAC, which
// Node computes synchronously where WebCrypto queues it on the threadpool. Its declarations
// are index.ts's (package.json points both conditions at them; a type test checks they match).
import { bindApi } from './api.js';
import { nodeHmac } from './hmac-node.js';

export * from './public.js';
export const { createChertClient, importSigningKey, signV1, verify: verifyWebhook, sign: signWebhook } = bindApi(nodeHmac, () => import('./webhooks.node.js'));
