// Writes src/generated/ from the bundled document (through @chert/openapi/walk): the resource
// tree's types, one file per resource in openai-node's layout (`resources/chats/participants.ts`),
// each method one documented signature; the lean table of what the core reads at run time per
// operation, where each method lives included (src/core/resources.ts makes the methods from it);
// and the few facts the transport and the webhook verifier need. An operation added to the
// document gets its method here, with no hand-written code.
//
// The resources are interfaces, not classes: one table row per operation costs a few bytes in a
// browser bundle where a class method per operation cost ten times as much, and the methods a
// user calls are the same (BENCHMARKS.md, "Size").
//
//   node scripts/generate.mjs [document.json] [outDir]   (defaults: @chert/openapi's bundle, src/generated)
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deref, operations, parameters } from '@chert/openapi/walk';

const require = createRequire(import.meta.url);
const [docPath = require.resolve('@chert/openapi/openapi.json'), outArg] = process.argv.slice(2);
const doc = JSON.parse(readFileSync(docPath, 'utf8'));
const outDir = outArg ? resolve(outArg) : fileURLToPath(new URL('../src/generated', import.meta.url));
// The hand-written core sits beside the generated folder (src/core, src/generated).
const coreDir = join(outDir, '..', 'core');

/** Methods written by hand (src/contacts.ts): the operations that share one, told apart by `form`. */
const HANDWRITTEN = new Set(['contacts.send', 'contacts.shareOwnCard']);
const SUCCESS = /^2\d\d$/;
const JSON_TYPE = 'application/json';

function fail(problem) {
  throw new Error(`generate (client): ${problem}`);
}

const pascal = (s) => s.replace(/(^|[._\-\s])([a-zA-Z0-9])/g, (_m, _sep, c) => c.toUpperCase());
const camel = (s) => pascal(s).replace(/^./, (c) => c.toLowerCase());
const kebab = (s) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
/** The component schema a `$ref` names (`#/components/schemas/ChatId` → `ChatId`), if it is one. */
const schemaName = (schema) => /^#\/components\/schemas\/([A-Za-z0-9]+)$/.exec(schema?.$ref ?? '')?.[1];
const comment = (text) => String(text ?? '').replace(/\*\//g, '*\\/').replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------------------------------------
// The model: one entry per operation, everything read from the document.

const ops = [];
for (const { key: path, method, pathItem, operation: op } of operations(doc)) {
  const id = op.operationId;
  if (!/^[a-z][A-Za-z0-9]*$/.test(id ?? '')) fail(`${method.toUpperCase()} ${path} needs a camelCase operationId`);
  const sdk = op['x-chert-sdk'];
  if (!sdk?.resource || !sdk?.method) fail(`${id}: x-chert-sdk { resource, method } is missing`);
  if (typeof op['x-idempotent'] !== 'boolean') fail(`${id}: x-idempotent is missing`);
  const params = parameters(doc, pathItem, op);

  // Path parameters in the order of the template, named for the reader: `chatId` for a chat's
  // `id` (after its schema), `address` for `address`.
  const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => {
    const p = params.find((x) => x.in === 'path' && x.name === name) ?? fail(`${id}: path parameter ${name} is not declared`);
    const type = schemaName(p.schema);
    const arg = name === 'id' && type ? camel(type) : camel(name);
    return { name, arg, type: type ?? 'string' };
  });
  const query = params.filter((p) => p.in === 'query');

  const body = (() => {
    if (!op.requestBody) return null;
    const rb = deref(doc, op.requestBody);
    const content = rb.content ?? {};
    if (content[JSON_TYPE]) {
      return { kind: 'json', required: rb.required === true, type: schemaName(content[JSON_TYPE].schema) };
    }
    const types = Object.keys(content);
    if (!types.length) return null;
    // Raw bytes: sent as given, with the caller's Content-Type (else the document's first concrete type).
    const concrete = types.find((t) => !t.includes('*')) ?? 'application/octet-stream';
    const maxBytes = Math.min(...types.map((t) => deref(doc, content[t].schema)?.maxLength ?? Infinity));
    return { kind: 'raw', required: rb.required === true, contentType: concrete, maxBytes: Number.isFinite(maxBytes) ? maxBytes : undefined };
  })();

  const stream = op['x-chert-stream'] ?? null;
  const pagination = op['x-chert-pagination'] ?? null;
  const answers = Object.entries(op.responses ?? {})
    .filter(([status]) => SUCCESS.test(status))
    .map(([, raw]) => deref(doc, raw).content ?? {});
  const answer = (() => {
    if (stream) {
      if (!answers.some((c) => c['text/event-stream'])) fail(`${id}: x-chert-stream on an operation that does not answer text/event-stream`);
      for (const field of ['item', 'closeEvent', 'resume', 'resumeFrom', 'itemId', 'heartbeatSeconds']) {
        if (stream[field] === undefined) fail(`${id}: x-chert-stream.${field} is missing`);
      }
      if (!doc.components?.schemas?.[stream.item]) fail(`${id}: x-chert-stream.item ${stream.item} is not a schema`);
      return { kind: 'stream', type: stream.item };
    }
    const json = answers.map((c) => c[JSON_TYPE]).filter(Boolean);
    if (json.length) {
      const names = [...new Set(json.map((m) => schemaName(m.schema)))];
      return { kind: 'json', type: names.length === 1 && names[0] ? names[0] : `SuccessBody<'${id}'>` };
    }
    if (answers.some((c) => Object.keys(c).length)) return { kind: 'blob', type: 'Blob' };
    return { kind: 'void', type: 'void' };
  })();
  if (pagination) {
    if (answer.kind !== 'json') fail(`${id}: x-chert-pagination on an operation that does not answer JSON`);
    if (!query.some((p) => p.name === pagination.cursor)) fail(`${id}: x-chert-pagination.cursor ${pagination.cursor} is not a query parameter`);
    const page = deref(doc, answers.find((c) => c[JSON_TYPE])[JSON_TYPE].schema);
    const items = page?.properties?.[pagination.items];
    if (!items || !page?.properties?.[pagination.next]) fail(`${id}: the page has no ${pagination.items} or ${pagination.next}`);
    answer.item = schemaName(items.items) ?? `${answer.type}['${pagination.items}'][number]`;
  }

  // Bearer only: every security alternative of the operation is an HTTP bearer scheme alone.
  const security = op.security ?? doc.security ?? [];
  const isBearer = (name) => {
    const scheme = deref(doc, doc.components?.securitySchemes?.[name]);
    return scheme?.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer';
  };
  const bearerOnly = security.length > 0 && security.every((alt) => Object.keys(alt).length === 1 && isBearer(Object.keys(alt)[0]));

  const key = op['x-chert-idempotency-key'] ?? null;
  if (key !== null && body?.kind !== 'json') fail(`${id}: x-chert-idempotency-key on an operation without a JSON body`);

  ops.push({ id, method: method.toUpperCase(), path, summary: op.summary, sdk, pathParams, query, body, answer, stream, pagination, bearerOnly, idempotent: op['x-idempotent'], key });
}

