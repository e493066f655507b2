// @ts-check
// Builds the docs-only copy of the bundled document: the guides as Redoc trait tags, the
// code samples as `x-codeSamples`, an "Assumed" note on every element the document marks
// `x-chert-assumed`. The API facts in the guides (codes, statuses, retryable, servers, the
// worked signature, the assumptions) are filled in from the document and from the client,
// never typed into the guide files. The parts: facts.mjs (what the document says),
// placeholders/ (what each `{{…}}` becomes), render.mjs, guides.mjs, routes.mjs (in-page
// links), samples.mjs and sample-generator.mjs (hand-written, else generated),
// assumptions.mjs (the marks, placed), layout.mjs (the sidebar).
import { addNotes, assumptions as placeAssumptions, sectionRoute, sites as operationSites } from './assumptions.mjs';
import { errorCodes, operations } from './facts.mjs';
import { ASSUMPTIONS_GUIDE, renderGuides } from './guides.mjs';
import { layOut, referenceTags } from './layout.mjs';
import { apiFills } from './placeholders/api.mjs';
import { assumptionFills } from './placeholders/assumptions.mjs';
import { codeLookup, errorFills, readAdvice } from './placeholders/errors.mjs';
import { signWorkedExample, workedExampleFills } from './placeholders/worked-example.mjs';
import { checkLinks, pageRoutes } from './routes.mjs';
import { attachSamples, operationSamples, readSamples, sampleFills } from './samples.mjs';

export { guides, guideGroups, ASSUMPTIONS_GUIDE } from './guides.mjs';
export { referenceGroups } from './layout.mjs';
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
 * @returns {Promise<{
 *   document: Json,
 *   worked: { signature: string, emptyBodySignature: string },
 *   routes: string[],
 *   samples: import('./samples.mjs').Sample[],
 *   assumptions: import('./assumptions.mjs').Assumption[],
 * }>}
 *   routes: every in-page address (`#/…`) of the guides, sections, operations and webhooks;
 *   samples: every operation's samples, hand-written or generated;
 *   assumptions: every `x-chert-assumed` mark, placed (its `node` and `hosts` are the docs copy's)
 */
export async function composeDocs({ document: source, guidesDir, samplesDir, signV1 }) {
  /** @type {Json} */
  const document = structuredClone(source);
  const ops = operations(document);
  const sites = operationSites(document);
  const tagOrder = referenceTags(document, sites.map((s) => ({ operationId: s.operationId, tags: s.operation.tags ?? [] })));
  const codes = errorCodes(document);
  const worked = await signWorkedExample(signV1);
  const advice = await readAdvice(guidesDir, codes);
  const assumptions = placeAssumptions(document, tagOrder);

  const fill = {
    ...apiFills({ document, ops, sites, tagOrder, codeOf: codeLookup(codes) }),
    ...errorFills({ document, codes, advice }),
    ...workedExampleFills(worked, document, ops),
    ...sampleFills(samplesDir),
    ...assumptionFills({ assumptions, tagOrder }),
  };
  const { introduction, guideTags } = await renderGuides(guidesDir, fill);

  const routes = pageRoutes({ introduction, guideTags, apiTags: document.tags ?? [], sites });
  checkLinks(introduction, 'introduction.md', routes);
  for (const t of guideTags) checkLinks(t.description, t.file, routes);
  const unlisted = assumptions.filter((a) => !routes.has(sectionRoute(ASSUMPTIONS_GUIDE, a)));
  if (unlisted.length) {
    throw new Error(`The Assumptions page has no section for: ${unlisted.map((a) => `${a.pointer} (${sectionRoute(ASSUMPTIONS_GUIDE, a)})`).join(', ')}`);
  }

  // The notes go in after the guides are rendered: a guide that quotes a description
  // quotes the document's words, not the reference's decoration.
  addNotes(assumptions, ASSUMPTIONS_GUIDE, document);
  layOut(document, { introduction, guideTags, tagOrder });
  const samples = operationSamples(source, ops, await readSamples(samplesDir));
  attachSamples(ops, samples);
  return { document, worked, routes: [...routes], samples, assumptions };
}
