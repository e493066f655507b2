// @ts-check
// Code samples written from the document for operations that have no hand-written one: a
// curl command (HMAC v1 signed by hand, as the hand-written samples do) and a TypeScript call
// of @chert/client's resource method for the operation (`chert.chats.messages.send(…)`, where
// `x-chert-sdk` places it). Everything comes from the document: the method and path, the path
// and query parameters' examples, the first named request example, the header names of the
// security schemes, the production URL, the client's placement, pagination and stream.
// Both run as written against production (CHERT_TENANT and CHERT_SIGNING_SECRET set) and
// against the local mock (only CHERT_BASE_URL set), like the hand-written ones.
import { deref, examples } from '@chert/openapi/walk';
import { servers } from './facts.mjs';

/** @typedef {import('./facts.mjs').Operation} Operation */
/** @typedef {Record<string, any>} Json */

// What the samples fall back to when a credential is not set: placeholders the local mock
// accepts (it takes any credentials unless it was started with a signing secret).
export const PLACEHOLDER_TENANT = 'acme';
export const PLACEHOLDER_SECRET = 'mock-accepts-any-secret';

const CREDENTIALS_NOTE = [
  '// Production: set CHERT_TENANT and CHERT_SIGNING_SECRET. The local mock: set only',
  '// CHERT_BASE_URL; it takes any credentials (unless started with a signing secret), so the',
  '// placeholders below do.',
];

/**
 * The client the TypeScript samples create, for an operation signed with HMAC v1 or sent
 * with a bearer token: the same lines in every sample, hand-written or generated.
 * @param {'hmac' | 'bearer'} mode
 */
export function tsClientSetup(mode) {
  const auth =
    mode === 'hmac'
      ? [
          '    hmac: {',
          `      tenant: process.env.CHERT_TENANT ?? '${PLACEHOLDER_TENANT}',`,
          `      signingSecret: process.env.CHERT_SIGNING_SECRET ?? '${PLACEHOLDER_SECRET}',`,
          '    },',
        ]
      : [
          '    bearer: {',
          `      token: process.env.CHERT_SIGNING_SECRET ?? '${PLACEHOLDER_SECRET}',`,
          `      tenant: process.env.CHERT_TENANT ?? '${PLACEHOLDER_TENANT}',`,
          '    },',
        ];
  return [
    ...CREDENTIALS_NOTE,
    'const chert = createChertClient({',
    '  auth: {',
    ...auth,
    '  },',
    '  baseUrl: process.env.CHERT_BASE_URL, // unset: production',
    '});',
  ].join('\n');
}

/**
 * The lines that give the curl samples their base URL and credentials.
 * @param {string} production the production base URL
 */
export function curlSetup(production) {
  return [
    '# Production: set CHERT_TENANT and CHERT_SIGNING_SECRET. The local mock: set only',
    '# CHERT_BASE_URL; it takes any credentials (unless started with a signing secret).',
    `base=\${CHERT_BASE_URL:-${production}}`,
    `tenant=\${CHERT_TENANT:-${PLACEHOLDER_TENANT}}`,
    `secret=\${CHERT_SIGNING_SECRET:-${PLACEHOLDER_SECRET}}`,
  ].join('\n');
}

/**
 * How an operation authenticates, from its security requirements and the document's schemes:
 * HMAC v1 (the scheme that carries `x-chert-signature-window-seconds`) when a requirement
 * allows it, else a bearer token, each with the tenant header its requirement names.
 * @param {Json} document @param {Operation} op
 * @returns {{ mode: 'hmac' | 'bearer' | 'none', signatureHeader?: string, tenantHeader?: string }}
 */
export function authOf(document, op) {
  /** @type {Record<string, Json>} */
  const schemes = document.components?.securitySchemes ?? {};
  const isHmac = (/** @type {string} */ n) => schemes[n]?.['x-chert-signature-window-seconds'] !== undefined;
  const isBearer = (/** @type {string} */ n) => schemes[n]?.type === 'http' && String(schemes[n]?.scheme).toLowerCase() === 'bearer';
  const tenantOf = (/** @type {Record<string, string[]>} */ r) =>
    Object.keys(r)
      .map((n) => schemes[n])
      .find((s) => s?.type === 'apiKey' && s.in === 'header' && !('x-chert-signature-window-seconds' in s))?.name;
  const requirements = op.security;
  const hmac = requirements.find((r) => Object.keys(r).some(isHmac));
  if (hmac) {
    const name = /** @type {string} */ (Object.keys(hmac).find(isHmac));
    return { mode: 'hmac', signatureHeader: schemes[name]?.name, tenantHeader: tenantOf(hmac) };
  }
  const bearer =
    requirements.find((r) => Object.keys(r).some(isBearer) && tenantOf(r)) ?? requirements.find((r) => Object.keys(r).some(isBearer));
  if (bearer) return { mode: 'bearer', tenantHeader: tenantOf(bearer) };
  if (requirements.length === 0 || requirements.some((r) => Object.keys(r).length === 0)) return { mode: 'none' };
  throw new Error(`${op.operationId}: no sample can be generated for its security (${JSON.stringify(requirements)}); write samples/${op.operationId}.ts and .sh by hand.`);
}

