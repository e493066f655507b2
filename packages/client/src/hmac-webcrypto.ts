// The default HMAC backend: WebCrypto alone, so the same code runs on Node 20+, Bun, Deno,
// Cloudflare Workers and browsers.
import type { HmacBackend } from './sign.js';

const encoder = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, i) => (i < 16 ? '0' : '') + i.toString(16));

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('@chert/client: HMAC signing needs WebCrypto (globalThis.crypto.subtle)');
  return s;
}

export const webCryptoHmac: HmacBackend = {
  importKey: (signingSecret) =>
    subtle().importKey('raw', encoder.encode(signingSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),

  async hex(key, prefix, body) {
    const cryptoKey = typeof key === 'string' ? await webCryptoHmac.importKey(key) : key;
    let message: Uint8Array<ArrayBuffer>;
    if (typeof body === 'string') {
      message = encoder.encode(prefix + body);
    } else {
      // The prefix is ASCII digits and a dot, so its length in bytes is its length in chars.
      message = new Uint8Array(prefix.length + body.byteLength);
      encoder.encodeInto(prefix, message);
      message.set(body, prefix.length);
    }
    const digest = new Uint8Array(await subtle().sign('HMAC', cryptoKey, message));
    let hex = '';
    for (let i = 0; i < digest.length; i++) hex += HEX[digest[i]!];
    return hex;
  },
};
