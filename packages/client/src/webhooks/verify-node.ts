// The webhook verifier's constant-time check under the `node` condition: node:crypto's HMAC from
// the secret's padded-key states, compared with timingSafeEqual.
import { timingSafeEqual } from 'node:crypto';
import { padKey, type PaddedKey } from '../hmac-node.js';
import type { HmacVerify } from '../sign.js';

// The padded key of the last secret verified with: a webhook endpoint checks one secret again and again.
let verifying: [secret: string, pads: PaddedKey] | undefined;

export const nodeVerify: HmacVerify = (secret, prefix, body, hex) => {
  if (verifying?.[0] !== secret) verifying = [secret, padKey(secret)];
  const { inner, outer } = verifying[1];
  const expected = outer.copy().update(inner.copy().update(prefix).update(body).digest()).digest();
  const given = Buffer.from(hex, 'hex');
  return hex.length === 2 * expected.length && given.length === expected.length && timingSafeEqual(expected, given);
};
