import { ChertApiError, createChertClient } from '@chert/client';

// Production: set CHERT_TENANT and CHERT_SIGNING_SECRET. The local mock: set only
// CHERT_BASE_URL; it takes any credentials (unless started with a signing secret), so the
// placeholders below do.
const chert = createChertClient({
  auth: {
    hmac: {
      tenant: process.env.CHERT_TENANT ?? 'acme',
      signingSecret: process.env.CHERT_SIGNING_SECRET ?? 'mock-accepts-any-secret',
    },
  },
  baseUrl: process.env.CHERT_BASE_URL, // unset: production
});

// A key of your own, derived from what the message is for, so that your own retry (after a
// crash, from a queue) sends the same key: the client adds a random one only when you give none.
const confirmation = { phone: '+14155550199', body: 'Order 48213 is confirmed.', idempotency_key: 'order-48213-confirmation' };

const first = await chert.messages.send(confirmation);
const again = await chert.messages.send(confirmation); // the same key and body: the original answer
console.log(again.message_id === first.message_id); // true

const { messages } = await chert.chats.messages.list(first.lead_id);
console.log(messages.length); // 1: one message reached the phone

// The same key with another body is refused, and sends nothing.
try {
  await chert.messages.send({ ...confirmation, body: 'Order 48213 is cancelled.' });
} catch (error) {
  if (!(error instanceof ChertApiError) || error.code !== 1002) throw error;
  console.log(error.status, error.code, error.retryable); // 400 1002 false
}
