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
}

/**
 * Whether `hex` is the HMAC of `prefix` then `body` with `secret`, compared in constant time. Apart
 * from the backend, so that only the webhook verifier's chunk carries it.
 */
export type HmacVerify = (secret: string, prefix: string, body: string | Uint8Array, hex: string) => boolean | Promise<boolean>;

export interface Signing {
  importSigningKey(signingSecret: string): Promise<SigningKey>;
  signV1(signingSecret: string | SigningKey, unixSeconds: number, rawBody?: RawBody): Promise<string>;
  /**
   * The header value for an imported key, at once when the backend computes it synchronously
   * (node:crypto), so that a request waits on no promise for it; a promise otherwise (WebCrypto).
   */
  signature(key: SigningKey, unixSeconds: number, rawBody: RawBody): string | Promise<string>;
}

export const isRawBody = (b: unknown): b is RawBody => typeof b === 'string' || b instanceof ArrayBuffer || ArrayBuffer.isView(b);

/** A body as the backends take it: the string itself, or a view of its bytes (no copy). */
export const bytesOf = (b: RawBody): string | Uint8Array =>
  typeof b === 'string' ? b : ArrayBuffer.isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b);

const noSecret = () => new ChertInputError('signingSecret', 'the signing secret must be a non-empty string');

export function createSigning(hmac: HmacBackend): Signing {
  function signature(key: string | SigningKey, unixSeconds: number, rawBody: RawBody): string | Promise<string> {
    const prefix = `v1,${unixSeconds},`;
    const hex = hmac.hex(key, `${unixSeconds}.`, bytesOf(rawBody));
    return typeof hex === 'string' ? prefix + hex : hex.then((h) => prefix + h);
  }

  return {
    importSigningKey(signingSecret) {
      if (typeof signingSecret !== 'string' || signingSecret === '') return Promise.reject(noSecret());
      return hmac.importKey(signingSecret);
    },

    async signV1(signingSecret, unixSeconds, rawBody = '') {
      if (!Number.isSafeInteger(unixSeconds) || unixSeconds < 0) {
        throw new ChertInputError('unixSeconds', 'unixSeconds must be whole seconds, 0 or more');
      }
      if (signingSecret === '') throw noSecret();
      return signature(signingSecret, unixSeconds, rawBody);
    },

    signature,
  };
}
