// @ts-check
// The code samples: a TypeScript and a curl sample on each operation (Redoc's
// `x-codeSamples`), hand-written under samples/ (`<operationId>.ts` and `.sh`) where there is
// one, else generated from the document (sample-generator.mjs); and the `{{sample:…}}`
// placeholder that puts a sample file into a guide.
import { readFile, readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { fence } from './render.mjs';
import { generateCurlSample, generateTsSample } from './sample-generator.mjs';

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

/** @typedef {{ operationId: string, ext: string, source: string, generated: boolean }} Sample */

const generators = /** @type {const} */ ({ '.ts': generateTsSample, '.sh': generateCurlSample });

/**
 * Each operation's samples, one per language: the hand-written file where there is one, else
 * one generated from the document. Fails on a hand-written sample for an operation the
 * document lacks, or an operation the generator cannot write a sample for.
 * @param {Record<string, any>} document
 * @param {import('./facts.mjs').Operation[]} ops
 * @param {Map<string, Array<{ ext: string, source: string }>>} handWritten
 * @returns {Sample[]}
 */
export function operationSamples(document, ops, handWritten) {
  const problems = [];
  for (const id of handWritten.keys()) {
    if (!ops.some((o) => o.operationId === id)) problems.push(`samples/${id}.*: no operation ${id} in the document`);
  }
  /** @type {Sample[]} */
  const out = [];
  for (const o of ops) {
    for (const ext of /** @type {Array<keyof typeof generators>} */ (Object.keys(sampleLanguages))) {
      const own = handWritten.get(o.operationId)?.find((f) => f.ext === ext);
      if (own) {
        out.push({ operationId: o.operationId, ext, source: own.source, generated: false });
        continue;
      }
      try {
        out.push({ operationId: o.operationId, ext, source: generators[ext](document, o), generated: true });
      } catch (error) {
        problems.push(/** @type {Error} */ (error).message);
      }
    }
  }
  if (problems.length) throw new Error(`Code samples:\n- ${[...new Set(problems)].join('\n- ')}`);
  return out;
}

/**
 * Puts each operation's samples on it as `x-codeSamples` (in place), TypeScript first.
 * @param {import('./facts.mjs').Operation[]} ops the docs copy's
 * @param {Sample[]} samples
 */
export function attachSamples(ops, samples) {
  for (const o of ops) {
    o.operation['x-codeSamples'] = Object.entries(sampleLanguages).map(([ext, language]) => {
      const sample = samples.find((s) => s.operationId === o.operationId && s.ext === ext);
      if (!sample) throw new Error(`No ${ext} sample for ${o.operationId}.`);
      return { ...language, source: sample.source.replace(/\n+$/, '\n') };
    });
  }
}
