import { randomBytes } from 'node:crypto';

/**
 * A fresh trace id per request, shaped like Chert's (12 lowercase hex characters). The
 * document's examples carry fixed ids; echoing those would make every answer look like the
 * same request in a user's logs, so the mock replaces them.
 */
export function newTraceId(): string {
  return randomBytes(6).toString('hex');
}
