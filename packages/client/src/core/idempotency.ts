// Idempotency keys: an operation whose body takes one (`x-chert-idempotency-key`, a JSON pointer)
// gets a fresh UUID when the caller gave none, so that a call can be sent again after a timeout
// or a dropped connection: Chert answers a repeat with the original response.
import { ChertInputError } from './chert-error.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A pointer's parts, parsed once per pointer (a handful of operations have one). */
const parsed = new Map<string, string[]>();

/**
 * `body` with a key at `pointer` (a copy along the pointer when one is added; the caller's object
 * is never changed), or `undefined` when the body has no object where the key belongs (the
 * server then answers the body's own problem). A key the caller gave must be a non-empty string
 * without surrounding whitespace: Chert's own SDK refuses such keys, and a key that differs only
 * by whitespace would not match its repeat.
 */
export function withIdempotencyKey(body: unknown, pointer: string): Record<string, unknown> | undefined {
  let parts = parsed.get(pointer);
  if (!parts) parsed.set(pointer, (parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))));
  const last = parts.length - 1;
  let parent: unknown = body;
  for (let i = 0; i < last; i++) parent = isObject(parent) ? parent[parts[i]!] : undefined;
  if (!isObject(parent)) return undefined;
  const name = parts[last]!;
  const key = parent[name];
  // Messages are built only when thrown: this runs on every send.
  const refuse = (problem: string) => {
    const field = parts.join('.');
    return new ChertInputError(field, `\`${field}\` ${problem}`);
  };
  if (key !== undefined) {
    if (typeof key !== 'string' || key === '' || key.trim() !== key) throw refuse('must be a non-empty string without surrounding whitespace');
    return body as Record<string, unknown>;
  }
  if (typeof globalThis.crypto?.randomUUID !== 'function') throw refuse('must be given: this runtime has no crypto.randomUUID to make one');
  const copy: Record<string, unknown> = { ...(body as object) };
  let at = copy;
  for (let i = 0; i < last; i++) at = at[parts[i]!] = { ...(at[parts[i]!] as object) };
  at[name] = globalThis.crypto.randomUUID();
  return copy;
}