/** An example of a parameter or media type: its own, else its schema's. @param {Json} document @param {Json} site */
function exampleOf(document, site) {
  const own = site.example ?? Object.values(examples(document, site))[0]?.value;
  const schema = deref(document, site.schema);
  return own ?? schema?.example ?? schema?.examples?.[0];
}

/**
 * The values the samples send: path, query and header parameters with examples, and the body.
 * @param {Json} document @param {Operation} op
 */
function requestOf(document, op) {
  const missing = (/** @type {string} */ what) =>
    new Error(`${op.operationId}: no sample can be generated, ${what}. Give the document an example, or write samples/${op.operationId}.ts and .sh by hand.`);
  /** @type {Record<string, Record<string, unknown>>} */
  const params = {};
  for (const p of op.parameters) {
    if (!['path', 'query', 'header'].includes(p.in)) continue;
    const value = exampleOf(document, p);
    if (value === undefined) {
      if (p.required) throw missing(`the required ${p.in} parameter ${p.name} has no example`);
      continue;
    }
    if (p.in === 'header' && !p.required) continue;
    params[p.in] = { ...params[p.in], [p.name]: value };
  }
  const content = op.requestBody?.content ?? {};
  const [type] = Object.keys(content);
  /** @type {{ type: string, value: unknown } | undefined} */
  let body;
  if (type !== undefined) {
    const media = content[type];
    const value = exampleOf(document, media);
    if (value === undefined) {
      if (op.requestBody?.required) throw missing(`its ${type} request body has no example`);
    } else if (type !== 'application/json' && typeof value !== 'string') {
      throw missing(`its ${type} request body example is not text`);
    } else {
      body = { type, value };
    }
  }
  return { params, body };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const tsString = (/** @type {string} */ s) =>
  `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;

/**
 * A JSON value as a TypeScript literal in the house style: unquoted keys, single quotes, on
 * one line when it fits.
 * @param {unknown} value @param {string} indent
 * @returns {string}
 */
export function tsLiteral(value, indent = '') {
  if (value === null || typeof value !== 'object') return typeof value === 'string' ? tsString(value) : String(value);
  const inner = `${indent}  `;
  const entries = Array.isArray(value)
    ? value.map((v) => tsLiteral(v, inner))
    : Object.entries(value).map(([k, v]) => `${IDENTIFIER.test(k) ? k : tsString(k)}: ${tsLiteral(v, inner)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return `${open}${close}`;
  const oneLine = Array.isArray(value) ? `[${entries.join(', ')}]` : `{ ${entries.join(', ')} }`;
  if (!oneLine.includes('\n') && indent.length + oneLine.length <= 80) return oneLine;
  return `${open}\n${entries.map((e) => `${inner}${e},`).join('\n')}\n${indent}${close}`;
}

/** A value in a shell single-quoted word. @param {string} s */
const shQuote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The properties of an object schema, `allOf` members merged. @param {Json} document @param {unknown} schema @returns {Json} */
function propertiesOf(document, schema) {
  const node = deref(document, schema) ?? {};
  return Object.assign({}, ...(node.allOf ?? []).map((/** @type {unknown} */ m) => propertiesOf(document, m)), node.properties ?? {});
}

/** What a loop prints of each item: the fields of these that its schema has, else the item. */
const ITEM_FIELDS = ['id', 'type', 'status', 'created_at'];

/** @param {Json} document @param {unknown} itemSchema @param {string} name */
function itemPrint(document, itemSchema, name) {
  const properties = propertiesOf(document, itemSchema);
  const fields = ITEM_FIELDS.filter((f) => f in properties);
  return fields.length ? `console.log(${fields.map((f) => `${name}.${f}`).join(', ')});` : `console.log(${name});`;
}

/** The singular of a list's name, for the loop variable: `events` → `event`. @param {string} items */
function singular(items) {
  const one = items.replace(/ies$/, 'y').replace(/s$/, '');
  return one !== items && IDENTIFIER.test(one) ? one : 'item';
}

/** `vcard_text` → `vcardText`: the hand-written methods' spelling of a body field. @param {string} key */
const lowerCamel = (key) => key.replace(/_([a-z0-9])/g, (_m, c) => c.toUpperCase());

/**
 * The TypeScript sample of an operation: the client's resource method that `x-chert-sdk`
 * places it at, `chert.<resource>.<method>(<path parameters>, <body or query>)`. A paginated
 * operation (`x-chert-pagination`) is read with `for await` over every page, the stream
 * (`x-chert-stream`) with `for await` and a `break` after its first event, an upload sends its bytes with
 * their content type, a download resolves to a Blob. Operations one hand-written method
 * serves (`form`) take the recipient by that form, then the rest of the body.
 * @param {Json} document @param {Operation} op
 */
export function generateTsSample(document, op) {
  const { mode } = authOf(document, op);
  const { params, body } = requestOf(document, op);
  const node = op.operation;
  const missing = (/** @type {string} */ what) =>
    new Error(`${op.operationId}: no sample can be generated, ${what}. Write samples/${op.operationId}.ts by hand.`);
  /** @type {{ resource?: string, method?: string, form?: string }} */
  const sdk = node['x-chert-sdk'] ?? {};
  if (typeof sdk.resource !== 'string' || typeof sdk.method !== 'string') throw missing('it has no x-chert-sdk (the client method that calls it)');
  const pagination = node['x-chert-pagination'];
  const stream = node['x-chert-stream'];
  const pathNames = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => /** @type {string} */ (m[1]));
  const query = Object.fromEntries(Object.entries(params.query ?? {}).filter(([name]) => name !== pagination?.cursor));
  const json = body?.type === 'application/json';

  /** @type {string[]} */
  const before = [];
  /** Each argument, written at an indentation. @type {Array<(indent: string) => string>} */
  const args = [];
  const literal = (/** @type {unknown} */ value) => (/** @type {string} */ indent) => tsLiteral(value, indent);
  const text = (/** @type {string} */ code) => () => code;
  if (sdk.form !== undefined) {
    const value = /** @type {Json} */ (json && body?.value && typeof body.value === 'object' ? body.value : {});
    const { [sdk.form]: addressed, ...card } = value;
    const recipient = addressed ?? (pathNames.length === 1 ? params.path?.[/** @type {string} */ (pathNames[0])] : undefined);
    if (recipient === undefined) throw missing(`its form ${sdk.form} is neither a body field nor its one path parameter`);
    args.push(literal({ [sdk.form]: recipient }));
    if (Object.keys(card).length) args.push(literal(Object.fromEntries(Object.entries(card).map(([k, v]) => [lowerCamel(k), v]))));
  } else {
    for (const name of pathNames) args.push(literal(params.path?.[name]));
    if (body && json) args.push(literal(body.value));
    else if (body) {
      before.push(
        `// The file's bytes: a Blob, a Uint8Array, a ReadableStream or a string.`,
        `const data = new TextEncoder().encode(${tsLiteral(body.value)});`,
      );
      args.push(text('data'), text(`{ contentType: ${tsString(body.type)} }`));
    } else if (Object.keys(query).length) args.push(literal(query));
  }
  if (params.header && Object.keys(params.header).length) {
    if (body && !json) throw missing('an upload with header parameters');
    args.push(literal({ headers: params.header }));
  }
  const callee = `chert.${sdk.resource}.${sdk.method}`;
  // One line when it fits; a last object argument may open over lines; else one argument a line.
  const inline = args.map((a) => a(''));
  const hugs = inline.slice(0, -1).every((a) => !a.includes('\n'));
  const joined = `${callee}(${inline.join(', ')})`;
  const call = hugs && String(joined.split('\n')[0]).length <= 90 ? joined : `${callee}(\n${args.map((a) => `  ${a('  ')},`).join('\n')}\n)`;

  const success = op.responses.find((r) => r.status.startsWith('2'));
  const successTypes = success?.types ?? [];
  const answerSchema = () => deref(document, node.responses?.[success?.status ?? ''])?.content?.['application/json']?.schema;
  /** @type {string[]} */
  let lines;
  if (pagination) {
    const item = singular(pagination.items);
    const itemSchema = deref(document, propertiesOf(document, deref(document, answerSchema()))[pagination.items])?.items;
    lines = [
      `// Every page: for await sends each answer's ${pagination.next} back as ${pagination.cursor} until it is null.`,
      `for await (const ${item} of ${call}) {`,
      `  ${itemPrint(document, itemSchema, item)}`,
      '}',
    ];
  } else if (stream) {
    const itemSchema = document.components?.schemas?.[stream.item];
    if (!itemSchema) throw missing(`its x-chert-stream item ${stream.item} is not a schema of the document`);
    lines = [
      '// The first event, then stop: `break` closes the connection. Without it the loop tails the log,',
      '// reconnecting as needed; pass `signal` to stop it from elsewhere (a ChertAbortError ends it).',
      `for await (const event of ${call}) {`,
      `  ${itemPrint(document, itemSchema, 'event')}`,
      '  break;',
      '}',
    ];
  } else if (successTypes.length === 0) {
    lines = [`await ${call};`, body && !json ? "console.log('uploaded', data.byteLength, 'bytes');" : `console.log(${tsString(`${op.summary || op.operationId}: done`)});`];
  } else if (!successTypes.includes('application/json')) {
    lines = [`const blob = await ${call}; // a Blob, its type the answer's Content-Type`, 'console.log(blob.type, blob.size);'];
  } else {
    lines = [`const result = await ${call};`, 'console.log(result);'];
  }
  return [
    "import { createChertClient } from '@chert/client';",
    '',
    tsClientSetup(mode === 'bearer' ? 'bearer' : 'hmac'),
    '',
    `// ${op.summary || op.operationId} (generated from the API document).`,
    ...before,
    ...lines,
    '',
  ].join('\n');
}

