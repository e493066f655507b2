// Both builds of @chert/client: the one Node resolves (the `node` condition, node:crypto) and
// the default one every other runtime and bundler gets (WebCrypto), loaded from its file.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('@chert/client/package.json'));
const manifest = require('@chert/client/package.json');

export const nodeEntry = await import('@chert/client');
export const defaultEntry = await import(pathToFileURL(join(pkgDir, manifest.exports['.'].import.default)).href);
export const resolvedEntry = import.meta.resolve('@chert/client');
/** `@chert/client/webhooks` as Node resolves it (node:crypto), and its default build (WebCrypto). */
export const nodeWebhooks = await import('@chert/client/webhooks');
export const defaultWebhooks = await import(pathToFileURL(join(pkgDir, manifest.exports['./webhooks'].import.default)).href);

/**
 * The client with an HMAC backend that returns a constant: everything HMAC v1 does but the
 * HMAC itself. Built from the internal chunk both ESM entries share; null if it moved.
 */
export async function constantHmacClient(options) {
  const hex = 'ab'.repeat(32);
  return clientWithHex(options, () => hex);
}

/** The client with `hex(key, prefix, body)` as its HMAC backend; null if the chunk moved. */
export async function clientWithHex(options, hex) {
  const entry = readFileSync(fileURLToPath(resolvedEntry), 'utf8');
  const chunk = /from "(\.\/chunk-[\w-]+\.js)"/.exec(entry)?.[1];
  const internals = chunk ? await import(new URL(chunk, resolvedEntry).href) : {};
  if (typeof internals.bindApi !== 'function' || !internals.webCryptoHmac) return null;
  return internals.bindApi({ importKey: internals.webCryptoHmac.importKey, hex }).createChertClient(options);
}
