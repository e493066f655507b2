import { ChertApiError, createChertClient } from '@chert/client';

// Credentials from the environment, as in the quick start.
const chert = createChertClient({
  onRetry: ({ operationId, retry, error }) => {
    console.log(
      'retry',
      retry,
      operationId,
      error instanceof ChertApiError ? error.code : error.name,
    );
  },
});

// The mock only: `Prefer` stages an answer, here an internal error on every attempt.
try {
  await chert.messages.send(
    { phone: '+14155550199', body: 'Your table is ready.' },
    { headers: { prefer: 'code=500' } },
  );
} catch (error) {
  if (!(error instanceof ChertApiError)) throw error;
  console.log('gave up', error.status, error.code, error.retryable);
}
// retry 1 sendMessage 3001
// retry 2 sendMessage 3001
// gave up 500 3001 true

// A wait longer than the call's deadline is not made: the error comes at once, with retryAfter.
try {
  await chert.messages.send(
    { phone: '+14155550199', body: 'Your table is ready.' },
    { headers: { prefer: 'code=503, example=LinesSaturated' }, deadlineMs: 10_000 },
  );
} catch (error) {
  if (!(error instanceof ChertApiError) || !error.retryable) throw error;
  console.log('try again in', error.retryAfter, 's:', error.code); // try again in 30 s: 4002
}
