import { ChertApiError, createChertClient } from '@chert/client';

const chert = createChertClient({
  baseUrl: process.env.CHERT_BASE_URL ?? 'http://127.0.0.1:4010',
  auth: {
    hmac: {
      tenant: 'acme',
      // Any secret works unless the mock was started with one.
      signingSecret: process.env.CHERT_SIGNING_SECRET ?? 'mock-accepts-any-secret',
    },
  },
  maxRetries: 0, // see the staged failure itself, not the client's retries
});

try {
  await chert.contacts.send(
    { chatId: 'ch_8f3k2m9q' },
    { contact: { full_name: 'Ada Lovelace' } },
    { headers: { prefer: 'code=503, example=LinesSaturated' } },
  );
} catch (error) {
  if (!(error instanceof ChertApiError)) throw error;
  console.log(error.status, error.code, error.retryable, error.retryAfter); // 503 4002 true 30
}
