// @ts-check
// The placeholders about the API itself: servers, version, operations and webhooks,
// security, the signature window, request examples, schema examples, the outcomes `Prefer`
// can ask the mock for, and links to operations. Each is read from the document when the
// page is built.
import { errorOf, servers, signatureWindowSeconds } from '../facts.mjs';
import { fence, listed } from '../render.mjs';
import { operationRoute } from '../routes.mjs';
import { cliFills } from './cli.mjs';
import { deliveryFills } from './delivery.mjs';
import { eventFills } from './events.mjs';
import { limitFills } from './limits.mjs';
import { sandboxFills } from './sandbox.mjs';
import { webhookExampleFills } from './webhook-example.mjs';

/**
 * @param {{
 *   document: Record<string, any>,
 *   ops: import('../facts.mjs').Operation[],
 *   sites: import('../assumptions.mjs').Site[],
 *   tagOrder: string[],
 *   codeOf: (code: string) => import('../facts.mjs').ErrorCodeFact,
 * }} input
 *   sites: the operations and webhooks; tagOrder: the reference's tags in sidebar order
 * @returns {import('../render.mjs').Fills}
 */
export function apiFills({ document, ops, sites, tagOrder, codeOf }) {
  const { production, mock } = servers(document);
  const opLink = (/** @type {string} */ id) => `[\`${id}\`](${operationRoute(ops, id)})`;
  const opList = (/** @type {string[]} */ ids) => (ids.length === ops.length ? 'all' : ids.map((id) => `\`${id}\``).join(', '));
  const webhooks = sites.filter((s) => s.kind === 'webhook');
  // The reference's order: by tag as the sidebar lists them, then as the document does.
  const byTag = [...ops].sort((a, b) => tagOrder.indexOf(a.tags[0] ?? '') - tagOrder.indexOf(b.tags[0] ?? ''));
  return {
    // The how-to guides' placeholders, each subject in a module of its own.
    ...deliveryFills(document),
    ...webhookExampleFills(document),
    ...limitFills(document, ops),
    ...eventFills(document, ops),
    ...sandboxFills(),
    ...cliFills(),
    'production-server': () => production,
    'mock-server': () => {
      if (!mock) throw new Error('The document declares no loopback (mock) server.');
      return mock;
    },
    version: () => String(document.info?.version ?? ''),
    'api-summary': () => String(document.info?.summary ?? ''),
    'operation-count': () => String(ops.length),
    'webhook-count': () => String(webhooks.length),
    operations: () =>
      [
        '| operation | request | tag |',
        '|---|---|---|',
        ...byTag.map((o) => `| ${opLink(o.operationId)}: ${o.summary} | \`${o.method} ${o.path}\` | ${o.tags[0] ?? ''} |`),
      ].join('\n'),
    webhooks: () =>
      [
        '| event | what happened |',
        '|---|---|',
        ...webhooks.map((w) => `| [\`${w.name}\`](${w.route}) | ${w.summary} |`),
      ].join('\n'),
    // `{{operations-under:/api/v1/chats/{id}}}`: links to every operation whose path starts
    // there (a path segment boundary), as a list.
    'operations-under': (prefix) => {
      const under = ops.filter((o) => o.path === prefix || o.path.startsWith(`${prefix}/`));
      if (!under.length) throw new Error(`No operation of the document has a path under ${prefix}.`);
      return listed(under.map((o) => opLink(o.operationId)));
    },
    // `{{schema-examples:ChatId}}`: the schema's examples, as code.
    'schema-examples': (name) => {
      const schema = document.components?.schemas?.[name];
      const values = schema?.examples ?? (schema?.example !== undefined ? [schema.example] : []);
      if (!values.length) throw new Error(`The document's schema ${name} has no examples.`);
      return listed(values.map((/** @type {unknown} */ v) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``), 'or');
    },
    // The operations that send or answer something other than JSON (bytes, an event stream).
    'non-json-operations': () => {
      const json = (/** @type {string} */ t) => t === 'application/json';
      const other = ops.filter((o) => {
        const request = Object.keys(o.requestBody?.content ?? {});
        const success = o.responses.filter((r) => /^2/.test(r.status)).flatMap((r) => r.types);
        return request.some((t) => !json(t)) || success.some((t) => !json(t));
      });
      if (!other.length) throw new Error('A guide names the operations that are not JSON, and the document has none.');
      return listed(
        other.map((o) => {
          const types = [...new Set([...Object.keys(o.requestBody?.content ?? {}), ...o.responses.filter((r) => /^2/.test(r.status)).flatMap((r) => r.types)])];
          return `${opLink(o.operationId)} (${types.filter((t) => !json(t)).map((t) => `\`${t}\``).join(', ')})`;
        }),
      );
    },
    // How a webhook delivery is signed, from the document's x-chert-webhook-delivery.
    'webhook-signature': () => {
      const delivery = document['x-chert-webhook-delivery'];
      const sig = delivery?.signature;
      if (!sig?.algorithm || !sig.signedPayload || !delivery.headers?.signature) {
        throw new Error('The document\'s x-chert-webhook-delivery gives no signature (algorithm, signedPayload, headers.signature).');
      }
      const keys = /** @type {Record<string, string>} */ ({
        'subscription-secret': "the subscription's own secret (shown once, when it is created), not your API signing secret",
        'signing-secret': "your tenant's signing secret",
      });
      const key = keys[sig.key];
      if (!key) throw new Error(`x-chert-webhook-delivery.signature.key "${sig.key}" is not one the docs can put in words.`);
      return `${sig.algorithm} over \`${sig.signedPayload}\`, keyed with ${key}, in the \`${delivery.headers.signature}\` header`;
    },
    // The operations whose every security requirement leaves HMAC v1 out.
    'bearer-only-operations': () => {
      const only = ops.filter((o) => o.security.length > 0 && o.security.every((r) => !('ChertSignature' in r)));
      if (!only.length) throw new Error('A guide names the bearer-only operations, and the document has none.');
      return listed(only.map((o) => opLink(o.operationId)));
    },
    'idempotency-summary': () => idempotencySummary(ops, opLink),
    'idempotency-table': () => idempotencyTable(byTag, opLink),
    'idempotency-keyed-table': () => keyedTable(byTag, opLink),
    'security-scheme': (name) => {
      const scheme = document.components?.securitySchemes?.[name];
      if (!scheme?.description) throw new Error(`The document has no security scheme ${name} with a description.`);
      return scheme.description.trim();
    },
    'signature-window': () => String(signatureWindowSeconds(document)),
    'request-example': (arg) => {
      const [id = '', name = ''] = arg.split('/');
      const op = ops.find((o) => o.operationId === id);
      if (!op || !(name in op.requestExamples)) throw new Error(`No request example ${name} on ${id}.`);
      return fence('json', JSON.stringify(op.requestExamples[name], null, 2));
    },
    'prefer-table': () => {
      // One row per documented outcome, with the operations that document it; "default"
      // marks the example that `code=<status>` alone picks (the first one listed).
      /** @type {Map<string, { status: string, name: string, summary: string, value: any, ops: string[], defaults: string[] }>} */
      const outcomes = new Map();
      for (const o of ops) {
        for (const r of o.responses) {
          r.examples.forEach((ex, i) => {
            const key = `${r.status} ${ex.name}`;
            const row = outcomes.get(key) ?? { ...ex, status: r.status, ops: [], defaults: [] };
            row.ops.push(o.operationId);
            if (i === 0) row.defaults.push(o.operationId);
            outcomes.set(key, row);
          });
        }
      }
      const rows = ['| `Prefer` | answer | operations | `code=` alone picks it on |', '|---|---|---|---|'];
      for (const row of [...outcomes.values()].sort((a, b) => Number(a.status) - Number(b.status))) {
        const error = errorOf(row.value, row.status);
        const what = error
          ? `${row.status} / \`${codeOf(String(error.code)).code}\`: ${row.summary.replace(/^\d+\s*·\s*/, '')}`
          : successText(row);
        rows.push(`| \`code=${row.status}, example=${row.name}\` | ${what} | ${opList(row.ops)} | ${row.defaults.length ? opList(row.defaults) : '–'} |`);
      }
      return rows.join('\n');
    },
    // `{{op-code:createChat/TooManyRecipients}}`: the error answer of that named example of the
    // operation (`422 / \`1006\``), where `{{code:…}}` gives every status a code has anywhere.
    'op-code': (arg) => {
      const [id = '', name = ''] = arg.split('/');
      const op = ops.find((o) => o.operationId === id);
      if (!op) throw new Error(`A guide names unknown operation ${id}.`);
      const error = op.responses.flatMap((r) => r.examples.filter((ex) => ex.name === name).map((ex) => errorOf(ex.value, r.status)))[0];
      if (!error) throw new Error(`${id} documents no error answer named ${name}.`);
      return `${error.status} / \`${codeOf(String(error.code)).code}\``;
    },
    'operation-link': (id) => {
      if (!ops.some((o) => o.operationId === id)) throw new Error(`A guide links to unknown operation ${id}.`);
      return opLink(id);
    },
  };
}

