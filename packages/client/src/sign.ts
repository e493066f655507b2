// HMAC v1 request signing on WebCrypto alone, so the same code runs on Node 20+, Bun, Deno,
// Cloudflare Workers and browsers.

const encoder = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, i) => (i < 16 ? '0' : '') + i.toString(16));

/**
 * A key from `importSigningKey`: a WebCrypto `CryptoKey`, named through `globalThis.crypto` so
 * that Node projects without the DOM lib can use these declarations too.
 */
export type SigningKey = Awaited<ReturnType<typeof globalThis.crypto.subtle.importKey>>;

/** The body of a request as it goes on the wire: UTF-8 text or its bytes. */
export type RawBody = string | ArrayBufferView | ArrayBuffer;

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('@chert/client: HMAC signing needs WebCrypto (globalThis.crypto.subtle)');
  return s;
}

/**
 * Imports a signing secret as an HMAC-SHA256 key, once, for reuse across requests. The key is
 * the secret's UTF-8 text, not hex-decoded, as Chert's shell reference (`openssl -hmac`) does.
 * The key is not extractable.
 */
export function importSigningKey(signingSecret: string): Promise<SigningKey> {
  if (typeof signingSecret !== 'string' || signingSecret === '') {
    return Promise.reject(new TypeError('@chert/client: the signing secret must be a non-empty string'));
  }
  return subtle().importKey('raw', encoder.encode(signingSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/**
 * The `x-chert-signature` header value for a request: `v1,<unixSeconds>,<lowercase hex>`, the
 * hex being HMAC-SHA256 over `<unixSeconds>.<rawBody>`. `rawBody` must be exactly the bytes
 * sent (a string is taken as its UTF-8 encoding); a request without a body signs the empty
 * string, so the signed text ends in the dot. `signingSecret` may also be a key from
 * `importSigningKey`, which saves the import on every call.
 */
export async function signV1(
  signingSecret: string | SigningKey,
  unixSeconds: number,
  rawBody: RawBody = '',
): Promise<string> {
  if (!Number.isSafeInteger(unixSeconds) || unixSeconds < 0) {
    throw new TypeError('@chert/client: unixSeconds must be a whole number of seconds, 0 or more');
  }
  const key = typeof signingSecret === 'string' ? await importSigningKey(signingSecret) : signingSecret;
  const prefix = `${unixSeconds}.`;
  let message: Uint8Array<ArrayBuffer>;
  if (typeof rawBody === 'string') {
    message = encoder.encode(prefix + rawBody);
  } else {
    const body = ArrayBuffer.isView(rawBody)
      ? new Uint8Array(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength)
      : new Uint8Array(rawBody);
    // The prefix is ASCII digits and a dot, so its length in bytes is its length in chars.
    message = new Uint8Array(prefix.length + body.byteLength);
    encoder.encodeInto(prefix, message);
    message.set(body, prefix.length);
  }
  const digest = new Uint8Array(await subtle().sign('HMAC', key, message));
  let hex = '';
  for (let i = 0; i < digest.length; i++) hex += HEX[digest[i]!];
  return `v1,${unixSeconds},${hex}`;
}
