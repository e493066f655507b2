// Package checks as tests, against the built dist: publint, attw --pack, the size budget, and
// the runtime rules (no node: imports, only openapi-fetch and @chert/types at run time).
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { SECRET, TENANT } from './support/fetch.js';
import { json, startServer } from './support/server.js';

const run = promisify(execFile);
const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${pkgDir}/package.json`, 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};
const SIZE_BUDGET = 4096;

/** Rebuilds dist when it is missing or older than the sources, so the checks see this code. */
beforeAll(async () => {
  const built = (() => {
    try {
      return statSync(`${pkgDir}/dist/index.d.cts`).mtimeMs;
    } catch {
      return 0;
    }
  })();
  const sources = readdirSync(`${pkgDir}/src`).map((f) => statSync(`${pkgDir}/src/${f}`).mtimeMs);
  if (Math.max(...sources, statSync(`${pkgDir}/package.json`).mtimeMs) > built) {
    await run('pnpm', ['exec', 'tsup'], { cwd: pkgDir });
  }
}, 120_000);

describe('packaging', () => {
  it('publint finds nothing, not even a suggestion', async () => {
    const { messages, pkg: manifest } = await publint({ pkgDir, pack: 'pnpm', level: 'suggestion', strict: true });
    expect(messages.map((m) => formatMessage(m, manifest))).toEqual([]);
  }, 60_000);

  it('attw --pack finds no problem for node10, node16 (CJS and ESM) or bundlers', async () => {
    // attw exits non-zero on a problem; its report is on stdout either way.
    const { stdout } = await run('pnpm', ['exec', 'attw', '--pack', '.', '--format', 'json'], { cwd: pkgDir }).catch(
      (error: { stdout: string }) => error,
    );
    const report = JSON.parse(stdout) as { analysis: { problems: unknown[]; entrypoints: Record<string, unknown> } };
    expect(report.analysis?.problems, stdout.slice(0, 2000)).toEqual([]);
    expect(Object.keys(report.analysis.entrypoints)).toContain('.');
  }, 60_000);

  it(`stays within ${SIZE_BUDGET} bytes gzipped on top of openapi-fetch, minified and bundled`, async () => {
    const result = await build({
      entryPoints: [`${pkgDir}/dist/index.js`],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'neutral',
      external: ['openapi-fetch'],
      write: false,
      logLevel: 'silent',
    });
    const size = gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
    expect(size).toBeLessThanOrEqual(SIZE_BUDGET);
  });

  it('imports nothing at run time but openapi-fetch and @chert/types, and no node: module', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['@chert/types', 'openapi-fetch']);
    for (const file of ['index.js', 'index.cjs']) {
      const code = readFileSync(`${pkgDir}/dist/${file}`, 'utf8');
      const imported = [...code.matchAll(/(?:from\s*|require\()\s*"([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(imported)).toEqual(new Set(['openapi-fetch', '@chert/types']));
      expect(code).not.toMatch(/["']node:|(?<![\w.])(?:process|Buffer)\b/);
    }
  });

  it('its declarations compile in a Node project without the DOM lib, ESM and CommonJS', async () => {
    const dir = `${pkgDir}/.reports/consumer`;
    mkdirSync(dir, { recursive: true });
    const use = [
      "import { createChertClient, signV1, importSigningKey, ChertApiError } from '@chert/client';",
      "const chert = createChertClient({ auth: { hmac: { tenant: 'acme', signingSecret: 's' } } });",
      "export const sent = chert.contacts.send({ to: '+14155550123' }, { contact: { full_name: 'Ada' } });",
      "export const signed = importSigningKey('s').then((key) => signV1(key, 1, new Uint8Array()));",
      'export const isApiError = (e: unknown) => e instanceof ChertApiError && e.code === 2002;',
    ].join('\n');
    writeFileSync(`${dir}/esm.mts`, use);
    writeFileSync(`${dir}/cjs.cts`, use);
    const compilerOptions = { target: 'ES2022', lib: ['ES2022'], types: ['node'], module: 'NodeNext', strict: true, skipLibCheck: false, noEmit: true };
    writeFileSync(`${dir}/tsconfig.json`, JSON.stringify({ compilerOptions, files: ['esm.mts', 'cjs.cts'] }));
    const { stdout } = await run('pnpm', ['exec', 'tsc', '-p', `${dir}/tsconfig.json`], { cwd: pkgDir }).catch(
      (error: { stdout: string }) => error,
    );
    expect(stdout).toBe('');
  }, 60_000);

  it('ESM and CommonJS builds expose the same API and the version from package.json', async () => {
    const esm = (await import(`${pkgDir}/dist/index.js`)) as Record<string, unknown>;
    const cjs = createRequire(import.meta.url)(`${pkgDir}/dist/index.cjs`) as Record<string, unknown>;
    expect(Object.keys(esm).sort()).toEqual(Object.keys(cjs).sort());
    expect(Object.keys(esm).sort()).toEqual([
      'ChertApiError',
      'ChertError',
      'ChertNetworkError',
      'ChertTimeoutError',
      'createChertClient',
      'importSigningKey',
      'signV1',
      'version',
    ]);
    expect(esm.version).toBe(pkg.version);
    expect(cjs.version).toBe(pkg.version);
    expect(readFileSync(`${pkgDir}/dist/index.js`, 'utf8')).not.toContain('__CHERT_VERSION__');
  });

  it.each(['index.js', 'index.cjs'])('dist/%s sends a signed request and resolves the answer', async (file) => {
    const server = await startServer();
    try {
      server.handle((a, _req, res) => json(res, 200, { chat_id: 'ch_1', status: 'sent', sig: a.headers['x-chert-signature'] }));
      const built = (file.endsWith('.cjs')
        ? createRequire(import.meta.url)(`${pkgDir}/dist/${file}`)
        : await import(`${pkgDir}/dist/${file}`)) as typeof import('../src/index.js');
      const chert = built.createChertClient({ baseUrl: server.url, auth: { hmac: { tenant: TENANT, signingSecret: SECRET } } });
      const result = (await chert.contacts.send({ chatId: 'ch_1' }, { contact: { full_name: 'Zoë' } })) as { sig?: string };
      const [a] = server.arrived;
      const ts = Number(String(a!.headers['x-chert-signature']).split(',')[1]);
      expect(result.sig).toBe(await built.signV1(SECRET, ts, a!.body));
      expect(a!.headers['user-agent']).toBe(`chert-ts/${pkg.version}`);
    } finally {
      await server.close();
    }
  });
});
