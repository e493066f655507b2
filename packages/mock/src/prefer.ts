/** What a `Prefer` header asks for, in Prism's vocabulary (`code=404, example=ChatNotFound`). */
export interface Preference {
  code?: number;
  example?: string;
  /** Set when the header is present but cannot be read; the mock answers with a mock error. */
  problem?: string;
}

export function parsePrefer(value: string | string[] | undefined): Preference {
  const raw = Array.isArray(value) ? value.join(',') : value;
  if (!raw || !raw.trim()) return {};
  const preference: Preference = {};
  for (const item of raw.split(/[,;]/)) {
    const trimmed = item.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    // Preferences the mock does not know are ignored, as RFC 7240 asks.
    if (eq < 0) continue;
    const key = trimmed.slice(0, eq).trim().toLowerCase();
    const text = trimmed.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    if (key === 'code') {
      if (!/^\d{3}$/.test(text)) return { problem: `Prefer code=${text} is not an HTTP status code` };
      preference.code = Number(text);
    } else if (key === 'example') {
      if (!text) return { problem: 'Prefer example= names no example' };
      preference.example = text;
    }
  }
  return preference;
}
