// Schema compatibility: whether every instance one schema allows is allowed by another, and
// how far a consumer notices when not. Requests must keep accepting everything they accepted
// (before ⊆ after); responses must not return anything they could not return (after ⊆ before).
// Schemas are compared structurally after resolving $refs and flattening allOf; where the
// checker cannot tell whether a change narrows or widens (a `not`, an `if`, an unknown keyword
// that changed, a pattern outside the regular subset), it says so and counts the change as
// breaking: a false alarm costs a changeset, a missed break costs users.
//
// Each change has a level, the smallest release that may carry it:
//   major  code that worked may fail: on the wire, or compiling against @chert/types
//   minor  a response may now carry a value it could not before, which the generated
//          TypeScript either widens (an enum gained a value: an exhaustive `switch` over it
//          stops compiling) or does not express at all (a pattern, format, length or number
//          bound loosened: only code that validates responses notices)
import { pointer } from '../../lib/walk.mjs';
import { patternCovers } from './pattern-language.mjs';

// Keywords that describe without constraining; a change to them never breaks anyone.
const ANNOTATIONS = new Set([
  'title', 'description', 'summary', 'examples', 'example', 'deprecated', 'externalDocs',
  '$comment', 'xml', 'readOnly', 'writeOnly', 'default', 'contentMediaType', 'discriminator',
]);
const isAnnotation = (key) => ANNOTATIONS.has(key) || key.startsWith('x-');

const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'];
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'];
// Bounds the generated types do not express. (minItems/maxItems are left out: openapi-typescript
// turns them into tuple types under --array-length.)
const UNTYPED_BOUNDS = new Set(['minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum', 'minLength', 'maxLength', 'multipleOf']);

