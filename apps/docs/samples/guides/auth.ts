import { createChertClient } from '@chert/client';

// The secret comes from the environment. (The placeholder only satisfies the local mock,
// which takes any credentials unless it was started with a signing secret.)
const secret = process.env.CHERT_SIGNING_SECRET ?? 'mock-accepts-any-secret';

// HMAC v1 (preferred): every request is signed; the secret never leaves your process.
const signed = createChertClient({
  auth: { hmac: { tenant: 'acme', signingSecret: secret } },
  baseUrl: process.env.CHERT_BASE_URL, // unset: production
});

// Bearer: the secret travels as `authorization: Bearer …`. Give the tenant
// when the account has more than one.
const bearer = createChertClient({
  auth: { bearer: { token: secret, tenant: 'acme' } },
  baseUrl: process.env.CHERT_BASE_URL,
});

export { signed, bearer };
