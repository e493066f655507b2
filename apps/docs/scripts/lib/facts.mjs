// @ts-check
// Facts the guides state, read out of the bundled document (through the shared walker,
// @chert/openapi/walk) rather than retyped, so a change to the document changes the docs, or
// fails the build when the document contradicts itself.
import { deref, examples, mediaTypes, operations as operationSites, parameters } from '@chert/openapi/walk';

/** @typedef {Record<string, any>} Json */

/**
 * @typedef {object} Operation
 * @property {string} operationId
 * @property {string} method upper case
 * @property {string} path
 * @property {string} summary
 * @property {string[]} tags
 * @property {boolean | undefined} idempotent the document's `x-idempotent`
 * @property {string | undefined} idempotencyKey the document's `x-chert-idempotency-key` (a JSON pointer into the body)
 * @property {Json} operation the operation object itself, for its vendor extensions
 * @property {Json[]} parameters dereferenced, path-item ones overridden by the operation's
 * @property {Json | undefined} requestBody dereferenced
 * @property {Array<Record<string, string[]>>} security the requirements in force (the operation's, else the document's)
 * @property {Record<string, unknown>} requestExamples named request examples (values) of the JSON body
 * @property {Array<{ status: string, types: string[], examples: Array<{ name: string, summary: string, value: any }> }>} responses
 *   `types`: the response's media types
 */

/**
 * Every operation of `paths` in document order.
 * @param {Json} document
 * @returns {Operation[]}
 */
export function operations(document) {
  return operationSites(document).map(({ key: path, method, pathItem, operation, at }) => {
    if (!operation.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
    const media = mediaTypes(document, operation, at);
    const json = (/** @type {string} */ where) => media.find((m) => m.where === where && m.type === 'application/json');
    /** @type {Record<string, unknown>} */
    const requestExamples = {};
    for (const [name, ex] of Object.entries(examples(document, json('request')?.media ?? {}))) requestExamples[name] = ex.value;
    return {
      operationId: operation.operationId,
      method: method.toUpperCase(),
      path,
      summary: operation.summary ?? '',
      tags: operation.tags ?? [],
      idempotent: operation['x-idempotent'],
      idempotencyKey: operation['x-chert-idempotency-key'],
      operation,
      parameters: parameters(document, pathItem, operation),
      requestBody: deref(document, operation.requestBody),
      security: operation.security ?? document.security ?? [],
      requestExamples,
      responses: Object.keys(operation.responses ?? {}).map((status) => ({
        status,
        types: media.filter((m) => m.where === status).map((m) => m.type),
        examples: Object.entries(examples(document, json(status)?.media ?? {})).map(([name, ex]) => ({
          name,
          summary: String(ex.summary ?? ''),
          value: ex.value,
        })),
      })),
    };
  });
}

/**
 * Rows of the first Markdown table in `markdown`, keyed by its lower-cased header cells
 * (`\|` in a cell is kept as a pipe).
 * @param {string} markdown
 * @returns {Array<Record<string, string>>}
 */
export function markdownTable(markdown) {
  const lines = markdown.split('\n').map((l) => l.trim());
  const start = lines.findIndex((l, i) => l.startsWith('|') && /^\|[\s:|-]+\|$/.test(lines[i + 1] ?? ''));
  if (start === -1) return [];
  // A `\|` inside a cell is a pipe of its text, not a cell border.
  const cells = (/** @type {string} */ line) =>
    line
      .replace(/^\||\|$/g, '')
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, '|'));
  const header = cells(/** @type {string} */ (lines[start])).map((h) => h.toLowerCase());
  /** @type {Array<Record<string, string>>} */
  const rows = [];
  for (let i = start + 2; i < lines.length && lines[i]?.startsWith('|'); i++) {
    const row = cells(/** @type {string} */ (lines[i]));
    rows.push(Object.fromEntries(header.map((h, j) => [h, row[j] ?? ''])));
  }
  return rows;
}

/**
 * @typedef {object} ErrorCodeFact
 * @property {number} code
 * @property {number[]} statuses the HTTP statuses the document's examples answer it with
 *   (an endpoint may answer a code with its own status), most used first
 * @property {boolean | 'varies'} retryable from the examples; `varies` when routes disagree
 * @property {boolean} retryAfter whether the examples carry `retry_after`
 * @property {string} meaning from the ErrorCode description's table (Markdown)
 * @property {string[]} examples names of the document's examples with this code
 * @property {string[]} operationIds operations whose responses show this code
 */

/**
 * The error an example answers with, in the shared envelope's terms: `value.error` in the
 * envelope; the top-level `code`, `message` and `retryable` in replay's legacy shape (there
 * `error` is a string), whose status is the response's.
 * @param {any} value @param {string | number} status
 * @returns {{ code: number, status: number, retryable: boolean, retry_after?: number } | undefined}
 */
export function errorOf(value, status) {
  if (value?.error && typeof value.error === 'object' && typeof value.error.code === 'number') return value.error;
  if (value && typeof value.code === 'number' && value.ok === false) {
    return { code: value.code, status: Number(status), retryable: value.retryable === true };
  }
  return undefined;
}

