import { signV1 } from '@chert/client';

// Sign the exact bytes you will send; serialise once, then send that string.
const rawBody = JSON.stringify({ contact: { full_name: 'Ada Lovelace' } });
const unixSeconds = Math.floor(Date.now() / 1000);
// (The placeholder secret only satisfies the local mock, which takes any credentials.)
const signature = await signV1(
  process.env.CHERT_SIGNING_SECRET ?? 'mock-accepts-any-secret',
  unixSeconds,
  rawBody,
);

const headers = {
  'x-chert-tenant': process.env.CHERT_TENANT ?? 'acme',
  'x-chert-signature': signature, // v1,<unix_seconds>,<64 lowercase hex>
  'content-type': 'application/json',
};
export { headers, rawBody };
