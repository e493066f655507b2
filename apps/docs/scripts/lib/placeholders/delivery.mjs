// @ts-check
// The placeholders about how Chert delivers webhooks: every fact read from the document's
// `x-chert-webhook-delivery` and from the header parameters its webhooks declare, so that a
// header renamed, a retry rule changed or a format added in the document changes the guides.
import { deref } from '@chert/openapi/walk';
import { firstParagraph, listed } from '../render.mjs';

/** @typedef {Record<string, any>} Json */

/**
 * The document's delivery facts; fails the build when it gives none.
 * @param {Json} document
 */
export function deliveryFacts(document) {
  const delivery = document['x-chert-webhook-delivery'];
  if (!delivery || typeof delivery !== 'object') throw new Error('The document has no x-chert-webhook-delivery: the guides cannot say how webhooks are delivered.');
  return /** @type {Json} */ (delivery);
}

/**
 * The header parameters of the document's webhooks, each once, in document order.
 * @param {Json} document
 * @returns {Array<{ name: string, required: boolean, description: string }>}
 */
export function webhookHeaders(document) {
  /** @type {Map<string, { name: string, required: boolean, description: string }>} */
  const byName = new Map();
  for (const item of Object.values(document.webhooks ?? {})) {
    for (const op of Object.values(/** @type {Json} */ (item))) {
      for (const raw of op?.parameters ?? []) {
        const p = deref(document, raw);
        if (p?.in !== 'header' || byName.has(p.name.toLowerCase())) continue;
        byName.set(p.name.toLowerCase(), { name: p.name, required: p.required === true, description: String(p.description ?? '') });
      }
    }
  }
  return [...byName.values()];
}

/**
 * @param {Json} document
 * @returns {import('../render.mjs').Fills}
 */
export function deliveryFills(document) {
  return {
    // `{{delivery:retry.maxAttempts}}`: one value of x-chert-webhook-delivery, by dotted path.
    // A list is written as code items joined with "or" (`5xx`, `timeout` or `unreachable`).
    delivery: (path) => {
      /** @type {any} */
      let value = deliveryFacts(document);
      for (const key of path.split('.')) value = value?.[key];
      if (value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value))) {
        throw new Error(`x-chert-webhook-delivery has no value at ${path}.`);
      }
      return Array.isArray(value) ? listed(value.map((v) => `\`${v}\``), 'or') : String(value);
    },
    // Every header a delivery carries, from the webhooks' header parameters; each header the
    // delivery facts name must be among them.
    'delivery-headers': () => {
      const delivery = deliveryFacts(document);
      const headers = webhookHeaders(document);
      const named = Object.values(delivery.headers ?? {}).map(String);
      if (!named.length) throw new Error('x-chert-webhook-delivery names no headers.');
      const undeclared = named.filter((n) => !headers.some((h) => h.name.toLowerCase() === n.toLowerCase()));
      if (undeclared.length) throw new Error(`x-chert-webhook-delivery names headers no webhook declares: ${undeclared.join(', ')}`);
      const rows = ['| header | always sent? | what it carries |', '|---|---|---|'];
      for (const h of headers) {
        const text = firstParagraph(h.description);
        if (!text) throw new Error(`The document does not describe the webhook header ${h.name}.`);
        rows.push(`| \`${h.name}\` | ${h.required ? 'yes' : 'no'} | ${text} |`);
      }
      return rows.join('\n');
    },
    // The signature's formats, as templates: `t=<ts>,v1=<hex>` (current) or … (legacy).
    'delivery-signature-formats': () => {
      const formats = deliveryFacts(document).signature?.formats;
      if (!Array.isArray(formats) || !formats.length) throw new Error('x-chert-webhook-delivery.signature names no formats.');
      return listed(formats.map((/** @type {Json} */ f) => `\`${f.template}\` (${f.name})`), 'or');
    },
  };
}
