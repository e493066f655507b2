#!/usr/bin/env node
// The breaking-change check of the document. It compares the bundle (dist/openapi.json) with
// the document as last released (released/openapi.json, recorded by `pnpm version-packages`)
// and fails when a change can break a consumer, unless a changeset announces a major release
// of @chert/openapi.
//
// "Breaking" means: code that worked against the released document may fail against the new
// one, either on the wire (a request that was valid is now rejected, a response the client
// could not receive before may now arrive) or at compile time against @chert/types and
// @chert/client, which are generated from the document and released with it. Requests must
// keep accepting everything they accepted (before ⊆ after); responses must not return
// anything they could not return (after ⊆ before). Schemas are compared structurally after
// resolving $refs and flattening allOf; where the checker cannot tell whether a change narrows
// or widens (a `not`, an `if`, an unknown keyword that changed), it says so and counts the
// change as breaking: a false alarm costs a changeset, a missed break costs users.
//
// Usage:
//   node scripts/check-breaking.mjs [--base FILE] [--head FILE] [--changesets DIR]
//                                   [--package FILE] [--json]
//   node scripts/check-breaking.mjs --accept     record the bundle as the released document
// Exit codes: 0 no unannounced break; 1 unannounced break or stale record; 2 usage or I/O.
import { copyFileSync, existsSync, readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const PACKAGE = '@chert/openapi';

// Keywords that describe without constraining; a change to them never breaks anyone.
const ANNOTATIONS = new Set([
  'title', 'description', 'summary', 'examples', 'example', 'deprecated', 'externalDocs',
  '$comment', 'xml', 'readOnly', 'writeOnly', 'default', 'contentMediaType', 'discriminator',
]);
const isAnnotation = (key) => ANNOTATIONS.has(key) || key.startsWith('x-');

// Keywords the schema comparison understands; any other one is compared for equality.
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'];
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'];
const UNDERSTOOD = new Set([
  '$ref', 'type', 'enum', 'const', 'nullable', 'pattern', 'format', 'required', 'properties',
  'additionalProperties', 'items', 'allOf', 'oneOf', 'anyOf', 'not', 'multipleOf', 'uniqueItems',
  ...LOWER_BOUNDS, ...UPPER_BOUNDS,
]);

// ---------------------------------------------------------------------------------------------
// Reading the document

function pointer(doc, ref) {
  if (typeof ref !== 'string' || !ref.startsWith('#')) {
    throw new Error(`Cannot follow the $ref "${ref}": only references inside the bundle are supported.`);
  }
  const parts = ref.slice(1).split('/').slice(1)
    .map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = doc;
  for (const part of parts) {
    if (node === null || typeof node !== 'object' || !(part in node)) {
      throw new Error(`The $ref "${ref}" points at nothing.`);
    }
    node = node[part];
  }
  return node;
}

/** Follows a chain of $refs (an OpenAPI object, not a schema with siblings). */
function deref(doc, node, seen = new Set()) {
  while (node && typeof node === 'object' && typeof node.$ref === 'string') {
    if (seen.has(node.$ref)) throw new Error(`The $ref "${node.$ref}" refers to itself.`);
    seen.add(node.$ref);
    node = pointer(doc, node.$ref);
  }
  return node;
}

/** The node with every $ref inlined (a cycle is left as its $ref), for equality checks. */
function inline(doc, node, stack = []) {
  if (Array.isArray(node)) return node.map((n) => inline(doc, n, stack));
  if (!node || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    if (stack.includes(node.$ref)) return { $ref: node.$ref };
    const { $ref, ...siblings } = node;
    const target = inline(doc, pointer(doc, $ref), [...stack, $ref]);
    const rest = inline(doc, siblings, stack);
    return Object.keys(rest).length === 0 ? target : { allOf: [target, rest] };
  }
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (!isAnnotation(key)) out[key] = inline(doc, value, stack);
  }
  return out;
}

function equal(a, b) {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
}

const show = (value) => (typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? 'none');
const list = (values) => values.map(show).join(', ');

// ---------------------------------------------------------------------------------------------
// Schemas: a normal form that allOf merges into