/** Methods written by hand: the operations that share one method, told apart by `form`. */
function isHandwritten(o) {
  const where = `${o.sdk.resource}.${o.sdk.method}`;
  if (o.sdk.form !== undefined && !HANDWRITTEN.has(where)) fail(`${o.id}: ${where} has a form, so it needs a hand-written method (src/contacts.ts is the model)`);
  return HANDWRITTEN.has(where);
}

// ---------------------------------------------------------------------------------------------
// The run-time table: only what the core reads, so that it stays small in the bundle.

const table = {};
for (const o of ops) {
  const entry = { method: o.method, path: o.path };
  if (o.idempotent) entry.idempotent = true;
  if (o.key) entry.idempotencyKey = o.key;
  if (o.bearerOnly) entry.bearerOnly = true;
  if (o.answer.kind === 'blob') entry.parseAs = 'blob';
  if (o.answer.kind === 'stream') {
    entry.parseAs = 'stream';
    const { closeEvent, resume, resumeFrom, itemId, heartbeatSeconds } = o.stream;
    entry.stream = { closeEvent, resume, resumeFrom, itemId, heartbeatSeconds };
  }
  if (o.body?.kind === 'raw') entry.upload = o.body.maxBytes === undefined ? { contentType: o.body.contentType } : { contentType: o.body.contentType, maxBytes: o.body.maxBytes };
  if (o.pagination) entry.pagination = { cursor: o.pagination.cursor, next: o.pagination.next, items: o.pagination.items };
  // Where its generated method lives, and what it takes after the path parameters (a stream
  // takes one object of query fields and options).
  if (!isHandwritten(o)) {
    entry.sdk = `${o.sdk.resource}.${o.sdk.method}`;
    if (o.body && !o.stream) entry.body = true;
    if (o.query.length && !o.stream) entry.query = true;
  }
  table[o.id] = entry;
}

