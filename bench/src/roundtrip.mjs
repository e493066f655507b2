// Loopback round trips, interleaved in one process: raw fetch (the floor), bare openapi-fetch
// (the peer), and @chert/client with bearer and with HMAC v1 auth under both conditions.
import createClient from 'openapi-fetch';
import { createHmac } from 'node:crypto';
import { clientWithHex, constantHmacClient, defaultEntry, nodeEntry } from './entries.mjs';
import { startServer } from './server.mjs';
import { interleave, median, summarize } from './stats.mjs';

const requestBody = { contact: { full_name: 'Ada Lovelace', phones: [{ value: '+14155550123', label: 'mobile' }] } };
const path = '/api/v1/chats/{id}/send-contact';
// messages.send: the client adds the idempotency key itself; bare openapi-fetch is given one
// made the same way, so both send bodies of the same size.
const message = { phone: '+14155550199', body: 'Your table for two is booked for 7pm. Reply here if plans change.' };
export const messageBytes = Buffer.byteLength(JSON.stringify({ ...message, idempotency_key: crypto.randomUUID() }));
const chatId = 'ch_8f3k2m9q';
const secret = '0123456789abcdef0123456789abcdef';
export const requestBytes = Buffer.byteLength(JSON.stringify(requestBody));

export async function benchRoundTrip({ rounds = 8000, warmup = 500, blocks = 8, server: where = 'worker' } = {}) {
  const server = await startServer(where);
  const baseUrl = server.url;
  const rawUrl = `${baseUrl}/api/v1/chats/${chatId}/send-contact`;
  const hmac = { hmac: { tenant: 'bench', signingSecret: secret } };

  const bare = createClient({ baseUrl });
  const bearer = nodeEntry.createChertClient({ baseUrl, auth: { bearer: { token: secret } } });
  const nodeHmac = nodeEntry.createChertClient({ baseUrl, auth: hmac });
  const webHmac = defaultEntry.createChertClient({ baseUrl, auth: hmac });
  const constant = await constantHmacClient({ baseUrl, auth: hmac });
  const typedCall = (client) => async () => {
    const { data, error } = await client.POST(path, { params: { path: { id: chatId } }, body: requestBody });
    if (error || data?.status !== 'sent') throw new Error('unexpected answer');
  };

  const variants = [
    { name: 'raw fetch', run: async () => {
      const res = await fetch(rawUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(requestBody) });
      const data = await res.json();
      if (data.status !== 'sent') throw new Error('unexpected answer');
    } },
    { name: 'openapi-fetch', run: typedCall(bare) },
    { name: 'client, bearer', run: typedCall(bearer) },
    ...(constant ? [{ name: 'client, HMAC v1 (constant signature)', run: typedCall(constant) }] : []),
    { name: 'client, HMAC v1 (node:crypto)', run: typedCall(nodeHmac) },
    { name: 'client, HMAC v1 (WebCrypto)', run: typedCall(webHmac) },
    { name: 'client, HMAC v1 (node:crypto), contacts.send', run: async () => {
      const data = await nodeHmac.contacts.send({ chatId }, { contact: requestBody.contact });
      if (data.status !== 'sent') throw new Error('unexpected answer');
    } },
    { name: 'openapi-fetch, POST /api/v1/send', run: async () => {
      const { data, error } = await bare.POST('/api/v1/send', { body: { ...message, idempotency_key: crypto.randomUUID() } });
      if (error || data?.status !== 'sent') throw new Error('unexpected answer');
    } },
    { name: 'client, HMAC v1 (node:crypto), messages.send', run: async () => {
      const data = await nodeHmac.messages.send(message);
      if (data.status !== 'sent') throw new Error('unexpected answer');
    } },
  ];

  // Several blocks, so the report can show how far a ratio moves from one block to the next.
  const all = variants.map(() => []);
  let createHmacInSitu;
  const blockRatios = variants.map(() => []);
  try {
    for (let b = 0; b < blocks; b++) {
      const samples = await interleave(variants, { rounds: Math.ceil(rounds / blocks), warmup: b === 0 ? warmup : 0, seed: b + 1 });
      const peer = median(samples[1]);
      samples.forEach((s, v) => {
        all[v].push(...s);
        blockRatios[v].push(median(s) / peer);
      });
    }
    // Afterwards, on its own: how long createHmac takes when timed inside the request path.
    const inSitu = [];
    const timed = await clientWithHex({ baseUrl, auth: hmac }, (_key, prefix, body) => {
      const t = performance.now();
      const hex = createHmac('sha256', secret).update(prefix).update(body).digest('hex');
      inSitu.push(performance.now() - t);
      return hex;
    });
    if (timed) {
      for (let i = 0; i < 2500; i++) await typedCall(timed)();
      createHmacInSitu = summarize(inSitu.slice(500));
    }
  } finally {
    await server.close();
  }
  const results = variants.map(({ name }, v) => ({
    name,
    blocks,
    ...summarize(all[v]),
    blockRatios: { min: Math.min(...blockRatios[v]), max: Math.max(...blockRatios[v]) },
  }));
  return { variants: results, createHmacInSitu };
}
