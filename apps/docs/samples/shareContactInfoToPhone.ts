import { createChertClient } from '@chert/client';

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

// First touch: share the line's "Me" card with a phone number.
const { chat_id, status } = await chert.contacts.shareOwnCard({ to: '+14155550199' });
console.log(status, chat_id); // shared 6f1c2e9a-3b4d-4f5a-9c7e-2d1b0a8f6e5c
