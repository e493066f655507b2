// @ts-check
// The CSS the page gets on top of Redoc's own. Each rule is checked in a real browser at a
// desktop and a phone width (test/browser.test.ts).
import { guides } from './guides.mjs';
import { slug } from './routes.mjs';

// `html body` outranks Redoc's single-class rules whatever order the style sheets load in.
const scope = 'html body';
// The assumption colour: amber, legible on white and on Redoc's dark background.
const amber = '#c26a06';
const amberWash = 'rgba(245, 158, 11, 0.12)';

export function pageStyle() {
  const tags = guides.map((g) => `/${slug(g.tag)}`);
  const sections = [...tags.map((t) => `[data-section-id^="${t}"]`), '[data-section-id^="/section/"]'].join(', ');
  const subsections = [...tags.map((t) => `[data-section-id^="${t}/"]`), '[data-section-id^="/section/"]'].join(', ');
  const guideTops = tags.map((t) => `[data-section-id="${t}"]`).join(', ');
  return [
    // Redoc lays every section out in two columns, and the right one is empty beside prose:
    // the guides (and the introduction's sections) take the full width instead, so their
    // code blocks and tables are not cut off.
    `:is(${sections}) [data-testid="middle-panel"] { width: 100%; max-width: 64rem; }`,
    `:is(${sections}) [data-testid="right-panel"]:empty { display: none; }`,
    // A heading of a guide is a section of its own, each padded as if it began a new part of
    // the page: between two of them that left a blank band twice the heading's own margin.
    `${scope} :is(${subsections}) { padding-top: 0; padding-bottom: 0; }`,
    `${scope} :is(${guideTops}) { padding-bottom: 0; }`,
    // Markdown tables break words anywhere to fit (`error.stat|us`). Break between words
    // only; a table wider than the column scrolls in its own wrapper.
    `${scope} [data-component-name="Markdown/Markdown"] .md-table-wrapper :is(th, td, td code) { overflow-wrap: normal; word-break: normal; }`,
    `${scope} [data-component-name="Markdown/Markdown"] .md-table-wrapper td code { white-space: nowrap; }`,
    // On a phone such a table is wider than the screen anyway: give its prose columns room
    // to read (it scrolls sideways) instead of one word per line.
    `@media (max-width: 50rem) { ${scope} [data-component-name="Markdown/Markdown"] .md-table-wrapper table { width: max-content; max-width: 40rem; } }`,
    // The API's title breaks words anywhere too (`Messagin|g` on a phone): whole words, and a
    // size that lets the longest fit beside the download button.
    `${scope} [data-component-name="Typography/H1"] { overflow-wrap: normal; word-break: normal; font-size: clamp(1.75rem, 8vw, 2.25rem); }`,
    // So do the titles of the guides and tags (`Authenticat|ion` beside the Copy button on a
    // phone): whole words, at Redoc's size on a desktop and small enough for the longest
    // word on a phone.
    `${scope} [data-component-name="Typography/H2"] { overflow-wrap: normal; word-break: normal; font-size: clamp(1.25rem, 5.6vw, 1.75rem); }`,
    // The "Assumed" note on a reference element (assumptions.mjs): set apart from the
    // element's own description, in colours that read on Redoc's light and dark themes.
    `${scope} .chert-assumed { margin: 0.5rem 0 0; padding: 0.375rem 0.625rem; border-left: 3px solid ${amber}; border-radius: 0 4px 4px 0; background: ${amberWash}; font-size: 0.875em; line-height: 1.5; }`,
    `${scope} .chert-assumed strong { color: ${amber}; }`,
    // An entry of the Assumptions page: one card per mark.
    `${scope} .chert-assumption { margin: 0 0 0.875rem; padding: 0.625rem 0.875rem; border: 1px solid rgba(127, 127, 127, 0.28); border-left: 3px solid ${amber}; border-radius: 6px; }`,
    `${scope} .chert-assumption p { margin: 0.25rem 0; }`,
    `${scope} .chert-assumption p:last-child { font-size: 0.875em; opacity: 0.85; }`,
  ].join('\n');
}

/** The page with our style added to its head. @param {string} html */
export function withPageStyle(html) {
  if (!html.includes('</head>')) throw new Error('The rendered page has no </head> to add the guide layout to.');
  return html.replace('</head>', `<style id="chert-guides">\n${pageStyle()}\n</style>\n</head>`);
}
