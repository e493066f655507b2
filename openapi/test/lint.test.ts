// Redocly exits 0 on warnings; the document allows none, so the totals are checked here.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

function lint(): { totals: { errors: number; warnings: number; ignored: number }; problems: Array<{ ruleId: string; message: string }> } {
  const out = execFileSync('pnpm', ['exec', 'redocly', 'lint', 'openapi.yaml', '--format=json'], {
    cwd: root,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out.slice(out.indexOf('{')));
}

describe('redocly lint', () => {
  it('reports zero errors, zero warnings and nothing ignored', () => {
    const { totals, problems } = lint();
    expect(problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
  }, 60_000);

  it('has no ignore file hiding problems', () => {
    expect(existsSync(new URL('../.redocly.lint-ignore.yaml', import.meta.url))).toBe(false);
  });
});
