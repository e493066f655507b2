/**
 * Walking a request schema along a JSON pointer, the way a validator applies it to one value:
 * through `$ref` and `allOf`, and into the one `oneOf`/`anyOf` branch the value chose. The
 * mock reads its Chert facts here (the `x-chert-*` extensions, the field names, the
 * constraints) instead of restating them.
 */
import { deref } from '@chert/openapi/walk';

export type Json = Record<string, any>;

/** One depth of the walk: the schemas that apply to `value`, nearest (most specific) first. */
export interface Level {
  /** Pointer tokens from the root to this value (unescaped). */
  tokens: string[];
  value: unknown;
  /** Present in the request (false for a missing property). */
  present: boolean;
  nodes: Json[];
  /** The `oneOf`/`anyOf` here that the value did not settle on one branch of. */
  unresolved?: BranchProblem;
}

export type BranchProblem =
  /** No branch's distinguishing required properties are present. */
  | { kind: 'none-present'; alternatives: string[][]; holder: Json }
  /** The value's type or a const/enum property rules out every branch. */
  | { kind: 'no-branch'; holder: Json; discriminator?: { property: string; allowed: unknown[] } }
  /** Several branches' distinguishing properties are present at once. */
  | { kind: 'ambiguous'; alternatives: string[][]; holder: Json; branches: Json[][] };

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A schema and everything it applies in place, use site first: `{ $ref, x-… }` before the
 * referenced schema (so a property can override its type's extension), an `allOf` holder
 * before its parts.
 */
export function expand(doc: Json, node: unknown): Json[] {
  if (!isObject(node)) return [];
  // The document never changes while the mock runs: each schema is expanded once.
  let known = expanded.get(node);
  if (!known) {
    known = expandFrom(doc, node, new Set());
    expanded.set(node, known);
  }
  return known;
}

const expanded = new WeakMap<object, Json[]>();

function expandFrom(doc: Json, node: unknown, seen: Set<unknown>): Json[] {
  if (!isObject(node) || seen.has(node)) return [];
  seen.add(node);
  const out: Json[] = [node];
  if (typeof node.$ref === 'string') out.push(...expandFrom(doc, deref(doc, { $ref: node.$ref }), seen));
  if (Array.isArray(node.allOf)) for (const part of node.allOf) out.push(...expandFrom(doc, part, seen));
  return out;
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeAdmits(declared: unknown, value: unknown): boolean {
  if (declared === undefined) return true;
  const types = Array.isArray(declared) ? declared : [declared];
  const actual = jsonType(value);
  return types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Json)[k], (b as Json)[k]));
}

/**
 * Whether a keyword of `node` holds for `value`: true or false where the mock can tell
 * cheaply and exactly, undefined where it cannot (`format`, `not`, `if`…), in which case
 * the validator's word is taken.
 */
export function holds(keyword: string, node: Json, value: unknown): boolean | undefined {
  const k = node[keyword];
  switch (keyword) {
    case 'type':
      return typeAdmits(k, value);
    case 'const':
      return deepEqual(k, value);
    case 'enum':
      return Array.isArray(k) ? k.some((e) => deepEqual(e, value)) : undefined;
    case 'pattern':
      if (typeof value !== 'string') return true;
      try {
        return new RegExp(String(k), 'u').test(value);
      } catch {
        return undefined;
      }
    case 'minLength':
      return typeof value !== 'string' || [...value].length >= k;
    case 'maxLength':
      return typeof value !== 'string' || [...value].length <= k;
    case 'minimum':
      return typeof value !== 'number' || value >= k;
    case 'maximum':
      return typeof value !== 'number' || value <= k;
    case 'exclusiveMinimum':
      return typeof value !== 'number' || typeof k !== 'number' || value > k;
    case 'exclusiveMaximum':
      return typeof value !== 'number' || typeof k !== 'number' || value < k;
    case 'multipleOf':
      return typeof value !== 'number' || Number.isInteger(value / k);
    case 'minItems':
      return !Array.isArray(value) || value.length >= k;
    case 'maxItems':
      return !Array.isArray(value) || value.length <= k;
    case 'minProperties':
      return !isObject(value) || Object.keys(value).length >= k;
    case 'maxProperties':
      return !isObject(value) || Object.keys(value).length <= k;
    default:
      return undefined;
  }
}

/** The schemas of property `key` of an object matched by `nodes`, use site first. */
export function propertySchemas(doc: Json, nodes: Json[], key: string): Json[] {
  const out: Json[] = [];
  let named = false;
  for (const node of nodes) {
    if (isObject(node.properties) && Object.hasOwn(node.properties, key)) {
      named = true;
      out.push(...expand(doc, node.properties[key]));
    }
    if (isObject(node.patternProperties)) {
      for (const [pattern, schema] of Object.entries(node.patternProperties)) {
        if (safeTest(pattern, key)) out.push(...expand(doc, schema));
      }
    }
  }
  if (!named) for (const node of nodes) if (isObject(node.additionalProperties)) out.push(...expand(doc, node.additionalProperties));
  return out;
}

