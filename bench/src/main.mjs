// `pnpm bench`: prints the figures and writes BENCHMARKS.md at the repository root.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { benchRoundTrip } from './roundtrip.mjs';
import { benchSigning } from './signing.mjs';
import { benchSize } from './size.mjs';
import { benchTooling } from './tooling.mjs';
import { ratio, table, us } from './stats.mjs';

const quick = process.argv.includes('--quick');
const skipTooling = process.argv.includes('--no-tooling');

const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`;
const sections = [];
const say = (text) => {
  console.log(text + '\n');
  sections.push(text);
};

say(`# Benchmarks\n\nMachine: ${machine}  \nNode: ${process.version}  \nCommand: \`pnpm bench\` (${new Date().toISOString().slice(0, 10)})\n\nAll ratios compare figures measured in the same process, in the same run. Figures from one machine; rerun to compare.`);

// 1. Round trip
const rt = await benchRoundTrip(quick ? { iterations: 300, warmup: 50 } : {});
const by = Object.fromEntries(rt.map((r) => [r.name, r]));
const raw = by['raw fetch'];
const peer = by['openapi-fetch'];
say(`## 1. Round trip (loopback node:http, ${raw.n} requests per variant, interleaved)\n\n` + table(
  ['variant', 'median', 'p99', '× raw fetch', '× openapi-fetch'],
  rt.map((r) => [r.name, us(r.median), us(r.p99), ratio(r.median, raw.median), ratio(r.median, peer.median)]),
) + `\n\nTarget: client with HMAC v1 ≤ 1.10× bare openapi-fetch at the median. Measured: ${ratio(by['client HMAC v1'].median, peer.median)} (${by['client HMAC v1'].median / peer.median <= 1.1 ? 'met' : 'missed'}).`);

// 2. Signing
const sig = await benchSigning(quick ? { iterations: 400 } : {});
const oneKiB = sig.find((s) => s.size === 1024);
const share = oneKiB.signV1 / by['client HMAC v1'].median;
say(`## 2. Signing (median per signature)\n\n` + table(
  ['body', 'signV1 (WebCrypto)', 'node:crypto createHmac', 'ratio'],
  sig.map((s) => [s.label, us(s.signV1), us(s.createHmac), ratio(s.signV1, s.createHmac)]),
) + `\n\nTarget: signing ≤ 5% of the loopback round trip at 1 KiB. Measured: ${(share * 100).toFixed(1)}% of the HMAC client's median round trip (${share <= 0.05 ? 'met' : 'missed'}).`);

// 3. Size
const size = await benchSize();
const extra = size.client.gzip - size.floor.gzip;
say(`## 3. Size (esbuild --bundle --minify, gzip -9)\n\n` + table(
  ['bundle', 'minified', 'gzip'],
  [
    ['openapi-fetch alone', `${size.floor.raw} B`, `${size.floor.gzip} B`],
    ['@chert/client (with openapi-fetch)', `${size.client.raw} B`, `${size.client.gzip} B`],
    ['on top of openapi-fetch', `${size.client.raw - size.floor.raw} B`, `${extra} B`],
  ],
) + `\n\nTarget: ≤ 4 kB gzip on top of openapi-fetch. Measured: ${(extra / 1000).toFixed(2)} kB (${extra <= 4000 ? 'met' : 'missed'}).`);

// 4. Tooling
if (!skipTooling) {
  const tool = benchTooling();
  say(`## 4. Tooling\n\n` + table(
    ['run', 'wall time'],
    [['cold `turbo run build --force`', `${(tool.cold / 1000).toFixed(1)} s`], ['cached re-run', `${(tool.cached / 1000).toFixed(2)} s`]],
  ) + `\n\nA cached re-run is ${ratio(tool.cold, tool.cached)} faster.`);
}

if (!quick) writeFileSync(new URL('../../BENCHMARKS.md', import.meta.url), sections.join('\n\n') + '\n');
