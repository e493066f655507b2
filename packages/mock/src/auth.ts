import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** How far a signature's timestamp may be from the mock's clock, either way. */
export const SIGNATURE_WINDOW_SECONDS = 300;

export type AuthFailure = 'NoCredentials' | 'BadSignature' | 'StaleTimestamp';

export type AuthResult =
  | { ok: true; scheme: 'signature' | 'bearer' }
  | { ok: false; example: AuthFailure; reason: string };

export interface AuthInput {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  /** With a secret the mock verifies; without one it only checks credentials are present. */
  signingSecret?: string | undefined;
  nowSeconds: number;
}

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

function hmacHex(secret: string, timestamp: string, rawBody: string | Uint8Array): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(`${timestamp}.`, 'utf8')
    .update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
    .digest('hex');
}

function header(headers: AuthInput['headers'], name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
}

/** Equal-length digests first, so neither the comparison nor its length check leaks timing. */
function constantTimeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db) && a.length === b.length;
}

const SIGNATURE = /^v1,(\d{1,15}),([0-9a-f]{64})$/;

/**
 * Chert's order: a signature, when sent, is checked first and decides on its own (a bearer
 * token sent beside a bad signature does not rescue it); otherwise the bearer token.
 */
export function checkCredentials(input: AuthInput): AuthResult {
  const signature = header(input.headers, 'x-chert-signature');
  const authorization = header(input.headers, 'authorization');
  const tenant = header(input.headers, 'x-chert-tenant');
  const secret = input.signingSecret;

  if (signature !== undefined) {
    if (tenant === undefined) {
      return { ok: false, example: 'NoCredentials', reason: 'x-chert-signature sent without x-chert-tenant' };
    }
    if (secret === undefined) return { ok: true, scheme: 'signature' };
    const parts = SIGNATURE.exec(signature);
    if (!parts) {
      return {
        ok: false,
        example: 'BadSignature',
        reason: 'x-chert-signature is not v1,<unix_seconds>,<64 lowercase hex>',
      };
    }
    const timestamp = parts[1] as string;
    const expected = hmacHex(secret, timestamp, input.rawBody);
    if (!constantTimeEqual(parts[2] as string, expected)) {
      return { ok: false, example: 'BadSignature', reason: 'signature does not match the body and timestamp' };
    }
    // Only a correctly signed request learns that its clock is off: that is the case the
    // 2013 advice (fix the clock, sign again) can actually help.
    const skew = input.nowSeconds - Number(timestamp);
    if (Math.abs(skew) > SIGNATURE_WINDOW_SECONDS) {
      return {
        ok: false,
        example: 'StaleTimestamp',
        reason: `signature timestamp is ${Math.abs(skew)} s ${skew > 0 ? 'behind' : 'ahead of'} the mock's clock (window ${SIGNATURE_WINDOW_SECONDS} s)`,
      };
    }
    return { ok: true, scheme: 'signature' };
  }

  if (authorization !== undefined) {
    const bearer = /^Bearer\s+(\S.*)$/i.exec(authorization);
    if (!bearer) {
      return { ok: false, example: 'BadSignature', reason: 'authorization is not a Bearer token' };
    }
    if (secret === undefined) return { ok: true, scheme: 'bearer' };
    if (!constantTimeEqual((bearer[1] as string).trim(), secret)) {
      return { ok: false, example: 'BadSignature', reason: 'bearer token is not the signing secret' };
    }
    return { ok: true, scheme: 'bearer' };
  }

  return { ok: false, example: 'NoCredentials', reason: 'neither x-chert-signature nor authorization sent' };
}

/** Values that must never reach a log line: the secret and whatever credentials were sent. */
export function credentialValues(headers: AuthInput['headers'], signingSecret?: string): string[] {
  const values: string[] = [];
  if (signingSecret) values.push(signingSecret);
  for (const name of ['authorization', 'x-chert-signature']) {
    const value = header(headers, name);
    if (!value) continue;
    values.push(value);
    const token = /^\S+\s+(\S.*)$/.exec(value)?.[1];
    if (token) values.push(token);
    const hex = /,([0-9a-fA-F]{16,})$/.exec(value)?.[1];
    if (hex) values.push(hex);
  }
  return values.filter((v) => v.length >= 4);
}
