// The HMAC backend of the `node` export condition. node:crypto computes a request-sized HMAC
// in a few microseconds on the calling thread; crypto.subtle.sign on Node queues the same work
// on the libuv threadpool and answers a tick later, which costs ten times as much (see
// BENCHMARKS.md at the repository root).
import { createHash, createHmac, KeyObject, type Hash } from 'node:crypto';
import type { HmacBackend, SigningKey } from './sign.js';
import { webCryptoHmac } from './hmac-webcrypto.js';

// HMAC (RFC 2104) is SHA-256 over (key ^ opad) ‖ SHA-256((key ^ ipad) ‖ message). The two
// padded-key blocks are hashed once per imported key and copied per signature: setting up
// a fresh createHmac costs more than hashing a request body (BENCHMARKS.md, "the floor").
export interface PaddedKey {
  inner: Hash;
  outer: Hash;
}
const BLOCK = 64;
const padded = new WeakMap<SigningKey, PaddedKey>();

export function padKey(signingSecret: string): PaddedKey {
  let key = Buffer.from(signingSecret, 'utf8');
  if (key.length > BLOCK) key = createHash('sha256').update(key).digest();
  const ipad = Buffer.alloc(BLOCK, 0x36);
  const opad = Buffer.alloc(BLOCK, 0x5c);
  for (let i = 0; i < key.length; i++) {
    ipad[i]! ^= key[i]!;
    opad[i]! ^= key[i]!;
  }
  return { inner: createHash('sha256').update(ipad), outer: createHash('sha256').update(opad) };
}

// A CryptoKey that this backend did not import (made by the caller): its KeyObject, kept.
const keyObjects = new WeakMap<SigningKey, KeyObject>();

export const nodeHmac: HmacBackend = {
  // Keys stay CryptoKeys, so a key and its type are the same under every condition.
  async importKey(signingSecret) {
    const key = await webCryptoHmac.importKey(signingSecret);
    padded.set(key, padKey(signingSecret));
    return key;
  },

  hex(key, prefix, body) {
    if (typeof key === 'string') {
      // node:crypto keys with a string's UTF-8 bytes, as the other backend does.
      return createHmac('sha256', key).update(prefix).update(body).digest('hex');
    }
    const pads = padded.get(key);
    if (pads) {
      const inner = pads.inner.copy().update(prefix).update(body).digest();
      return pads.outer.copy().update(inner).digest('hex');
    }
    let made = keyObjects.get(key);
    if (!made) keyObjects.set(key, (made = KeyObject.from(key)));
    return createHmac('sha256', made).update(prefix).update(body).digest('hex');
  },
};