// The facts of the transport and of the webhook verifier.
const signatureScheme = Object.values(doc.components?.securitySchemes ?? {})
  .map((s) => deref(doc, s))
  .find((s) => s?.['x-chert-clock-skew-code'] !== undefined);
const clockSkewCode = signatureScheme?.['x-chert-clock-skew-code'];
if (!Number.isInteger(clockSkewCode)) fail('no security scheme declares x-chert-clock-skew-code');

const delivery = doc['x-chert-webhook-delivery'] ?? fail('the document has no x-chert-webhook-delivery');
const sig = delivery.signature ?? fail('x-chert-webhook-delivery.signature is missing');
// The verifier implements exactly this scheme; another one in the document must fail the build.
if (sig.algorithm !== 'HMAC-SHA256' || sig.encoding !== 'hex') fail(`webhook signatures are ${sig.algorithm}/${sig.encoding}; the client verifies HMAC-SHA256/hex`);
if (!/^<ts>[^<>]*<raw_body>$/.test(sig.signedPayload ?? '')) fail(`webhook signedPayload ${sig.signedPayload} is not <ts><separator><raw_body>`);
if (!Array.isArray(sig.formats) || !sig.formats.length) fail('webhook signature formats are missing');
for (const f of sig.formats) {
  const groups = new RegExp(f.pattern).exec(f.template.replace('<ts>', '1').replace('<hex>', 'ab'))?.groups;
  if (groups?.ts !== '1' || groups?.hex !== 'ab') fail(`webhook format ${f.name}: its pattern does not read its template's ts and hex`);
}
const webhookSignature = {
  headers: sig.headers.map((h) => h.toLowerCase()),
  signedPrefix: sig.signedPayload.replace('<raw_body>', ''),
  template: sig.formats[0].template,
  toleranceSeconds: sig.toleranceSeconds,
};
if (!Number.isInteger(webhookSignature.toleranceSeconds)) fail('webhook toleranceSeconds is missing');

// ---------------------------------------------------------------------------------------------
// The resource tree.

const resources = new Map();
function resourceOf(path) {
  if (!resources.has(path)) {
    const parts = path.split('.');
    resources.set(path, { path, parts, name: parts.at(-1), className: pascal(path), methods: [], children: [] });
    if (parts.length > 1) resourceOf(parts.slice(0, -1).join('.')).children.push(resources.get(path));
  }
  return resources.get(path);
}
const handwritten = new Map();
for (const o of ops) {
  if (isHandwritten(o)) {
    handwritten.set(o.sdk.resource, [...(handwritten.get(o.sdk.resource) ?? []), o.id]);
    continue;
  }
  resourceOf(o.sdk.resource).methods.push(o);
}
for (const name of handwritten.keys()) {
  if (resources.has(name)) fail(`resource ${name} mixes hand-written and generated methods`);
}

/** Where a resource's file lives: a resource with children gets a folder of its own. */
function fileOf(r) {
  const dir = join('resources', ...r.parts.slice(0, -1).map(kebab));
  return r.children.length ? join(dir, kebab(r.name), `${kebab(r.name)}.ts`) : join(dir, `${kebab(r.name)}.ts`);
}
const importPath = (from, to) => {
  const rel = relative(dirname(from), to).replace(/\\/g, '/').replace(/\.ts$/, '.js');
  return rel.startsWith('.') ? rel : `./${rel}`;
};
const coreImport = (file, module) => importPath(join(outDir, file), join(coreDir, `${module}.ts`));

function paramsTypeName(r, o) {
  return `${r.className}${pascal(o.sdk.method)}Params`;
}

