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

// Something to list: a text, and three replies (sent through the sandbox; with Chert, a real phone).
const { lead_id: chatId } = await chert.messages.send({ phone: '+14155550199', body: 'How was your meal?' });
const sandbox = process.env.CHERT_BASE_URL ?? 'http://127.0.0.1:4010';
for (const text of ['Lovely, thanks!', 'The risotto was great.', 'See you next week.']) {
  await fetch(`${sandbox}/_sandbox/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: '+14155550199', text }),
  });
}

// Every reply in this chat, newest first, two to a page: the loop asks for the next page itself.
for await (const event of chert.events.list({ type: 'message.received', lead_id: chatId, limit: 2 })) {
  if (event.payload.event !== 'message.received') continue;
  const [first] = event.payload.data.message.parts;
  console.log(event.delivery.status, first?.type === 'text' ? first.value : first?.type);
}
// dev_inbox See you next week.
// dev_inbox The risotto was great.
// dev_inbox Lovely, thanks!

// Or page by hand: each page has its items, the next cursor (null on the last page), and the next page.
const page = await chert.events.list({ lead_id: chatId, limit: 4 });
console.log(page.data.length, page.nextCursor === null); // 4 false
const last = await page.getNextPage();
console.log(last.data.length, last.nextCursor); // 2 null
