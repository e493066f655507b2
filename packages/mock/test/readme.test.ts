import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { exampleValue } from './document.js';

/**
 * The README's curl lines are the manual check of every documented outcome; this sends each
 * one (parsed, not run through a shell, so no curl is needed) and checks the answer its
 * trailing comment promises: `# <status> [<code>] <Example>`.
 */
const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Every documented outcome, by hand'), readme.indexOf('## Checking signatures'));

function words(line: string, vars: Record<string, string>): string[] {
  const out: string[] = [];
  let current: string | undefined;
  const expand = (text: string) => text.replace(/\$([A-Z_]+)/g, (_m, name: string) => vars[name] ?? '');
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      if (current !== undefined) out.push(current);
      current = undefined;
      i++;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      current = (current ?? '') + line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      const end = line.indexOf('"', i + 1);
      current = (current ?? '') + expand(line.slice(i + 1, end));
      i = end + 1;
    } else if (c === '$') {
      const name = /^\$([A-Z_]+)/.exec(line.slice(i))![1]!;
      current = (current ?? '') + (vars[name] ?? '');
      i += name.length + 1;
    } else {
      current = (current ?? '') + c;
      i++;
    }
  }
  if (current !== undefined) out.push(current);
  return out;
}

const vars: Record<string, string> = {};
for (const line of section.split('\n')) {
  const assignment = /^([A-Z_]+)=(.*?)(\s+#.*)?$/.exec(line);
  if (assignment) vars[assignment[1]!] = words(assignment[2]!, vars).join(' ');
}

const commands = section
  .split('\n')
  .filter((line) => line.startsWith('curl '))
  .map((line) => {
    const [, command, status, code, example, message] =
      /^(curl .*?)\s+#\s+(\d{3})\s+(?:(\d{4})\s+)?([A-Za-z]+)(?:\s+"(.*)")?\s*$/.exec(line) ?? [];
    if (!command) throw new Error(`README curl line without a "# <status> [<code>] <Example> ["message"]" promise: ${line}`);
    return [command, Number(status), code ? Number(code) : undefined, example!, message] as const;
  });

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, mode: 'examples' });
});
afterAll(async () => {
  await mock.close();
});

describe('README curl lines', () => {
  it('cover every status the document gives send-contact, plus the share forms', () => {
    const statuses = new Set(commands.map(([, status]) => status));
    for (const status of [200, 400, 401, 403, 404, 429, 500, 501, 502, 503]) expect(statuses).toContain(status);
    expect(commands.length).toBeGreaterThanOrEqual(29);
  });

  it.each(commands)('%s', async (command, status, code, example, message) => {
    const argv = words(command, vars).slice(1);
    const headers: Record<string, string> = {};
    let body: string | undefined;
    let method = 'GET';
    let url = '';
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === '-H') {
        const [name, ...value] = argv[++i]!.split(':');
        headers[name!.trim().toLowerCase()] = value.join(':').trim();
      } else if (arg === '-d' || arg === '--data') {
        body = argv[++i]!;
        method = 'POST';
      } else if (arg === '-X') method = argv[++i]!;
      else if (arg.startsWith('-')) continue;
      else url = arg;
    }
    // curl's own default for -d without a content type.
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/x-www-form-urlencoded';
    const target = new URL(url);
    const res = await fetch(new URL(target.pathname, mock.url), { method, headers, ...(body !== undefined ? { body } : {}) });
    const json = (await res.json()) as any;
    expect(res.status).toBe(status);
    const expected = exampleValue(example);
    if (status === 200) expect(json).toEqual(expected);
    else {
      expect(json.error.code).toBe(code);
      // A 400 the body earned names the field; one asked for with Prefer is the example as written.
      if (status === 400 && !headers.prefer) expect(message, 'a 400 line promises its message').toBeDefined();
      const said =
        message === undefined ? expected.error.message : message.endsWith('…') ? expect.stringMatching(`^${escape(message.slice(0, -1))}`) : message;
      expect(json).toEqual({ ...expected, error: { ...expected.error, message: said }, trace_id: res.headers.get('x-trace-id') });
    }
  });
});

describe('README "Inside"', () => {
  it('lists every source module, and only those', async () => {
    const { readdirSync } = await import('node:fs');
    const inside = readme.slice(readme.indexOf('## Inside'));
    const listed = new Set([...inside.matchAll(/`(src\/[^`]+\.ts)`/g)].map((m) => m[1]!));
    const src = join(import.meta.dirname, '..', 'src');
    const actual = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `src/${f.split('\\').join('/')}`);
    expect([...listed].sort()).toEqual(actual.sort());
  });
});
