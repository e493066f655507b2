/**
 * Media types as HTTP writes them (RFC 9110 §8.3.1): `type/subtype; name=value`. Parsed
 * strictly, so `application/json, text/plain`, `/`, `json` or `;` are recognised as
 * unusable rather than guessed at.
 */

export type MediaKind = 'json' | 'text' | 'binary';

export type ParsedMediaType = { essence: string; parameters: Record<string, string> } | { problem: string };

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function parseMediaType(text: string): ParsedMediaType {
  const [head = '', ...rest] = splitParameters(text);
  const slash = head.indexOf('/');
  const type = head.slice(0, slash).trim();
  const subtype = head.slice(slash + 1).trim();
  if (slash < 0 || !TOKEN.test(type) || !TOKEN.test(subtype)) {
    return { problem: `"${text}" is not a media type (type/subtype)` };
  }
  const parameters: Record<string, string> = {};
  for (const raw of rest) {
    const item = raw.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    const name = item.slice(0, eq).trim().toLowerCase();
    let value = item.slice(eq + 1).trim();
    if (eq < 0 || !TOKEN.test(name)) return { problem: `"${text}" has a malformed parameter "${item}"` };
    if (value.startsWith('"')) {
      if (value.length < 2 || !value.endsWith('"')) return { problem: `"${text}" has an unterminated quoted parameter` };
      value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    } else if (!TOKEN.test(value)) {
      return { problem: `"${text}" has a malformed parameter "${item}"` };
    }
    parameters[name] = value;
  }
  return { essence: `${type}/${subtype}`.toLowerCase(), parameters };
}

/** Splits on `;` outside quoted strings. */
function splitParameters(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '\\') {
      current += c + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/**
 * How the mock reads a body of this media type: JSON (parsed), text (handed to the validator
 * as a string) or binary (bytes, never parsed).
 */
export function mediaKind(essence: string): MediaKind {
  if (essence === 'application/json' || essence.endsWith('+json')) return 'json';
  if (
    essence.startsWith('text/') ||
    essence === 'application/x-www-form-urlencoded' ||
    essence === 'multipart/form-data' ||
    essence === 'application/xml' ||
    essence.endsWith('+xml')
  ) {
    return 'text';
  }
  return 'binary';
}

/** Whether `essence` (concrete) falls under `range` (`*\/*`, `image/*` or concrete). */
export function inRange(essence: string, range: string): boolean {
  if (range === '*/*') return true;
  const [rt, rs] = range.split('/');
  const [t, s] = essence.split('/');
  return rt === t && (rs === '*' || rs === s);
}

function specificity(range: string): number {
  return range === '*/*' ? 0 : range.endsWith('/*') ? 1 : 2;
}

/**
 * The documented media type to answer with for an `Accept` header: the one the client
 * prefers most (by `q`, then by the document's order). Undefined when the client accepts
 * none of them; a header that cannot be read accepts anything, as if it were absent.
 */
export function negotiate(accept: string | undefined, offered: string[]): string | undefined {
  if (!offered.length) return undefined;
  if (accept === undefined || !accept.trim()) return offered[0];
  const ranges: Array<{ range: string; q: number }> = [];
  for (const item of accept.split(',')) {
    if (!item.trim()) continue;
    const parsed = parseMediaType(item);
    if ('problem' in parsed) return offered[0];
    const q = parsed.parameters.q === undefined ? 1 : Number(parsed.parameters.q);
    ranges.push({ range: parsed.essence, q: Number.isFinite(q) ? q : 0 });
  }
  if (!ranges.length) return offered[0];
  let best: { type: string; q: number } | undefined;
  for (const type of offered) {
    const essence = type.split(';')[0]!.trim().toLowerCase();
    const matching = ranges.filter((r) => inRange(essence, r.range));
    if (!matching.length) continue;
    const q = matching.sort((a, b) => specificity(b.range) - specificity(a.range))[0]!.q;
    if (q > 0 && (!best || q > best.q)) best = { type, q };
  }
  return best?.type;
}
