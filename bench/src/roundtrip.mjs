// Loopback round trips, interleaved in one process: raw fetch (the floor), bare
// openapi-fetch (the peer), and @chert/client with bearer and with HMAC v1 auth.
import { createServer } from 'node:http';
import createClient from 'openapi-fetch';
import { createChertClient } from '@chert/client';
import { summarize } from './stats.mjs';

const successBody = JSON.stringify({ chat_id: 'ch_8f3k2m9q', status: 'sent' });
const requestBody = { contact: { full_name: 'Ada Lovelace', phones: [{ value: '+14155550123', label: 'mobile' }] } };
const path = '/api/v1/chats/{id}/send-contact';
const secret = '0123456789abcdef0123456789abcdef';

function startServer() {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-trace-id': 'bench', 'content-length': Buffer.byteLength(successBody) });
      res.end(successBody);
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function benchRoundTrip({ iterations = 3000, warmup = 300 } = {}) {
  const server = await startServer();
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  const rawUrl = `${baseUrl}/api/v1/chats/ch_8f3k2m9q/send-contact`;

  const bare = createClient({ baseUrl });
  const bearer = createChertClient({ baseUrl, auth: { bearer: { token: secret } } });
  const hmac = createChertClient({ baseUrl, auth: { hmac: { tenant: 'bench', signingSecret: secret } } });
  const typedCall = (client) => async () => {
    const { data, error } = await client.POST(path, { params: { path: { id: 'ch_8f3k2m9q' } }, body: requestBody });
    if (error || data?.status !== 'sent') throw new Error('unexpected answer');
  };

  const variants = [
    ['raw fetch', async () => {
      const res = await fetch(rawUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(requestBody) });
      const data = await res.json();
      if (data.status !== 'sent') throw new Error('unexpected answer');
    }],
    ['openapi-fetch', typedCall(bare)],
    ['client bearer', typedCall(bearer)],
    ['client HMAC v1', typedCall(hmac)],
    ['client HMAC v1, contacts.send', async () => {
      const data = await hmac.contacts.send({ chatId: 'ch_8f3k2m9q' }, { contact: requestBody.contact });
      if (data.status !== 'sent') throw new Error('unexpected answer');
    }],
  ];

  const samples = variants.map(() => []);
  try {
    for (let i = 0; i < warmup + iterations; i++) {
      // Rotate the order each round so no variant always runs first (or right after GC).
      for (let k = 0; k < variants.length; k++) {
        const v = (i + k) % variants.length;
        const t = performance.now();
        await variants[v][1]();
        const elapsed = performance.now() - t;
        if (i >= warmup) samples[v].push(elapsed);
      }
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
    server.closeAllConnections?.();
  }
  return variants.map(([name], v) => ({ name, ...summarize(samples[v]) }));
}
