/**
 * The request target as sent (RFC 9112 §3.2), read without a base URL: `//x/api/v1/…` is a
 * path whose first segment is empty, not a URL with host `x`, and `//` is a path too.
 */
export interface RequestTarget {
  /** The path exactly as sent, percent-escapes and all. */
  path: string;
  query: URLSearchParams;
}

export function parseTarget(raw: string | undefined): RequestTarget | undefined {
  if (!raw) return undefined;
  if (raw.startsWith('/')) {
    const end = raw.search(/[?#]/);
    const path = end < 0 ? raw : raw.slice(0, end);
    const query = end >= 0 && raw[end] === '?' ? raw.slice(end + 1).split('#')[0]! : '';
    return { path, query: new URLSearchParams(query) };
  }
  // Absolute form, as a client talking to a proxy sends it.
  if (/^https?:\/\//i.test(raw)) {
    try {
      const url = new URL(raw);
      return { path: url.pathname, query: url.searchParams };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The query as the validator takes it: one value, or several for a repeated name. */
export function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const all = query.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}
