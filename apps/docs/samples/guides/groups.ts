import { ChertApiError, createChertClient } from '@chert/client';

// Credentials from the environment, as in the quick start.
const chert = createChertClient();

/** Runs a call that Chert refuses, and prints the refusal. */
async function refused(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
    throw new Error('expected a refusal');
  } catch (error) {
    if (!(error instanceof ChertApiError)) throw error;
    console.log('refused', error.status, error.code);
  }
}

const [line] = (await chert.phoneNumbers.list()).phone_numbers;
if (!line) throw new Error('this tenant has no line');

// Two or more recipients make a group; its first message is one text part.
const { chat } = await chert.chats.create({
  from: line.phone_number,
  to: ['+14155550199', '+14155550123'],
  message: {
    subject: 'Friday dinner',
    parts: [{ type: 'text', value: 'Dinner on Friday at 7?' }],
  },
});
console.log(chat.is_group, chat.display_name, chat.handles.length); // true Friday dinner 2

// Rename it (Chert trims the name).
const renamed = await chert.chats.update(chat.id, { display_name: 'Friday dinner (7pm)' });
console.log(renamed.chat.display_name); // Friday dinner (7pm)

// Three members, your line included: nobody can be removed, and your line cannot leave.
await refused(() => chert.chats.participants.remove(chat.id, '+14155550123')); // 400 1002
await refused(() => chert.chats.leave(chat.id)); // 400 1002

// Add someone (a phone number or an email address); now one can go.
const added = await chert.chats.participants.add(chat.id, { address: '+14155550188' });
console.log(added.participants.length); // 3
const removed = await chert.chats.participants.remove(chat.id, '+14155550123');
console.log(removed.removed, removed.participants.length); // +14155550123 2

// Add one more, and your line can leave: the other three stay a group.
await chert.chats.participants.add(chat.id, { address: 'grace@example.com' });
const left = await chert.chats.leave(chat.id);
console.log(left.status); // left

// Leaving is done once: from your line's point of view the chat is no longer a group.
await refused(() => chert.chats.leave(chat.id)); // 400 1006
