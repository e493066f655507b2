import { ChertApiError, createChertClient } from '@chert/client';

// Credentials from the environment, as in the quick start.
const chert = createChertClient();

const [line] = (await chert.phoneNumbers.list()).phone_numbers;
if (!line) throw new Error('this tenant has no line');

// A chat's first message may not carry a URL in its text…
try {
  await chert.chats.create({
    from: line.phone_number,
    to: ['+14155550199'],
    message: {
      parts: [
        {
          type: 'text',
          value: 'Thanks for dining with us! Book again: https://example.com/book',
        },
      ],
    },
  });
} catch (error) {
  if (!(error instanceof ChertApiError) || error.code !== 1005) throw error;
  console.log(error.status, error.code); // 400 1005
}

// …so put the link in a rich_link part, after the text.
const { chat, message } = await chert.chats.create({
  from: line.phone_number,
  to: ['+14155550199'],
  message: {
    parts: [
      { type: 'text', value: 'Thanks for dining with us!' },
      { type: 'rich_link', url: 'https://example.com/book', title: 'Book your next table' },
    ],
  },
});
const kinds = message.parts.map((part) => part.type).join(' + ');
console.log(chat.is_group, kinds); // false text + rich_link