/**
 * A schema in a normal form: $refs resolved, annotations dropped, allOf merged. Sub-schemas
 * (properties, items, branches) stay raw, with the document they belong to, and are
 * normalised when the comparison reaches them.
 */
function normalize(doc, raw, refs = []) {
  if (raw === true || raw === undefined) return emptyNormal();
  if (raw === false) return { ...emptyNormal(), never: true };
  if (raw === null || typeof raw !== 'object') throw new Error(`Not a schema: ${show(raw)}`);
  if (typeof raw.$ref === 'string') {
    const { $ref, ...siblings } = raw;
    if (refs.includes($ref)) return { ...emptyNormal(), refKey: $ref, cycle: true };
    const target = normalize(doc, pointer(doc, $ref), [...refs, $ref]);
    const rest = normalize(doc, siblings, refs);
    return { ...merge(target, rest), refKey: $ref };
  }
  const n = emptyNormal();
  for (const [key, value] of Object.entries(raw)) {
    if (isAnnotation(key)) continue;
    switch (key) {
      case 'type':
        n.types = new Set(Array.isArray(value) ? value : [value]);
        break;
      case 'nullable':
        if (value === true) n.nullable = true;
        break;
      case 'enum':
        n.values = intersectValues(n.values, value);
        break;
      case 'const':
        n.values = intersectValues(n.values, [value]);
        break;
      case 'pattern':
        n.patterns = [value];
        break;
      case 'format':
        n.formats = [value];
        break;
      case 'required':
        n.required = new Set(value);
        break;
      case 'properties':
        n.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, [v]]));
        break;
      case 'additionalProperties':
        n.additional = value === false ? false : value === true ? undefined : [value];
        break;
      case 'items':
        n.items = [value];
        break;
      case 'allOf':
        break;
      case 'oneOf':
      case 'anyOf':
        n.alternatives = [{ kind: key, branches: value }];
        break;
      case 'not':
        n.nots = [value];
        break;
      case 'uniqueItems':
        n.uniqueItems = value === true;
        break;
      default:
        if ((LOWER_BOUNDS.includes(key) || UPPER_BOUNDS.includes(key) || key === 'multipleOf') && typeof value === 'number') {
          n.bounds[key] = value;
        } else {
          n.other[key] = inline(doc, value);
        }
    }
  }
  if (n.nullable && n.types) n.types.add('null');
  let result = n;
  for (const member of raw.allOf ?? []) result = merge(result, normalize(doc, member, refs));
  return result;
}

function emptyNormal() {
  return {
    never: false, types: undefined, values: undefined, patterns: [], formats: [],
    required: new Set(), properties: {}, additional: undefined, items: undefined,
    alternatives: [], nots: [], bounds: {}, uniqueItems: false, other: {}, refKey: undefined,
  };
}

function intersectValues(a, b) {
  if (a === undefined) return [...b];
  return a.filter((x) => b.some((y) => equal(x, y)));
}

/** The normal form of allOf [a, b]: what both allow. */
function merge(a, b) {
  const types = a.types && b.types
    ? new Set([...a.types].filter((t) => b.types.has(t) || (t === 'integer' && b.types.has('number'))))
    : a.types ?? b.types;
  if (a.types && b.types) {
    for (const t of b.types) if (t === 'integer' && a.types.has('number')) types.add('integer');
  }
  const properties = { ...a.properties };
  for (const [k, v] of Object.entries(b.properties)) properties[k] = [...(properties[k] ?? []), ...v];
  const bounds = { ...a.bounds };
  for (const [k, v] of Object.entries(b.bounds)) {
    if (bounds[k] === undefined) bounds[k] = v;
    else if (LOWER_BOUNDS.includes(k)) bounds[k] = Math.max(bounds[k], v);
    else if (UPPER_BOUNDS.includes(k)) bounds[k] = Math.min(bounds[k], v);
    else if (bounds[k] !== v) bounds[k] = bounds[k] * v; // multipleOf: a common multiple
  }
  const other = { ...a.other };
  for (const [k, v] of Object.entries(b.other)) other[k] = k in other && !equal(other[k], v) ? { allOf: [other[k], v] } : v;
  return {
    never: a.never || b.never,
    types,
    values: a.values === undefined ? b.values : b.values === undefined ? a.values : intersectValues(a.values, b.values),
    patterns: [...new Set([...a.patterns, ...b.patterns])],
    formats: [...new Set([...a.formats, ...b.formats])],
    required: new Set([...a.required, ...b.required]),
    properties,
    additional: a.additional === false || b.additional === false
      ? false
      : a.additional && b.additional ? [...a.additional, ...b.additional] : a.additional ?? b.additional,
    items: a.items && b.items ? [...a.items, ...b.items] : a.items ?? b.items,
    alternatives: [...a.alternatives, ...b.alternatives],
    nots: [...a.nots, ...b.nots],
    bounds,
    uniqueItems: a.uniqueItems || b.uniqueItems,
    other,
    refKey: a.refKey ?? b.refKey,
    cycle: a.cycle || b.cycle,
  };
}

