// @ts-check
// The CSS the page gets on top of Redoc's own.
import { guides } from './guides.mjs';
import { slug } from './routes.mjs';

/**
 * Redoc lays every section out in two columns, and the right one is empty beside prose. The
 * guides (and the introduction's sections) take the full width instead, so their code
 * blocks and tables are not cut off.
 */
export function pageStyle() {
  const sections = [...guides.map((g) => `[data-section-id^="/${slug(g.tag)}"]`), '[data-section-id^="/section/"]'].join(', ');
  return [
    `:is(${sections}) [data-testid="middle-panel"] { width: 100%; max-width: 64rem; }`,
    `:is(${sections}) [data-testid="right-panel"]:empty { display: none; }`,
  ].join('\n');
}

/** The page with our style added to its head. @param {string} html */
export function withPageStyle(html) {
  if (!html.includes('</head>')) throw new Error('The rendered page has no </head> to add the guide layout to.');
  return html.replace('</head>', `<style id="chert-guides">\n${pageStyle()}\n</style>\n</head>`);
}
