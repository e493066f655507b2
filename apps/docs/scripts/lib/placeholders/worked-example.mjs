// @ts-check
// The authentication guide's worked HMAC v1 example: fixed inputs, the signature computed by
// the client's own signV1 and checked against an independent HMAC-SHA256, and the
// placeholders that show it.
import { createHmac } from 'node:crypto';
import { servers } from '../facts.mjs';
import { fence } from '../render.mjs';

/** @typedef {(signingSecret: string, unixSeconds: number, rawBody: string) => Promise<string>} SignV1 */

/**
 * The worked HMAC v1 example. Fixed inputs, so the page shows the same signature on every
 * build; the signature itself always comes from the client's own signV1.
 */
export const workedExample = Object.freeze({
  // A made-up secret in the real format (32 hex characters). Not anyone's credential.
  signingSecret: '7f3a9c1e5b2d4f608a1c3e5d7b9f0a2c',
  tenant: 'acme',
  unixSeconds: 1767225600, // 2026-01-01T00:00:00Z
  rawBody: '{"contact":{"full_name":"Ada Lovelace"}}',
  // The request it signs: this operation, at this chat.
  operationId: 'sendContactToChat',
  chatId: 'ch_8f3k2m9q',
});

/**
 * The HMAC v1 signature as the document defines it, computed independently of the client,
 * so a disagreement between the two fails the build instead of shipping a wrong example.
 * @param {string} secret @param {number} unixSeconds @param {string} rawBody
 */
export function referenceSignature(secret, unixSeconds, rawBody) {
  const hex = createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${unixSeconds}.${rawBody}`, 'utf8').digest('hex');
  return `v1,${unixSeconds},${hex}`;
}

/**
 * The worked example's signatures (with its body and with none), from `signV1`, checked.
 * @param {SignV1} signV1
 * @returns {Promise<{ signature: string, emptyBodySignature: string }>}
 */
export async function signWorkedExample(signV1) {
  const w = workedExample;
  const signature = await signV1(w.signingSecret, w.unixSeconds, w.rawBody);
  const emptyBodySignature = await signV1(w.signingSecret, w.unixSeconds, '');
  for (const [got, body] of [
    [signature, w.rawBody],
    [emptyBodySignature, ''],
  ]) {
    const want = referenceSignature(w.signingSecret, w.unixSeconds, /** @type {string} */ (body));
    if (got !== want) {
      throw new Error(
        `@chert/client's signV1 disagrees with the HMAC v1 definition for body ${JSON.stringify(body)}: ` +
          `got ${got}, the document's algorithm gives ${want}.`,
      );
    }
  }
  return { signature, emptyBodySignature };
}

/**
 * @param {{ signature: string, emptyBodySignature: string }} worked
 * @param {Record<string, any>} document for the production URL and the HMAC v1 headers
 * @param {import('../facts.mjs').Operation[]} ops
 * @returns {import('../render.mjs').Fills}
 */
export function workedExampleFills({ signature, emptyBodySignature }, document, ops) {
  const w = workedExample;
  const hex = signature.split(',')[2] ?? '';
  const op = ops.find((o) => o.operationId === w.operationId);
  if (!op) throw new Error(`The worked example signs a ${w.operationId} request, which the document no longer has.`);
  // The headers HMAC v1 is sent in: the document's ChertSignature and ChertTenant schemes.
  const schemes = document.components?.securitySchemes ?? {};
  const signatureHeader = schemes.ChertSignature?.name;
  const tenantHeader = schemes.ChertTenant?.name;
  if (!signatureHeader || !tenantHeader) throw new Error('The document names no header for the ChertSignature or ChertTenant security scheme: the worked example cannot show the request.');
  const { production } = servers(document);
  const path = op.path.replace(/\{[^}]+\}/, w.chatId);
  return {
    'worked-secret': () => `\`${w.signingSecret}\``,
    'worked-tenant': () => `\`${w.tenant}\``,
    'worked-timestamp': () => `\`${w.unixSeconds}\` (${new Date(w.unixSeconds * 1000).toISOString().replace('.000', '')})`,
    'worked-body': () => fence('json', w.rawBody),
    'worked-signed-string': () => fence('text', `${w.unixSeconds}.${w.rawBody}`),
    'worked-hex': () => fence('text', hex),
    'worked-signature': () => fence('http', `${signatureHeader}: ${signature}`),
    'worked-empty-signature': () => fence('http', `${signatureHeader}: ${emptyBodySignature}`),
    'worked-openssl': () =>
      fence('sh', `printf '%s' '${w.unixSeconds}.${w.rawBody}' \\\n  | openssl dgst -sha256 -hmac '${w.signingSecret}'\n# SHA2-256(stdin)= ${hex}`),
    'worked-curl': () =>
      fence(
        'sh',
        [
          `curl ${production}${path} \\`,
          `  -H '${tenantHeader}: ${w.tenant}' \\`,
          `  -H '${signatureHeader}: ${signature}' \\`,
          `  -H 'content-type: application/json' \\`,
          `  --data '${w.rawBody}'`,
        ].join('\n'),
      ),
  };
}
