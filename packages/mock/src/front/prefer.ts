import { availableExamples, describeResponses, findExample, type Operation } from '../document/operation.js';
import { MockRefusal } from '../mock-error.js';

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

/** Which example `Prefer` asks for, checked against the document before anything else. */
export function preferredExample(
  op: Operation,
  header: string | string[] | undefined,
): { status: number; example: string } | undefined {
  const preference = parsePrefer(header);
  if (preference.problem === undefined && preference.code === undefined && preference.example === undefined) return undefined;
  const available = availableExamples(op);
  if (preference.problem) {
    throw new MockRefusal({
      status: 422,
      title: 'Unreadable Prefer header',
      detail: `${preference.problem}. Use e.g. "Prefer: code=404" or "Prefer: code=401, example=StaleTimestamp". ${op.id} can answer ${describeResponses(op)}.`,
      askedFor: { prefer: String(header) },
      available,
    });
  }
  const { code, example } = preference;
  if (code === undefined && example === undefined) return undefined;
  const asked = [code !== undefined ? `code=${code}` : '', example !== undefined ? `example=${example}` : '']
    .filter(Boolean)
    .join(', ');
  // Prism ignores example= without code=; the mock finds the status that holds the example.
  const status = code ?? findExample(op, example as string);
  const response = status === undefined ? undefined : op.responses.get(status);
  if (status === undefined || response === undefined) {
    throw new MockRefusal({
      status: 422,
      title: code !== undefined ? 'No such status for this operation' : 'No such example for this operation',
      detail: `Prefer asked for ${asked}, but ${op.id} documents ${describeResponses(op)}.`,
      askedFor: { operation: op.id, ...(code !== undefined ? { code } : {}), ...(example ? { example } : {}) },
      available,
    });
  }
  const names = response.exampleNames;
  // A status without examples (a 204) is answered as documented.
  if (example === undefined && names.length === 0) return { status, example: '' };
  const chosen = example ?? names[0];
  if (chosen === undefined || !names.includes(chosen)) {
    throw new MockRefusal({
      status: 422,
      title: 'No such example for this status',
      detail: `Prefer asked for ${asked}, but ${op.id} documents ${status} with ${names.length ? names.join(', ') : 'no examples'}.`,
      askedFor: { operation: op.id, code: status, ...(example ? { example } : {}) },
      available,
    });
  }
  return { status, example: chosen };
}
