// signV1 (WebCrypto) against node:crypto createHmac over the same bodies, in one run.
import { createHmac } from 'node:crypto';
import { signV1 } from '@chert/client';
import { summarize } from './stats.mjs';

const secret = '0123456789abcdef0123456789abcdef';
const sizes = [['100 B', 100], ['1 KiB', 1024], ['64 KiB', 64 * 1024]];

async function timeEach(n, fn) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return summarize(samples);
}

export async function benchSigning({ iterations = 2000 } = {}) {
  const rows = [];
  for (const [label, size] of sizes) {
    const body = JSON.stringify({ vcard_text: 'BEGIN:VCARD\r\n' + 'x'.repeat(Math.max(0, size - 30)) }).slice(0, size);
    const ts = 1_700_000_000;
    // Interleave the two so drift and GC hit both alike.
    const webcrypto = [];
    const node = [];
    for (let round = 0; round < 4; round++) {
      webcrypto.push(await timeEach(iterations / 4, () => signV1(secret, ts, body)));
      node.push(await timeEach(iterations / 4, () => createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')));
    }
    const med = (xs) => xs.map((x) => x.median).sort((a, b) => a - b)[1];
    rows.push({ label, size, signV1: med(webcrypto), createHmac: med(node) });
  }
  return rows;
}
