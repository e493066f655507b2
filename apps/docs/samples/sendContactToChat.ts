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
