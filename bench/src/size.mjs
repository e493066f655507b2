// The published client entry bundled and minified with esbuild, gzip size, next to
// openapi-fetch alone: what the client adds on top of what it cannot avoid.
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);

async function gzipOf(entryContents, resolveDir) {
  const result = await build({
    stdin: { contents: entryContents, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'silent',
  });
  const bytes = result.outputFiles[0].contents;
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

export async function benchSize() {
  const here = new URL('.', import.meta.url).pathname;
  const floor = await gzipOf(`export * from 'openapi-fetch';`, here);
  const client = await gzipOf(`export * from '@chert/client';`, here);
  const entry = require.resolve('@chert/client');
  return { floor, client, entry };
}
