// @ts-check
// Facts the guides state, read out of the bundled document rather than retyped, so a change
// to the document changes the docs (or fails the build when the document contradicts itself).

/** @typedef {Record<string, any>} Json */

/**
 * Follows internal `$ref`s (`#/components/...`), as the bundle has only those.
 * @param {Json} document
 * @param {any} node
 * @returns {any}
 */
export function deref(document, node) {
  let seen = 0;
  while (node && typeof node === 'object' && typeof node.$ref === 'string') {
    if (++seen > 32) throw new Error(`$ref cycle at ${node.$ref}`);
    const ref = /** @type {string} */ (node.$ref);
    if (!ref.startsWith('#/')) throw new Error(`Only internal $refs are expected in the bundle, got ${ref}`);
    node = ref
      .slice(2)
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((at, key) => (at == null ? undefined : at[key]), /** @type {any} */ (document));
    if (node === undefined) throw new Error(`Unresolved $ref ${ref}`);
  }
  return node;
}

const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/**
 * @typedef {object} Operation
 * @property {string} operationId
 * @property {string} method upper case
 * @property {string} path
 * @property {string} summary
 * @property {string[]} tags
 * @property {boolean | undefined} idempotent the document's `x-idempotent`
 * @property {boolean} byChatId the path names a chat (`{id}`); otherwise it is the first-touch form
 * @property {Record<string, unknown>} requestExamples named request examples (values)
 * @property {Array<{ status: string, examples: Array<{ name: string, summary: string, value: any }> }>} responses
 */

/**
 * Every operation in document order.
 * @param {Json} document
 * @returns {Operation[]}
 */
export function operations(document) {
  /** @type {Operation[]} */
  const out = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const pathItem = deref(document, item);
    for (const method of methods) {
      const op = pathItem[method];
      if (!op) continue;
      if (!op.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const body = deref(document, op.requestBody);
      /** @type {Record<string, unknown>} */
      const requestExamples = {};
      for (const [name, ex] of Object.entries(body?.content?.['application/json']?.examples ?? {})) {
        requestExamples[name] = deref(document, ex).value;
      }
      const responses = Object.entries(op.responses ?? {}).map(([status, ref]) => {
        const response = deref(document, ref);
        const examples = Object.entries(response?.content?.['application/json']?.examples ?? {}).map(
          ([name, ex]) => {
            const example = deref(document, ex);
            return { name, summary: String(example.summary ?? ''), value: example.value };
          },
        );
        return { status, examples };
      });
      out.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? '',
        tags: op.tags ?? [],
        idempotent: op['x-idempotent'],
        byChatId: /\{id\}/.test(path),
        requestExamples,
        responses,
      });
    }
  }
  return out;
}

/**
 * Rows of the first Markdown table in `markdown`, keyed by its lower-cased header cells.
 * @param {string} markdown
 * @returns {Array<Record<string, string>>}
 */
export function markdownTable(markdown) {
  const lines = markdown.split('\n').map((l) => l.trim());
  const start = lines.findIndex((l, i) => l.startsWith('|') && /^\|[\s:|-]+\|$/.test(lines[i + 1] ?? ''));
  if (start === -1) return [];
  const cells = (/** @type {string} */ line) =>
    line
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
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
 * @property {number} status the HTTP status, from the document's error examples
 * @property {boolean} retryable from the document's error examples
 * @property {boolean} retryAfter whether the examples carry `retry_after`
 * @property {string} meaning from the ErrorCode description's table (Markdown)
 * @property {string[]} examples names of the document's examples with this code
 * @property {string[]} operationIds operations whose responses show this code
 */

/**
 * Every code in the ErrorCode enum, with its HTTP status and retryability as the document's
 * examples show them, its meaning from the ErrorCode description, and the operations that
 * document it. Throws, listing every problem, when the document is inconsistent: a code with
 * no example, examples that disagree, or a description table that disagrees with them.
 * @param {Json} document
 * @returns {ErrorCodeFact[]}
 */
export function errorCodes(document) {
  const schema = document.components?.schemas?.ErrorCode;
  if (!schema?.enum) throw new Error('The document has no components.schemas.ErrorCode enum.');
  /** @type {number[]} */
  const codes = schema.enum;
  const table = new Map(markdownTable(schema.description ?? '').map((r) => [Number(r.code), r]));

  /** @type {Map<number, Array<{ name: string, error: any }>>} */
  const byCode = new Map();
  for (const [name, ex] of Object.entries(document.components?.examples ?? {})) {
    const error = deref(document, ex)?.value?.error;
    if (error && typeof error.code === 'number') {
      byCode.set(error.code, [...(byCode.get(error.code) ?? []), { name, error }]);
    }
  }
  /** @type {Map<number, Set<string>>} */
  const usedBy = new Map();
  for (const op of operations(document)) {
    for (const r of op.responses) {
      for (const ex of r.examples) {
        const code = ex.value?.error?.code;
        if (typeof code === 'number') usedBy.set(code, (usedBy.get(code) ?? new Set()).add(op.operationId));
      }
    }
  }

  const problems = [];
  const facts = [];
  for (const code of codes) {
    const examples = byCode.get(code) ?? [];
    const row = table.get(code);
    if (examples.length === 0) {
      problems.push(`${code}: no example in components.examples carries this code`);
      continue;
    }
    const first = /** @type {{ name: string, error: any }} */ (examples[0]);
    for (const ex of examples) {
      if (ex.error.status !== first.error.status || ex.error.retryable !== first.error.retryable) {
        problems.push(`${code}: examples ${first.name} and ${ex.name} disagree on status or retryable`);
      }
    }
    if (!row) {
      problems.push(`${code}: missing from the table in the ErrorCode description`);
    } else {
      if (Number(row.http) !== first.error.status) {
        problems.push(`${code}: the ErrorCode table says HTTP ${row.http}, example ${first.name} says ${first.error.status}`);
      }
      const said = row.retryable?.toLowerCase();
      if (said !== (first.error.retryable ? 'yes' : 'no')) {
        problems.push(`${code}: the ErrorCode table says retryable "${row.retryable}", example ${first.name} says ${first.error.retryable}`);
      }
    }
    facts.push({
      code,
      status: first.error.status,
      retryable: first.error.retryable,
      retryAfter: examples.some((e) => e.error.retry_after !== undefined),
      meaning: row?.meaning ?? '',
      examples: examples.map((e) => e.name),
      operationIds: [...(usedBy.get(code) ?? [])],
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
 * The production base URL (first server) and the local mock's (a loopback server).
 * @param {Json} document
 */
export function servers(document) {
  /** @type {Array<{ url: string, description?: string }>} */
  const list = document.servers ?? [];
  const production = list.find((s) => !/^https?:\/\/(127\.0\.0\.1|localhost)/.test(s.url));
  const mock = list.find((s) => /^https?:\/\/(127\.0\.0\.1|localhost)/.test(s.url));
  if (!production) throw new Error('The document declares no production server.');
  return { production: production.url, mock: mock?.url };
}
