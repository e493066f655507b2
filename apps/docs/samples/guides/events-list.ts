import { createChertClient } from '@chert/client';

// Credentials from the environment, as in the quick start.
const chert = createChertClient();

// Something to list: a text, and three replies (the sandbox sends them; with Chert, a phone).
const { lead_id: chatId } = await chert.messages.send({
  phone: '+14155550199',
  body: 'How was your meal?',
});
const sandbox = process.env.CHERT_BASE_URL ?? 'http://127.0.0.1:4010';
for (const text of ['Lovely, thanks!', 'The risotto was great.', 'See you next week.']) {
  await fetch(`${sandbox}/_sandbox/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: '+14155550199', text }),
  });
}

// Every reply in this chat, newest first, two to a page: the loop fetches the next page.
for await (const event of chert.events.list({
  type: 'message.received',
  lead_id: chatId,
  limit: 2,
})) {
  if (event.payload.event !== 'message.received') continue;
  const [first] = event.payload.data.message.parts;
  console.log(event.delivery.status, first?.type === 'text' ? first.value : first?.type);
}
// dev_inbox See you next week.
// dev_inbox The risotto was great.
// dev_inbox Lovely, thanks!

// Or page by hand: a page has its items, its next cursor (null on the last one) and the next.
const page = await chert.events.list({ lead_id: chatId, limit: 4 });
console.log(page.data.length, page.nextCursor === null); // 4 false
const last = await page.getNextPage();
console.log(last.data.length, last.nextCursor); // 2 null
