import { ChertAbortError, createChertClient } from '@chert/client';

// Credentials from the environment, as in the quick start.
const chert = createChertClient();
const sandbox = process.env.CHERT_BASE_URL ?? 'http://127.0.0.1:4010';
const customerWrites = (text: string) =>
  // The sandbox only: a customer's message (with Chert, a real phone sends it).
  fetch(`${sandbox}/_sandbox/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: '+14155550199', text }),
  });

// Awaiting the stream resolves once it is connected: what happens from then on comes down it.
const stream = await chert.events.stream();
await customerWrites('Is the terrace open tonight?');
for await (const event of stream) {
  console.log(event.type); // message.received, then lead_reply
  if (event.type === 'lead_reply') break; // leaving the loop closes the connection
}

// Or stop it from elsewhere. In a CLI, on Ctrl-C:
// process.once('SIGINT', () => controller.abort());
const controller = new AbortController();
const tail = await chert.events.stream({ signal: controller.signal });
setTimeout(() => controller.abort(), 500);
try {
  for await (const event of tail) console.log(event.type);
} catch (error) {
  if (!(error instanceof ChertAbortError)) throw error;
  console.log('stopped'); // stopped
}
