// The webhook verifier's constant-time check on WebCrypto (the default entries), apart from the
// signing backend so that only the verifier's chunk carries it.
import { message, subtle, webCryptoHmac } from '../hmac-webcrypto.js';
import type { HmacVerify } from '../sign.js';

// The key of the last secret verified with: a webhook endpoint checks one secret again and again.
let verifying: [secret: string, key: Promise<CryptoKey>] | undefined;

// WebCrypto's verify compares in constant time.
export const webCryptoVerify: HmacVerify = async (secret, prefix, body, hex) => {
  if (hex.length !== 64) return false;
  const signature = new Uint8Array(32);
  for (let i = 0; i < 32; i++) signature[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  if (verifying?.[0] !== secret) verifying = [secret, webCryptoHmac.importKey(secret)];
  return subtle().verify('HMAC', await verifying[1], signature, message(prefix, body));
};
