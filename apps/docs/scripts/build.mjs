#!/usr/bin/env node
// @ts-check
// Builds the docs site into dist/: a docs-only copy of the bundled API document (guides and
// code samples added), rendered by `redocly build-docs` into one self-contained index.html.
import { spawn } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeDocs } from './lib/compose.mjs';
import { writeGeneratedSamples } from './lib/generated-samples.mjs';
import { makeOffline } from './lib/offline.mjs';
import { withPageStyle } from './lib/page-style.mjs';

const app = fileURLToPath(new URL('../', import.meta.url));
const dist = join(app, 'dist');
const require = createRequire(import.meta.url);

/** @returns {Promise<import('./lib/compose.mjs').SignV1>} */
async function loadSignV1() {
  try {
    const client = await import('@chert/client');
    if (typeof client.signV1 !== 'function') throw new Error('@chert/client does not export signV1');
    return client.signV1;
  } catch (error) {
    throw new Error(
      `The auth guide's worked example is computed by @chert/client's signV1, which could not be loaded ` +
        `(${/** @type {Error} */ (error).message}). Build it first: pnpm turbo run build --filter=@chert/docs`,
    );
  }
}

/** @param {string[]} args */
function redocly(args) {
  const bin = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: app,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? ok(output) : fail(new Error(`redocly ${args[0]} exited with ${code}:\n${output}`)),
    );
  });
}

/**
 * Builds the site into dist/.
 * @param {{ signV1?: import('./lib/compose.mjs').SignV1, outDir?: string }} [options]
 *   signV1 defaults to @chert/client's; outDir to apps/docs/dist
 */
export async function build({ signV1, outDir = dist } = {}) {
  const bundlePath = require.resolve('@chert/openapi/openapi.json');
  const document = JSON.parse(await readFile(bundlePath, 'utf8'));
  const composed = await composeDocs({
    document,
    guidesDir: join(app, 'guides'),
    samplesDir: join(app, 'samples'),
    signV1: signV1 ?? (await loadSignV1()),
  });

  // The samples generated for operations without a hand-written one, for the type-check and
  // the samples test.
  await writeGeneratedSamples(composed.samples.filter((s) => s.generated));

  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const docsDocument = join(outDir, 'openapi.docs.json');
  await writeFile(docsDocument, JSON.stringify(composed.document, null, 2) + '\n');
  // The download buttons offer the API document itself, not the docs-only copy.
  await copyFile(bundlePath, join(outDir, 'openapi.json'));
  await copyFile(join(dirname(bundlePath), 'openapi.yaml'), join(outDir, 'openapi.yaml'));

  const page = join(outDir, 'index.html');
  await redocly([
    'build-docs',
    docsDocument,
    '--inlineBundle',
    '--config=redocly.yaml',
    '--template=template.hbs',
    `--title=${document.info.title} · docs`,
    `--output=${page}`,
  ]);

  const { html, remote } = makeOffline(withPageStyle(await readFile(page, 'utf8')));
  if (remote.length) {
    throw new Error(`The page would fetch from outside the machine:\n- ${remote.join('\n- ')}`);
  }
  await writeFile(page, html);
  return { page, bytes: Buffer.byteLength(html), worked: composed.worked, routes: composed.routes };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  try {
    const { page, bytes } = await build();
    console.log(`Built ${relative(process.cwd(), page)} (${Math.round(bytes / 1024)} KiB, self-contained)`);
  } catch (error) {
    console.error(`docs build failed: ${/** @type {Error} */ (error).message}`);
    process.exit(1);
  }
}
