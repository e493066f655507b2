// Every change between two bundled documents that a consumer could notice, each with the
// smallest release that may carry it (`level`: none, minor or major; see schema-compat.mjs).
//
// "Breaking" (major) means: code that worked against the released document may fail against
// the new one, either on the wire (a request that was valid is now rejected, a response the
// client could not receive before may now arrive in a shape it does not expect) or at compile
// time against @chert/types and @chert/client, which are generated from the document and
// released with it. Paths are what the consumer sends; webhooks are what it receives, so a
// webhook's payload is compared the way a response is.
import { deref, operations, parameters } from '../../lib/walk.mjs';
import { compareSchemas, equal, inline, list, normalize, show } from './schema-compat.mjs';

/** @typedef {'none' | 'minor' | 'major'} Level */

const templateKey = (path) => path.replace(/\{[^}]*\}/g, '{}');

const change = (code, level, where, message) => ({ code, level, breaking: level === 'major', where, message });

/** The operations of a document by a key that survives renaming a path parameter. */
function operationsByKey(doc) {
  const out = new Map();
  for (const site of operations(doc, { webhooks: true })) {
    const method = site.method.toUpperCase();
    const key = site.kind === 'webhook' ? `webhook ${site.key} ${method}` : `${method} ${templateKey(site.key)}`;
    const name = site.kind === 'webhook' ? `webhook ${site.key} (${method})` : `${method} ${site.key}`;
    out.set(key, { ...site, name });
  }
  return out;
}

// Operation parameters override path-item ones of the same name and place. A renamed path
// parameter shows as removed plus added: `params.path.<name>` changes in the types.
function parametersByKey(doc, site) {
  return new Map(parameters(doc, site.pathItem, site.operation)
    .map((p) => [`${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`, p]));
}

function effectiveSecurity(doc, op) {
  const requirements = op.security ?? doc.security;
  return requirements === undefined || requirements.length === 0 ? [{}] : requirements;
}

const satisfies = (offered, demanded) => Object.entries(demanded).every(
  ([scheme, scopes]) => scheme in offered && scopes.every((s) => offered[scheme].includes(s)),
);
const showRequirement = (r) => (Object.keys(r).length === 0 ? 'no authentication' : Object.keys(r).join(' + '));

/** What the consumer sends: parameters and body must keep accepting what they accepted. */
function compareSentRequest(changes, before, after, b, a, push) {
  const name = a.name;
  const pb = parametersByKey(before, b);
  const pa = parametersByKey(after, a);
  for (const [key, p] of pb) {
    const q = pa.get(key);
    const label = ` ${p.in} parameter ${show(p.name)}`;
    if (!q) {
      push('request-parameter-removed', 'major', label, 'removed');
      continue;
    }
    if (!p.required && q.required) push('request-parameter-required', 'major', label, 'is now required');
    if ((p.style ?? null) !== (q.style ?? null) || (p.explode ?? null) !== (q.explode ?? null)) {
      push('request-parameter-serialization-changed', 'major', label, 'style or explode changed');
    }
    if (p.schema || q.schema) compareSchemas(changes, `${name}${label}`, before, after, p.schema ?? true, q.schema ?? true, true);
  }
  for (const [key, q] of pa) {
    if (pb.has(key)) continue;
    push(q.required ? 'request-parameter-required' : 'request-parameter-added', q.required ? 'major' : 'none',
      ` ${q.in} parameter ${show(q.name)}`, q.required ? 'new required parameter' : 'new optional parameter');
  }

  const bb = deref(before, b.operation.requestBody);
  const ab = deref(after, a.operation.requestBody);
  if (!bb && ab?.required) push('request-body-required', 'major', ' request body', 'a body is now required');
  if (bb && !ab) push('request-body-removed', 'major', ' request body', 'removed');
  if (bb && ab) {
    if (!bb.required && ab.required) push('request-body-required', 'major', ' request body', 'is now required');
    for (const [type, media] of Object.entries(bb.content ?? {})) {
      const other = ab.content?.[type];
      if (!other) push('request-media-type-removed', 'major', ` request body (${type})`, 'media type removed');
      else compareSchemas(changes, `${name} request body (${type})`, before, after, media.schema ?? true, other.schema ?? true, true);
    }
  }
}

