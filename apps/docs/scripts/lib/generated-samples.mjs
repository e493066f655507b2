// @ts-check
// The generated samples on disk: the build writes each one that the docs show (an operation
// without a hand-written sample) to generated/samples/, so that the samples' type-check
// (samples/tsconfig.json) and the samples test compile and run them exactly like the
// hand-written ones. The folder is build output: gitignored, and declared to turbo.
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GENERATED_SAMPLES_DIR = fileURLToPath(new URL('../../generated/samples/', import.meta.url));

/**
 * Makes `dir` hold exactly these samples. Each file is written whole and renamed into place,
 * and only files no longer generated are removed, so a reader never sees a half-written file.
 * @param {Array<{ operationId: string, ext: string, source: string }>} samples
 * @param {string} [dir]
 */
export async function writeGeneratedSamples(samples, dir = GENERATED_SAMPLES_DIR) {
  await mkdir(dir, { recursive: true });
  const names = new Set();
  for (const s of samples) {
    const name = `${s.operationId}${s.ext}`;
    names.add(name);
    const temporary = join(dir, `.${name}.${process.pid}.tmp`);
    await writeFile(temporary, s.source);
    await rename(temporary, join(dir, name));
  }
  for (const entry of await readdir(dir)) {
    if (!names.has(entry) && !entry.startsWith('.')) await rm(join(dir, entry), { force: true });
  }
  return [...names].sort().map((n) => join(dir, n));
}
