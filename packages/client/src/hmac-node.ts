// The HMAC backend of the `node` export condition. node:crypto computes a request-sized HMAC
// in a few microseconds on the calling thread; crypto.subtle.sign on Node queues the same work
// on the libuv threadpool and answers a tick later, which costs ten times as much (see
// BENCHMARKS.md at the repository root).
import { createHmac, KeyObject } from 'node:crypto';
import type { HmacBackend, SigningKey } from './sign.js';
import { webCryptoHmac } from './hmac-webcrypto.js';

// A CryptoKey's KeyObject, made on its first signature and kept as long as the key lives.
const keyObjects = new WeakMap<SigningKey, KeyObject>();

export const nodeHmac: HmacBackend = {
  // Keys stay CryptoKeys, so a key and its type are the same under every condition.
  importKey: webCryptoHmac.importKey,

  hex(key, prefix, body) {
    let secret: string | KeyObject;
    if (typeof key === 'string') {
      secret = key; // node:crypto keys with a string's UTF-8 bytes, as the other backend does
    } else {
      let made = keyObjects.get(key);
      if (!made) keyObjects.set(key, (made = KeyObject.from(key)));
      secret = made;
    }
    return createHmac('sha256', secret).update(prefix).update(body).digest('hex');
  },
};
