import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createChertClient } from '@chert/client';
import { ChertWebhookError, verifyWebhook } from '@chert/client/webhooks';

// Credentials from the environment, as in the quick start.
const chert = createChertClient();

// Your endpoint: node:http on loopback, where the sandbox delivers (Chert needs public https).
let secret = ''; // the subscription's, once it exists
const handled = new Set<string>(); // the event_ids already handled: keep them in your database
let replied: (text: string) => void = () => {};
const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    // The raw bytes as received: parsed and serialised again, they would not match.
    const event = await verifyWebhook({
      rawBody: Buffer.concat(chunks),
      headers: req.headers,
      secret,
    });
    if (handled.has(event.event_id)) {
      console.log('already handled', event.event);
    } else {
      handled.add(event.event_id);
      if (event.event === 'message.received') {
        const text = event.data.message.parts
          .map((part) => (part.type === 'text' ? part.value : `[${part.type}]`))
          .join(' ');
        replied(`${event.data.message.sender_handle.handle}: ${text}`);
      }
    }
    res.writeHead(200).end(); // answer fast: work that takes long belongs in a queue
  } catch (error) {
    res.writeHead(error instanceof ChertWebhookError ? 400 : 500).end();
  }
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

// Subscribe the endpoint. The secret is in this answer and nowhere else: store it.
const { subscription } = await chert.webhookSubscriptions.create({
  url: `http://127.0.0.1:${port}/hooks/chert`,
  events: ['message.received'],
});
secret = subscription.secret;

// Text the customer; in the sandbox, have them answer (with Chert, a real phone does).
const reply = new Promise<string>((resolve) => (replied = resolve));
const sent = await chert.messages.send({ phone: '+14155550199', body: 'Your table is ready.' });
const sandbox = process.env.CHERT_BASE_URL ?? 'http://127.0.0.1:4010';
await fetch(`${sandbox}/_sandbox/inbound`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ from: '+14155550199', text: 'On my way!' }),
});
console.log('reply from', await reply); // reply from +14155550199: On my way!

// Deliver it again from the event log, as after fixing a bug in a handler: the same event_id.
const page = await chert.events.list({ type: 'message.received', lead_id: sent.lead_id });
const [event] = page.data;
if (!event) throw new Error('the reply is not in the event log');
const replay = await chert.events.replay(event.id); // the endpoint prints: already handled …
console.log('replayed', replay.downstream_status); // replayed 200
const { delivery } = await chert.events.get(event.id);
console.log(delivery.status, delivery.attempts.length); // delivered 2

await chert.webhookSubscriptions.delete(subscription.id);
server.close();
