/**
 * Chert's credential checks, for the schemes the operation's security allows: HMAC v1 (the
 * signature header, its paired headers, the clock window, all from the document) and the
 * bearer token. With a signing secret the mock verifies; without one it only checks that
 * credentials are present.
 */
import type { Operation } from '../document/operation.js';
import type { SecurityModel } from '../document/security.js';
import { constantTimeEqual, hmacHex } from '../signature.js';
import { CODES } from './catalogue.js';

export type CredentialResult =
  | { ok: true; scheme: 'signature' | 'bearer' | 'none' }
  | { ok: false; code: number; reason: string };

export interface CredentialInput {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Uint8Array;
  /** With a secret the mock verifies; without one it only checks credentials are present. */
  signingSecret: string | undefined;
  nowSeconds: number;
}

const SIGNATURE = /^v1,(\d{1,15}),([0-9a-f]{64})$/;

function header(headers: CredentialInput['headers'], name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Chert's order: a signature, when sent and accepted here, is checked first and decides on
 * its own (a bearer token sent beside a bad signature does not rescue it); otherwise the
 * bearer token. A credential the operation does not accept (a signature on a bearer-only
 * upload) counts as none.
 */
export function checkCredentials(model: SecurityModel, op: Operation, input: CredentialInput): CredentialResult {
  const requirements = op.security;
  if (requirements.length === 0 || requirements.some((r) => Object.keys(r ?? {}).length === 0)) {
    return { ok: true, scheme: 'none' };
  }
  const companions = (requirement: Record<string, unknown>, own: string) =>
    Object.keys(requirement)
      .filter((name) => name !== own)
      .map((name) => model.headers.get(name))
      .filter((h): h is string => h !== undefined);

  const sig = model.signature;
  const sigRequirement = sig ? requirements.find((r) => sig.scheme in r) : undefined;
  const bearerRequirements = model.bearer ? requirements.filter((r) => model.bearer!.scheme in r) : [];
  const signature = sig ? header(input.headers, sig.header) : undefined;
  const authorization = header(input.headers, 'authorization');
  const secret = input.signingSecret;

  if (sig && sigRequirement && signature !== undefined) {
    const missing = companions(sigRequirement, sig.scheme).filter((h) => header(input.headers, h) === undefined);
    if (missing.length) {
      return { ok: false, code: CODES.noCredentials, reason: `${sig.header} sent without ${missing.join(', ')}` };
    }
    if (secret === undefined) return { ok: true, scheme: 'signature' };
    const parts = SIGNATURE.exec(signature);
    if (!parts) {
      return { ok: false, code: CODES.badCredentials, reason: `${sig.header} is not v1,<unix_seconds>,<64 lowercase hex>` };
    }
    const timestamp = parts[1]!;
    if (!constantTimeEqual(parts[2]!, hmacHex(secret, timestamp, input.rawBody))) {
      return { ok: false, code: CODES.badCredentials, reason: 'signature does not match the body and timestamp' };
    }
    // Only a correctly signed request learns that its clock is off: that is the case the
    // advice (fix the clock, sign again) can actually help.
    const skew = input.nowSeconds - Number(timestamp);
    if (Math.abs(skew) > sig.windowSeconds) {
      return {
        ok: false,
        code: CODES.staleTimestamp,
        reason: `signature timestamp is ${Math.abs(skew)} s ${skew > 0 ? 'behind' : 'ahead of'} the mock's clock (window ${sig.windowSeconds} s)`,
      };
    }
    return { ok: true, scheme: 'signature' };
  }

  if (bearerRequirements.length && authorization !== undefined) {
    const bearer = /^Bearer\s+(\S.*)$/i.exec(authorization);
    if (!bearer) return { ok: false, code: CODES.badCredentials, reason: 'authorization is not a Bearer token' };
    if (secret !== undefined && !constantTimeEqual(bearer[1]!.trim(), secret)) {
      return { ok: false, code: CODES.badCredentials, reason: 'bearer token is not the signing secret' };
    }
    return { ok: true, scheme: 'bearer' };
  }

  const accepted = [
    ...(sigRequirement && sig ? [sig.header] : []),
    ...(bearerRequirements.length ? ['authorization: Bearer'] : []),
  ];
  const ignored = signature !== undefined && !sigRequirement && sig ? `; ${op.id} does not take ${sig.header}` : '';
  return {
    ok: false,
    code: CODES.noCredentials,
    reason: `no credentials: neither ${accepted.join(' nor ') || 'credential'} sent${ignored}`,
  };
}

/** Values that must never reach a log line: the secret and whatever credentials were sent. */
export function credentialValues(
  model: SecurityModel,
  headers: CredentialInput['headers'],
  signingSecret?: string,
): string[] {
  const values: string[] = [];
  if (signingSecret) values.push(signingSecret);
  for (const name of ['authorization', ...(model.signature ? [model.signature.header] : [])]) {
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
