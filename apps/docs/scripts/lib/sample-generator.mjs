// @ts-check
// Code samples written from the document for operations that have no hand-written one: a
// curl command (HMAC v1 signed by hand, as the hand-written samples do) and a TypeScript call
// through @chert/client's typed client (`chert.POST('/path', { params, body })`). Everything
// comes from the document: the method and path, the path and query parameters' examples, the
// first named request example, the header names of the security schemes, the production URL.
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

/**
 * The TypeScript sample of an operation.
 * @param {Json} document @param {Operation} op
 */
export function generateTsSample(document, op) {
  const { mode } = authOf(document, op);
  const { params, body } = requestOf(document, op);
  const init = [];
  if (Object.keys(params).length) init.push(`params: ${tsLiteral(params, '  ')}`);
  if (body) init.push(`body: ${tsLiteral(body.value, '  ')}`);
  if (body && body.type !== 'application/json') {
    init.push('bodySerializer: (text) => text', `headers: { 'content-type': ${tsString(body.type)} }`);
  }
  const successTypes = op.responses.find((r) => r.status.startsWith('2'))?.types ?? [];
  const stream = successTypes.includes('text/event-stream');
  const text = !stream && successTypes.length > 0 && !successTypes.includes('application/json');
  if (stream) init.push("parseAs: 'stream'");
  if (text) init.push("parseAs: 'text'");
  const call = init.length
    ? `await chert.${op.method}(${tsString(op.path)}, {\n${init.map((l) => `  ${l},`).join('\n')}\n})`
    : `await chert.${op.method}(${tsString(op.path)})`;
  const after = stream
    ? [
        'if (error || !data) throw new Error(`Chert answered ${response.status}: ${JSON.stringify(error)}`);',
        'const reader = data.pipeThrough(new TextDecoderStream()).getReader();',
        'for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) process.stdout.write(chunk.value);',
      ]
    : ['if (error) throw new Error(`Chert answered ${response.status}: ${JSON.stringify(error)}`);', 'console.log(data);'];
  return [
    "import { createChertClient } from '@chert/client';",
    '',
    tsClientSetup(mode === 'bearer' ? 'bearer' : 'hmac'),
    '',
    `// ${op.summary || op.operationId} (generated from the API document).`,
    `const { data, error, response } = ${call};`,
    ...after,
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
  const query = Object.entries(params.query ?? {})
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
  const curl = [`curl -sS --fail-with-body${method}`, `  "$base${path}${query ? `?${query}` : ''}"`];
  if (auth.tenantHeader) curl.push(`  -H "${auth.tenantHeader}: $tenant"`);
  if (auth.mode === 'hmac') curl.push(`  -H "${auth.signatureHeader}: v1,$ts,$sig"`);
  if (auth.mode === 'bearer') curl.push('  -H "authorization: Bearer $secret"');
  for (const [name, value] of Object.entries(params.header ?? {})) curl.push(`  -H ${shQuote(`${name}: ${value}`)}`);
  if (sendsData) curl.push(`  -H ${shQuote(`content-type: ${body?.type}`)}`, `  --data${body?.type === 'application/json' ? '' : '-binary'} "$body"`);
  lines.push('', curl.join(' \\\n'), '');
  return lines.join('\n');
}
