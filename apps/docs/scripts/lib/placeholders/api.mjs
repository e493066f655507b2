// @ts-check
// The placeholders about the API itself: servers, version, operations, security, the
// signature window, request examples, the outcomes `Prefer` can ask the mock for, and links
// to operations. Each is read from the document when the page is built.
import { servers, signatureWindowSeconds } from '../facts.mjs';
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
    operations: () =>
      [
        '| operation | request | addressing |',
        '|---|---|---|',
        ...ops.map(
          (o) =>
            `| ${opLink(o.operationId)}: ${o.summary} | \`${o.method} ${o.path}\` | ${/\{id\}/.test(o.path) ? 'by chat id' : 'by phone (first touch)'} |`,
        ),
      ].join('\n'),
    'not-idempotent': () => {
      const list = ops.filter((o) => o.idempotent === false).map((o) => `\`${o.operationId}\``);
      return list.length === ops.length ? 'every operation in this document' : list.join(', ');
    },
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
        const error = row.value?.error;
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
