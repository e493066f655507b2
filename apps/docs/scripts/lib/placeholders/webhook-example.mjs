// @ts-check
// The receiving guide's worked webhook signature: fixed inputs, the signature computed by the
// client's own signWebhook (`@chert/client/webhooks`) and checked against an HMAC-SHA256
// built independently from the document's definition (x-chert-webhook-delivery: the signed
// payload, the current format's template and pattern), so the page can never show a
// signature that the SDK and the document disagree on.
import { createHmac } from 'node:crypto';
import { fence } from '../render.mjs';
import { deliveryFacts } from './delivery.mjs';

/** @typedef {(secret: string, unixSeconds: number, rawBody: string) => Promise<string>} SignWebhook */

/**
 * The worked example's inputs. Fixed, so the page shows the same signature on every build.
 * The secret is made up, in the format of a subscription's (64 hex characters).
 */
export const webhookExample = Object.freeze({
  secret: '9b1c3e5a7f2d4b6c8e0a1c3e5b7d9f1a2c4e6b8d0f1a3c5e7b9d2f4a6c8e0b1d',
  unixSeconds: 1767225600, // 2026-01-01T00:00:00Z
  rawBody: '{"event":"lead_reply","event_id":"chert:lead_reply:9f8e7d6c","lead_id":"ch_8f3k2m9q"}',
});

/**
 * The current format's header value, built from the document alone: the signed payload
 * (`<ts>.<raw_body>`), HMAC-SHA256 keyed with the secret's UTF-8 bytes, in hex, written into
 * the first format's template. Fails when the document gives none of these.
 * @param {Record<string, any>} document @param {string} secret @param {number} unixSeconds @param {string} rawBody
 */
export function referenceWebhookSignature(document, secret, unixSeconds, rawBody) {
  const signature = deliveryFacts(document).signature ?? {};
  const format = signature.formats?.[0];
  if (signature.algorithm !== 'HMAC-SHA256' || signature.encoding !== 'hex' || typeof signature.signedPayload !== 'string' || !format?.template) {
    throw new Error(
      'x-chert-webhook-delivery.signature is not one the worked example can compute (it needs algorithm HMAC-SHA256, encoding hex, signedPayload and a format with a template).',
    );
  }
  const payload = signature.signedPayload.replace('<ts>', String(unixSeconds)).replace('<raw_body>', rawBody);
  const hex = createHmac('sha256', Buffer.from(secret, 'utf8')).update(payload, 'utf8').digest('hex');
  return { payload, hex, header: String(format.template).replace('<ts>', String(unixSeconds)).replace('<hex>', hex) };
}

/**
 * The worked example's signature from `signWebhook`, checked against the reference and the
 * document's pattern for the format.
 * @param {Record<string, any>} document @param {SignWebhook} signWebhook
 */
export async function signWebhookExample(document, signWebhook) {
  const w = webhookExample;
  const got = await signWebhook(w.secret, w.unixSeconds, w.rawBody);
  const want = referenceWebhookSignature(document, w.secret, w.unixSeconds, w.rawBody);
  if (got !== want.header) {
    throw new Error(`@chert/client's signWebhook disagrees with the document's webhook signature: got ${got}, the document's definition gives ${want.header}.`);
  }
  const format = deliveryFacts(document).signature.formats[0];
  const groups = new RegExp(format.pattern).exec(got)?.groups;
  if (groups?.ts !== String(w.unixSeconds) || groups?.hex !== want.hex) {
    throw new Error(`The worked webhook signature ${got} does not match the document's pattern for the ${format.name} format.`);
  }
  return { ...want, header: got };
}

/** The client's own signWebhook, loaded once, when a guide first asks for the example. */
async function clientSignWebhook() {
  try {
    const webhooks = await import('@chert/client/webhooks');
    return /** @type {SignWebhook} */ (webhooks.signWebhook);
  } catch (error) {
    throw new Error(
      `The worked webhook signature is computed by @chert/client's signWebhook, which could not be loaded (${/** @type {Error} */ (error).message}). ` +
        'Build it first: pnpm turbo run build --filter=@chert/docs',
    );
  }
}

/**
 * @param {Record<string, any>} document
 * @param {() => Promise<SignWebhook>} [signer] the signWebhook to use (the client's by default)
 * @returns {import('../render.mjs').Fills}
 */
export function webhookExampleFills(document, signer = clientSignWebhook) {
  /** @type {ReturnType<typeof signWebhookExample> | undefined} */
  let signed;
  const example = () => (signed ??= signer().then((sign) => signWebhookExample(document, sign)));
  const w = webhookExample;
  return {
    'webhook-example-secret': () => `\`${w.secret}\``,
    'webhook-example-timestamp': () => `\`${w.unixSeconds}\` (${new Date(w.unixSeconds * 1000).toISOString().replace('.000', '')})`,
    'webhook-example-body': () => fence('json', w.rawBody),
    'webhook-example-signed-string': async () => fence('text', (await example()).payload),
    'webhook-example-hex': async () => fence('text', (await example()).hex),
    'webhook-example-header': async () => {
      const name = deliveryFacts(document).headers?.signature;
      if (!name) throw new Error('x-chert-webhook-delivery names no signature header.');
      return fence('http', `${name}: ${(await example()).header}`);
    },
    'webhook-example-openssl': async () =>
      fence('sh', `printf '%s' '${(await example()).payload}' \\\n  | openssl dgst -sha256 -hmac '${w.secret}'\n# SHA2-256(stdin)= ${(await example()).hex}`),
  };
}
