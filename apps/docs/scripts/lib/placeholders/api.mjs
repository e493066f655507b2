// @ts-check
// The placeholders about the API itself: servers, version, operations, security, the
// signature window, request examples, the outcomes `Prefer` can ask the mock for, and links
// to operations. Each is read from the document when the page is built.
import { errorOf, servers, signatureWindowSeconds } from '../facts.mjs';
import { fence } from '../render.mjs';
import { operationRoute } from '../routes.mjs';

/**
 * @param {{
 *   document: Record<string, any>,
 *   ops: import('../facts.mjs').Operation[],
 *   codeOf: (code: string) => import('../facts.mjs').ErrorCodeFact,
 * }} input
 * @returns {import('../render.mjs').Fills}
 */
export function apiFills({ document, ops, codeOf }) {
  const { production, mock } = servers(document);
  const opLink = (/** @type {string} */ id) => `[\`${id}\`](${operationRoute(ops, id)})`;
  const opList = (/** @type {string[]} */ ids) => (ids.length === ops.length ? 'all' : ids.map((id) => `\`${id}\``).join(', '));
  return {
    'production-server': () => production,
    'mock-server': () => {
      if (!mock) throw new Error('The document declares no loopback (mock) server.');
      return mock;
    },
    version: () => String(document.info?.version ?? ''),
    'api-summary': () => String(document.info?.summary ?? ''),
    'operation-count': () => String(ops.length),
    operations: () =>
      [
        '| operation | request | tag |',
        '|---|---|---|',
        ...ops.map((o) => `| ${opLink(o.operationId)}: ${o.summary} | \`${o.method} ${o.path}\` | ${o.tags[0] ?? ''} |`),
      ].join('\n'),
    idempotency: () => idempotency(ops),
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
          : `${row.status}: \`${JSON.stringify(row.value)}\``;
        rows.push(`| \`code=${row.status}, example=${row.name}\` | ${what} | ${opList(row.ops)} | ${row.defaults.length ? opList(row.defaults) : '–'} |`);
      }
      return rows.join('\n');
    },
    'operation-link': (id) => {
      if (!ops.some((o) => o.operationId === id)) throw new Error(`A guide links to unknown operation ${id}.`);
      return opLink(id);
    },
  };
}

/**
 * What the document says about repeating each operation (`x-idempotent`,
 * `x-chert-idempotency-key`), as sentences.
 * @param {import('../facts.mjs').Operation[]} ops
 */
function idempotency(ops) {
  const names = (/** @type {import('../facts.mjs').Operation[]} */ list) => list.map((o) => `\`${o.operationId}\``).join(', ');
  const undeclared = ops.filter((o) => typeof o.idempotent !== 'boolean');
  if (undeclared.length) throw new Error(`Operations without x-idempotent: ${names(undeclared)}`);
  const safe = ops.filter((o) => o.idempotent);
  const unsafe = ops.filter((o) => !o.idempotent);
  const keyed = ops.filter((o) => o.idempotencyKey);
  if (safe.length === 0 && keyed.length === 0) {
    return 'No operation in this document is idempotent (each is marked `x-idempotent: false`) and none takes an ' +
      'idempotency key: every successful call acts again, and a message sent twice reaches the phone twice.';
  }
  const out = [];
  if (safe.length) out.push(`Safe to repeat (\`x-idempotent: true\`): ${names(safe)}.`);
  if (unsafe.length) out.push(`Not idempotent (\`x-idempotent: false\`): ${names(unsafe)}; each successful call acts again.`);
  if (keyed.length) {
    out.push(
      `These take an idempotency key in the body (\`x-chert-idempotency-key\` says where): ` +
        `${keyed.map((o) => `\`${o.operationId}\` (\`${o.idempotencyKey}\`)`).join(', ')}. ` +
        'Send the same key again when you repeat one of them; each operation says what the key guarantees.',
    );
  }
  return out.join(' ');
}
