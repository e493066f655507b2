// @ts-check
// The placeholders of the Assumptions page: the document's `x-chert-assumed` marks, counted
// and listed (assumptions.mjs places them).
import { SHARED_SECTION, assumptionsMarkdown } from '../assumptions.mjs';
import { slug } from '../routes.mjs';
import { listed } from '../render.mjs';

// How the page counts each kind of element, singular and plural.
const KINDS = /** @type {Record<string, [string, string]>} */ ({
  operation: ['operation', 'operations'],
  webhook: ['webhook', 'webhooks'],
  'request body': ['request body', 'request bodies'],
  parameter: ['parameter', 'parameters'],
  response: ['answer', 'answers'],
  schema: ['schema', 'schemas'],
  field: ['field', 'fields'],
  example: ['example', 'examples'],
  header: ['header', 'headers'],
  security: ['security scheme', 'security schemes'],
  tag: ['part of the reference', 'parts of the reference'],
  other: ['other element', 'other elements'],
});

/**
 * @param {{
 *   assumptions: import('../assumptions.mjs').Assumption[],
 *   tagOrder: string[],
 * }} input
 * @returns {import('../render.mjs').Fills}
 */
export function assumptionFills({ assumptions, tagOrder }) {
  return {
    'assumption-count': () => String(assumptions.length),
    // "15 operations, 20 fields and 3 examples", most first.
    'assumption-kinds': () => {
      /** @type {Map<string, number>} */
      const count = new Map();
      for (const a of assumptions) count.set(a.kind, (count.get(a.kind) ?? 0) + 1);
      return listed(
        [...count]
          .sort((x, y) => y[1] - x[1])
          .map(([kind, n]) => {
            const [one, many] = KINDS[kind] ?? KINDS.other ?? ['element', 'elements'];
            return `${n} ${n === 1 ? one : many}`;
          }),
      );
    },
    assumptions: () => assumptionsMarkdown(assumptions, tagOrder),
    // A link to the section of shared elements, or its name while it is empty.
    'assumptions-shared-section': () =>
      assumptions.some((a) => a.section === SHARED_SECTION) ? `[${SHARED_SECTION}](#/assumptions/${slug(SHARED_SECTION)})` : `“${SHARED_SECTION}”`,
  };
}
