import { ChertApiError, ChertNetworkError, createChertClient } from '@chert/client';

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
  maxRetries: 2, // the default: retries only `retryable: true` answers
});

try {
  await chert.contacts.send({ chatId: 'ch_8f3k2m9q' }, { contact: { full_name: 'Ada Lovelace' } });
} catch (error) {
  if (error instanceof ChertApiError) {
    // Branch on the stable code; quote traceId to Chert support.
    if (error.code === 2002) {
      // No such chat: send by phone (first touch) instead.
    } else if (error.retryable) {
      // Still failing after the client's retries: try later, after retryAfter seconds.
      console.log(`retry in ${error.retryAfter ?? 60} s`, error.traceId);
    } else {
      console.error(error.status, error.code, error.message, error.traceId);
    }
  } else if (error instanceof ChertNetworkError && error.mayHaveBeenDelivered) {
    // No answer, but the card may have been sent: check the chat before sending again.
  } else {
    throw error;
  }
}