export function itemSchemas(doc: Json, nodes: Json[], index: number): Json[] {
  const out: Json[] = [];
  for (const node of nodes) {
    if (Array.isArray(node.prefixItems) && index < node.prefixItems.length) out.push(...expand(doc, node.prefixItems[index]));
    else if (isObject(node.items)) out.push(...expand(doc, node.items));
  }
  return out;
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return false;
  }
}

/** Property names every object matched by `nodes` must have. */
export function requiredOf(nodes: Json[]): string[] {
  const out = new Set<string>();
  for (const node of nodes) if (Array.isArray(node.required)) for (const k of node.required) out.add(String(k));
  return [...out];
}

/** Property names `nodes` declare, and whether they refuse any other. */
export function knownProperties(nodes: Json[]): { names: Set<string>; patterns: string[]; closed: boolean } {
  const names = new Set<string>();
  const patterns: string[] = [];
  let closed = false;
  for (const node of nodes) {
    if (isObject(node.properties)) for (const k of Object.keys(node.properties)) names.add(k);
    if (isObject(node.patternProperties)) patterns.push(...Object.keys(node.patternProperties));
    if (node.additionalProperties === false || node.unevaluatedProperties === false) closed = true;
  }
  return { names, patterns, closed };
}

export function unknownKeys(nodes: Json[], value: unknown): string[] {
  if (!isObject(value)) return [];
  const { names, patterns, closed } = knownProperties(nodes);
  if (!closed) return [];
  return Object.keys(value).filter((k) => !names.has(k) && !patterns.some((p) => safeTest(p, k)));
}

/**
 * Settles every `oneOf`/`anyOf` among `nodes` on the branch `value` chose, adding that
 * branch's schemas in front (a branch is more specific than its holder). How a branch is
 * chosen, in order: the value's type; a discriminator or a `const`/`enum` property the value
 * contradicts; then the required properties that tell branches apart (the ones every
 * branch requires say nothing); a branch the value fits exactly wins a tie.
 */
export function settle(doc: Json, nodes: Json[], value: unknown): { nodes: Json[]; problem?: BranchProblem } {
  let current = nodes;
  const done = new Set<Json>();
  for (;;) {
    const holder = current.find((n) => !done.has(n) && (Array.isArray(n.oneOf) || Array.isArray(n.anyOf)));
    if (!holder) return { nodes: current };
    done.add(holder);
    const choice = chooseBranch(doc, holder, value);
    if ('problem' in choice) return { nodes: current, problem: choice.problem };
    current = [...choice.nodes, ...current];
  }
}

function chooseBranch(doc: Json, holder: Json, value: unknown): { nodes: Json[] } | { problem: BranchProblem } {
  const all = ((holder.oneOf ?? holder.anyOf) as unknown[]).map((b) => expand(doc, b));
  let candidates = all.filter((branch) => branch.every((n) => n.type === undefined || typeAdmits(n.type, value)));
  if (candidates.length === 0) return { problem: { kind: 'no-branch', holder } };

  if (isObject(value)) {
    const discriminator = discriminatorOf(holder, all);
    candidates = candidates.filter((branch) => !contradicts(doc, branch, value, holder, discriminator));
    if (candidates.length === 0) {
      return {
        problem: {
          kind: 'no-branch',
          holder,
          ...(discriminator ? { discriminator: { property: discriminator, allowed: allowedValues(doc, all, discriminator) } } : {}),
        },
      };
    }
  }
  if (candidates.length === 1) return { nodes: candidates[0]! };

  if (!isObject(value)) {
    // Scalars: the branches whose simple keywords all hold; otherwise nothing to choose by.
    const fitting = candidates.filter((branch) =>
      branch.every((n) => Object.keys(n).every((k) => holds(k, n, value) !== false)),
    );
    if (fitting.length >= 1) return { nodes: fitting[0]! };
    return { problem: { kind: 'no-branch', holder } };
  }

  const fits = candidates.filter(
    (branch) => requiredOf(branch).every((k) => k in value) && unknownKeys(branch, value).length === 0,
  );
  if (fits.length === 1 || (fits.length > 1 && holder.anyOf)) return { nodes: fits[0]! };

  const common = requiredOf(candidates[0]!).filter((k) => candidates.every((b) => requiredOf(b).includes(k)));
  const distinguishing = candidates.map((b) => requiredOf(b).filter((k) => !common.includes(k)));
  const complete = candidates.filter((_b, i) => distinguishing[i]!.length > 0 && distinguishing[i]!.every((k) => k in value));
  const alternatives = distinguishing.filter((d) => d.length > 0);
  if (complete.length === 1 || (complete.length > 1 && holder.anyOf)) return { nodes: complete[0]! };
  if (complete.length > 1) {
    return {
      problem: {
        kind: 'ambiguous',
        holder,
        alternatives: candidates.flatMap((_b, i) => (complete.includes(candidates[i]!) ? [distinguishing[i]!] : [])),
        branches: complete,
      },
    };
  }
  const scores = distinguishing.map((d) => d.filter((k) => k in value).length);
  const best = Math.max(...scores);
  if (best > 0) {
    const leaders = candidates.filter((_b, i) => scores[i] === best);
    if (leaders.length === 1 || holder.anyOf) return { nodes: leaders[0]! };
    return {
      problem: {
        kind: 'ambiguous',
        holder,
        alternatives: candidates.flatMap((_b, i) => (scores[i] === best ? [distinguishing[i]!] : [])),
        branches: leaders,
      },
    };
  }
  if (alternatives.length) return { problem: { kind: 'none-present', holder, alternatives } };
  // Nothing tells the branches apart: take the first, whose complaints are then reported.
  return { nodes: candidates[0]! };
}

