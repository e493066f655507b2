// @ts-check
// Where everything goes on the page: the introduction as its lead, the guides as a group of
// trait tags before the API reference, and nothing Redoc would hide or show raw.

/**
 * Lays the rendered guides into the docs copy of the document (in place).
 * @param {Record<string, any>} document the docs copy
 * @param {{ introduction: string, guideTags: Array<{ name: string, description: string, 'x-traitTag': boolean }>, ops: import('./facts.mjs').Operation[] }} page
 */
export function layOut(document, { introduction, guideTags, ops }) {
  /** @type {Array<{ name: string }>} */
  const apiTags = document.tags ?? [];
  const untagged = ops.filter((o) => !o.tags.some((t) => apiTags.some((a) => a.name === t)));
  if (untagged.length) {
    throw new Error(`Operations without a declared tag would be hidden: ${untagged.map((o) => o.operationId).join(', ')}`);
  }
  document.info = { ...document.info, description: introduction };
  // Redoc shows server descriptions as plain text: drop Markdown code marks there.
  for (const server of document.servers ?? []) {
    if (typeof server.description === 'string') server.description = server.description.replace(/`/g, '');
  }
  document.tags = [...guideTags.map(({ name, description }) => ({ name, description, 'x-traitTag': true })), ...apiTags];
  document['x-tagGroups'] = [
    { name: 'Guides', tags: guideTags.map((t) => t.name) },
    { name: 'API reference', tags: apiTags.map((t) => t.name) },
  ];
}
