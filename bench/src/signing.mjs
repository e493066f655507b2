// signV1 under both conditions, with a string secret (imported on every call by WebCrypto)
// and with a key from importSigningKey (what the client does: once per client), against
// node:crypto createHmac (the floor), interleaved over the same bodies in one run.
import { createHmac } from 'node:crypto';
import { defaultEntry, nodeEntry } from './entries.mjs';
import { interleave, summarize } from './stats.mjs';

const secret = '0123456789abcdef0123456789abcdef';
export const sizes = [['100 B', 100], ['1 KiB', 1024], ['64 KiB', 64 * 1024]];
const ts = 1_700_000_000;

/** A vCard-shaped JSON body of exactly `size` bytes (ASCII, so bytes = characters). */
function bodyOf(size) {
  const head = '{"vcard_text":"BEGIN:VCARD\\r\\nFN:';
  return head + 'x'.repeat(size - head.length - 2) + '"}';
}

export async function benchSigning({ rounds = 4000, warmup = 300 } = {}) {
  const webKey = await defaultEntry.importSigningKey(secret);
  const nodeKey = await nodeEntry.importSigningKey(secret);
  const rows = [];
  for (const [label, size] of sizes) {
    const body = bodyOf(size);
    if (Buffer.byteLength(body) !== size) throw new Error('body size');
    const floor = `v1,${ts},${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`;
    const variants = [
      { key: 'floor', run: () => createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex') },
      { key: 'webString', run: () => defaultEntry.signV1(secret, ts, body) },
      { key: 'webKey', run: () => defaultEntry.signV1(webKey, ts, body) },
      { key: 'nodeString', run: () => nodeEntry.signV1(secret, ts, body) },
      { key: 'nodeKey', run: () => nodeEntry.signV1(nodeKey, ts, body) },
    ];
    for (const v of variants.slice(1)) {
      if ((await v.run()) !== floor) throw new Error(`${v.key} disagrees with createHmac at ${label}`);
    }
    const samples = await interleave(variants, { rounds, warmup });
    const row = { label, size };
    variants.forEach((v, i) => (row[v.key] = summarize(samples[i])));
    rows.push(row);
  }
  return rows;
}
