import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDocs } from '../scripts/serve.mjs';

const serveScript = fileURLToPath(new URL('../scripts/serve.mjs', import.meta.url));

let root: string;
let site: Awaited<ReturnType<typeof serveDocs>>;

/** A raw GET, so that paths like /../x reach the server unnormalised. */
function get(path: string, method = 'GET'): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((ok, fail) => {
    const req = request(new URL(site.url), { path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => ok({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', fail);
    req.end();
  });
}

beforeAll(async () => {
  const parent = await mkdtemp(join(tmpdir(), 'chert-docs-serve-'));
  root = join(parent, 'site');
  await mkdir(join(root, 'nested'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>docs</title>');
  await writeFile(join(root, 'openapi.json'), '{"openapi":"3.1.0"}');
  await writeFile(join(root, 'nested', 'index.html'), 'nested index');
  // Beside the root, not in it: must never be served.
  await writeFile(join(parent, 'secret.txt'), 'outside the root');
  site = await serveDocs({ port: 0, root });
});

afterAll(async () => {
  await site?.close();
  await rm(join(root, '..'), { recursive: true, force: true });
});

describe('serveDocs', () => {
  it('listens on 127.0.0.1 on the port it was given (0 picks one)', () => {
    expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(site.port).toBeGreaterThan(0);
    expect(site.url).toBe(`http://127.0.0.1:${site.port}/`);
  });

  it.each([
    ['the root serves index.html', '/', 200, 'text/html; charset=utf-8', '<!doctype html><title>docs</title>'],
    ['a file, with its type', '/openapi.json', 200, 'application/json; charset=utf-8', '{"openapi":"3.1.0"}'],
    ['a query string is ignored', '/openapi.json?v=2', 200, 'application/json; charset=utf-8', '{"openapi":"3.1.0"}'],
    ['a directory serves its index.html', '/nested/', 200, 'text/html; charset=utf-8', 'nested index'],
    ['a missing file is 404', '/nope.html', 404, 'text/plain; charset=utf-8', 'Not found\n'],
    ['dot segments cannot leave the root', '/../secret.txt', 404, 'text/plain; charset=utf-8', 'Not found\n'],
    ['encoded dot segments cannot leave the root', '/%2e%2e/secret.txt', 404, 'text/plain; charset=utf-8', 'Not found\n'],
    ['encoded slashes cannot leave the root', '/..%2fsecret.txt', 404, 'text/plain; charset=utf-8', 'Not found\n'],
    ['a malformed escape is 404, not a crash', '/%E0%A4%A', 404, 'text/plain; charset=utf-8', 'Not found\n'],
    ['a target that names no path (`//`) is 400, not a crash', '//', 400, 'text/plain; charset=utf-8', 'Bad request target\n'],
    ['and the server still answers after it', '/openapi.json', 200, 'application/json; charset=utf-8', '{"openapi":"3.1.0"}'],
  ])('%s', async (_name, path, status, type, body) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    expect(res.type).toBe(type);
    expect(res.body).toBe(body);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('/', 'HEAD');
    expect(head).toMatchObject({ status: 200, body: '' });
    const post = await get('/', 'POST');
    expect(post.status).toBe(405);
  });

  it('refuses to start without a built site, saying how to build it', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'chert-docs-empty-'));
    await expect(serveDocs({ port: 0, root: empty })).rejects.toThrow(/pnpm --filter @chert\/docs build/);
    await rm(empty, { recursive: true, force: true });
  });

  it('rejects with EADDRINUSE when the port is taken', async () => {
    await expect(serveDocs({ port: site.port, root })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

describe('serve.mjs (the CLI behind pnpm docs)', () => {
  function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((ok) => {
      const child = spawn(process.execPath, [serveScript, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => ok({ code, stdout, stderr }));
    });
  }

  it('prints one line and exits 1 when the port is taken', async () => {
    const { code, stdout, stderr } = await run(['--port', String(site.port), '--root', root]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([
      `Port ${site.port} on 127.0.0.1 is taken: stop what uses it, or pass --port <n>.`,
    ]);
  });

  it('rejects a port that is not a number', async () => {
    const { code, stderr } = await run(['--port=eighty', '--root', root]);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('--port needs a number from 0 to 65535, got "eighty".');
  });
});
