import { createChertClient } from '@chert/client';

// HMAC v1 (preferred): every request is signed; the secret never leaves your process.
const signed = createChertClient({
  auth: {
    hmac: {
      tenant: 'acme',
      signingSecret: process.env.CHERT_SIGNING_SECRET ?? '',
    },
  },
});

// Bearer: the secret travels as `authorization: Bearer …`. Give the tenant
// when the account has more than one.
const bearer = createChertClient({
  auth: {
    bearer: {
      token: process.env.CHERT_SIGNING_SECRET ?? '',
      tenant: 'acme',
    },
  },
});

export { signed, bearer };