/**
 * A success answer in a table cell: its body when short, else the example's summary (a
 * message object on one line helps nobody).
 * @param {{ status: string, summary: string, value: unknown }} row
 */
function successText({ status, summary, value }) {
  const body = JSON.stringify(value);
  return body !== undefined && (body.length <= 64 || !summary) ? `${status}: \`${body}\`` : `${status}: ${summary}`;
}

/**
 * What the document says about repeating each operation (`x-idempotent`,
 * `x-chert-idempotency-key`): safe to repeat, safe with the same idempotency key, or acting
 * again on every successful call. Fails on an operation that does not say.
 * @param {import('../facts.mjs').Operation[]} ops
 */
export function repeatability(ops) {
  const undeclared = ops.filter((o) => typeof o.idempotent !== 'boolean');
  if (undeclared.length) throw new Error(`Operations without x-idempotent: ${undeclared.map((o) => o.operationId).join(', ')}`);
  return {
    safe: ops.filter((o) => o.idempotent),
    keyed: ops.filter((o) => !o.idempotent && o.idempotencyKey),
    unsafe: ops.filter((o) => !o.idempotent && !o.idempotencyKey),
  };
}

/**
 * The short version, for the introduction: how many of each, the keyed ones by name.
 * @param {import('../facts.mjs').Operation[]} ops @param {(id: string) => string} opLink
 */