/**
 * The curl sample of an operation.
 * @param {Json} document @param {Operation} op
 */
export function generateCurlSample(document, op) {
  const auth = authOf(document, op);
  const { params, body } = requestOf(document, op);
  let path = op.path;
  for (const [name, value] of Object.entries(params.path ?? {})) {
    path = path.replace(`{${name}}`, encodeURIComponent(String(value)));
  }
  // The first page: a cursor is what an answer gives, never an example to send.
  const cursor = op.operation['x-chert-pagination']?.cursor;
  const query = Object.entries(params.query ?? {})
    .filter(([k]) => k !== cursor)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`)
    .join('&');
  const raw = body === undefined ? undefined : typeof body.value === 'string' && body.type !== 'application/json' ? body.value : JSON.stringify(body.value);
  const lines = [`# ${op.summary || op.operationId} (generated from the API document).`];
  if (auth.mode === 'hmac') {
    lines[0] += raw === undefined ? ' HMAC v1, no body: sign "<unix_seconds>."' : ' HMAC v1: sign "<unix_seconds>.<body>".';
  }
  lines.push(curlSetup(servers(document).production));
  if (raw !== undefined) lines.push(`body=${shQuote(raw)}`);
  if (auth.mode === 'hmac') {
    lines.push(
      'ts=$(date +%s)',
      `sig=$(printf ${raw === undefined ? "'%s.' \"$ts\"" : "'%s.%s' \"$ts\" \"$body\""} |`,
      `  openssl dgst -sha256 -hmac "$secret" | sed 's/^.* //')`,
    );
  }
  const sendsData = raw !== undefined;
  const method = op.method === 'GET' || (op.method === 'POST' && sendsData) ? '' : ` -X ${op.method}`;
  // An event stream is printed as it arrives, not when the connection ends.
  const unbuffered = op.responses.find((r) => r.status.startsWith('2'))?.types.includes('text/event-stream') ? ' -N' : '';
  const curl = [`curl -sS --fail-with-body${unbuffered}${method}`, `  "$base${path}${query ? `?${query}` : ''}"`];
  if (auth.tenantHeader) curl.push(`  -H "${auth.tenantHeader}: $tenant"`);
  if (auth.mode === 'hmac') curl.push(`  -H "${auth.signatureHeader}: v1,$ts,$sig"`);
  if (auth.mode === 'bearer') curl.push('  -H "authorization: Bearer $secret"');
  for (const [name, value] of Object.entries(params.header ?? {})) curl.push(`  -H ${shQuote(`${name}: ${value}`)}`);
  if (sendsData) curl.push(`  -H ${shQuote(`content-type: ${body?.type}`)}`, `  --data${body?.type === 'application/json' ? '' : '-binary'} "$body"`);
  lines.push('', curl.join(' \\\n'), '');
  return lines.join('\n');
}