/** A list of raw schemas (an allOf in waiting) as one normal form. */
function normalizeAll(doc, raws) {
  return raws.reduce((acc, raw) => merge(acc, normalize(doc, raw)), emptyNormal());
}

const typeCovered = (type, types) => types.has(type) || (type === 'integer' && types.has('number'));

const valueHasType = (value, types) => {
  const t = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  if (t === 'number') return Number.isInteger(value) ? typeCovered('integer', types) : types.has('number');
  return types.has(t);
};

// ---------------------------------------------------------------------------------------------
// Schemas: the subset check

/**
 * Reports where `sub` may hold an instance that `sup` rejects. For a request sub is the
 * released schema and sup the new one; for a response it is the other way round.
 */
function subset(ctx, sub, sup, where) {
  if (sub.never) return;
  if (sub.cycle || sup.cycle) return; // met again inside itself: already being compared
  const key = `${sub.refKey}|${sup.refKey}`;
  if (sub.refKey && sup.refKey) {
    if (ctx.stack.has(key)) return;
    ctx.stack.add(key);
  }
  try {
    if (sub.alternatives.length > 0) {
      const [first, ...others] = sub.alternatives;
      const rest = { ...sub, alternatives: others };
      first.branches.forEach((branch, i) => {
        const label = `${where}${first.kind}[${branchName(branch, i)}]`;
        const one = normalize(ctx.subDoc, branch);
        subset(ctx, { ...merge(rest, one), refKey: one.refKey, cycle: one.cycle }, sup, label);
      });
      return;
    }
    subsetFlat(ctx, sub, sup, where);
    for (const alternative of sup.alternatives) {
      const candidates = alternative.branches.map((branch, i) => {
        const trial = { ...ctx, out: [] };
        subset(trial, sub, normalize(ctx.supDoc, branch), where);
        return { i, branch, problems: trial.out.filter((c) => c.breaking) };
      });
      if (candidates.some((c) => c.problems.length === 0)) continue;
      // No branch takes all of sub: report against the closest one, so the message is useful.
      const closest = candidates.reduce((best, c) => (c.problems.length < best.problems.length ? c : best));
      ctx.out.push(...closest.problems);
      if (closest.problems.length === 0) {
        ctx.report(where, 'schema-changed', `no longer fits any ${alternative.kind} alternative`);
      }
    }
  } finally {
    ctx.stack.delete(key);
  }
}

function branchName(branch, i) {
  if (branch && typeof branch.$ref === 'string') return branch.$ref.split('/').pop();
  return branch?.title ?? String(i);
}

