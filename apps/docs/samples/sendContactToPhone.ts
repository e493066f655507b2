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

// First touch: { to } picks sendContactToPhone; Chert finds or creates the chat.
const { chat_id } = await chert.contacts.send(
  { to: '+14155550199' },
  { contact: { full_name: 'Ada Lovelace', phones: [{ value: '+14155550123' }] } },
);

// Keep chat_id, and address the chat by id from now on.
console.log(chat_id); // 6f1c2e9a-3b4d-4f5a-9c7e-2d1b0a8f6e5c
