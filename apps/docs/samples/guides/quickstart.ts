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

// First touch: no chat with this person yet, so address them by phone.
const { chat_id } = await chert.contacts.send(
  { to: '+14155550199' },
  { contact: { full_name: 'Ada Lovelace', phones: [{ value: '+14155550123' }] } },
);

// Keep the chat id, and address the chat by id from now on.
const shared = await chert.contacts.shareOwnCard({ chatId: chat_id });
console.log(chat_id, shared.status); // ch_8f3k2m9q shared