/** What the consumer receives with a webhook: headers and payload compared like a response. */
function compareReceivedRequest(changes, before, after, b, a, push) {
  const pa = parametersByKey(after, a);
  for (const [key, p] of parametersByKey(before, b)) {
    const q = pa.get(key);
    const label = ` ${p.in} parameter ${show(p.name)}`;
    if (!q) push('webhook-parameter-removed', 'major', label, 'no longer sent');
    else {
      if (p.required && !q.required) push('webhook-parameter-optional', 'major', label, 'is no longer always sent');
      if (p.schema || q.schema) compareSchemas(changes, `${a.name}${label}`, before, after, p.schema ?? true, q.schema ?? true, false);
    }
  }
  const bb = deref(before, b.operation.requestBody);
  const ab = deref(after, a.operation.requestBody);
  for (const [type, media] of Object.entries(bb?.content ?? {})) {
    const other = ab?.content?.[type];
    if (!other) push('webhook-media-type-removed', 'major', ` payload (${type})`, 'no longer sent');
    else compareSchemas(changes, `${a.name} payload (${type})`, before, after, media.schema ?? true, other.schema ?? true, false);
  }
}

function compareResponses(changes, before, after, b, a, push) {
  const rb = b.operation.responses ?? {};
  const ra = a.operation.responses ?? {};
  for (const [status, rawB] of Object.entries(rb)) {
    const label = ` response ${status}`;
    if (!(status in ra)) {
      push('response-status-removed', 'major', label, 'removed');
      continue;
    }
    const respB = deref(before, rawB);
    const respA = deref(after, ra[status]);
    for (const [type, media] of Object.entries(respB.content ?? {})) {
      const other = respA.content?.[type];
      if (!other) push('response-media-type-removed', 'major', `${label} (${type})`, 'media type removed');
      else compareSchemas(changes, `${a.name}${label} (${type})`, before, after, media.schema ?? true, other.schema ?? true, false);
    }
    const headersA = Object.fromEntries(Object.entries(respA.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    for (const [header, rawH] of Object.entries(respB.headers ?? {})) {
      const h = deref(before, rawH);
      const other = headersA[header.toLowerCase()] && deref(after, headersA[header.toLowerCase()]);
      const where = `${label} header ${header}`;
      if (!other) push('response-header-removed', 'major', where, 'removed');
      else {
        if (h.required && !other.required) push('response-header-optional', 'major', where, 'is no longer always present');
        compareSchemas(changes, `${a.name}${where}`, before, after, h.schema ?? true, other.schema ?? true, false);
      }
    }
  }
  for (const status of Object.keys(ra)) {
    if (!(status in rb)) push('response-status-added', 'none', ` response ${status}`, 'new response');
  }
}

function compareOperation(changes, before, after, b, a) {
  const push = (code, level, where, message) => changes.push(change(code, level, `${a.name}${where}`, message));

  if (b.operation.operationId !== a.operation.operationId) {
    push('operation-id-changed', 'major', '', `operationId changed from ${show(b.operation.operationId)} to ${show(a.operation.operationId)} (the name of the operation in @chert/types and @chert/client)`);
  }
  if (a.kind === 'webhook') {
    // What the receiver answers is not compared: Chert reads only whether it is a 2xx.
    compareReceivedRequest(changes, before, after, b, a, push);
    return;
  }
  compareSentRequest(changes, before, after, b, a, push);
  compareResponses(changes, before, after, b, a, push);

  const sb = effectiveSecurity(before, b.operation);
  const sa = effectiveSecurity(after, a.operation);
  for (const requirement of sb) {
    if (!sa.some((demanded) => satisfies(requirement, demanded))) {
      push('security-requirement-added', 'major', ' security', `requests authenticated with ${showRequirement(requirement)} are no longer accepted (now: ${sa.map(showRequirement).join(', or ')})`);
    }
  }
}

/**
 * A component schema's own enum that gained values: @chert/types exports it by name
 * (`ErrorCode` is the type of `ChertApiError.code`), so the type widens even where every
 * response still narrows the values it carries.
 */
function exportedEnumsWidened(changes, before, after) {
  const schemasA = after.components?.schemas ?? {};
  for (const [name, raw] of Object.entries(before.components?.schemas ?? {})) {
    if (!(name in schemasA)) continue;
    const was = normalize(before, raw).values;
    const now = normalize(after, schemasA[name]).values;
    if (!was || !now) continue;
    const extra = now.filter((v) => !was.some((w) => equal(v, w)));
    if (extra.length > 0) {
      changes.push(change('component-enum-widened', 'minor', `components.schemas.${name}`,
        `may now be ${list(extra)} (the type @chert/types exports as ${name} gains ${extra.length === 1 ? 'a member' : 'members'}: an exhaustive switch over it stops compiling)`));
    }
  }
}

/**
 * Every change between two bundled documents, breaking or not.
 * @returns {Array<{ code: string, level: Level, breaking: boolean, where: string, message: string }>}
 */
export function diffDocuments(before, after) {
  const changes = [];
  const ob = operationsByKey(before);
  const oa = operationsByKey(after);
  const pathsLeft = new Set([...oa.values()].filter((o) => o.kind === 'path').map((o) => templateKey(o.key)));
  const reportedPaths = new Set();
  for (const [key, b] of ob) {
    const a = oa.get(key);
    if (a) compareOperation(changes, before, after, b, a);
    else if (b.kind === 'webhook') {
      changes.push(change('webhook-removed', 'major', b.name, `webhook ${show(b.operation.operationId ?? b.key)} removed`));
    } else if (!pathsLeft.has(templateKey(b.key))) {
      if (!reportedPaths.has(b.key)) changes.push(change('path-removed', 'major', b.key, 'path removed, with every operation on it'));
      reportedPaths.add(b.key);
    } else {
      changes.push(change('operation-removed', 'major', b.name, `operation ${show(b.operation.operationId)} removed`));
    }
  }
  for (const [key, a] of oa) {
    if (ob.has(key)) continue;
    if (a.kind === 'webhook') changes.push(change('webhook-added', 'none', a.name, `webhook ${show(a.operation.operationId ?? a.key)} added`));
    else changes.push(change('operation-added', 'none', a.name, `operation ${show(a.operation.operationId)} added`));
  }

  const schemesB = before.components?.securitySchemes ?? {};
  const schemesA = after.components?.securitySchemes ?? {};
  for (const [scheme, raw] of Object.entries(schemesB)) {
    const where = `components.securitySchemes.${scheme}`;
    if (!schemesA[scheme]) changes.push(change('security-scheme-removed', 'major', where, 'removed'));
    else if (!equal(inline(before, raw), inline(after, schemesA[scheme]))) {
      changes.push(change('security-scheme-changed', 'major', where, 'how credentials are sent changed'));
    }
  }

  exportedEnumsWidened(changes, before, after);

  // @chert/types exports every component as components[kind][name]: removing one is a
  // compile error for whoever names it.
  for (const kind of ['schemas', 'responses', 'parameters', 'requestBodies', 'headers', 'pathItems']) {
    for (const name of Object.keys(before.components?.[kind] ?? {})) {
      if (!(name in (after.components?.[kind] ?? {}))) {
        changes.push(change('component-removed', 'major', `components.${kind}.${name}`, `removed (exported by @chert/types as components['${kind}']['${name}'])`));
      }
    }
  }

  const serversA = new Set((after.servers ?? []).map((s) => s.url));
  for (const server of before.servers ?? []) {
    if (!serversA.has(server.url)) changes.push(change('server-removed', 'major', 'servers', `${server.url} removed`));
  }
  return changes;
}
