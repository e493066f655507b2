// The BENCHMARKS.md section of the mock against Prism CLI (bench/src/mock.mjs).
import { table } from './stats.mjs';

const x = (a, b) => `${(a / b).toFixed(2)}×`;

/** Targets of issue 13: examples mode ≥ 1.5× Prism CLI, the sandbox ≥ 1.0×, start ≤ Prism's. */
const targets = [
  { server: '@chert/mock --mode examples', throughput: 1.5 },
  { server: '@chert/mock --mode sandbox', throughput: 1.0 },
];

export function mockReport(m) {
  const base = m.servers.find((s) => s.name === m.baseline);
  const rows = m.servers.map((s) => [s.name, `${(s.startMs / 1000).toFixed(2)} s`, x(s.startMs, base.startMs)]);
  const shapes = [...new Set(m.throughput.map((t) => t.shape))];
  const tput = [];
  for (const shape of shapes) {
    const baseline = m.throughput.find((t) => t.shape === shape && t.server === m.baseline);
    for (const t of m.throughput.filter((t) => t.shape === shape)) {
      tput.push([shape, t.server, `${t.rps.toFixed(0)} req/s`, `${t.latencyP50} ms`, x(t.rps, baseline.rps), t.non2xx + t.errors]);
    }
  }
  const verdicts = [];
  for (const target of targets) {
    const own = m.throughput.filter((t) => t.server === target.server);
    if (!own.length) continue;
    const worst = Math.min(...own.map((t) => t.rps / m.throughput.find((b) => b.shape === t.shape && b.server === m.baseline).rps));
    verdicts.push(`${target.server}: throughput ≥ ${target.throughput.toFixed(1)}× Prism CLI on every shape: worst ${worst.toFixed(2)}× (${worst >= target.throughput ? 'met' : 'missed'})`);
  }
  const slowest = Math.max(...m.servers.filter((s) => s !== base).map((s) => s.startMs));
  verdicts.push(`start to first answer ≤ Prism CLI's: slowest of ours ${x(slowest, base.startMs)} (${slowest <= base.startMs ? 'met' : 'missed'})`);
  return `## 6. The mock against Prism CLI

Each server is its own child process serving the same bundled document (\`@chert/openapi\`);
the mock in both its modes (the sandbox is its default, and keeps every message it is sent).
Start: from spawn to the first successful answer (a contact card by phone), median of the
interleaved starts. Load: autocannon, ${m.connections} connections, ${m.duration} s after a 1 s warm-up, one
server at a time, into the chat the first answer named; "not 2xx" must be 0 for the figure
to count.

${table(['server', 'start to first answer', '× Prism CLI'], rows)}

${table(['request', 'server', 'throughput', 'p50 latency', '× Prism CLI', 'not 2xx'], tput)}

${verdicts.map((v) => `- ${v}`).join('\n')}
`;
}