function discriminatorOf(holder: Json, branches: Json[][]): string | undefined {
  const named = holder.discriminator?.propertyName;
  if (typeof named === 'string') return named;
  // A property every branch pins to a const is a discriminator too, written or not.
  const first = branches[0] ?? [];
  for (const node of first) {
    for (const [key, schema] of Object.entries<Json>(node.properties ?? {})) {
      if (!isObject(schema) || !('const' in schema)) continue;
      if (branches.every((b) => b.some((n) => isObject(n.properties?.[key]) && 'const' in n.properties[key]))) return key;
    }
  }
  return undefined;
}

function allowedValues(doc: Json, branches: Json[][], property: string): unknown[] {
  const out: unknown[] = [];
  for (const branch of branches) {
    for (const n of propertySchemas(doc, branch, property)) {
      if ('const' in n) out.push(n.const);
      if (Array.isArray(n.enum)) out.push(...n.enum);
    }
  }
  return [...new Set(out)];
}

function contradicts(doc: Json, branch: Json[], value: Record<string, unknown>, holder: Json, discriminator?: string): boolean {
  const mapping = holder.discriminator?.mapping;
  if (discriminator && isObject(mapping) && typeof value[discriminator] === 'string') {
    const target = mapping[value[discriminator] as string];
    if (typeof target === 'string') return !branch.some((n) => n.$ref === target);
  }
  for (const [key, v] of Object.entries(value)) {
    for (const n of propertySchemas(doc, branch, key)) {
      if ('const' in n && !deepEqual(n.const, v)) return true;
      if (Array.isArray(n.enum) && !n.enum.some((e: unknown) => deepEqual(e, v))) return true;
    }
  }
  return false;
}

/**
 * The levels from `schema` (the root) down `tokens`, as far as the value and the branches
 * allow: the walk stops below a `oneOf` the value did not settle, and where the value ends.
 */
export function walk(doc: Json, schema: unknown, value: unknown, tokens: string[], present = true): Level[] {
  const levels: Level[] = [];
  let nodes = expand(doc, schema);
  let current = value;
  let here = present;
  for (let depth = 0; ; depth++) {
    const settled = settle(doc, nodes, current);
    const level: Level = { tokens: tokens.slice(0, depth), value: current, present: here, nodes: settled.nodes };
    if (settled.problem) level.unresolved = settled.problem;
    levels.push(level);
    if (settled.problem || depth === tokens.length) return levels;
    const token = tokens[depth]!;
    if (Array.isArray(current) && /^(0|[1-9]\d*)$/.test(token)) {
      nodes = itemSchemas(doc, settled.nodes, Number(token));
      here = Number(token) < current.length;
      current = current[Number(token)];
    } else if (isObject(current)) {
      nodes = propertySchemas(doc, settled.nodes, token);
      here = Object.hasOwn(current, token);
      current = current[token];
    } else {
      return levels;
    }
  }
}

/**
 * The nearest `x-chert-error-code`, with the `x-chert-error-status` the same schema names
 * beside it: the status to answer that code with where the operation answers it with
 * several (1006 is 400 for too many parts but 422 for too many recipients).
 */
export function nearestErrorCode(levels: Level[]): { code: number; status?: number } | undefined {
  for (let i = levels.length - 1; i >= 0; i--) {
    const own = ownErrorCode(levels[i]!.nodes);
    if (own) return own;
  }
  return undefined;
}

/** The first `x-chert-error-code` among `nodes`, with the `x-chert-error-status` beside it. */
export function ownErrorCode(nodes: Json[]): { code: number; status?: number } | undefined {
  const owner = nodes.find((n) => Number.isInteger(n[ERROR_CODE]));
  if (!owner) return undefined;
  const status = owner[ERROR_STATUS];
  return { code: owner[ERROR_CODE] as number, ...(Number.isInteger(status) ? { status: status as number } : {}) };
}

export const ERROR_CODE = 'x-chert-error-code';
export const ERROR_STATUS = 'x-chert-error-status';

export function ownExtension(nodes: Json[], name: string): number | undefined {
  for (const node of nodes) if (Number.isInteger(node[name])) return node[name] as number;
  return undefined;
}

/** JSON pointer of tokens, escaped (`~0`, `~1`). */
export function pointerOf(tokens: string[]): string {
  return tokens.map((t) => `/${t.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
