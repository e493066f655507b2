// The default HMAC backend: WebCrypto alone, so the same code runs on Node 20+, Bun, Deno,
// Cloudflare Workers and browsers.
import type { HmacBackend } from './sign.js';

const encoder = new TextEncoder();

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('@chert/client: HMAC signing needs WebCrypto');
  return s;
}

export const webCryptoHmac: HmacBackend = {
  importKey: (signingSecret) =>
    subtle().importKey('raw', encoder.encode(signingSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),

  async hex(key, prefix, body) {
    const cryptoKey = typeof key === 'string' ? await webCryptoHmac.importKey(key) : key;
    const bytes = typeof body === 'string' ? encoder.encode(body) : body;
    // The prefix is ASCII digits and a dot, so its length in bytes is its length in chars.
    const message = new Uint8Array(prefix.length + bytes.byteLength);
    encoder.encodeInto(prefix, message);
    message.set(bytes, prefix.length);
    const digest = new Uint8Array(await subtle().sign('HMAC', cryptoKey, message));
    return Array.from(digest, (b) => (b < 16 ? '0' : '') + b.toString(16)).join('');
  },
};
