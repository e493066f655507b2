import { ChertApiError, createChertClient } from '@chert/client';

// Credentials from the environment, as in the quick start.
const chert = createChertClient();

/** Runs a call that Chert refuses, and prints the refusal. */
async function refused(what: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
    throw new Error(`expected ${what} to be refused`);
  } catch (error) {
    if (!(error instanceof ChertApiError)) throw error;
    console.log(what, error.status, error.code);
  }
}

const [line] = (await chert.phoneNumbers.list()).phone_numbers;
if (!line) throw new Error('this tenant has no line');
const from = line.phone_number;

// Group operations on a 1:1 chat.
const { lead_id: oneToOne } = await chert.messages.send({
  phone: '+14155550199',
  body: 'Hi Ada!',
});
await refused('rename a 1:1 chat', () =>
  chert.chats.update(oneToOne, { display_name: 'Ada' }),
); // 400 1006
await refused('add to a 1:1 chat', () =>
  chert.chats.participants.add(oneToOne, { address: '+14155550188' }),
); // 400 1006

// More recipients than a group takes.
const crowd = Array.from({ length: 32 }, (_, i) => `+1415555${String(1000 + i)}`);
await refused('32 recipients', () =>
  chert.chats.create({
    from,
    to: crowd,
    message: { parts: [{ type: 'text', value: 'Hello all' }] },
  }),
); // 422 1006

// A group's first message is one text part: send links and photos after it.
await refused("a link in a group's first message", () =>
  chert.chats.create({
    from,
    to: ['+14155550199', '+14155550123'],
    message: {
      parts: [
        { type: 'text', value: 'Menu:' },
        { type: 'rich_link', url: 'https://example.com/menu' },
      ],
    },
  }),
); // 501 4099
