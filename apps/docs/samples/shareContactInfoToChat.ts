import { createChertClient } from '@chert/client';

const chert = createChertClient({
  auth: {
    hmac: {
      tenant: process.env.CHERT_TENANT ?? 'acme',
      signingSecret: process.env.CHERT_SIGNING_SECRET ?? '',
    },
  },
  baseUrl: process.env.CHERT_BASE_URL, // unset: production
});

// Shares the pinned line's own "Me" card. No body; the chat needs a pinned line.
const shared = await chert.contacts.shareOwnCard({ chatId: 'ch_8f3k2m9q' });
console.log(shared.status); // shared
