// HMAC v1 request signing: the rules (what is signed, how it is checked, the header format)
// live here once. The HMAC itself comes from the backend the entry file picks: WebCrypto in
// the default entry, node:crypto in the one the `node` export condition loads.
import { ChertInputError } from './core/chert-error.js';

/**
 * A key from `importSigningKey`: a WebCrypto `CryptoKey`, named through `globalThis.crypto` so
 * that Node projects without the DOM lib can use these declarations too.
 */
export type SigningKey = Awaited<ReturnType<typeof globalThis.crypto.subtle.importKey>>;

/** The body of a request as it goes on the wire: UTF-8 text or its bytes. */
export type RawBody = string | ArrayBufferView | ArrayBuffer;

/** HMAC-SHA256 keyed with a signing secret's UTF-8 text (or a key imported from it). */
export interface HmacBackend {
  /** The secret as a non-extractable key, made once for many signatures. */
  importKey(signingSecret: string): Promise<SigningKey>;
  /** Lowercase hex HMAC over `prefix` (ASCII) then `body` (a string counts as its UTF-8 bytes). */
  hex(key: string | SigningKey, prefix: string, body: string | Uint8Array): string | Promise<string>;
  /** Whether `hex` is that HMAC with `secret`, compared in constant time. */
  verify(secret: string, prefix: string, body: string | Uint8Array, hex: string): boolean | Promise<boolean>;
}

export interface Signing {
  importSigningKey(signingSecret: string): Promise<SigningKey>;
  signV1(signingSecret: string | SigningKey, unixSeconds: number, rawBody?: RawBody): Promise<string>;
}

const noSecret = () => new ChertInputError('signingSecret', 'the signing secret must be a non-empty string');

export function createSigning(hmac: HmacBackend): Signing {
  function importSigningKey(signingSecret: string): Promise<SigningKey> {
    if (typeof signingSecret !== 'string' || signingSecret === '') return Promise.reject(noSecret());
    return hmac.importKey(signingSecret);
  }

  async function signV1(signingSecret: string | SigningKey, unixSeconds: number, rawBody: RawBody = ''): Promise<string> {
    if (!Number.isSafeInteger(unixSeconds) || unixSeconds < 0) {
      throw new ChertInputError('unixSeconds', 'unixSeconds must be whole seconds, 0 or more');
    }
    if (signingSecret === '') throw noSecret();
    const body =
      typeof rawBody === 'string'
        ? rawBody
        : ArrayBuffer.isView(rawBody)
          ? new Uint8Array(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength)
          : new Uint8Array(rawBody);
    return `v1,${unixSeconds},${await hmac.hex(signingSecret, `${unixSeconds}.`, body)}`;
  }

  return { importSigningKey, signV1 };
}
