import { createChertClient } from '@chert/client';

// Credentials from the environment, as in the quick start.
const chert = createChertClient();

const { lead_id: chatId } = await chert.messages.send({
  phone: '+14155550199',
  body: 'Could you send a photo of the receipt?',
});

// The sandbox only: the customer answers with a photo (with Chert, a real phone does).
const sandbox = process.env.CHERT_BASE_URL ?? 'http://127.0.0.1:4010';
await fetch(`${sandbox}/_sandbox/inbound`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    from: '+14155550199',
    parts: [
      { type: 'text', value: 'Here it is' },
      {
        type: 'media',
        content_type: 'image/png',
        filename: 'receipt.png',
        data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGM4lMUGAAMkATN8QleQAAAAAElFTkSuQmCC',
      },
    ],
  }),
});

// An inbound media part names an in_… attachment (in the message.received webhook, and in
// the history); download its bytes by that id.
const { messages } = await chert.chats.messages.list(chatId);
for (const message of messages.filter((m) => m.direction === 'inbound')) {
  for (const part of message.parts) {
    if (part.type !== 'media') continue;
    const file = await chert.attachments.content(part.attachment_id);
    console.log(part.attachment_id.slice(0, 3), file.type, file.size); // in_ image/png 69
  }
}