function methodSource(r, o, used) {
  const args = o.pathParams.map((p) => {
    if (p.type !== 'string') used.types.add(p.type);
    return `${p.arg}: ${p.type}`;
  });
  const notes = [];
  const queryType = o.query.length ? paramsTypeName(r, o) : undefined;
  const queryOptional = !o.query.some((p) => p.required);
  let returns;
  if (o.answer.kind === 'stream') {
    used.core.add('stream');
    used.types.add(o.answer.type);
    const params = queryType ? `${queryType} & StreamOptions` : 'StreamOptions';
    args.push(`params?: ${params}`);
    returns = `StreamPromise<${o.answer.type}>`;
    notes.push(
      `An async iterable of \`${o.answer.type}\`s over Server-Sent Events: heartbeats skipped, reconnected when the server closes the connection or it drops, resumed with \`${o.stream.resume}\` so that no event is lost or repeated. Awaiting it opens the first connection.`,
    );
  } else {
    if (o.body?.kind === 'json') {
      const type = o.body.type ?? `NonNullable<operations['${o.id}']['requestBody']>['content']['application/json']`;
      if (o.body.type) used.types.add(o.body.type);
      else used.types.add('operations');
      args.push(`body${o.body.required ? '' : '?'}: ${type}`);
    } else if (o.body?.kind === 'raw') {
      used.core.add('uploads');
      args.push(`data: UploadData`);
      notes.push(`Sends \`data\` as it is (a \`Blob\`, bytes, a \`ReadableStream\` or a string) with \`options.contentType\` (default: the Blob's own type, else \`${o.body.contentType}\`).`);
    }
    if (queryType) {
      args.push(`query${queryOptional ? '?' : ''}: ${queryType}`);
    }
    args.push(`options?: ${o.body?.kind === 'raw' ? 'UploadOptions' : 'CallOptions'}`);
    if (o.body?.kind !== 'raw') used.core.add('call');
    if (o.answer.kind === 'json' && o.answer.type.startsWith('SuccessBody')) used.types.add('SuccessBody');
    else if (o.answer.kind === 'json') used.types.add(o.answer.type);
    if (o.pagination) {
      used.core.add('pagination');
      if (!o.answer.item.includes('[')) used.types.add(o.answer.item);
      returns = `PagePromise<${o.answer.type}, ${o.answer.item}>`;
      notes.push(`Resolves to the first page (\`data\`, \`nextCursor\`, and the page's own fields); \`for await\` over the call (or a page) reads every item of every page, following \`${o.pagination.next}\` until it is null.`);
    } else {
      used.core.add('api-promise');
      returns = `APIPromise<${o.answer.type}>`;
    }
    if (o.answer.kind === 'blob') notes.push('Resolves to the bytes as a `Blob`, its `type` the answer\'s `Content-Type`, read whole under the call\'s limits.');
    if (o.answer.kind === 'void') notes.push('Resolves to `undefined`: the answer has no body.');
  }
  if (o.key) notes.push(`Carries \`${o.key.slice(1).replace(/\//g, '.')}\`: a UUID is added when you give none, and the call is then retried after a timeout or a dropped connection too (Chert answers a repeat with the original response).`);
  else if (o.idempotent && o.answer.kind !== 'stream') notes.push('Idempotent: retried after a timeout or a dropped connection.');
  if (o.bearerOnly) notes.push('Bearer authentication only: a client configured for HMAC v1 sends its signing secret as the bearer token for this request.');
  const doc = [comment(o.summary) + '.', '', `\`${o.method} ${o.path}\` (\`${o.id}\`).`, ...notes.map((n) => ['', n]).flat()]
    .map((line) => `   *${line ? ` ${line}` : ''}`)
    .join('\n');
  return `  /**\n${doc}\n   */\n  ${o.sdk.method}(${args.join(', ')}): ${returns};`;
}

const written = [];
function write(file, text) {
  const full = join(outDir, file);
  mkdirSync(dirname(full), { recursive: true });
  // Unchanged files keep their time, so that what is built from them is not seen as stale. A
  // changed one is replaced whole (written aside, then renamed): turbo may run this for the
  // build and the lint at once, and neither may read half a file.
  if (!existsSync(full) || readFileSync(full, 'utf8') !== text) {
    const aside = `${full}.${process.pid}.tmp`;
    writeFileSync(aside, text);
    renameSync(aside, full);
  }
  written.push(file);
}

const HEADER = `// Generated by scripts/generate.mjs from @chert/openapi ${doc.info.version}. Do not edit.\n`;
const paramsExports = [];

