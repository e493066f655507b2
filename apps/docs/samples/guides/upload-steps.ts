import { ChertApiError, createChertClient } from '@chert/client';

// Credentials from the environment, as in the quick start.
const chert = createChertClient();

const menu = new TextEncoder().encode(
  'Starters: soup of the day. Mains: risotto. Dessert: tiramisu.\n',
);

// Step 1: a slot for a file of this name, type and size.
const slot = await chert.attachments.create({
  filename: 'menu.txt',
  content_type: 'text/plain',
  size_bytes: menu.byteLength,
});
console.log(slot.attachment_id, slot.expires_at > new Date().toISOString()); // att_… true

// A media part before the bytes are uploaded is refused.
const { lead_id: chatId } = await chert.messages.send({
  phone: '+14155550199',
  body: "Here is tonight's menu.",
});
const sendMenu = () =>
  chert.chats.messages.send(chatId, {
    message: { parts: [{ type: 'media', attachment_id: slot.attachment_id }] },
  });
try {
  await sendMenu();
} catch (error) {
  if (!(error instanceof ChertApiError) || error.code !== 5004) throw error;
  console.log(error.status, error.code); // 400 5004
}

// Step 2: the bytes, with the type the slot was made for. Step 3: send it.
await chert.attachments.upload(slot.attachment_id, menu, { contentType: 'text/plain' });
const { message } = await sendMenu();
console.log(message.parts[0]?.type); // media
