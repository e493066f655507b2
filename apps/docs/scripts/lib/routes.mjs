// @ts-check
// The page's in-page addresses as Redoc 3 routes them, and the check that every link of the
// guides lands on one of them.

/** Redoc 3's URL slug of a tag or heading: `Errors and retries` → `errors-and-retries`. */
export const slug = (/** @type {string} */ text) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Redoc 3's hash route of an operation or webhook: `#/<tag slug>/<operationId in lower case>`. */
export const routeOf = (/** @type {string} */ tag, /** @type {string} */ operationId) => `#/${slug(tag)}/${operationId.toLowerCase()}`;

/**
 * The hash route of the operation `id` of `ops`.
 * @param {import('./facts.mjs').Operation[]} ops @param {string} id
 */
export function operationRoute(ops, id) {
  const op = ops.find((o) => o.operationId === id);
  if (!op) throw new Error(`A guide links to unknown operation ${id}.`);
  return routeOf(op.tags[0] ?? '', id);
}

/** The slugs of a Markdown text's headings (levels 1 to 3), code blocks left out. */
export const headings = (/** @type {string} */ md) =>
  [...md.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '').matchAll(/^#{1,3} (.+)$/gm)].map((m) => slug(m[1] ?? ''));

/**
 * Every in-page address: the page, each tag (guides and API), each operation and webhook,
 * the introduction's headings (`#/section/<h>`) and each guide's (`#/<guide>/<h>`).
 * @param {{ introduction: string, guideTags: Array<{ name: string, description: string }>, apiTags: Array<{ name: string }>, sites: Array<{ route: string }> }} page
 *   sites: the operations and webhooks (assumptions.mjs' `sites`)
 */
export function pageRoutes({ introduction, guideTags, apiTags, sites }) {
  return new Set([
    '#/',
    ...[...guideTags, ...apiTags].map((t) => `#/${slug(t.name)}`),
    ...sites.map((s) => s.route),
    ...headings(introduction).map((h) => `#/section/${h}`),
    ...guideTags.flatMap((t) => headings(t.description).map((h) => `#/${slug(t.name)}/${h}`)),
  ]);
}

/**
 * Every in-page link (`](#/…)`) must name a route of the page: a broken link fails the build.
 * @param {string} markdown @param {string} file @param {Set<string>} routes
 */
export function checkLinks(markdown, file, routes) {
  const broken = [...markdown.matchAll(/\]\((#\/[^)\s]*)\)/g)].map((m) => m[1]).filter((r) => !routes.has(/** @type {string} */ (r)));
  if (broken.length) throw new Error(`${file}: links to nothing on the page: ${broken.join(', ')}`);
}
