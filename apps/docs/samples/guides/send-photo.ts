import { createChertClient } from '@chert/client';

// Credentials from the environment, as in the quick start.
const chert = createChertClient();

// The file. Here a 1×1 PNG, to keep the sample whole; from disk, read it as it is sent:
// const photo = await openAsBlob('table.png', { type: 'image/png' }); // from 'node:fs'
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGM4lMUGAAMkATN8QleQAAAAAElFTkSuQmCC';
const photo = new Blob([Buffer.from(png, 'base64')], { type: 'image/png' });

// Steps 1 and 2: an upload slot, then the bytes. Resolves to the attachment's id.
const attachmentId = await chert.attachments.uploadFile({ data: photo, filename: 'table.png' });
console.log(attachmentId); // att_…

// Step 3, on first touch: the text and the photo together, by phone number.
const sent = await chert.messages.send({
  phone: '+14155550199',
  body: 'Your table by the window:',
  attachments: [attachmentId],
});

// Or into a chat you have: a media part, after a text part if you like.
const second = await chert.attachments.uploadFile({ data: photo, filename: 'table.png' });
const { message } = await chert.chats.messages.send(sent.lead_id, {
  message: {
    parts: [
      { type: 'text', value: 'And the view from it:' },
      { type: 'media', attachment_id: second },
    ],
  },
});
console.log(message.parts.map((part) => part.type).join(' + ')); // text + media
