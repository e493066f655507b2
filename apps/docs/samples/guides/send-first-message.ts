import { createChertClient } from '@chert/client';

// Credentials from the environment, as in the quick start.
const chert = createChertClient();

// First touch: no chat with this person yet, so address them by phone number.
const sent = await chert.messages.send({
  phone: '+14155550199',
  body: 'Hi Ada, your table for two is booked for 7pm.\n\nReply here if plans change.',
  name: 'Ada Lovelace',
});
console.log(sent.status, sent.lead_created); // sent true

// From now on, the chat by its id: lead_id is the chat id.
const chatId = sent.lead_id;
const followUp = await chert.chats.messages.send(chatId, {
  message: { parts: [{ type: 'text', value: 'We have a table by the window for you.' }] },
});

// The chat's history, oldest first: the blank line split the first text into two bubbles.
const { messages } = await chert.chats.messages.list(chatId);
for (const message of messages) {
  const bubbles = message.parts.map((part) =>
    part.type === 'text' ? part.value : `[${part.type}]`,
  );
  console.log(message.direction, bubbles.length, bubbles[0]);
}
// outbound 2 Hi Ada, your table for two is booked for 7pm.
// outbound 1 We have a table by the window for you.

// One message, by its id.
const { message } = await chert.messages.get(followUp.message.id);
console.log(message.status); // sent, then delivered once it reaches the phone
