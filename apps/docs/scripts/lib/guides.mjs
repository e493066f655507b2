// @ts-check
// The guides: which Markdown files, in which order, under which sidebar names, rendered with
// the placeholders filled.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { render } from './render.mjs';

/**
 * The guides, in page order. `file` is under guides/; the tag name is what the sidebar shows.
 * The introduction becomes the page's lead (info.description) rather than a tag.
 */
export const guides = Object.freeze([
  { tag: 'Quick start', file: 'quickstart.md' },
  { tag: 'Authentication', file: 'authentication.md' },
  { tag: 'Errors and retries', file: 'errors.md' },
  { tag: 'Run the mock', file: 'mock.md' },
]);

export const INTRODUCTION = 'introduction.md';

/**
 * The introduction and every guide, rendered; each guide as a Redoc trait tag.
 * @param {string} guidesDir @param {import('./render.mjs').Fills} fill
 */
export async function renderGuides(guidesDir, fill) {
  const introduction = await render(await readFile(join(guidesDir, INTRODUCTION), 'utf8'), INTRODUCTION, fill);
  const guideTags = [];
  for (const g of guides) {
    const text = await render(await readFile(join(guidesDir, g.file), 'utf8'), g.file, fill);
    guideTags.push({ name: g.tag, description: text, 'x-traitTag': true, file: g.file });
  }
  return { introduction, guideTags };
}
