// Webhook verification: the signature Chert puts on each delivery, checked over the raw body with
// the subscription's secret. Header names, formats and the tolerance come from the document
// (`x-chert-webhook-delivery`, generated into webhook-signature.ts); the HMAC from the entry's backend
// (node:crypto under the `node` condition, WebCrypto elsewhere), compared in constant time.
import type { WebhookEvent } from '@chert/types';
import { check } from '../core/chert-error.js';
import { webhookSignature } from '../generated/webhook-signature.js';
import { bytesOf, isRawBody, type HmacBackend, type HmacVerify, type RawBody } from '../sign.js';
import { ChertWebhookError } from './error.js';

export { ChertWebhookError, type WebhookFailure } from './error.js';

/** Request headers as frameworks give them: a `Headers`, or an object of any casing (Node's with arrays). */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookParams {
  /** The body exactly as received: a string or its bytes (never `JSON.parse`d and re-serialised). */
  rawBody: RawBody;
  /** The request's headers. */
  headers: WebhookHeaders;
  /** The subscription's signing secret (`secret` of `webhookSubscriptions.create`). */
  secret: string;
  /** How far the signature's timestamp may be from now, either way. Default: the document's (300 s). */
  toleranceSeconds?: number | undefined;
  /** The clock, in milliseconds like `Date.now` (the default). */
  now?: (() => number) | undefined;
}

export interface Webhooks {
  /**
   * Resolves to the delivered event (a union discriminated on `event`) when the signature is
   * this body's with `secret` and recent; rejects with a `ChertWebhookError` (its `reason`)
   * otherwise, or a `ChertInputError` for arguments it cannot use.
   */
  verify(params: VerifyWebhookParams): Promise<WebhookEvent>;
  /**
   * The signature header value Chert would send for `rawBody` at `unixSeconds`
   * (`t=<ts>,v1=<hex>`), for testing your handlers; send it as `X-Webhook-Signature`.
   */
  sign(secret: string, unixSeconds: number, rawBody: RawBody): Promise<string>;
}

const decoder = new TextDecoder();

/** Every value of the signature headers, in the document's order of headers. */
function signatures(headers: WebhookHeaders): string[] {
  const out: string[] = [];
  if (headers instanceof Headers) {
    for (const name of webhookSignature.headers) {
      const value = headers.get(name);
      if (value !== null) out.push(value);
    }
    return out;
  }
  const keys = Object.keys(headers);
  for (const name of webhookSignature.headers) {
    for (const key of keys) {
      if (key.toLowerCase() !== name) continue;
      const value = headers[key];
      for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') out.push(v);
    }
  }
  return out;
}

/** Signs with `hmac`, the entry's HMAC, and verifies with `matches`, its constant-time check. */
export function createWebhooks(hmac: HmacBackend['hex'], matches: HmacVerify): Webhooks {
  return {
    async verify(params) {
      check(typeof params === 'object' && params !== null, 'params', 'verifyWebhook takes { rawBody, headers, secret }');
      const { rawBody, headers, secret, toleranceSeconds = webhookSignature.toleranceSeconds, now = Date.now } = params;
      check(isRawBody(rawBody), 'rawBody', '`rawBody` must be the body as received, a string or bytes: not parsed JSON');
      check(typeof headers === 'object' && headers !== null, 'headers', '`headers` must be the request\'s headers');
      check(typeof secret === 'string' && secret !== '', 'secret', '`secret` must be the subscription\'s signing secret, a non-empty string');
      check(typeof toleranceSeconds === 'number' && toleranceSeconds >= 0, 'toleranceSeconds', '`toleranceSeconds` must be a number of seconds, 0 or more');
      check(typeof now === 'function', 'now', '`now` must be a function');

      const given = signatures(headers);
      if (!given.length) throw new ChertWebhookError('missing', `no ${webhookSignature.headers.join(' or ')} header`);
      const body = bytesOf(rawBody);
      let failure: ChertWebhookError | undefined;
      for (const value of given) {
        const parts = webhookSignature.formats.map((f) => f.exec(value.trim())?.groups).find(Boolean);
        const ts = Number(parts?.ts);
        if (!parts || !Number.isSafeInteger(ts)) {
          failure ??= new ChertWebhookError('malformed', `the signature is in none of the formats ${webhookSignature.template} or the legacy one`);
          continue;
        }
        if (!(await matches(secret, webhookSignature.signedPrefix.replace('<ts>', String(ts)), body, parts.hex!))) {
          if (failure?.reason !== 'stale') failure = new ChertWebhookError('mismatch', 'the signature is not this body\'s with this secret');
          continue;
        }
        if (Math.abs(now() / 1000 - ts) > toleranceSeconds) {
          failure = new ChertWebhookError('stale', `signed at ${ts}, more than ${toleranceSeconds} s from now`);
          continue;
        }
        let event: unknown;
        try {
          event = JSON.parse(typeof body === 'string' ? body : decoder.decode(body));
        } catch {
          // reported below
        }
        if (typeof (event as { event?: unknown } | null)?.event !== 'string') {
          throw new ChertWebhookError('payload', 'the body is not a JSON event with an `event` field');
        }
        return event as WebhookEvent;
      }
      throw failure!;
    },

    async sign(secret, unixSeconds, rawBody) {
      check(typeof secret === 'string' && secret !== '', 'secret', '`secret` must be a non-empty string');
      check(Number.isSafeInteger(unixSeconds) && unixSeconds >= 0, 'unixSeconds', '`unixSeconds` must be whole seconds, 0 or more');
      check(isRawBody(rawBody), 'rawBody', '`rawBody` must be a string or bytes');
      const ts = String(unixSeconds);
      const hex = await hmac(secret, webhookSignature.signedPrefix.replace('<ts>', ts), bytesOf(rawBody));
      return webhookSignature.template.replace('<ts>', ts).replace('<hex>', hex);
    },
  };
}
