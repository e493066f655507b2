// The published client entry bundled and minified with esbuild, gzip size, next to
// openapi-fetch alone: what the client adds on top of what it cannot avoid. Resolved by
// package name through the exports map, as a bundler for browsers (the default entry) and
// one for Node (the `node` entry) would.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

// The client's own dependencies resolve from its folder.
const clientDir = dirname(createRequire(import.meta.url).resolve('@chert/client/package.json'));

async function sizeOf(entryContents, platform, external = [], resolveDir = new URL('.', import.meta.url).pathname) {
  const result = await build({
    external,
    stdin: { contents: entryContents, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    write: false,
    logLevel: 'silent',
    metafile: true,
  });
  const bytes = result.outputFiles[0].contents;
  const inputs = Object.keys(result.metafile.inputs);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, inputs };
}

/**
 * What a code-splitting bundler (every bundler for browsers) loads before the first use of a
 * helper: the entry's chunk and those it imports statically, not those behind import().
 */
async function upFrontOf(entryContents, external) {
  const result = await build({
    external,
    stdin: { contents: entryContents, resolveDir: new URL('.', import.meta.url).pathname, loader: 'js' },
    bundle: true,
    splitting: true,
    outdir: new URL('../.reports/split', import.meta.url).pathname,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    metafile: true,
  });
  const { outputs } = result.metafile;
  const upFront = new Set();
  const visit = (out) => {
    if (upFront.has(out)) return;
    upFront.add(out);
    for (const i of outputs[out].imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(Object.keys(outputs).find((out) => outputs[out].entryPoint === '<stdin>'));
  const names = [...upFront].map((out) => out.replace(/^.*\//, '/'));
  const bytes = Buffer.concat(result.outputFiles.filter((f) => names.some((n) => f.path.endsWith(n))).map((f) => f.contents));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

export async function benchSize() {
  const floor = await sizeOf(`export * from 'openapi-fetch';`, 'browser');
  const client = await sizeOf(`export * from '@chert/client';`, 'browser');
  const node = await sizeOf(`export * from '@chert/client';`, 'node');
  // As the package's test measures it: openapi-fetch left out of the bundle.
  const clientAlone = await sizeOf(`export * from '@chert/client';`, 'browser', ['openapi-fetch']);
  const upFront = await upFrontOf(`export * from '@chert/client';`, ['openapi-fetch']);
  const webhooks = await sizeOf(`export * from '@chert/client/webhooks';`, 'browser');
  const parser = await sizeOf(`export { createParser } from 'eventsource-parser';`, 'browser', [], clientDir);
  if (client.inputs.some((f) => f.includes('index.node')) || !node.inputs.some((f) => f.includes('index.node'))) {
    throw new Error('the exports map did not resolve the entries expected');
  }
  return { floor, client, node, clientAlone, upFront, webhooks, parser };
}
