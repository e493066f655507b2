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

// { chatId } picks sendContactToChat. Not idempotent: one call, one bubble.
const sent = await chert.contacts.send(
  { chatId: 'ch_8f3k2m9q' },
  {
    contact: {
      full_name: 'Ada Lovelace',
      phones: [{ value: '+14155550123', label: 'mobile' }],
      emails: [{ value: 'ada@example.com', label: 'work' }],
    },
  },
);
console.log(sent.status, sent.chat_id); // sent ch_8f3k2m9q

// Or send a raw vCard instead of a contact object:
await chert.contacts.send(
  { chatId: 'ch_8f3k2m9q' },
  { vcardText: 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n' },
);
