// What the generators share: the bundle they read and the folder they write, by default
// @chert/openapi's bundle and src/generated/; as arguments, another bundle and folder (the
// client's generator test): node scripts/generate-<what>.mjs [document.json] [outDir].
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const [docPath = require.resolve('@chert/openapi/openapi.json'), outArg] = process.argv.slice(2);
const out = outArg ? pathToFileURL(`${resolve(outArg)}/`) : new URL('../src/generated/', import.meta.url);

/** The bundled document. */
export const doc = JSON.parse(readFileSync(docPath, 'utf8'));

/** Writes `file` (`operations.ts`) into the output folder. */
export function writeGenerated(file, body) {
  mkdirSync(out, { recursive: true });
  writeFileSync(new URL(file, out), body);
}