function subsetFlat(ctx, sub, sup, where) {
  const at = where || 'body';
  const { request } = ctx;
  const [before, after] = request ? [sub, sup] : [sup, sub];

  if (sup.never) {
    ctx.report(at, 'schema-changed', request ? 'accepts nothing any more' : 'could return nothing before');
    return;
  }

  if (sup.types) {
    const subTypes = sub.types ?? (sub.values ? null : new Set(['any']));
    const extra = subTypes
      ? [...subTypes].filter((t) => !typeCovered(t, sup.types))
      : sub.values.filter((v) => !valueHasType(v, sup.types)).map(show);
    if (extra.length > 0) {
      const from = before.types ? [...before.types].join(' | ') : 'any type';
      const to = after.types ? [...after.types].join(' | ') : 'any type';
      ctx.report(at, request ? 'request-type-narrowed' : 'response-type-widened', `type changed from ${from} to ${to}`);
    }
  }

  if (sup.values !== undefined) {
    if (sub.values === undefined) {
      ctx.report(at, request ? 'request-enum-narrowed' : 'response-enum-widened', request
        ? `now only accepts ${list(sup.values)}`
        : `was limited to ${list(sup.values)} and no longer is`);
    } else {
      const extra = sub.values.filter((v) => !sup.values.some((w) => equal(v, w)));
      if (extra.length > 0) {
        ctx.report(at, request ? 'request-enum-narrowed' : 'response-enum-widened', request
          ? `no longer accepts ${list(extra)}`
          : `may now be ${list(extra)}`);
      }
    }
  }

  for (const [kind, word] of [['patterns', 'pattern'], ['formats', 'format']]) {
    const missing = sup[kind].filter((p) => !sub[kind].includes(p));
    if (missing.length > 0) {
      const from = before[kind].length ? before[kind].map(show).join(' and ') : 'none';
      const to = after[kind].length ? after[kind].map(show).join(' and ') : 'none';
      ctx.report(at, `${request ? 'request' : 'response'}-${word}-changed`, `${word} changed from ${from} to ${to}`);
    }
  }

  for (const k of [...LOWER_BOUNDS, ...UPPER_BOUNDS, 'multipleOf']) {
    const limit = sup.bounds[k];
    if (limit === undefined) continue;
    const own = sub.bounds[k];
    const narrower = own === undefined
      || (LOWER_BOUNDS.includes(k) && own < limit)
      || (UPPER_BOUNDS.includes(k) && own > limit)
      || (k === 'multipleOf' && own % limit !== 0);
    if (narrower) {
      ctx.report(at, request ? 'request-constraint-narrowed' : 'response-constraint-widened',
        `${k} changed from ${show(before.bounds[k])} to ${show(after.bounds[k])}`);
    }
  }
  if (sup.uniqueItems && !sub.uniqueItems) {
    ctx.report(at, request ? 'request-constraint-narrowed' : 'response-constraint-widened',
      request ? 'items must now be unique' : 'items are no longer guaranteed unique');
  }

  // Objects. A property gone from a response breaks whoever reads it; a field gone from a
  // request breaks whoever sends it (rejected on the wire, or a compile error in TypeScript).
  const removedFromResponse = new Set();
  for (const [name, schemas] of Object.entries(sub.properties)) {
    const path = `${where}.${name}`;
    if (sup.properties[name]) {
      subset(ctx, normalizeAll(ctx.subDoc, schemas), normalizeAll(ctx.supDoc, sup.properties[name]), path);
    } else if (request && sup.alternatives.length === 0) {
      // (With alternatives, the field is looked for in each of them below.)
      ctx.report(path, 'request-field-removed', 'field removed');
    } else if (sup.additional) {
      subset(ctx, normalizeAll(ctx.subDoc, schemas), normalizeAll(ctx.supDoc, sup.additional), path);
    }
  }
  for (const name of Object.keys(sup.properties)) {
    if (sub.properties[name]) continue;
    if (!request) {
      removedFromResponse.add(name);
      ctx.report(`${where}.${name}`, 'response-property-removed', 'property removed');
    } else if (sub.additional) {
      subset(ctx, normalizeAll(ctx.subDoc, sub.additional), normalizeAll(ctx.supDoc, sup.properties[name]), `${where}.${name}`);
    }
  }
  for (const name of sup.required) {
    if (sub.required.has(name) || removedFromResponse.has(name)) continue;
    if (request) ctx.report(`${where}.${name}`, 'request-field-required', 'field is now required');
    else ctx.report(`${where}.${name}`, 'response-property-optional', 'property is no longer always present');
  }
  if (request && sup.additional === false && sub.additional !== false) {
    ctx.report(at, 'request-constraint-narrowed', 'unknown fields are now rejected (additionalProperties: false)');
  }
  if (sub.additional && sup.additional) {
    subset(ctx, normalizeAll(ctx.subDoc, sub.additional), normalizeAll(ctx.supDoc, sup.additional), `${where}.*`);
  }

  if (sup.items) {
    subset(ctx, normalizeAll(ctx.subDoc, sub.items ?? [true]), normalizeAll(ctx.supDoc, sup.items), `${where}[]`);
  }

  // sub ∩ N must stay empty for every `not N` of sup: true when sub already excluded a
  // superset of N.
  for (const n of sup.nots) {
    const covered = sub.nots.some((m) => {
      const trial = { ...ctx, out: [], subDoc: ctx.supDoc, supDoc: ctx.subDoc, stack: new Set() };
      subset(trial, normalize(ctx.supDoc, n), normalize(ctx.subDoc, m), where);
      return trial.out.every((c) => !c.breaking);
    });
    if (!covered) {
      ctx.report(at, 'schema-changed', request
        ? 'a new `not` constraint may reject what was accepted'
        : 'a `not` constraint was removed or loosened');
    }
  }

  for (const k of new Set([...Object.keys(sub.other), ...Object.keys(sup.other)])) {
    if (!equal(sub.other[k], sup.other[k])) {
      ctx.report(at, 'schema-changed', `\`${k}\` changed; the checker cannot tell whether that narrows, so it counts as breaking`);
    }
  }
}

