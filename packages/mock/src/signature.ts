import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The `x-chert-signature` value for a body: `v1,<unix_seconds>,<lowercase hex>` where the hex
 * is HMAC-SHA256, keyed with the secret's UTF-8 bytes, over `<unix_seconds>.<raw body>`.
 */
export function signatureHeader(
  signingSecret: string,
  rawBody: string | Uint8Array,
  unixSeconds: number = Math.floor(Date.now() / 1000),
): string {
  return `v1,${unixSeconds},${hmacHex(signingSecret, String(unixSeconds), rawBody)}`;
}

export function hmacHex(secret: string, timestamp: string, rawBody: string | Uint8Array): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(`${timestamp}.`, 'utf8')
    .update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
    .digest('hex');
}

/** Equal-length digests first, so neither the comparison nor its length check leaks timing. */
export function constantTimeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db) && a.length === b.length;
}
