// `pnpm bench`: prints the figures and writes BENCHMARKS.md at the repository root.
//   --quick        fewer rounds, prints only (BENCHMARKS.md is left alone)
//   --no-tooling   skips the turbo cold/cached builds
//   --server=inline  runs the loopback server on the benchmark's own thread (default: a worker)
//   --no-mock      skips the mock against Prism CLI
//   --mode=<m>     also measures `chert-mock --mode <m>` (repeatable)
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolvedEntry } from './entries.mjs';
import { report } from './report.mjs';
import { benchRoundTrip } from './roundtrip.mjs';
import { benchSigning } from './signing.mjs';
import { benchSize } from './size.mjs';
import { benchWebhooks } from './webhooks.mjs';
import { benchTooling } from './tooling.mjs';
import { benchMock } from './mock.mjs';
import { mockReport } from './mock-report.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const server = args.find((a) => a.startsWith('--server='))?.slice('--server='.length) ?? 'worker';

const started = performance.now();
const log = (what) => console.error(`[bench] ${what} (${((performance.now() - started) / 1000).toFixed(0)} s)`);

log('round trip');
const roundTrip = await benchRoundTrip(quick ? { rounds: 600, warmup: 100, blocks: 3, server } : { server });
log('signing');
const signing = await benchSigning(quick ? { rounds: 600, warmup: 50 } : {});
log('webhook verification');
const webhooks = await benchWebhooks(quick ? { rounds: 1000, warmup: 100 } : {});
log('size');
const size = await benchSize();
let tooling;
if (!args.includes('--no-tooling')) {
  log('tooling (cold turbo run build --force, then cached)');
  tooling = benchTooling();
}
let mock;
if (!args.includes('--no-mock')) {
  log('mock against Prism CLI');
  const modes = args.filter((a) => a.startsWith('--mode=')).map((a) => a.slice('--mode='.length));
  mock = await benchMock({ modes, ...(quick ? { duration: 3, starts: 2 } : {}), log });
}
log('done');

const machine = `${os.cpus()[0]?.model?.trim() ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.platform()} ${os.release()}`;
const text = report({
  machine,
  node: process.version,
  date: new Date().toISOString().slice(0, 10),
  command: args.length ? `node bench/src/main.mjs ${args.join(' ')}` : 'pnpm bench',
  server,
  resolvedEntry,
  roundTrip: roundTrip.variants,
  createHmacInSitu: roundTrip.createHmacInSitu,
  signing,
  webhooks,
  size,
  tooling,
  seconds: (performance.now() - started) / 1000,
});
const full = mock ? `${text}\n${mockReport(mock)}` : text;
console.log(full);
if (!quick) writeFileSync(new URL('../../BENCHMARKS.md', import.meta.url), full);
