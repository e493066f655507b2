// Idempotency keys: an operation whose body takes one (`x-chert-idempotency-key`, a JSON pointer)
// gets a fresh UUID when the caller gave none, so that a call can be sent again after a timeout
// or a dropped connection: Chert answers a repeat with the original response.
import { check } from './chert-error.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `body` with a key at `pointer` (a copy along the pointer when one is added; the caller's object
 * is never changed), or `undefined` when the body has no object where the key belongs (the
 * server then answers the body's own problem). A key the caller gave must be a non-empty string
 * without surrounding whitespace: Chert's own SDK refuses such keys, and a key that differs only
 * by whitespace would not match its repeat.
 */
export function withIdempotencyKey(body: unknown, pointer: string): Record<string, unknown> | undefined {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const name = parts.pop()!;
  const field = [...parts, name].join('.');
  let parent: unknown = body;
  for (const part of parts) parent = isObject(parent) ? parent[part] : undefined;
  if (!isObject(parent)) return undefined;
  const key = parent[name];
  if (key !== undefined) {
    check(typeof key === 'string' && key !== '' && key.trim() === key, field, `\`${field}\` must be a non-empty string without surrounding whitespace`);
    return body as Record<string, unknown>;
  }
  check(typeof globalThis.crypto?.randomUUID === 'function', field, `give \`${field}\` yourself: this runtime has no crypto.randomUUID`);
  const copy: Record<string, unknown> = { ...(body as object) };
  let at = copy;
  for (const part of parts) at = at[part] = { ...(at[part] as object) };
  at[name] = globalThis.crypto.randomUUID();
  return copy;
}
