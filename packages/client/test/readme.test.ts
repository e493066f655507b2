// The README holds: every ```ts sample compiles as written under the strictest settings users
// turn on (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess), the first example runs
// against the mock and prints what the README says, the table of methods is the document's,
// and it quotes no benchmark figure that BENCHMARKS.md does not hold.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { operations } from '@chert/openapi/walk';
import { startMock, type RunningMock } from '@chert/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typecheckAsUser } from './support/typecheck.js';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(pkgDir, 'README.md'), 'utf8');
const doc = (await import('@chert/openapi/openapi.json', { with: { type: 'json' } })).default as Record<string, any>;

// What the samples use without declaring: they read as fragments of one program.
const FREE: Record<string, string> = {
  chert: "import('@chert/client').ChertClient",
  secret: 'string',
  rawBody: 'string',
};

/** Every ```ts block of the README, each as its own module, with what it leaves undeclared. */
function samples(): [name: string, source: string][] {
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => {
    const code = m[1]!;
    const declared = (name: string) => new RegExp(`\\b(?:const|let|var)\\s+(?:\\{[^}]*\\b${name}\\b[^}]*\\}|${name}\\b)`).test(code);
    const preamble = Object.entries(FREE)
      .filter(([name]) => new RegExp(`\\b${name}\\b`).test(code) && !declared(name))
      .map(([name, type]) => `declare const ${name}: ${type};`)
      .join('\n');
    return [`readme-${i + 1}`, `${preamble}\n${code}\nexport {};\n`];
  });
}

describe('the samples', () => {
  const dir = join(pkgDir, '.reports/readme');
  let diagnostics = '';
  beforeAll(async () => {
    diagnostics = await typecheckAsUser(dir, samples());
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are there: one per feature at least', () => {
    expect(samples().length).toBeGreaterThanOrEqual(15);
  });

  it.each(samples().map(([name]) => [name]))('%s compiles with exactOptionalPropertyTypes', (name) => {
    expect(diagnostics.split('\n').filter((line) => line.includes(`${name}.ts(`))).toEqual([]);
  });
});

describe('the example under "Try it against the mock"', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ mode: 'examples', port: 0, host: '127.0.0.1' });
  });
  afterAll(() => mock?.close());

  it('prints what the README says', async () => {
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
    const promised = [...section.slice(0, section.indexOf('\n## ', 5)).matchAll(/`((?:sent|history|card|no such message) [^`]+)`/g)].map((m) => m[1]);
    expect(promised).toHaveLength(4);
    expect(printed).toEqual(promised);
  });
});

describe('the table under "Every operation"', () => {
  const section = readme.slice(readme.indexOf('## Every operation'), readme.indexOf('## Sending contact cards'));
  const rows = [...section.matchAll(/^\| `([\w.]+)\(([^)]*)\)` \| `(\w+) ([^`]+)` \(`(\w+)`\) \|/gm)].map((m) => ({
    call: m[1]!,
    args: m[2]!,
    method: m[3]!,
    path: m[4]!,
    id: m[5]!,
  }));

  it('lists every operation of the document once, where x-chert-sdk places it, with its method and path', () => {
    const want = operations(doc)
      .map(({ key, method, operation }) => {
        const sdk = operation['x-chert-sdk'] as { resource: string; method: string };
        return { call: `${sdk.resource}.${sdk.method}`, method: method.toUpperCase(), path: key, id: operation.operationId as string };
      })
      .sort((a, b) => a.id.localeCompare(b.id));
    expect(rows.map(({ call, method, path, id }) => ({ call, method, path, id })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(want);
  });

  it('names the path parameters first, in the order of the path', () => {
    for (const row of rows.filter((r) => !r.call.startsWith('contacts.'))) {
      const params = [...row.path.matchAll(/\{([^}]+)\}/g)].length;
      const args = row.args.split(',').map((a) => a.trim()).filter(Boolean);
      expect(args.length, row.call).toBeGreaterThanOrEqual(params);
      expect(args.slice(0, params).every((a) => /^[a-z][A-Za-z]*$/.test(a)), row.call).toBe(true);
    }
  });
});

it('quotes no benchmark figure that BENCHMARKS.md does not hold (pnpm bench rewrites only that file)', () => {
  const benchmarks = readFileSync(new URL('../../../BENCHMARKS.md', import.meta.url), 'utf8');
  // Ratios and timings: what a run of the benchmarks changes.
  const figures = readme.match(/\d+(?:\.\d+)?\s?(?:×|µs)/g) ?? [];
  expect(figures.filter((figure) => !benchmarks.includes(figure))).toEqual([]);
});
