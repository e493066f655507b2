// @ts-check
// Builds the docs-only copy of the bundled document: the guides as Redoc trait tags, the
// code samples as `x-codeSamples`. The API facts in the guides (codes, statuses, retryable,
// servers, the worked signature) are filled in from the document and from the client, never
// typed into the guide files. The parts: facts.mjs (what the document says), placeholders/
// (what each `{{…}}` becomes), render.mjs, guides.mjs, routes.mjs (in-page links),
// samples.mjs and sample-generator.mjs (hand-written, else generated), layout.mjs.
import { errorCodes, operations, servers } from './facts.mjs';
import { renderGuides } from './guides.mjs';
import { layOut } from './layout.mjs';
import { apiFills } from './placeholders/api.mjs';
import { codeLookup, errorFills, readAdvice } from './placeholders/errors.mjs';
import { signWorkedExample, workedExampleFills } from './placeholders/worked-example.mjs';
import { checkLinks, pageRoutes } from './routes.mjs';
import { attachSamples, operationSamples, readSamples, sampleFills } from './samples.mjs';

export { guides } from './guides.mjs';
export { slug, operationRoute } from './routes.mjs';
export { sampleLanguages, readSamples } from './samples.mjs';
export { workedExample, referenceSignature } from './placeholders/worked-example.mjs';

/** @typedef {import('./placeholders/worked-example.mjs').SignV1} SignV1 */
/** @typedef {Record<string, any>} Json */

/**
 * @param {{
 *   document: Json,
 *   guidesDir: string,
 *   samplesDir: string,
 *   signV1: SignV1,
 * }} input
 * @returns {Promise<{ document: Json, worked: { signature: string, emptyBodySignature: string }, routes: string[], samples: import('./samples.mjs').Sample[] }>}
 *   routes: every in-page address (`#/…`) of the guides, sections and operations;
 *   samples: every operation's samples, hand-written or generated
 */
export async function composeDocs({ document: source, guidesDir, samplesDir, signV1 }) {
  /** @type {Json} */
  const document = structuredClone(source);
  const ops = operations(document);
  const codes = errorCodes(document);
  const worked = await signWorkedExample(signV1);
  const advice = await readAdvice(guidesDir, codes);

  const fill = {
    ...apiFills({ document, ops, codeOf: codeLookup(codes) }),
    ...errorFills({ document, codes, advice }),
    ...workedExampleFills(worked, servers(document).production, ops),
    ...sampleFills(samplesDir),
  };
  const { introduction, guideTags } = await renderGuides(guidesDir, fill);

  const routes = pageRoutes({ introduction, guideTags, apiTags: document.tags ?? [], ops });
  checkLinks(introduction, 'introduction.md', routes);
  for (const t of guideTags) checkLinks(t.description, t.file, routes);

  layOut(document, { introduction, guideTags, ops });
  const samples = operationSamples(source, ops, await readSamples(samplesDir));
  attachSamples(document, ops, samples);
  return { document, worked, routes: [...routes], samples };
}