function idempotencySummary(ops, opLink) {
  const { safe, keyed, unsafe } = repeatability(ops);
  const out = [`Of the ${ops.length} operations, ${safe.length} are safe to repeat (\`x-idempotent: true\`).`];
  if (keyed.length) {
    out.push(
      `${keyed.length} take an idempotency key in the body: ${listed(keyed.map((o) => `${opLink(o.operationId)} (\`${o.idempotencyKey}\`)`))}; ` +
        'repeated with the same key and the same body, they answer as the first time instead of acting again.',
    );
  }
  if (unsafe.length) {
    out.push(`The other ${unsafe.length} act again on every successful call: a message sent twice reaches the phone twice.`);
  }
  return out.join(' ');
}

/**
 * The operations that take an idempotency key: the client's method (`x-chert-sdk`) and the
 * field the key goes in (`x-chert-idempotency-key`, a JSON pointer into the body).
 * @param {import('../facts.mjs').Operation[]} ops in the order to list them
 * @param {(id: string) => string} opLink
 */
function keyedTable(ops, opLink) {
  const { keyed } = repeatability(ops);
  if (!keyed.length) throw new Error('A guide lists the operations that take an idempotency key, and the document marks none (x-chert-idempotency-key).');
  const rows = ['| operation | client method | the key goes in |', '|---|---|---|'];
  for (const o of keyed) {
    const sdk = o.operation['x-chert-sdk'];
    if (!sdk?.resource || !sdk.method) throw new Error(`${o.operationId} has no x-chert-sdk: the guide cannot name its client method.`);
    const field = String(o.idempotencyKey).split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
    rows.push(`| ${opLink(o.operationId)} | \`chert.${sdk.resource}.${sdk.method}\` | \`${field}\` |`);
  }
  return rows.join('\n');
}

/**
 * Every operation and whether it may be sent again, as a table in the reference's order.
 * @param {import('../facts.mjs').Operation[]} ops in the order to list them
 * @param {(id: string) => string} opLink
 */
function idempotencyTable(ops, opLink) {
  const { safe, keyed } = repeatability(ops);
  const rows = ['| operation | send it again? |', '|---|---|'];
  for (const o of ops) {
    const answer = safe.includes(o)
      ? 'yes (`x-idempotent: true`)'
      : keyed.includes(o)
        ? `only with an idempotency key (\`${o.idempotencyKey}\`): the same key and body again`
        : 'no: it acts again';
    rows.push(`| ${opLink(o.operationId)} | ${answer} |`);
  }
  return rows.join('\n');
}
