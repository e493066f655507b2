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

// A text to a phone number. The first one opens the chat and pins one of your lines to it.
const sent = await chert.messages.send({
  phone: '+14155550199',
  body: 'Hi Ada, your table for two is booked for 7pm.',
});
console.log(sent.status, sent.message_id); // sent msg_…

// lead_id is the chat's id: keep it, and address the chat by id from now on.
const { messages } = await chert.chats.messages.list(sent.lead_id);
console.log(sent.lead_id, messages.length); // ch_… 1