/** The node with every $ref inlined (a cycle is left as its $ref), for equality checks. */
export function inline(doc, node, stack = []) {
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

export function equal(a, b) {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
}

export const show = (value) => (typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? 'none');
export const list = (values) => values.map(show).join(', ');

// ---------------------------------------------------------------------------------------------
// A normal form that allOf merges into

/**
 * A schema in a normal form: $refs resolved, annotations dropped, allOf merged. Sub-schemas
 * (properties, items, branches) stay raw, with the document they belong to, and are
 * normalised when the comparison reaches them.
 */
export function normalize(doc, raw, refs = []) {
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
export function normalizeAll(doc, raws) {
  return raws.reduce((acc, raw) => merge(acc, normalize(doc, raw)), emptyNormal());
}

const typeCovered = (type, types) => types.has(type) || (type === 'integer' && types.has('number'));

const valueHasType = (value, types) => {
  const t = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  if (t === 'number') return Number.isInteger(value) ? typeCovered('integer', types) : types.has('number');
  return types.has(t);
};

// ---------------------------------------------------------------------------------------------
// The subset check

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
        return { i, branch, problems: trial.out, majors: trial.out.filter((c) => c.level === 'major').length };
      });
      if (candidates.some((c) => c.problems.length === 0)) continue;
      // No branch takes all of sub: report against the closest one (fewest breaking problems,
      // then fewest problems), so the message is useful and the level the smallest that fits.
      const closest = candidates.reduce((best, c) =>
        c.majors < best.majors || (c.majors === best.majors && c.problems.length < best.problems.length) ? c : best);
      ctx.out.push(...closest.problems);
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
      // The generated type goes from a union of literals to the bare type.
      ctx.report(at, request ? 'request-enum-narrowed' : 'response-enum-removed', request
        ? `now only accepts ${list(sup.values)}`
        : `was limited to ${list(sup.values)} and no longer is`);
    } else {
      const extra = sub.values.filter((v) => !sup.values.some((w) => equal(v, w)));
      if (extra.length > 0) {
        if (request) ctx.report(at, 'request-enum-narrowed', `no longer accepts ${list(extra)}`);
        else ctx.report(at, 'response-enum-widened', `may now be ${list(extra)} (the generated union type gains ${extra.length === 1 ? 'a member' : 'members'}: an exhaustive switch over it stops compiling)`, 'minor');
      }
    }
  }

  // A pattern of sup is kept when some pattern of sub matches only strings it matches too.
  const uncovered = sup.patterns.filter((p) => !sub.patterns.some((q) => patternCovers(p, q) === true));
  if (uncovered.length > 0) {
    const from = before.patterns.length ? before.patterns.map(show).join(' and ') : 'none';
    const to = after.patterns.length ? after.patterns.map(show).join(' and ') : 'none';
    if (request) {
      const unknown = sub.patterns.length > 0 && uncovered.some((p) => sub.patterns.every((q) => patternCovers(p, q) === undefined));
      ctx.report(at, 'request-pattern-changed', `pattern changed from ${from} to ${to}${unknown ? ' (the checker cannot compare these patterns, so it counts as narrowing)' : ''}`);
    } else {
      ctx.report(at, 'response-pattern-loosened', `pattern changed from ${from} to ${to}: values the old pattern rejected may now arrive (the TypeScript type is unchanged)`, 'minor');
    }
  }
  const missingFormats = sup.formats.filter((f) => !sub.formats.includes(f));
  if (missingFormats.length > 0) {
    const from = before.formats.length ? before.formats.map(show).join(' and ') : 'none';
    const to = after.formats.length ? after.formats.map(show).join(' and ') : 'none';
    if (request) ctx.report(at, 'request-format-changed', `format changed from ${from} to ${to}`);
    else ctx.report(at, 'response-format-loosened', `format changed from ${from} to ${to}: values the old format rejected may now arrive (the TypeScript type is unchanged)`, 'minor');
  }

  for (const k of [...LOWER_BOUNDS, ...UPPER_BOUNDS, 'multipleOf']) {
    const limit = sup.bounds[k];
    if (limit === undefined) continue;
    const own = sub.bounds[k];
    // A length bound the sub-schema's own pattern already implies adds nothing (`^ch_.{1,61}$`
    // is never longer than 64, so a new maxLength of 128 narrows nothing).
    const lengthOf = { minLength: `^[\\s\\S]{${limit},}$`, maxLength: `^[\\s\\S]{0,${limit}}$` }[k];
    if (own === undefined && lengthOf && sub.patterns.some((q) => patternCovers(lengthOf, q) === true)) continue;
    const narrower = own === undefined
      || (LOWER_BOUNDS.includes(k) && own < limit)
      || (UPPER_BOUNDS.includes(k) && own > limit)
      || (k === 'multipleOf' && own % limit !== 0);
    if (narrower) {
      const change = `${k} changed from ${show(before.bounds[k])} to ${show(after.bounds[k])}`;
      if (request) ctx.report(at, 'request-constraint-narrowed', change);
      else if (UNTYPED_BOUNDS.has(k)) ctx.report(at, 'response-constraint-loosened', `${change} (the TypeScript type is unchanged)`, 'minor');
      else ctx.report(at, 'response-constraint-widened', change);
    }
  }
  if (sup.uniqueItems && !sub.uniqueItems) {
    if (request) ctx.report(at, 'request-constraint-narrowed', 'items must now be unique');
    else ctx.report(at, 'response-constraint-loosened', 'items are no longer guaranteed unique (the TypeScript type is unchanged)', 'minor');
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
      return trial.out.length === 0;
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


/**
 * Pushes onto `changes` every way `rawAfter` fails to stand in for `rawBefore`: for a request
 * schema (`request: true`) what it no longer accepts, for a response schema what it may now
 * return. `context` prefixes each change's `where`.
 */
export function compareSchemas(changes, context, before, after, rawBefore, rawAfter, request) {
  const ctx = {
    request,
    subDoc: request ? before : after,
    supDoc: request ? after : before,
    stack: new Set(),
    out: [],
    // A method, not a closure over ctx: trial copies ({ ...ctx, out: [] }) report into their own list.
    report(where, code, message, level = 'major') {
      this.out.push({ code, level, breaking: level === 'major', where: `${context}${where ? ` ${where}` : ''}`, message });
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
