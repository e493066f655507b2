// @ts-check
// The code samples: the hand-written files under samples/ (`<operationId>.ts` and `.sh`),
// shown on each operation as Redoc's `x-codeSamples`, and the `{{sample:…}}` placeholder that
// puts a sample file into a guide.
import { readFile, readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { deref } from '@chert/openapi/walk';
import { fence } from './render.mjs';

/** The labels Redoc shows on the code-sample tabs, by sample file extension. */
export const sampleLanguages = Object.freeze({
  '.ts': { lang: 'TypeScript', label: 'TypeScript' },
  '.sh': { lang: 'Shell', label: 'curl' },
});

/**
 * Reads the sample files: `<operationId>.ts` and `<operationId>.sh` directly under samplesDir.
 * @param {string} samplesDir
 * @returns {Promise<Map<string, Array<{ ext: string, source: string }>>>}
 */
export async function readSamples(samplesDir) {
  /** @type {Map<string, Array<{ ext: string, source: string }>>} */
  const byOperation = new Map();
  for (const entry of await readdir(samplesDir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const ext = extname(entry.name);
    if (!(ext in sampleLanguages)) continue;
    const source = await readFile(join(samplesDir, entry.name), 'utf8');
    const id = basename(entry.name, ext);
    byOperation.set(id, [...(byOperation.get(id) ?? []), { ext, source }]);
  }
  return byOperation;
}

/**
 * `{{sample:<file under samples/>}}`: the file, fenced.
 * @param {string} samplesDir
 * @returns {import('./render.mjs').Fills}
 */
export function sampleFills(samplesDir) {
  return {
    sample: async (file) => {
      if (file.includes('..')) throw new Error(`Sample paths stay under samples/: ${file}`);
      const source = await readFile(join(samplesDir, file), 'utf8');
      return fence(extname(file) === '.sh' ? 'sh' : 'ts', source);
    },
  };
}

/**
 * Puts exactly one TypeScript and one curl sample on every operation (in place); fails on a
 * missing sample or a sample for an operation the document lacks.
 * @param {Record<string, any>} document the docs copy
 * @param {import('./facts.mjs').Operation[]} ops
 * @param {Map<string, Array<{ ext: string, source: string }>>} samples
 */
export function attachSamples(document, ops, samples) {
  const problems = [];
  for (const id of samples.keys()) {
    if (!ops.some((o) => o.operationId === id)) problems.push(`samples/${id}.*: no operation ${id} in the document`);
  }
  for (const o of ops) {
    const files = samples.get(o.operationId) ?? [];
    const codeSamples = [];
    for (const [ext, language] of Object.entries(sampleLanguages)) {
      const sample = files.find((f) => f.ext === ext);
      if (!sample) {
        problems.push(`samples/${o.operationId}${ext} is missing`);
        continue;
      }
      codeSamples.push({ ...language, source: sample.source.replace(/\n+$/, '\n') });
    }
    const item = deref(document, document.paths[o.path]);
    item[o.method.toLowerCase()]['x-codeSamples'] = codeSamples;
  }
  if (problems.length) throw new Error(`Code samples:\n- ${problems.join('\n- ')}`);
}
