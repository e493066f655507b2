// The mistakes the types refuse are refused with a message that says what to do, under the
// strictest settings users turn on (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess).
// (The README's samples are compiled by readme.test.ts.)
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { typecheckAsUser } from './support/typecheck.js';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const dir = join(pkgDir, '.reports/types');

// Each line marked `// refused: <text>` must fail to compile with <text> in its diagnostic.
const MISUSE = `import { createChertClient } from '@chert/client';
const chert = createChertClient();
const contact = { full_name: 'Ada' };
void chert.contacts.send({ chatId: 'ch_1', to: '+14155550123' }, { contact }); // refused: \`chatId\` or \`to\`: one or the other, not both
void chert.contacts.shareOwnCard({ to: '+14155550123', chatId: 'ch_1' }); // refused: \`chatId\` or \`to\`: one or the other, not both
void chert.contacts.send({ chatId: 'ch_1' }, { contact, vcardText: 'BEGIN:VCARD' }); // refused: \`contact\` or \`vcardText\`: one or the other, not both
void chert.contacts.send({ to: '+14155550123' }, { vcardText: 'BEGIN:VCARD', contact }); // refused: \`contact\` or \`vcardText\`: one or the other, not both
export {};
`;

type Diagnostic = { file: string; line: number; text: string };

let diagnostics: Diagnostic[] = [];
beforeAll(async () => {
  const stdout = await typecheckAsUser(dir, [['misuse', MISUSE]]);
  // `file(line,col): error TS…: message`, then indented lines that elaborate it.
  for (const line of stdout.split('\n')) {
    const start = /^(.+?)\((\d+),\d+\): error (.*)$/.exec(line);
    if (start) diagnostics.push({ file: start[1]!.replace(/^.*[\\/]/, ''), line: Number(start[2]), text: start[3]! });
    else if (line.trim() && diagnostics.length) diagnostics.at(-1)!.text += `\n${line}`;
  }
}, 120_000);

describe('both forms at once', () => {
  const marked = MISUSE.split('\n')
    .map((text, i) => [i + 1, /\/\/ refused: (.*)$/.exec(text)?.[1]] as const)
    .filter((m): m is readonly [number, string] => m[1] !== undefined);

  it.each(marked)('line %i is refused with "%s"', (line, message) => {
    const found = diagnostics.filter((d) => d.file === 'misuse.ts' && d.line === line);
    expect(found).toHaveLength(1);
    expect(found[0]!.text).toContain(message);
  });

  it('nothing else in it is refused', () => {
    const lines = new Set(marked.map(([line]) => line));
    expect(diagnostics.filter((d) => d.file === 'misuse.ts' && !lines.has(d.line))).toEqual([]);
  });
});
