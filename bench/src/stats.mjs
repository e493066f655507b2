// Order statistics over samples in milliseconds, and the formatting the report shares.
export function summarize(samples) {
  const sorted = Float64Array.from(samples).sort();
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: sorted.length, median: at(0.5), p99: at(0.99), min: sorted[0] };
}

export const median = (xs) => summarize(xs).median;

export const us = (ms) => `${(ms * 1000).toFixed(Math.abs(ms) < 0.01 ? 2 : 1)} µs`;
export const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
export const pct = (x) => `${(x * 100).toFixed(1)}%`;

export function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

/**
 * Runs each variant `rounds` times, one call of each per round in an order that rotates every
 * round, so drift, GC pauses and a warm or cold cache fall on all variants alike.
 */
export async function interleave(variants, { rounds, warmup = 0 }) {
  const samples = variants.map(() => []);
  for (let i = 0; i < warmup + rounds; i++) {
    for (let k = 0; k < variants.length; k++) {
      const v = (i + k) % variants.length;
      const t = performance.now();
      await variants[v].run();
      const elapsed = performance.now() - t;
      if (i >= warmup) samples[v].push(elapsed);
    }
  }
  return samples;
}
