/**
 * Chert's idempotency keys: a body that carries `idempotency_key` (where the operation's
 * `x-chert-idempotency-key` points) is remembered with the answer that created something.
 * The same key with the same body (compared as JSON, key order aside) gets that answer
 * again and creates nothing; the same key with another body is refused with 1002, as the
 * document assumes. Keys are scoped per tenant and operation.
 */
import { createHash } from 'node:crypto';
import { isObject } from '../document/schema.js';
import type { IdempotencyRecord } from './state.js';

/** The value at a JSON pointer of the body, when it is a non-empty string. */
export function keyAt(body: unknown, pointer: string): string | undefined {
  let value: unknown = body;
  for (const token of pointer.split('/').slice(1)) {
    if (!isObject(value)) return undefined;
    value = value[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function fingerprint(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function scopeOf(tenant: string, operationId: string, key: string): string {
  return JSON.stringify([tenant, operationId, key]);
}

export type Seen = { kind: 'new' } | { kind: 'same'; record: IdempotencyRecord } | { kind: 'conflict' };

export function lookup(records: Map<string, IdempotencyRecord>, scope: string, print: string): Seen {
  const record = records.get(scope);
  if (!record) return { kind: 'new' };
  return record.fingerprint === print ? { kind: 'same', record } : { kind: 'conflict' };
}
