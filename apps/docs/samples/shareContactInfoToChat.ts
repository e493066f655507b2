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

// Shares the pinned line's own "Me" card. No body; the chat needs a pinned line.
const shared = await chert.contacts.shareOwnCard({ chatId: 'ch_8f3k2m9q' });
console.log(shared.status); // shared
