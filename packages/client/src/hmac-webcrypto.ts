// The default HMAC backend: WebCrypto alone, so the same code runs on Node 20+, Bun, Deno,
// Cloudflare Workers and browsers.
import { ChertError } from './core/chert-error.js';
import type { HmacBackend } from './sign.js';

const encoder = new TextEncoder();

/** `prefix` (ASCII) then `body`, as one array of bytes. */
export function message(prefix: string, body: string | Uint8Array): Uint8Array<ArrayBuffer> {
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  // The prefix is ASCII digits and a dot, so its length in bytes is its length in chars.
  const out = new Uint8Array(prefix.length + bytes.byteLength);
  encoder.encodeInto(prefix, out);
  out.set(bytes, prefix.length);
  return out;
}

export function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new ChertError('@chert/client: HMAC signing needs WebCrypto (globalThis.crypto.subtle), which this runtime lacks');
  return s;
}

export const webCryptoHmac: HmacBackend = {
  importKey: (signingSecret) =>
    subtle().importKey('raw', encoder.encode(signingSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']),

  async hex(key, prefix, body) {
    const cryptoKey = typeof key === 'string' ? await webCryptoHmac.importKey(key) : key;
    const digest = new Uint8Array(await subtle().sign('HMAC', cryptoKey, message(prefix, body)));
    return Array.from(digest, (b) => (b < 16 ? '0' : '') + b.toString(16)).join('');
  },
};
