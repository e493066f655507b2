// @ts-check
// Builds the docs-only copy of the bundled document: the guides as Redoc trait tags, the
// code samples as `x-codeSamples`. The API facts in the guides (codes, statuses, retryable,
// servers, the worked signature) are filled in here from the document and from the client,
// never typed into the guide files.
import { createHmac } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { deref, errorCodes, operations, servers } from './facts.mjs';

/** @typedef {Record<string, any>} Json */
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
  chatId: 'ch_8f3k2m9q',
});

/**
 * The guides, in page order. `file` is under guides/; the tag name is what the sidebar shows.
 * The introduction becomes the page's lead (info.description) rather than a tag.
 */
export const guides = Object.freeze([
  { tag: 'Quick start', file: 'quickstart.md' },
  { tag: 'Authentication', file: 'authentication.md' },
  { tag: 'Errors and retries', file: 'errors.md' },
  { tag: 'Run the mock', file: 'mock.md' },
]);

/** The labels Redoc shows on the code-sample tabs, by sample file extension. */
export const sampleLanguages = Object.freeze({
  '.ts': { lang: 'TypeScript', label: 'TypeScript' },
  '.sh': { lang: 'Shell', label: 'curl' },
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

/** Redoc 3's URL slug of a tag or heading: `Errors and retries` → `errors-and-retries`. */
export const slug = (/** @type {string} */ text) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Redoc 3's hash route of an operation: `#/<tag slug>/<operationId in lower case>`.
 * @param {import('./facts.mjs').Operation[]} ops @param {string} id
 */
export function operationRoute(ops, id) {
  const op = ops.find((o) => o.operationId === id);
  if (!op) throw new Error(`A guide links to unknown operation ${id}.`);
  return `#/${slug(op.tags[0] ?? '')}/${id.toLowerCase()}`;
}

/**
 * Every in-page link (`](#/…)`) in the rendered guides must name a guide, a tag, an
 * operation or a section of the introduction: a broken link fails the build.
 * @param {string} markdown @param {string} file @param {Set<string>} routes
 */
function checkLinks(markdown, file, routes) {
  const broken = [...markdown.matchAll(/\]\((#\/[^)\s]*)\)/g)].map((m) => m[1]).filter((r) => !routes.has(/** @type {string} */ (r)));
  if (broken.length) throw new Error(`${file}: links to nothing on the page: ${broken.join(', ')}`);
}

const fence = (/** @type {string} */ lang, /** @type {string} */ code) => {
  const ticks = code.includes('```') ? '````' : '```';
  return `${ticks}${lang}\n${code.replace(/\n+$/, '')}\n${ticks}`;
};

const yesNo = (/** @type {boolean} */ b) => (b ? 'yes' : 'no');

/**
 * Reads the sample files: `<operationId>.ts` and `<operationId>.sh` directly under samplesDir.
 * @param {string} samplesDir
 * @returns {Promise<Map<string, Array<{ ext: string, source: string }>>>}
 */
export async function readSamples(samplesDir) {
  /** @type {Map<string, Array<{ ext: string, source: string }>>} */
  const byOperation = new Map();
  for (const entry of await readdir(samplesDir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const ext = extname(entry.name);
    if (!(ext in sampleLanguages)) continue;
    const source = await readFile(join(samplesDir, entry.name), 'utf8');
    const id = basename(entry.name, ext);
    byOperation.set(id, [...(byOperation.get(id) ?? []), { ext, source }]);
  }
  return byOperation;
}

/**
 * Fills `{{name}}` and `{{name:argument}}` placeholders. An unknown placeholder is an error,
 * so a typo cannot ship as literal braces.
 * @param {string} template
 * @param {string} file for error messages
 * @param {Record<string, (arg: string) => string | Promise<string>>} fill
 */
async function render(template, file, fill) {
  const pattern = /\{\{([a-z0-9-]+)(?::([^}]+))?\}\}/g;
  const parts = [];
  let last = 0;
  for (const m of template.matchAll(pattern)) {
    const [whole, name = '', arg = ''] = m;
    const fn = fill[name];
    if (!fn) throw new Error(`${file}: unknown placeholder ${whole}`);
    parts.push(template.slice(last, m.index), await fn(arg.trim()));
    last = (m.index ?? 0) + whole.length;
  }
  parts.push(template.slice(last));
  return parts.join('');
}

/**
 * @param {{
 *   document: Json,
 *   guidesDir: string,
 *   samplesDir: string,
 *   signV1: SignV1,
 * }} input
 * @returns {Promise<{ document: Json, worked: { signature: string, emptyBodySignature: string }, routes: string[] }>}
 *   routes: every in-page address (`#/…`) of the guides, sections and operations
 */
export async function composeDocs({ document: source, guidesDir, samplesDir, signV1 }) {
  /** @type {Json} */
  const document = structuredClone(source);
  const ops = operations(document);
  const codes = errorCodes(document);
  const { production, mock } = servers(document);
  const byCode = new Map(codes.map((c) => [c.code, c]));

  // The worked example, from the client; checked against the document's algorithm.
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

  /** @type {Record<string, string>} */
  const advice = JSON.parse(await readFile(join(guidesDir, 'error-advice.json'), 'utf8'));
  const adviceProblems = [
    ...codes.filter((c) => !advice[String(c.code)]).map((c) => `no advice for ${c.code} in guides/error-advice.json`),
    ...Object.keys(advice)
      .filter((k) => !byCode.has(Number(k)))
      .map((k) => `guides/error-advice.json has advice for ${k}, which the document's ErrorCode enum does not list`),
  ];
  if (adviceProblems.length) throw new Error(adviceProblems.join('\n'));

  const codeFact = (/** @type {string} */ raw) => {
    const fact = byCode.get(Number(raw));
    if (!fact) throw new Error(`A guide names error code ${raw}, which the document's ErrorCode enum does not list.`);
    return fact;
  };
  const errorRows = (/** @type {typeof codes} */ list, /** @type {boolean} */ withAdvice) =>
    [
      withAdvice ? '| code | HTTP | retryable | meaning | what to do |' : '| code | HTTP | retryable | meaning |',
      withAdvice ? '|---|---|---|---|---|' : '|---|---|---|---|',
      ...list.map(
        (c) =>
          `| ${c.code} | ${c.status} | ${yesNo(c.retryable)} | ${c.meaning} |` +
          (withAdvice ? ` ${advice[String(c.code)]} |` : ''),
      ),
    ].join('\n');

  const opLink = (/** @type {string} */ id) => `[\`${id}\`](${operationRoute(ops, id)})`;

  /** @type {Record<string, (arg: string) => string | Promise<string>>} */
  const fill = {
    'production-server': () => production,
    'mock-server': () => {
      if (!mock) throw new Error('The document declares no loopback (mock) server.');
      return mock;
    },
    version: () => String(document.info?.version ?? ''),
    'api-summary': () => String(source.info?.summary ?? ''),
    operations: () =>
      [
        '| operation | request | addressing |',
        '|---|---|---|',
        ...ops.map(
          (o) =>
            `| ${opLink(o.operationId)}: ${o.summary} | \`${o.method} ${o.path}\` | ${o.byChatId ? 'by chat id' : 'by phone (first touch)'} |`,
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
    'worked-secret': () => `\`${w.signingSecret}\``,
    'worked-tenant': () => `\`${w.tenant}\``,
    'worked-timestamp': () => `\`${w.unixSeconds}\` (${new Date(w.unixSeconds * 1000).toISOString().replace('.000', '')})`,
    'worked-body': () => fence('json', w.rawBody),
    'worked-signed-string': () => fence('text', `${w.unixSeconds}.${w.rawBody}`),
    'worked-hex': () => fence('text', signature.split(',')[2] ?? ''),
    'worked-signature': () => fence('http', `x-chert-signature: ${signature}`),
    'worked-empty-signature': () => fence('http', `x-chert-signature: ${emptyBodySignature}`),
    'worked-openssl': () =>
      fence(
        'sh',
        `printf '%s' '${w.unixSeconds}.${w.rawBody}' \\\n  | openssl dgst -sha256 -hmac '${w.signingSecret}'\n# SHA2-256(stdin)= ${signature.split(',')[2]}`,
      ),
    'worked-curl': () =>
      fence(
        'sh',
        [
          `curl ${production}/api/v1/chats/${w.chatId}/send-contact \\`,
          `  -H 'x-chert-tenant: ${w.tenant}' \\`,
          `  -H 'x-chert-signature: ${signature}' \\`,
          `  -H 'content-type: application/json' \\`,
          `  --data '${w.rawBody}'`,
        ].join('\n'),
      ),
    'signature-window': () => {
      const text = document.components?.securitySchemes?.ChertSignature?.description ?? '';
      const m = /within \**(\d+) seconds/.exec(text);
      if (!m) throw new Error('The ChertSignature description no longer states the signature window ("within N seconds").');
      return m[1] ?? '';
    },
    'code-retryable': (arg) => (codeFact(arg).retryable ? 'retryable' : 'not retryable'),
    'error-rows': (arg) => errorRows(arg.split(',').map(codeFact), false),
    'envelope-fields': () => {
      // The envelope's fields as the document's schemas describe them (first paragraph of
      // each description), so a new field shows up here by itself.
      const rows = ['| field | type | always there? | what it is for |', '|---|---|---|---|'];
      /** @param {any} schema @param {string} prefix */
      const walk = (schema, prefix) => {
        const s = deref(document, schema);
        for (const [name, raw] of Object.entries(s?.properties ?? {})) {
          const prop = deref(document, raw);
          const path = `${prefix}${name}`;
          if (prop?.type === 'object' && prop.properties) {
            walk(prop, `${path}.`);
            continue;
          }
          let text = String(/** @type {any} */ (raw).description ?? prop?.description ?? '')
            .split(/\n\s*\n/)[0]
            ?.replace(/\s*\n\s*/g, ' ')
            .trim();
          // A paragraph that introduces something (a table) ends in a colon: keep its first
          // sentence only.
          if (text?.endsWith(':')) text = text.split(/(?<=\.)\s/)[0];
          if (!text) throw new Error(`The document does not describe the envelope field ${path}.`);
          const required = (s.required ?? []).includes(name) ? 'yes' : 'no';
          rows.push(`| \`${path}\` | ${prop?.type ?? ''} | ${required} | ${text} |`);
        }
      };
      walk(document.components?.schemas?.ErrorEnvelope, '');
      return rows.join('\n');
    },
    'error-table': () => errorRows(codes, true),
    'error-codes': () => codes.map((c) => `\`${c.code}\``).join(', '),
    'retryable-codes': () =>
      codes
        .filter((c) => c.retryable)
        .map((c) => `\`${c.code}\` (${c.status})`)
        .join(', '),
    'retry-after-codes': () =>
      codes
        .filter((c) => c.retryAfter)
        .map((c) => `\`${c.code}\``)
        .join(' and '),
    code: (arg) => {
      const fact = codeFact(arg);
      return `${fact.status} / \`${fact.code}\``;
    },
    'error-example': (name) => {
      const ex = document.components?.examples?.[name];
      if (!ex?.value?.error) throw new Error(`The document has no error example ${name}.`);
      return fence('json', JSON.stringify(ex.value, null, 2));
    },
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
      const list = (/** @type {string[]} */ ids) => (ids.length === ops.length ? 'all' : ids.map((id) => `\`${id}\``).join(', '));
      const rows = ['| `Prefer` | answer | operations | `code=` alone picks it on |', '|---|---|---|---|'];
      for (const row of [...outcomes.values()].sort((a, b) => Number(a.status) - Number(b.status))) {
        const error = row.value?.error;
        const what = error
          ? `${row.status} / \`${codeFact(String(error.code)).code}\`: ${row.summary.replace(/^\d+\s*·\s*/, '')}`
          : `${row.status}: \`${JSON.stringify(row.value)}\``;
        rows.push(`| \`code=${row.status}, example=${row.name}\` | ${what} | ${list(row.ops)} | ${row.defaults.length ? list(row.defaults) : '–'} |`);
      }
      return rows.join('\n');
    },
    sample: async (file) => {
      if (file.includes('..')) throw new Error(`Sample paths stay under samples/: ${file}`);
      const source = await readFile(join(samplesDir, file), 'utf8');
      return fence(extname(file) === '.sh' ? 'sh' : 'ts', source);
    },
    'operation-link': (id) => {
      if (!ops.some((o) => o.operationId === id)) throw new Error(`A guide links to unknown operation ${id}.`);
      return opLink(id);
    },
  };

  // The introduction leads the page; the other guides become trait tags.
  /** @type {Array<{ name: string }>} */
  const apiTags = document.tags ?? [];
  const introduction = await render(await readFile(join(guidesDir, 'introduction.md'), 'utf8'), 'introduction.md', fill);
  const guideTags = [];
  for (const g of guides) {
    const text = await render(await readFile(join(guidesDir, g.file), 'utf8'), g.file, fill);
    guideTags.push({ name: g.tag, description: text, 'x-traitTag': true });
  }
  const headings = (/** @type {string} */ md) =>
    [...md.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '').matchAll(/^#{1,3} (.+)$/gm)].map((m) => slug(m[1] ?? ''));
  // Redoc 3 routes: the introduction's headings are `#/section/<h>`, a guide's are
  // `#/<guide>/<h>`.
  const routes = new Set([
    '#/',
    ...[...guideTags, ...apiTags].map((t) => `#/${slug(t.name)}`),
    ...ops.map((o) => operationRoute(ops, o.operationId)),
    ...headings(introduction).map((h) => `#/section/${h}`),
    ...guideTags.flatMap((t) => headings(t.description).map((h) => `#/${slug(t.name)}/${h}`)),
  ]);
  checkLinks(introduction, 'introduction.md', routes);
  guideTags.forEach((t, i) => checkLinks(t.description, guides[i]?.file ?? t.name, routes));
  document.info = { ...document.info, description: introduction };
  // Redoc shows server descriptions as plain text: drop Markdown code marks there.
  for (const server of document.servers ?? []) {
    if (typeof server.description === 'string') server.description = server.description.replace(/`/g, '');
  }

  const untagged = ops.filter((o) => !o.tags.some((t) => apiTags.some((a) => a.name === t)));
  if (untagged.length) {
    throw new Error(`Operations without a declared tag would be hidden: ${untagged.map((o) => o.operationId).join(', ')}`);
  }
  document.tags = [...guideTags, ...apiTags];
  document['x-tagGroups'] = [
    { name: 'Guides', tags: guideTags.map((t) => t.name) },
    { name: 'API reference', tags: apiTags.map((t) => t.name) },
  ];

  // Code samples: exactly one TypeScript and one curl sample per operation.
  const samples = await readSamples(samplesDir);
  const problems = [];
  for (const id of samples.keys()) {
    if (!ops.some((o) => o.operationId === id)) problems.push(`samples/${id}.*: no operation ${id} in the document`);
  }
  for (const o of ops) {
    const files = samples.get(o.operationId) ?? [];
    const codeSamples = [];
    for (const [ext, language] of Object.entries(sampleLanguages)) {
      const sample = files.find((f) => f.ext === ext);
      if (!sample) {
        problems.push(`samples/${o.operationId}${ext} is missing`);
        continue;
      }
      codeSamples.push({ ...language, source: sample.source.replace(/\n+$/, '\n') });
    }
    const item = deref(document, document.paths[o.path]);
    item[o.method.toLowerCase()]['x-codeSamples'] = codeSamples;
  }
  if (problems.length) throw new Error(`Code samples:\n- ${problems.join('\n- ')}`);

  return { document, worked: { signature, emptyBodySignature }, routes: [...routes] };
}
