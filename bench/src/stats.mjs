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
 * Runs each variant `rounds` times, one call of each per round in a fresh shuffled order, so
 * drift, GC pauses, and whatever one variant leaves behind for the next (a threadpool job, a
 * cold cache) fall on all variants alike. A fixed rotation would not do: every variant would
 * always follow the same one. Seeded, so two runs shuffle alike.
 */
export async function interleave(variants, { rounds, warmup = 0, seed = 0x9e3779b9 }) {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const order = variants.map((_, v) => v);
  const samples = variants.map(() => []);
  for (let i = 0; i < warmup + rounds; i++) {
    for (let k = order.length - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      [order[k], order[j]] = [order[j], order[k]];
    }
    for (const v of order) {
      const t = performance.now();
      await variants[v].run();
      const elapsed = performance.now() - t;
      if (i >= warmup) samples[v].push(elapsed);
    }
  }
  return samples;
}
