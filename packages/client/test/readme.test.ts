// The README's example runs against the mock as written: only the mock's port differs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { startMock, type RunningMock } from '@chert/mock';
import { afterAll, beforeAll, expect, it } from 'vitest';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, host: '127.0.0.1' });
});
afterAll(() => mock?.close());

it('the example under "Try it against the mock" prints what the README says', async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Try it against the mock'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
  expect(code).toContain("baseUrl: 'http://127.0.0.1:4010'");
  const printed: string[] = [];
  const dir = new URL('../.reports/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL('readme-example.ts', dir);
  writeFileSync(
    file,
    // The example's console, so its output can be compared with the README's words.
    `const console = { log: (...parts: unknown[]) => (globalThis as any).__printed.push(parts.join(' ')) };\n` +
      code.replace('http://127.0.0.1:4010', mock.url),
  );
  (globalThis as { __printed?: string[] }).__printed = printed;
  await import(/* @vite-ignore */ `${file.href}?t=${Date.now()}`);
  const promised = [...section.matchAll(/`(sent into [^`]+|own card [^`]+|no such chat [^`]+)`/g)].map((m) => m[1]);
  expect(promised).toHaveLength(3);
  expect(printed).toEqual(promised);
});

it('quotes no benchmark figure that BENCHMARKS.md does not hold (pnpm bench rewrites only that file)', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const benchmarks = readFileSync(new URL('../../../BENCHMARKS.md', import.meta.url), 'utf8');
  // Ratios and timings: what a run of the benchmarks changes.
  const figures = readme.match(/\d+(?:\.\d+)?\s?(?:×|µs)/g) ?? [];
  expect(figures.filter((figure) => !benchmarks.includes(figure))).toEqual([]);
});