function compareSchemas(changes, context, before, after, rawBefore, rawAfter, request) {
  const ctx = {
    request,
    subDoc: request ? before : after,
    supDoc: request ? after : before,
    stack: new Set(),
    out: [],
    // A method, not a closure over ctx: trial copies ({ ...ctx, out: [] }) report into their own list.
    report(where, code, message) {
      this.out.push({ code, breaking: true, where: `${context}${where ? ` ${where}` : ''}`, message });
    },
  };
  const [sub, sup] = request ? [rawBefore, rawAfter] : [rawAfter, rawBefore];
  subset(ctx, normalize(ctx.subDoc, sub), normalize(ctx.supDoc, sup), '');
  // Alternatives may report the same problem once per branch; say it once.
  const seen = new Set();
  for (const change of ctx.out) {
    const id = `${change.where}|${change.code}|${change.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      changes.push(change);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Documents

const templateKey = (path) => path.replace(/\{[^}]*\}/g, '{}');

function operations(doc) {
  const ops = new Map();
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = deref(doc, rawItem);
    for (const method of METHODS) {
      if (item[method]) ops.set(`${method.toUpperCase()} ${templateKey(path)}`, { path, method, item, op: item[method] });
    }
  }
  return ops;
}

// Operation parameters override path-item ones of the same name and place. A renamed path
// parameter shows as removed plus added: `params.path.<name>` changes in the types.
function parameters(doc, item, op) {
  const out = new Map();
  for (const raw of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
    const p = deref(doc, raw);
    out.set(`${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`, p);
  }
  return out;
}

function effectiveSecurity(doc, op) {
  const requirements = op.security ?? doc.security;
  return requirements === undefined || requirements.length === 0 ? [{}] : requirements;
}

const satisfies = (offered, demanded) => Object.entries(demanded).every(
  ([scheme, scopes]) => scheme in offered && scopes.every((s) => offered[scheme].includes(s)),
);
const showRequirement = (r) => (Object.keys(r).length === 0 ? 'no authentication' : Object.keys(r).join(' + '));

function compareOperation(changes, before, after, b, a) {
  const name = `${b.method.toUpperCase()} ${a.path}`;
  const push = (code, breaking, where, message) => changes.push({ code, breaking, where: `${name}${where}`, message });

  if (b.op.operationId !== a.op.operationId) {
    push('operation-id-changed', true, '', `operationId changed from ${show(b.op.operationId)} to ${show(a.op.operationId)} (the name of the operation in @chert/types and @chert/client)`);
  }

  const pb = parameters(before, b.item, b.op);
  const pa = parameters(after, a.item, a.op);
  for (const [key, p] of pb) {
    const q = pa.get(key);
    const label = ` ${p.in} parameter ${show(p.name)}`;
    if (!q) {
      push('request-parameter-removed', true, label, 'removed');
      continue;
    }
    if (!p.required && q.required) push('request-parameter-required', true, label, 'is now required');
    if ((p.style ?? null) !== (q.style ?? null) || (p.explode ?? null) !== (q.explode ?? null)) {
      push('request-parameter-serialization-changed', true, label, 'style or explode changed');
    }
    if (p.schema || q.schema) compareSchemas(changes, `${name}${label}`, before, after, p.schema ?? true, q.schema ?? true, true);
  }
  for (const [key, q] of pa) {
    if (pb.has(key)) continue;
    push(q.required ? 'request-parameter-required' : 'request-parameter-added', Boolean(q.required),
      ` ${q.in} parameter ${show(q.name)}`, q.required ? 'new required parameter' : 'new optional parameter');
  }

  const bb = deref(before, b.op.requestBody);
  const ab = deref(after, a.op.requestBody);
  if (!bb && ab?.required) push('request-body-required', true, ' request body', 'a body is now required');
  if (bb && !ab) push('request-body-removed', true, ' request body', 'removed');
  if (bb && ab) {
    if (!bb.required && ab.required) push('request-body-required', true, ' request body', 'is now required');
    for (const [type, media] of Object.entries(bb.content ?? {})) {
      const other = ab.content?.[type];
      if (!other) push('request-media-type-removed', true, ` request body (${type})`, 'media type removed');
      else compareSchemas(changes, `${name} request body (${type})`, before, after, media.schema ?? true, other.schema ?? true, true);
    }
  }

  const rb = b.op.responses ?? {};
  const ra = a.op.responses ?? {};
  for (const [status, rawB] of Object.entries(rb)) {
    const label = ` response ${status}`;
    if (!(status in ra)) {
      push('response-status-removed', true, label, 'removed');
      continue;
    }
    const respB = deref(before, rawB);
    const respA = deref(after, ra[status]);
    for (const [type, media] of Object.entries(respB.content ?? {})) {
      const other = respA.content?.[type];
      if (!other) push('response-media-type-removed', true, `${label} (${type})`, 'media type removed');
      else compareSchemas(changes, `${name}${label} (${type})`, before, after, media.schema ?? true, other.schema ?? true, false);
    }
    const headersA = Object.fromEntries(Object.entries(respA.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    for (const [header, rawH] of Object.entries(respB.headers ?? {})) {
      const h = deref(before, rawH);
      const other = headersA[header.toLowerCase()] && deref(after, headersA[header.toLowerCase()]);
      const where = `${label} header ${header}`;
      if (!other) push('response-header-removed', true, where, 'removed');
      else {
        if (h.required && !other.required) push('response-header-optional', true, where, 'is no longer always present');
        compareSchemas(changes, `${name}${where}`, before, after, h.schema ?? true, other.schema ?? true, false);
      }
    }
  }
  for (const status of Object.keys(ra)) {
    if (!(status in rb)) push('response-status-added', false, ` response ${status}`, 'new response');
  }

  const sb = effectiveSecurity(before, b.op);
  const sa = effectiveSecurity(after, a.op);
  for (const requirement of sb) {
    if (!sa.some((demanded) => satisfies(requirement, demanded))) {
      push('security-requirement-added', true, ' security', `requests authenticated with ${showRequirement(requirement)} are no longer accepted (now: ${sa.map(showRequirement).join(', or ')})`);
    }
  }
}

/** Every change between two bundled documents, breaking or not. */
export function diffDocuments(before, after) {
  const changes = [];
  const ob = operations(before);
  const oa = operations(after);
  const pathsLeft = new Set([...oa.values()].map((o) => templateKey(o.path)));
  const reportedPaths = new Set();
  for (const [key, b] of ob) {
    const a = oa.get(key);
    if (a) compareOperation(changes, before, after, b, a);
    else if (!pathsLeft.has(templateKey(b.path))) {
      if (!reportedPaths.has(b.path)) changes.push({ code: 'path-removed', breaking: true, where: b.path, message: 'path removed, with every operation on it' });
      reportedPaths.add(b.path);
    } else {
      changes.push({ code: 'operation-removed', breaking: true, where: `${key.split(' ')[0]} ${b.path}`, message: `operation ${show(b.op.operationId)} removed` });
    }
  }
  for (const [key, a] of oa) {
    if (!ob.has(key)) changes.push({ code: 'operation-added', breaking: false, where: `${key.split(' ')[0]} ${a.path}`, message: `operation ${show(a.op.operationId)} added` });
  }

  const schemesB = before.components?.securitySchemes ?? {};
  const schemesA = after.components?.securitySchemes ?? {};
  for (const [scheme, raw] of Object.entries(schemesB)) {
    const where = `components.securitySchemes.${scheme}`;
    if (!schemesA[scheme]) changes.push({ code: 'security-scheme-removed', breaking: true, where, message: 'removed' });
    else if (!equal(inline(before, raw), inline(after, schemesA[scheme]))) {
      changes.push({ code: 'security-scheme-changed', breaking: true, where, message: 'how credentials are sent changed' });
    }
  }

  // @chert/types exports every component as components[kind][name]: removing one is a
  // compile error for whoever names it.
  for (const kind of ['schemas', 'responses', 'parameters', 'requestBodies', 'headers', 'pathItems']) {
    for (const name of Object.keys(before.components?.[kind] ?? {})) {
      if (!(name in (after.components?.[kind] ?? {}))) {
        changes.push({ code: 'component-removed', breaking: true, where: `components.${kind}.${name}`, message: `removed (exported by @chert/types as components['${kind}']['${name}'])` });
      }
    }
  }

  const serversA = new Set((after.servers ?? []).map((s) => s.url));
  for (const server of before.servers ?? []) {
    if (!serversA.has(server.url)) changes.push({ code: 'server-removed', breaking: true, where: 'servers', message: `${server.url} removed` });
  }
  return changes;
}

// ---------------------------------------------------------------------------------------------
// Changesets

/** The package bumps a changeset file declares in its front matter. */
export function parseChangeset(text) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text.replace(/^\uFEFF/, ''));
  const bumps = new Map();
  if (!match) return bumps;
  for (const line of match[1].split(/\r?\n/)) {
    const m = /^\s*(?:"([^"]+)"|'([^']+)'|([^\s:#][^:]*?))\s*:\s*["']?(major|minor|patch|none)["']?\s*(?:#.*)?$/.exec(line);
    if (m) bumps.set(m[1] ?? m[2] ?? m[3], m[4]);
  }
  return bumps;
}

/**
 * The changeset files that release @chert/openapi as a major: a major bump of the package
 * itself, or of any package in a `fixed` group with it (changesets bumps the group as one).
 */
export function majorAnnouncements(changesetDir, pkg = PACKAGE) {
  if (!existsSync(changesetDir)) return [];
  const configPath = join(changesetDir, 'config.json');
  const fixed = existsSync(configPath) ? JSON.parse(readFileSync(configPath, 'utf8')).fixed ?? [] : [];
  const group = new Set([pkg, ...fixed.filter((g) => g.includes(pkg)).flat()]);
  return readdirSync(changesetDir)
    .filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md')
    .filter((f) => [...parseChangeset(readFileSync(join(changesetDir, f), 'utf8'))]
      .some(([name, bump]) => bump === 'major' && group.has(name)))
    .sort();
}

// ---------------------------------------------------------------------------------------------
// The command

const here = dirname(fileURLToPath(import.meta.url));
const DEFAULTS = {
  base: join(here, '..', 'released', 'openapi.json'),
  head: join(here, '..', 'dist', 'openapi.json'),
  changesets: join(here, '..', '..', '.changeset'),
  package: join(here, '..', 'package.json'),
};

function parseArgs(argv) {
  const options = { ...DEFAULTS, json: false, accept: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--accept') options.accept = true;
    else if (['--base', '--head', '--changesets', '--package'].includes(arg) && argv[i + 1]) {
      options[arg.slice(2)] = resolve(argv[++i]);
    } else throw new Error(`Unknown argument "${arg}". Usage: check-breaking.mjs [--base FILE] [--head FILE] [--changesets DIR] [--package FILE] [--json] [--accept]`);
  }
  return options;
}

const readJson = (file, what) => {
  if (!existsSync(file)) throw new Error(`${what} is missing: ${file}`);
  return JSON.parse(readFileSync(file, 'utf8'));
};

// One shared schema changed shows up in every operation and status that uses it: list the
// first place and count the others.
function grouped(changes) {
  const groups = new Map();
  for (const c of changes) {
    const inside = /\) (.*)$/.exec(c.where)?.[1] ?? c.where;
    const key = `${c.code}|${c.message}|${inside}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()];
}

/** Runs the check; returns the exit code and what to print. Exported for the tests. */
export function run(argv, cwd = process.cwd()) {
  const lines = [];
  const say = (line = '') => lines.push(line);
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    return { code: 2, output: error.message };
  }
  const rel = (file) => relative(cwd, file) || file;
  try {
    const version = readJson(options.package, 'The package manifest').version;
    const head = readJson(options.head, 'The bundle (run `pnpm --filter @chert/openapi build` first)');
    if (head.info?.version !== version) {
      return { code: 1, output: `${rel(options.head)} says version ${head.info?.version} but ${rel(options.package)} says ${version}: rebuild it (\`pnpm --filter @chert/openapi build\`).` };
    }
    if (options.accept) {
      mkdirSync(dirname(options.base), { recursive: true });
      copyFileSync(options.head, options.base);
      return { code: 0, output: `Recorded ${rel(options.head)} (${version}) as the released document ${rel(options.base)}.` };
    }
    const base = readJson(options.base, 'The released document (recorded by `pnpm version-packages`)');
    if (base.info?.version !== version) {
      return { code: 1, output: `${rel(options.base)} records version ${base.info?.version} but ${PACKAGE} is at ${version}. ` +
        'The record is refreshed by `pnpm version-packages`; after a bare `changeset version`, run ' +
        '`pnpm --filter @chert/openapi build && node openapi/scripts/check-breaking.mjs --accept`.' };
    }
    const changes = diffDocuments(base, head);
    const breaking = changes.filter((c) => c.breaking);
    const announced = majorAnnouncements(options.changesets);
    const ok = breaking.length === 0 || announced.length > 0;
    if (options.json) return { code: ok ? 0 : 1, output: JSON.stringify({ version, ok, announced, changes }, null, 2) };

    const against = `${rel(options.head)} against the released ${version} (${rel(options.base)})`;
    if (changes.length === 0) say(`No change to the API in ${against}.`);
    else say(`${changes.length} change(s) to the API in ${against}:`);
    for (const group of grouped(changes)) {
      const more = group.length > 1 ? ` (and ${group.length - 1} more place${group.length > 2 ? 's' : ''} sharing the schema)` : '';
      const [c] = group;
      say(`  ${c.breaking ? 'BREAKING' : 'ok      '} ${c.where}${more}: ${c.message} [${c.code}]`);
    }
    if (breaking.length > 0 && ok) {
      say(`Breaking changes announced as a major release of ${PACKAGE} by ${announced.map((f) => `.changeset/${f}`).join(', ')}.`);
    } else if (!ok) {
      say('');
      say(`${breaking.length} breaking change(s) and no changeset releases ${PACKAGE} as a major.`);
      say(`Either make the change compatible, or run \`pnpm changeset\`, pick ${PACKAGE} and "major", and say in`);
      say('one paragraph what users must change.');
    }
    return { code: ok ? 0 : 1, output: lines.join('\n') };
  } catch (error) {
    return { code: 2, output: `check-breaking: ${error.message}` };
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { code, output } = run(process.argv.slice(2));
  (code === 0 ? process.stdout : process.stderr).write(`${output}\n`);
  process.exitCode = code;
}
