// @ts-check
// The built page must render on a machine with no internet: Redoc is inlined
// (--inlineBundle), and what Redoc would still fetch from a CDN is replaced here. Anything
// left that a browser would fetch from outside the page fails the build.

// Redoc's "API docs by" badge loads Redocly's logo from cdn.redoc.ly. The same attribution,
// drawn locally.
const badge = `<svg xmlns="http://www.w3.org/2000/svg" width="52" height="14" viewBox="0 0 52 14"><text x="0" y="11" font-family="system-ui,-apple-system,'Segoe UI',sans-serif" font-size="11" font-weight="600" fill="#0044D4">Redocly</text></svg>`;
export const localBadge = `data:image/svg+xml,${encodeURIComponent(badge)}`;

/** Remote assets Redoc references, and what the page uses instead. */
const replacements = [
  ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', localBadge],
  ['https://cdn.redoc.ly/redoc/logo-mini.svg', localBadge],
];

// Hosts that serve page assets (scripts, styles, fonts, icons), never just a link target.
const assetHosts = /\b(?:fonts\.googleapis\.com|fonts\.gstatic\.com|use\.typekit\.net|unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|cdn\.redoc\.ly)\b/g;
// A remote URL ending in an asset's extension. Hosts of the reserved documentation domains
// (example.com/.net/.org, RFC 2606) only appear in the API's example values (a rich link's
// image_url, a group icon), which the page shows as text and never fetches.
const assetUrl = /https?:\/\/(?!127\.0\.0\.1[:/]|localhost[:/]|www\.w3\.org\/|(?:[\w-]+\.)*example\.(?:com|net|org)[:/])[^\s"'`()<>\\]+\.(?:js|mjs|css|woff2?|ttf|otf|eot|svg|png|jpe?g|gif|webp|ico)(?![\w/])/g;
// <script src>, <link href>, <img src>, CSS @import pointing off the machine.
const remoteTag = /<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//gi;
const remoteImport = /@import\s+(?:url\()?["']?(?:https?:)?\/\//gi;

/**
 * Replaces Redoc's remote assets with local ones, then lists what would still be fetched
 * from outside the page.
 * @param {string} html
 * @returns {{ html: string, remote: string[] }}
 */
export function makeOffline(html) {
  let out = html;
  for (const [from, to] of replacements) out = out.split(/** @type {string} */ (from)).join(to);
  const remote = [
    ...[...out.matchAll(assetHosts)].map((m) => m[0]),
    ...[...out.matchAll(assetUrl)].map((m) => m[0]),
    ...[...out.matchAll(remoteTag)].map((m) => m[0]),
    ...[...out.matchAll(remoteImport)].map((m) => m[0]),
  ];
  return { html: out, remote: [...new Set(remote)] };
}
