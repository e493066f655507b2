// The README's "The control API" table is what the docs' sandbox guide shows (it is read from
// the README at build time), so it must list exactly the routes the sandbox answers, and name
// only handle methods that exist.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { controlRoutes } from '../src/sandbox/control.js';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('\n## The control API\n'));
const table = section.slice(0, section.indexOf('\n## ', 1)).split('\n').filter((l) => l.startsWith('| '));
// [route cell, handle cell] of each row, the header and its rule left out.
const rows = table.slice(1).map((l) => l.split(/(?<!\\)\|/).slice(1, 3).map((c) => c.trim()));

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(() => mock?.close());

it('lists every control route the sandbox answers, and no other', () => {
  const listed = rows.flatMap(([route]) => [...route!.matchAll(/`(GET|POST) (\/_sandbox\/[a-z]+)`?/g)].map((m) => `${m[1]} ${m[2]}`));
  expect(listed.sort()).toEqual(controlRoutes().sort());
});

it("names only methods of startMock()'s handle", () => {
  const named = rows.flatMap(([, handle]) => [...handle!.matchAll(/`mock\.([a-zA-Z]+)\(/g)].map((m) => m[1]!));
  expect(named.length).toBeGreaterThan(5);
  for (const name of named) expect(typeof (mock as unknown as Record<string, unknown>)[name], `mock.${name}`).toBe('function');
});

it('each listed route answers (an unknown one is a 404 listing them)', async () => {
  const bodies: Record<string, string> = { clock: '{"advance_ms":0}', inbound: '{"from":"+14155550199","text":"hi"}' };
  for (const route of controlRoutes()) {
    const [method, path] = route.split(' ') as [string, string];
    const body = method === 'POST' ? (bodies[path.split('/').pop()!] ?? '{}') : undefined;
    const res = await fetch(mock.url + path, body === undefined ? { method } : { method, body });
    expect(res.status, route).not.toBe(404);
  }
  expect((await fetch(mock.url + '/_sandbox/nothing')).status).toBe(404);
});
