// verifyWebhook against its floor under Node: a bare createHmac + timingSafeEqual over the same
// signed payload, interleaved in one run. Both builds of `@chert/client/webhooks`: the one Node
// resolves (node:crypto) and the default one (WebCrypto), for reference.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { defaultWebhooks, nodeWebhooks } from './entries.mjs';
import { interleave, summarize } from './stats.mjs';

const secret = 'whsec_5f2b8c0d9e7a41f3b6c2d8e0a1f4c7b9';

/** A message.received delivery of exactly `size` bytes. */
function bodyOf(size) {
  const head = '{"event":"message.received","event_id":"chert:msg:1","data":{"text":"';
  return head + 'x'.repeat(size - head.length - 3) + '"}}';
}

export async function benchWebhooks({ rounds = 6000, warmup = 500, size = 1024 } = {}) {
  const body = bodyOf(size);
  if (Buffer.byteLength(body) !== size) throw new Error('body size');
  const ts = Math.floor(Date.now() / 1000);
  const hex = createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
  const headers = { 'content-type': 'application/json', 'x-webhook-signature': `t=${ts},v1=${hex}`, 'x-webhook-event': 'message.received' };
  const given = Buffer.from(hex, 'hex');
  const variants = [
    { name: 'createHmac + timingSafeEqual (floor)', run: () => {
      if (!timingSafeEqual(createHmac('sha256', secret).update(`${ts}.`).update(body).digest(), given)) throw new Error('floor');
    } },
    { name: 'verifyWebhook (node:crypto)', run: async () => {
      if ((await nodeWebhooks.verifyWebhook({ rawBody: body, headers, secret })).event !== 'message.received') throw new Error('node');
    } },
    { name: 'verifyWebhook (WebCrypto)', run: async () => {
      if ((await defaultWebhooks.verifyWebhook({ rawBody: body, headers, secret })).event !== 'message.received') throw new Error('web');
    } },
  ];
  for (const v of variants) await v.run();
  const samples = await interleave(variants, { rounds, warmup });
  return { size, rows: variants.map((v, i) => ({ name: v.name, ...summarize(samples[i]) })) };
}
