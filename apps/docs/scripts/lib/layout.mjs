// @ts-check
// Where everything goes on the page: the introduction as its lead, the guides as trait tags
// in their sidebar groups, the API reference's tags in groups a reader can scan (what you
// send and manage, what you receive), and nothing Redoc would hide or show raw.
import { guideGroups } from './guides.mjs';

/**
 * The sidebar groups of the API reference, by the document's tag names. Every tag of the
 * document must be in exactly one group: a new tag fails the build until it is placed here.
 */
export const referenceGroups = Object.freeze([
  {
    name: 'API reference: send',
    tags: ['Sending', 'Chats', 'Group chats', 'Messages', 'Locations', 'Attachments', 'Contact cards', 'Phone numbers'],
  },
  { name: 'API reference: receive', tags: ['Webhook subscriptions', 'Webhooks', 'Events'] },
]);

/**
 * The document's tags in sidebar order. Fails, naming them, on a tag of the document no
 * group places, a group's tag the document lacks, a tag in two groups, and an operation or
 * webhook whose tag the document does not declare (Redoc would not show it).
 * @param {Record<string, any>} document
 * @param {Array<{ operationId: string, tags: string[] }>} tagged every operation and webhook
 * @returns {string[]}
 */
export function referenceTags(document, tagged) {
  /** @type {string[]} */
  const declared = (document.tags ?? []).map((/** @type {{ name: string }} */ t) => t.name);
  const placed = referenceGroups.flatMap((g) => g.tags);
  const problems = [
    ...declared.filter((t) => !placed.includes(t)).map((t) => `the document's tag "${t}" is in no group of referenceGroups (scripts/lib/layout.mjs)`),
    ...placed.filter((t) => !declared.includes(t)).map((t) => `referenceGroups names "${t}", which the document does not declare`),
    ...placed.filter((t, i) => placed.indexOf(t) !== i).map((t) => `referenceGroups places "${t}" twice`),
  ];
  const hidden = tagged.filter((o) => !o.tags.some((t) => declared.includes(t)));
  if (hidden.length) problems.push(`operations without a declared tag would be hidden: ${hidden.map((o) => o.operationId).join(', ')}`);
  if (problems.length) throw new Error(`The sidebar cannot place the reference:\n- ${problems.join('\n- ')}`);
  return placed;
}

/**
 * Lays the rendered guides into the docs copy of the document (in place).
 * @param {Record<string, any>} document the docs copy
 * @param {{
 *   introduction: string,
 *   guideTags: Array<{ name: string, description: string, group: string }>,
 *   tagOrder: string[],
 * }} page tagOrder: from referenceTags
 */
export function layOut(document, { introduction, guideTags, tagOrder }) {
  /** @type {Array<{ name: string }>} */
  const apiTags = document.tags ?? [];
  document.info = { ...document.info, description: introduction };
  // Redoc shows server descriptions as plain text: drop Markdown code marks there.
  for (const server of document.servers ?? []) {
    if (typeof server.description === 'string') server.description = server.description.replace(/`/g, '');
  }
  const inOrder = tagOrder.map((name) => /** @type {{ name: string }} */ (apiTags.find((t) => t.name === name)));
  document.tags = [...guideTags.map(({ name, description }) => ({ name, description, 'x-traitTag': true })), ...inOrder];
  const guidesIn = (/** @type {string} */ group) => guideTags.filter((t) => t.group === group).map((t) => t.name);
  const groups = (/** @type {string} */ place) =>
    guideGroups.filter((g) => g.place === place).map((g) => ({ name: g.name, tags: guidesIn(g.name) }));
  document['x-tagGroups'] = [
    ...groups('before'),
    ...referenceGroups.map((g) => ({ name: g.name, tags: [...g.tags] })),
    ...groups('after'),
  ].filter((g) => g.tags.length > 0);
}
