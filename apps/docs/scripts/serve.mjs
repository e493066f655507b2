#!/usr/bin/env node
// @ts-check
// A tiny static server for the built docs (dist/). Loopback only: the docs are for the
// person at this machine, and `pnpm dev` runs it beside the mock. Also a library:
// `serveDocs()` is what the browser test and scripts/dev.mjs call.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const defaultRoot = fileURLToPath(new URL('../dist/', import.meta.url));

const types = /** @type {Record<string, string>} */ ({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
});

/**
 * Resolves a URL path to a file under root, or undefined when it would escape root.
 * @param {string} root absolute, ending in a separator
 * @param {string} urlPath
 */
function fileFor(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  const file = resolve(root, '.' + path);
  return file === root.slice(0, -1) || file.startsWith(root) ? file : undefined;
}

/**
 * Serves a directory of static files on loopback.
 * @param {{ port?: number, host?: string, root?: string }} [options]
 *   port 0 picks a free port; host defaults to 127.0.0.1; root defaults to apps/docs/dist.
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 *   url is the site's root, e.g. http://127.0.0.1:8080/
 */
export async function serveDocs({ port = 8080, host = '127.0.0.1', root = defaultRoot } = {}) {
  const base = resolve(root) + sep;
  const index = join(base, 'index.html');
  try {
    await stat(index);
  } catch {
    throw new Error(`No built docs at ${index}: run \`pnpm --filter @chert/docs build\` first.`);
  }

  const server = createServer(async (req, res) => {
    res.setHeader('x-content-type-options', 'nosniff');
    let url;
    try {
      // A target such as `//` is a scheme-relative URL that names no path: refuse it, never crash.
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Bad request target\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return;
    }
    let file = fileFor(base, url.pathname);
    let info = file ? await stat(file).catch(() => undefined) : undefined;
    if (file && info?.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file).catch(() => undefined);
    }
    if (!file || !info?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
      return;
    }
    res.writeHead(200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      // The site is rebuilt in place; always revalidate so a reload shows the new build.
      'cache-control': 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok(undefined);
    });
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The docs server has no TCP address.');
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    port: address.port,
    close: () =>
      new Promise((ok, fail) => {
        server.close((error) => (error ? fail(error) : ok()));
        server.closeAllConnections();
      }),
  };
}

/**
 * `--port <n>` (default 8080, or $PORT) and `--root <dir>` (default the built site).
 * @param {string[]} argv
 */
function parseCli(argv) {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string', short: 'p' }, root: { type: 'string' } },
    strict: true,
  });
  const text = values.port ?? process.env.PORT ?? '8080';
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new Error(`--port needs a number from 0 to 65535, got ${JSON.stringify(text)}.`);
  }
  return { port, ...(values.root ? { root: resolve(values.root) } : {}) };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  /** @type {number | undefined} */
  let port;
  try {
    const options = parseCli(process.argv.slice(2));
    port = options.port;
    const site = await serveDocs(options);
    console.log(`Chert docs: ${site.url}  (Ctrl-C to stop)`);
    const stop = () => site.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    const e = /** @type {NodeJS.ErrnoException} */ (error);
    console.error(
      e.code === 'EADDRINUSE'
        ? `Port ${port} on 127.0.0.1 is taken: stop what uses it, or pass --port <n>.`
        : e.message.split('\n')[0],
    );
    process.exit(1);
  }
}
