import { createChertClient } from '@chert/client';

// Reads CHERT_TENANT and CHERT_SIGNING_SECRET (or CHERT_TOKEN), and CHERT_BASE_URL if set.
const chert = createChertClient();

// A text to a phone number. The first one opens the chat and pins one of your lines to it.
const sent = await chert.messages.send({
  phone: '+14155550199',
  body: 'Hi Ada, your table for two is booked for 7pm.',
});
console.log(sent.status, sent.message_id); // sent msg_…

// lead_id is the chat's id: keep it, and address the chat by id from now on.
const { messages } = await chert.chats.messages.list(sent.lead_id);
console.log(sent.lead_id, messages.length); // ch_… 1
