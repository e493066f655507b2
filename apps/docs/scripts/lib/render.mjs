// @ts-check
// The guides' template language: `{{name}}` and `{{name:argument}}` placeholders, filled by
// functions (lib/placeholders/), and the Markdown code fences the fillers write.

/** @typedef {Record<string, (arg: string) => string | Promise<string>>} Fills */

/**
 * Fills the placeholders of `template`. An unknown placeholder is an error, so a typo cannot
 * ship as literal braces.
 * @param {string} template
 * @param {string} file for error messages
 * @param {Fills} fill
 */
export async function render(template, file, fill) {
  // An argument may hold braces in pairs: `{{operations-under:/api/v1/chats/{id}}}`.
  const pattern = /\{\{([a-z0-9-]+)(?::((?:[^{}\n]|\{[^{}\n]*\})+))?\}\}/g;
  const parts = [];
  let last = 0;
  for (const m of template.matchAll(pattern)) {
    const [whole, name = '', arg = ''] = m;
    const fn = fill[name];
    if (!fn) throw new Error(`${file}: unknown placeholder ${whole}`);
    parts.push(template.slice(last, m.index), await fn(arg.trim()));
    last = (m.index ?? 0) + whole.length;
  }
  parts.push(template.slice(last));
  return parts.join('');
}

/** A fenced code block that survives backticks in the code. */
export const fence = (/** @type {string} */ lang, /** @type {string} */ code) => {
  const ticks = code.includes('```') ? '````' : '```';
  return `${ticks}${lang}\n${code.replace(/\n+$/, '')}\n${ticks}`;
};

/** `a`, `a and b`, `a, b and c` (or `or`). */
export const listed = (/** @type {string[]} */ items, /** @type {'and' | 'or'} */ word = 'and') =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1)}`;

/** The first paragraph of a description, on one line. @param {string} text */
export const firstParagraph = (text) => (text.split(/\n\s*\n/)[0] ?? '').replace(/\s*\n\s*/g, ' ').trim();
