import { ChertApiError, createChertClient } from '@chert/client';

// Credentials from the environment, as in the quick start.
const chert = createChertClient();

// A key of your own, derived from what the message is for, so that your own retry (after a
// crash, from a queue) sends the same key. The client adds a random one when you give none.
const confirmation = {
  phone: '+14155550199',
  body: 'Order 48213 is confirmed.',
  idempotency_key: 'order-48213-confirmation',
};

const first = await chert.messages.send(confirmation);
const again = await chert.messages.send(confirmation); // same key and body: the first answer
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