/**
 * Every code in the ErrorCode enum, with its HTTP statuses and retryability as the document's
 * response examples show them, its meaning from the ErrorCode description, and the operations
 * that document it. Throws, listing every problem, when the document is inconsistent: a code
 * with no example, an example status the description's table does not list, a table that
 * says "retryable" where every example says otherwise, a table row for a code not in the enum.
 * @param {Json} document
 * @returns {ErrorCodeFact[]}
 */
export function errorCodes(document) {
  const schema = document.components?.schemas?.ErrorCode;
  if (!schema?.enum) throw new Error('The document has no components.schemas.ErrorCode enum.');
  /** @type {number[]} */
  const codes = schema.enum;
  const table = new Map(markdownTable(schema.description ?? '').map((r) => [Number(r.code), r]));

  /** @type {Map<number, Array<{ name: string, error: any, operationId: string }>>} */
  const byCode = new Map();
  for (const op of operations(document)) {
    for (const r of op.responses) {
      for (const ex of r.examples) {
        const error = errorOf(ex.value, r.status);
        if (error) {
          byCode.set(error.code, [...(byCode.get(error.code) ?? []), { name: ex.name, error, operationId: op.operationId }]);
        }
      }
    }
  }

  const problems = [];
  const facts = [];
  for (const code of codes) {
    const seen = byCode.get(code) ?? [];
    const row = table.get(code);
    if (seen.length === 0) {
      problems.push(`${code}: no response example in the document carries this code`);
      continue;
    }
    const count = new Map();
    for (const s of seen) count.set(s.error.status, (count.get(s.error.status) ?? 0) + 1);
    const statuses = [...count.keys()].sort((a, b) => count.get(b) - count.get(a) || a - b);
    const retryables = new Set(seen.map((s) => s.error.retryable));
    /** @type {boolean | 'varies'} */
    const retryable = retryables.size > 1 ? 'varies' : Boolean(seen[0]?.error.retryable);
    if (!row) {
      problems.push(`${code}: missing from the table in the ErrorCode description`);
    } else {
      const listed = (row.http?.match(/\b\d{3}\b/g) ?? []).map(Number);
      for (const status of statuses) {
        if (!listed.includes(status)) {
          const ex = seen.find((s) => s.error.status === status);
          problems.push(`${code}: the ErrorCode table says HTTP ${row.http}, example ${ex?.name} says ${status}`);
        }
      }
      const said = /^\W*(yes|no)\b/i.exec(row.retryable ?? '')?.[1]?.toLowerCase();
      if (retryable !== 'varies' && said !== (retryable ? 'yes' : 'no')) {
        problems.push(`${code}: the ErrorCode table says retryable "${row.retryable}", example ${seen[0]?.name} says ${retryable}`);
      }
    }
    facts.push({
      code,
      statuses,
      retryable,
      retryAfter: seen.some((s) => s.error.retry_after !== undefined),
      meaning: row?.meaning ?? '',
      examples: [...new Set(seen.map((s) => s.name))],
      operationIds: [...new Set(seen.map((s) => s.operationId))],
    });
  }
  for (const code of table.keys()) {
    if (!codes.includes(code)) problems.push(`${code}: in the ErrorCode table but not in its enum`);
  }
  if (problems.length) {
    throw new Error(`The document's error codes are inconsistent:\n- ${problems.join('\n- ')}`);
  }
  return facts;
}

/**
 * The codes the document answers with the given HTTP statuses on any operation, in enum order.
 * @param {ErrorCodeFact[]} codes @param {number[]} statuses
 */
export const codesAnsweredWith = (codes, statuses) => codes.filter((c) => c.statuses.some((s) => statuses.includes(s)));

const isLoopback = (/** @type {string} */ url) => /^https?:\/\/(127\.0\.0\.1|localhost)/.test(url);

/**
 * The production base URL (first server) and the local mock's (a loopback server).
 * @param {Json} document
 */
export function servers(document) {
  /** @type {Array<{ url: string, description?: string }>} */
  const list = document.servers ?? [];
  const production = list.find((s) => !isLoopback(s.url));
  const mock = list.find((s) => isLoopback(s.url));
  if (!production) throw new Error('The document declares no production server.');
  return { production: production.url, mock: mock?.url };
}

/**
 * How far an HMAC v1 timestamp may be from Chert's clock, in seconds: the agreed extension
 * `x-chert-signature-window-seconds` of the ChertSignature security scheme.
 * @param {Json} document
 */
export function signatureWindowSeconds(document) {
  const value = document.components?.securitySchemes?.ChertSignature?.['x-chert-signature-window-seconds'];
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(
      'The document gives no signature window: components.securitySchemes.ChertSignature needs ' +
        `x-chert-signature-window-seconds (a positive integer), found ${JSON.stringify(value)}.`,
    );
  }
  return /** @type {number} */ (value);
}
