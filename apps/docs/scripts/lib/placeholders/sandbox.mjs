// @ts-check
// The placeholders about the local sandbox (@chert/mock), read from the mock itself: its
// `--help`, its magic numbers (the `magicNumbers` table it exports), and its control API. The
// mock exports no table of its control routes, so this is the one place that reads them from
// its README (the "The control API" section's table), which the mock's own tests hold to the
// routes it answers and the methods of its handle (test/readme-control.test.ts); a README
// without that table fails the build rather than the guide going stale.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { markdownTable } from '../facts.mjs';
import { fence } from '../render.mjs';

const require = createRequire(import.meta.url);
const mockDir = () => dirname(require.resolve('@chert/mock/package.json'));

/**
 * The rows of the first table under a `## <heading>` of a Markdown text, keyed by header.
 * @param {string} markdown @param {string} heading
 */
export function sectionTable(markdown, heading) {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start === -1) return [];
  return markdownTable(markdown.slice(start + 1).split(/\n## /)[0] ?? '');
}

/** A link to the README's own sections means nothing on this page: keep its words. @param {string} text */
const unlinked = (text) => text.replace(/\[([^\]]+)\]\(#[^)]*\)/g, '$1');

/**
 * The control API as a list: each route (or only the handle's method, where there is no
 * route), what it does.
 * @param {Array<Record<string, string>>} rows
 */
export function controlApiList(rows) {
  const usable = rows.filter((r) => (r.route || r.handle) && r.does);
  if (!usable.length || usable.length !== rows.length) {
    throw new Error('The @chert/mock README\'s "The control API" table is gone or changed shape (route | handle | does): the sandbox guide reads its control routes from it.');
  }
  return usable
    .map((r) => {
      const handle = r.handle ? (r.route ? ` (on the handle: ${r.handle})` : `The handle's ${r.handle}`) : '';
      const does = unlinked(r.does ?? '');
      // A loose list: the route on its line, what it does in a paragraph under it.
      return `- ${r.route ?? ''}${handle}\n\n  ${does.charAt(0).toUpperCase()}${does.slice(1)}${/[a-z]$/i.test(does) ? '.' : ''}`;
    })
    .join('\n\n');
}

/** @param {string} outcome */
const outcomeWords = (outcome) => outcome.replace(/_/g, ' ');

/**
 * The magic numbers as a table: number, what a send to it does, the Chert code it answers.
 * @param {ReadonlyArray<{ number: string; outcome: string; code: number | null; does: string }>} numbers
 */
export function magicNumbersTable(numbers) {
  if (!Array.isArray(numbers) || numbers.length === 0 || !numbers.every((m) => /^\+\d{8,15}$/.test(m?.number) && m.outcome && m.does)) {
    throw new Error('@chert/mock exports no usable magicNumbers table (number, outcome, code, does): the sandbox guide lists them from it.');
  }
  const rows = ['| send to | outcome | error code | what a send to it does |', '|---|---|---|---|'];
  for (const m of numbers) rows.push(`| \`${m.number}\` | ${outcomeWords(m.outcome)} | ${m.code ?? 'none'} | ${m.does.replace(/\|/g, '\\|')} |`);
  return rows.join('\n');
}

/** @returns {import('../render.mjs').Fills} */
export function sandboxFills() {
  return {
    // What `chert-mock --help` prints, run from the installed @chert/mock.
    'mock-help': async () => {
      const bin = join(mockDir(), 'bin', 'chert-mock.js');
      const { stdout } = await promisify(execFile)(process.execPath, [bin, '--help'], { timeout: 30_000 });
      if (!/--mode/.test(stdout)) throw new Error(`chert-mock --help printed no --mode option:\n${stdout}`);
      return fence('text', stdout.trimEnd());
    },
    // The table the sandbox itself decides by, as @chert/mock exports it.
    'sandbox-magic-numbers': async () => magicNumbersTable((await import('@chert/mock')).magicNumbers),
    'sandbox-control-api': async () => controlApiList(sectionTable(await readFile(join(mockDir(), 'README.md'), 'utf8'), 'The control API')),
  };
}
