// What the docs' tests compose from: the app's folders and the real bundled document, which a
// test copies (`fresh()`) before changing it to see the build follow or fail.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const require = createRequire(import.meta.url);
export const app = fileURLToPath(new URL('../../', import.meta.url));
export const guidesDir = join(app, 'guides');
export const samplesDir = join(app, 'samples');
export const bundle = JSON.parse(await readFile(require.resolve('@chert/openapi/openapi.json'), 'utf8'));

export type Doc = Record<string, any>;
export const fresh = (): Doc => structuredClone(bundle);
