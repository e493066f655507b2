// @ts-check
// The guides: which Markdown files, in which order, under which sidebar names and groups,
// rendered with the placeholders filled.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { render } from './render.mjs';

/**
 * The sidebar's groups of guides. `before` groups come ahead of the API reference, `after`
 * groups follow it. A group without guides is left out of the sidebar.
 */
export const guideGroups = Object.freeze([
  { name: 'Get started', place: 'before' },
  // The how-to guides, one per task (send, groups, media, replies, events, the sandbox…).
  { name: 'Guides', place: 'before' },
  { name: 'About this reference', place: 'after' },
]);

/**
 * The guides, in page order. `file` is under guides/; `tag` is what the sidebar shows (and
 * the guide's address, `#/<tag as a slug>`); `group` one of guideGroups.
 * The introduction becomes the page's lead (info.description) rather than a tag.
 */
export const guides = Object.freeze([
  { tag: 'Quick start', file: 'quickstart.md', group: 'Get started' },
  { tag: 'Authentication', file: 'authentication.md', group: 'Get started' },
  { tag: 'Errors and retries', file: 'errors.md', group: 'Get started' },
  { tag: 'Run the mock', file: 'mock.md', group: 'Get started' },
  { tag: 'Send your first message', file: 'send-first-message.md', group: 'Guides' },
  { tag: 'Groups', file: 'groups.md', group: 'Guides' },
  { tag: 'Photos and files', file: 'media.md', group: 'Guides' },
  { tag: 'Receiving replies', file: 'receiving-replies.md', group: 'Guides' },
  { tag: 'Events and the live stream', file: 'events.md', group: 'Guides' },
  { tag: 'The local sandbox', file: 'sandbox.md', group: 'Guides' },
  { tag: 'Idempotency and retries', file: 'idempotency.md', group: 'Guides' },
  { tag: 'Assumptions', file: 'assumptions.md', group: 'About this reference' },
]);

/** The tag of the Assumptions page, which the reference's "Assumed" notes link to. */
export const ASSUMPTIONS_GUIDE = 'Assumptions';

export const INTRODUCTION = 'introduction.md';

/**
 * The introduction and every guide, rendered; each guide as a Redoc trait tag.
 * @param {string} guidesDir @param {import('./render.mjs').Fills} fill
 */
export async function renderGuides(guidesDir, fill) {
  const unknown = guides.filter((g) => !guideGroups.some((group) => group.name === g.group));
  if (unknown.length) throw new Error(`Guides in no sidebar group: ${unknown.map((g) => `${g.tag} (${g.group})`).join(', ')}`);
  const introduction = await render(await readFile(join(guidesDir, INTRODUCTION), 'utf8'), INTRODUCTION, fill);
  const guideTags = [];
  for (const g of guides) {
    const text = await render(await readFile(join(guidesDir, g.file), 'utf8'), g.file, fill);
    guideTags.push({ name: g.tag, description: text, 'x-traitTag': true, file: g.file, group: g.group });
  }
  return { introduction, guideTags };
}