for (const r of resources.values()) {
  const file = fileOf(r);
  const used = { types: new Set(), core: new Set() };
  const methods = r.methods.map((o) => methodSource(r, o, used));
  const aliases = r.methods
    .filter((o) => o.query.length)
    .map((o) => {
      const name = paramsTypeName(r, o);
      used.types.add('operations');
      paramsExports.push({ name, file });
      return `/** The query of \`${o.id}\`, as the API spells it. */\nexport type ${name} = NonNullable<operations['${o.id}']['parameters']['query']>;`;
    });
  const children = r.children.map((c) => {
    return { field: c.name, path: c.path, className: c.className, from: importPath(join(outDir, file), join(outDir, fileOf(c))) };
  });
  const lines = [HEADER];
  if (used.types.size) lines.push(`import type { ${[...used.types].sort().join(', ')} } from '@chert/types';`);
  if (used.core.has('api-promise')) lines.push(`import type { APIPromise } from '${coreImport(file, 'api-promise')}';`);
  if (used.core.has('call')) lines.push(`import type { CallOptions } from '${coreImport(file, 'call')}';`);
  if (used.core.has('pagination')) lines.push(`import type { PagePromise } from '${coreImport(file, 'pagination')}';`);
  if (used.core.has('stream')) lines.push(`import type { StreamOptions, StreamPromise } from '${coreImport(file, 'stream')}';`);
  if (used.core.has('uploads')) lines.push(`import type { UploadData, UploadOptions } from '${coreImport(file, 'uploads')}';`);
  for (const c of children) lines.push(`import type { ${c.className} } from '${c.from}';`);
  lines.push('');
  if (aliases.length) lines.push(...aliases, '');
  const fields = children.map((c) => `  /** \`${c.path}\`. */\n  readonly ${c.field}: ${c.className};`);
  lines.push(`/** \`${r.path}\`: ${r.methods.map((o) => `\`${o.sdk.method}\``).join(', ') || 'its sub-resources'}. */`);
  lines.push(`export interface ${r.className} {`);
  lines.push([fields.join('\n'), methods.join('\n\n')].filter(Boolean).join('\n\n'));
  lines.push('}', '');
  write(file, lines.join('\n'));
}

// The root: the types of every resource (resources/index.ts). The methods themselves are made
// from the table (src/core/resources.ts).
{
  const top = [...resources.values()].filter((r) => r.parts.length === 1);
  const index = join('resources', 'index.ts');
  const from = (file, r) => importPath(join(outDir, file), join(outDir, fileOf(r)));
  write(
    index,
    [
      HEADER,
      ...top.map((r) => `import type { ${r.className} } from '${from(index, r)}';`),
      '',
      ...[...resources.values()].map((r) => `export type { ${r.className} } from '${from(index, r)}';`),
      ...paramsExports.map((p) => `export type { ${p.name} } from '${importPath(join(outDir, index), join(outDir, p.file))}';`),
      '',
      '/** The resources generated from the document, placed by the `x-chert-sdk` of their operations. */',
      'export interface Resources {',
      ...top.map((r) => `  readonly ${r.name}: ${r.className};`),
      '}',
      '',
    ].join('\n'),
  );
}

// The table and the facts.
{
  const json = (v) => JSON.stringify(v);
  const rows = Object.entries(table).map(([id, entry]) => `  ${id}: ${json(entry)},`);
  write(
    'operations.ts',
    `${HEADER}// What the core reads per operation at run time (the rest is in the types).
import type { Operation } from '../core/operation.js';

export const operations = {
${rows.join('\n')}
} as const satisfies Record<string, Operation>;

/** The operations written by hand, by resource (\`x-chert-sdk\` with a \`form\`). */
export type HandwrittenOperations = ${[...handwritten.values()].flat().map((id) => `'${id}'`).join(' | ') || 'never'};
`,
  );
  write(
    'facts.ts',
    `${HEADER}
/** The error code of a signature outside Chert's clock window (\`x-chert-clock-skew-code\`). */
export const clockSkewCode = ${clockSkewCode};
`,
  );
  // A file of its own: only the webhook verifier reads it, and a bundler splits by file.
  write(
    'webhook-signature.ts',
    `${HEADER}
/** How Chert signs webhooks (\`x-chert-webhook-delivery.signature\`), header names in lower case. */
export const webhookSignature = {
  headers: ${json(webhookSignature.headers)},
  formats: [${sig.formats.map((f) => `/${f.pattern}/`).join(', ')}],
  signedPrefix: ${json(webhookSignature.signedPrefix)},
  template: ${json(webhookSignature.template)},
  toleranceSeconds: ${webhookSignature.toleranceSeconds},
} as const;
`,
  );
}

// Files of an earlier run that this one did not write (a resource renamed or removed) go.
(function prune(dir) {
  for (const entry of existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) prune(full);
    else if (!written.includes(relative(outDir, full)) && !full.endsWith('.tmp')) rmSync(full);
  }
})(outDir);
console.log(`generate (client): ${ops.length} operations, ${resources.size} resources, ${written.length} files in ${relative(process.cwd(), outDir) || '.'}`);
