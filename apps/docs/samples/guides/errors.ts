import { ChertApiError, ChertNetworkError, createChertClient } from '@chert/client';

// Credentials from the environment, as in the quick start.
const chert = createChertClient({ maxRetries: 2 }); // the default

const text = 'Your table for two is booked for 7pm.';
try {
  // A chat id kept from an earlier send: here one that this tenant does not have.
  await chert.chats.messages.send('ch_8f3k2m9q', {
    message: { parts: [{ type: 'text', value: text }] },
  });
} catch (error) {
  if (error instanceof ChertApiError && error.code === 2002) {
    // No such chat: branch on the stable code, and address the person by phone (first touch).
    const sent = await chert.messages.send({ phone: '+14155550199', body: text });
    console.log(error.status, error.code, '→', sent.status); // 404 2002 → sent
  } else if (error instanceof ChertApiError && error.retryable) {
    // Still failing after the client's retries: try later, after retryAfter seconds.
    console.log(`retry in ${error.retryAfter ?? 60} s`, error.traceId);
  } else if (error instanceof ChertNetworkError && error.mayHaveBeenDelivered) {
    // Retried already, with the same idempotency key, and still no answer:
    // check the chat before sending again.
  } else {
    throw error; // anything else: fix the request (quote error.traceId to Chert support)
  }
}
