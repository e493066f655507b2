/**
 * Turns Prism's request violations into Chert's verdicts, by their structured fields only:
 * where (`path`: `body`, `path`, `query`, `header`, then the JSON pointer) and what (`code`,
 * the AJV keyword). Never by message text.
 *
 * Prism validates a `oneOf` by trying every branch, so a body that is fine for the branch it
 * chose still carries the other branches' complaints. Each violation is therefore checked
 * against the schema walked along its pointer through the branch the value chose
 * (document/schema.ts): a complaint that does not hold there is another branch's noise and
 * is dropped. `required` and `additionalProperties` are recomputed from the schema and the
 * value, which also names the missing or unknown field.
 *
 * The code: a missing property gets its own `x-chert-missing-code` (default 1001); any
 * other violated value the nearest `x-chert-error-code` from the violated schema up to the
 * request's root (default 1002).
 */
import type { LoadedDocument } from '../document/load.js';
import type { Operation } from '../document/operation.js';
import {
  expand,
  isObject,
  holds,
  itemSchemas,
  nearestErrorCode,
  ownErrorCode,
  ownExtension,
  pointerOf,
  propertySchemas,
  requiredOf,
  unknownKeys,
  walk,
  type Json,
  type Level,
} from '../document/schema.js';
import { CODES } from './catalogue.js';
import type { DecodedBody } from './request-body.js';

export type Location = 'path' | 'header' | 'query' | 'body';

export interface Verdict {
  location: Location;
  /** unreadable: the body could not be read at all; missing: a required field is absent;
   * shape: an unknown field, a wrong type, no or several branches; value: a constraint. */
  kind: 'unreadable' | 'missing' | 'shape' | 'value';
  code: number;
  /** The status the schema that set `code` names for it (`x-chert-error-status`), if any. */
  status?: number;
  /** For humans: names the field by JSON pointer (or the parameter by name). */
  message: string;
  depth: number;
  order: number;
}

/** A violation as Prism reports it. */
export interface PrismViolation {
  path?: string[];
  code?: string | number;
  message: string;
  severity?: number;
}

export interface ValidatedParts {
  body: DecodedBody;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
}

const MISSING = 'x-chert-missing-code';

/** The code and status a violated value gets: the nearest schema's, else 1002. */
function errorCode(levels: Level[]): { code: number; status?: number } {
  return nearestErrorCode(levels) ?? { code: CODES.invalidField };
}

const LOCATION_RANK: Record<Location, number> = { path: 0, header: 1, query: 2, body: 3 };
const KIND_RANK: Record<Verdict['kind'], number> = { unreadable: 0, missing: 1, shape: 2, value: 3 };

/**
 * Several problems at once (the reference does not say which Chert reports): a path
 * parameter first (a resource that cannot exist), then headers, the query, the body; within
 * one place the lowest code (a missing field, 1001, before an invalid one), then a missing
 * field before a wrong shape before a violated constraint, then the shallowest.
 */
export function byPrecedence(a: Verdict, b: Verdict): number {
  return (
    LOCATION_RANK[a.location] - LOCATION_RANK[b.location] ||
    a.code - b.code ||
    KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
    a.depth - b.depth ||
    a.order - b.order
  );
}

export function mapViolations(
  document: LoadedDocument,
  op: Operation,
  parts: ValidatedParts,
  violations: PrismViolation[],
): Verdict[] {
  const doc = document.raw;
  const out: Verdict[] = [];
  const seen = new Set<string>();
  const add = (v: Omit<Verdict, 'order'>) => {
    const key = `${v.location}|${v.code}|${v.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ ...v, order: out.length });
  };

  for (const violation of violations) {
    if (violation.severity !== undefined && violation.severity !== 0) continue;
    const [where, ...rest] = violation.path ?? [];
    const keyword = String(violation.code ?? '');
    if (where === 'body') bodyVerdicts(doc, op, parts.body, rest.map(unescapeToken), keyword, add);
    else if (where === 'path' || where === 'query' || where === 'header') {
      parameterVerdicts(doc, op, parts, where, rest, keyword, add);
    } else if (keyword === 'required' && parts.body.kind === 'json') {
      // The validator calls a falsy JSON body (`null`, `false`, `0`, `""`) missing and
      // checks nothing else: the mock checks its type against the schema itself.
      const levels = walk(doc, rootSchema(op, parts.body), parts.body.value, []);
      if (levels[0]!.unresolved) branchVerdict(doc, levels, add);
      else constraintVerdict(doc, levels, 'type', add);
    } else if (keyword === 'required' && parts.body.kind === 'none' && op.requestBody) {
      // "Body parameter is required": Prism's word for an empty body where one is required.
      add({
        location: 'body',
        kind: 'missing',
        code: ownExtension([op.requestBody.node], MISSING) ?? CODES.missingField,
        message: 'body is required',
        depth: 0,
      });
    }
  }
  return out.sort(byPrecedence);
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function rootSchema(op: Operation, body: DecodedBody): unknown {
  if (body.kind === 'none') return undefined;
  const media = op.requestBody?.media.find((m) => m.essence === body.mediaType) ?? op.requestBody?.media[0];
  return media?.schema;
}

type Add = (v: Omit<Verdict, 'order'>) => void;

function bodyVerdicts(doc: Json, op: Operation, body: DecodedBody, tokens: string[], keyword: string, add: Add): void {
  // Bytes are not JSON: the mock checks their size itself; the validator only saw a stand-in.
  if (body.kind === 'none' || body.kind === 'binary') return;
  const value = body.kind === 'json' ? body.value : body.text;
  const levels = walk(doc, rootSchema(op, body), value, tokens);
  const last = levels[levels.length - 1]!;
  if (last.unresolved) {
    branchVerdict(doc, levels, add);
    // With the branch open, only what holds for every branch is certain.
    if (last.tokens.length === tokens.length) {
      const branches = ((last.unresolved.holder.oneOf ?? last.unresolved.holder.anyOf) as unknown[]).map((b) => expand(doc, b));
      if (keyword === 'required') {
        const common = requiredOf(branches[0] ?? []).filter((k) => branches.every((b) => requiredOf(b).includes(k)));
        missingVerdicts(doc, levels, [...last.nodes, { required: common }], add, branches.flat());
      } else if (keyword === 'additionalProperties' || keyword === 'unevaluatedProperties') {
        const everywhere = (isObject(last.value) ? Object.keys(last.value) : []).filter((k) =>
          branches.every((b) => unknownKeys(b, last.value).includes(k)),
        );
        unknownVerdicts(levels, everywhere, add);
      }
    }
    return;
  }
  if (last.tokens.length < tokens.length) return;
  switch (keyword) {
    case 'required':
      return missingVerdicts(doc, levels, last.nodes, add);
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return unknownVerdicts(levels, unknownKeys(last.nodes, last.value), add);
    case 'oneOf':
    case 'anyOf':
      return; // settled: the chosen branch's own complaints are reported on their own
    default:
      return constraintVerdict(doc, levels, keyword, add);
  }
}

function missingVerdicts(doc: Json, levels: Level[], nodes: Json[], add: Add, codeNodes: Json[] = nodes): void {
  const last = levels[levels.length - 1]!;
  if (!isObject(last.value)) return;
  const value = last.value;
  for (const key of requiredOf(nodes)) {
    if (Object.hasOwn(value, key)) continue;
    const tokens = [...last.tokens, key];
    add({
      location: 'body',
      kind: 'missing',
      code: ownExtension(propertySchemas(doc, codeNodes, key), MISSING) ?? CODES.missingField,
      message: `${pointerText(tokens)} is required`,
      depth: tokens.length,
    });
  }
}

function unknownVerdicts(levels: Level[], keys: string[], add: Add): void {
  const last = levels[levels.length - 1]!;
  for (const key of keys) {
    const tokens = [...last.tokens, key];
    const parent = last.tokens.at(-1);
    add({
      location: 'body',
      kind: 'shape',
      ...errorCode(levels),
      message:
        last.tokens.length === 0
          ? `${pointerText(tokens)}: unknown field`
          : `${pointerText(tokens)} is not a field of ${parent !== undefined && !/^\d+$/.test(parent) ? parent : pointerText(last.tokens)}`,
      depth: tokens.length,
    });
  }
}

function constraintVerdict(doc: Json, levels: Level[], keyword: string, add: Add): void {
  const last = levels[levels.length - 1]!;
  if (keyword === 'if' || keyword === 'then') return conditionalVerdict(doc, levels, add);
  const failing = last.nodes.filter((n) => keyword in n && holds(keyword, n, last.value) !== true);
  const node = failing[0];
  if (!node) return; // holds in the chosen branch: another branch's complaint
  add({
    location: 'body',
    kind: keyword === 'type' ? 'shape' : 'value',
    ...errorCode(levels),
    message: describe(doc, keyword, node, last.nodes, pointerText(last.tokens)),
    depth: last.tokens.length,
  });
}

/**
 * An `if`/`then` the value breaks (a group's first message must be one text part): the
 * code is the `then` schema's own, the message names what in it failed and when it applies.
 */
function conditionalVerdict(doc: Json, levels: Level[], add: Add): void {
  const last = levels[levels.length - 1]!;
  const owner = last.nodes.find((n) => isObject(n.if) && n.then !== undefined);
  if (!owner) return;
  const thenNodes = expand(doc, owner.then);
  const failure = firstFailure(doc, thenNodes, last.value, last.tokens);
  if (!failure) return;
  const condition = conditionText(doc, owner.if, last.tokens);
  add({
    location: 'body',
    kind: 'value',
    ...(ownErrorCode(thenNodes) ?? errorCode(levels)),
    message: `${describe(doc, failure.keyword, failure.node, failure.nodes, pointerText(failure.tokens))}${condition ? ` when ${condition}` : ''}`,
    depth: failure.tokens.length,
  });
}

const CHECKABLE = ['type', 'const', 'enum', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'minProperties', 'maxProperties'];

/** The first keyword of `nodes` (and beneath, along the value) that the value breaks. */
function firstFailure(doc: Json, nodes: Json[], value: unknown, tokens: string[], depth = 0): { keyword: string; node: Json; nodes: Json[]; tokens: string[] } | undefined {
  if (depth > 12) return undefined;
  for (const node of nodes) {
    for (const keyword of CHECKABLE) if (keyword in node && holds(keyword, node, value) === false) return { keyword, node, nodes, tokens };
  }
  if (isObject(value)) {
    for (const key of Object.keys(value)) {
      const child = propertySchemas(doc, nodes, key);
      const found = child.length ? firstFailure(doc, child, value[key], [...tokens, key], depth + 1) : undefined;
      if (found) return found;
    }
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child = itemSchemas(doc, nodes, i);
      const found = child.length ? firstFailure(doc, child, value[i], [...tokens, String(i)], depth + 1) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

/** `/to has at least 2 items`: the condition of an `if`, from its property constraints. */
function conditionText(doc: Json, condition: unknown, tokens: string[]): string {
  const phrases: string[] = [];
  for (const node of expand(doc, condition)) {
    for (const [name, schema] of Object.entries<Json>(node.properties ?? {})) {
      for (const part of expand(doc, schema)) {
        for (const keyword of CHECKABLE) {
          if (!(keyword in part)) continue;
          // The rule's own wording, stated as a fact: "/to must have…" → "/to has…".
          const rule = describe(doc, keyword, part, [part], pointerText([...tokens, name]));
          phrases.push(rule.replace(' must have ', ' has ').replace(' must be ', ' is ').replace(' must ', ' does '));
        }
      }
    }
  }
  return phrases.join(' and ');
}

function branchVerdict(doc: Json, levels: Level[], add: Add): void {
  const last = levels[levels.length - 1]!;
  const problem = last.unresolved!;
  const at = (k: string) => pointerText([...last.tokens, k]);
  const branchNodes = ((problem.holder.oneOf ?? problem.holder.anyOf) as unknown[]).flatMap((b) => expand(doc, b));
  const depth = last.tokens.length;
  const coded = errorCode(levels);
  if (problem.kind === 'none-present') {
    const keys = problem.alternatives.flat();
    const codes = keys.map((k) => ownExtension(propertySchemas(doc, branchNodes, k), MISSING) ?? CODES.missingField);
    add({
      location: 'body',
      kind: 'missing',
      code: Math.min(...codes),
      message: `${problem.alternatives.map((alt) => alt.map(at).join(' and ')).join(' or ')} is required`,
      depth: depth + 1,
    });
  } else if (problem.kind === 'ambiguous') {
    add({
      location: 'body',
      kind: 'shape',
      ...coded,
      message: `only one of ${problem.alternatives.map((alt) => alt.map(at).join(' and ')).join(', ')} may be sent`,
      depth,
    });
  } else if (problem.discriminator && isObject(last.value)) {
    const { property, allowed } = problem.discriminator;
    const present = Object.hasOwn(last.value, property);
    add({
      location: 'body',
      kind: present ? 'value' : 'missing',
      ...(present ? coded : { code: ownExtension(propertySchemas(doc, branchNodes, property), MISSING) ?? CODES.missingField }),
      message: present
        ? `${at(property)} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`
        : `${at(property)} is required`,
      depth: depth + 1,
    });
  } else {
    const types = [...new Set(branchNodes.flatMap((n) => (n.type === undefined ? [] : [n.type].flat())))];
    add({
      location: 'body',
      kind: 'shape',
      ...coded,
      message: types.length
        ? `${pointerText(last.tokens)} must be ${types.map(typePhrase).join(' or ')}`
        : `${pointerText(last.tokens)} matches none of its alternatives`,
      depth,
    });
  }
}

function parameterVerdicts(
  doc: Json,
  op: Operation,
  parts: ValidatedParts,
  where: 'path' | 'query' | 'header',
  rest: string[],
  keyword: string,
  add: Add,
): void {
  const label = where === 'header' ? 'header' : `${where} parameter`;
  const values: Record<string, unknown> =
    where === 'path' ? parts.params : where === 'query' ? parts.query : lowerKeys(parts.headers);
  const inWhere = op.parameters.filter((p) => p.in === where);
  const named = (name: string) =>
    inWhere.find((p) => (where === 'header' ? String(p.name).toLowerCase() === name.toLowerCase() : p.name === name));
  if (rest.length === 0) {
    if (keyword !== 'required') return;
    for (const param of inWhere) {
      const key = where === 'header' ? String(param.name).toLowerCase() : String(param.name);
      if (!param.required || values[key] !== undefined) continue;
      add({
        location: where,
        kind: 'missing',
        code: ownExtension([param, ...expand(doc, param.schema)], MISSING) ?? CODES.missingField,
        message: `${label} ${param.name} is required`,
        depth: 0,
      });
    }
    return;
  }
  const [name, ...deeper] = rest;
  const param = named(name!);
  if (!param) return;
  const key = where === 'header' ? String(param.name).toLowerCase() : String(param.name);
  const levels = walk(doc, param.schema, values[key], deeper.map(unescapeToken));
  const last = levels[levels.length - 1]!;
  const node = last.nodes.find((n) => keyword in n);
  add({
    location: where,
    kind: keyword === 'type' ? 'shape' : 'value',
    ...(ownErrorCode([param]) ?? errorCode(levels)),
    message: node
      ? describe(doc, keyword, node, last.nodes, `${label} ${param.name}${deeper.length ? pointerOf(deeper) : ''}`)
      : `${label} ${param.name} does not match the document`,
    depth: deeper.length,
  });
}

/** A path parameter whose percent-escapes cannot be decoded, answered like any bad value. */
export function malformedParameterVerdict(document: LoadedDocument, op: Operation, name: string): Verdict {
  const param = op.parameters.find((p) => p.in === 'path' && p.name === name);
  const nodes = param ? expand(document.raw, param.schema) : [];
  return {
    location: 'path',
    kind: 'value',
    ...((param ? ownErrorCode([param]) : undefined) ?? ownErrorCode(nodes) ?? { code: CODES.invalidField }),
    message: `path parameter ${name} has a malformed percent-escape`,
    depth: 0,
    order: 0,
  };
}

function lowerKeys(headers: Record<string, string | string[] | undefined>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function pointerText(tokens: string[]): string {
  return tokens.length ? pointerOf(tokens) : 'body';
}

function typePhrase(type: unknown): string {
  const t = String(type);
  return t === 'null' ? 'null' : `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`;
}

function describe(doc: Json, keyword: string, node: Json, nodes: Json[], at: string): string {
  const k = node[keyword];
  const title = nodes.find((n) => typeof n.title === 'string')?.title as string | undefined;
  switch (keyword) {
    case 'type':
      return `${at} must be ${[k].flat().map(typePhrase).join(' or ')}`;
    case 'const':
      return `${at} must be ${JSON.stringify(k)}`;
    case 'enum':
      return `${at} must be one of ${(k as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      return title ? `${at} must be a valid ${title} (pattern ${k})` : `${at} must match the pattern ${k}`;
    case 'format':
      return `${at} must be a valid ${title ?? k}${title ? ` (format ${k})` : ''}`;
    case 'minLength':
      return `${at} must be at least ${k} characters long`;
    case 'maxLength':
      return `${at} must be at most ${k} characters long`;
    case 'minimum':
      return `${at} must be at least ${k}`;
    case 'maximum':
      return `${at} must be at most ${k}`;
    case 'exclusiveMinimum':
      return `${at} must be more than ${k}`;
    case 'exclusiveMaximum':
      return `${at} must be less than ${k}`;
    case 'multipleOf':
      return `${at} must be a multiple of ${k}`;
    case 'minItems':
      return `${at} must have at least ${k} item${k === 1 ? '' : 's'}`;
    case 'maxItems':
      return `${at} must have at most ${k} item${k === 1 ? '' : 's'}`;
    case 'minProperties':
      return `${at} must have at least ${k} field${k === 1 ? '' : 's'}`;
    case 'maxProperties':
      return `${at} must have at most ${k} field${k === 1 ? '' : 's'}`;
    case 'uniqueItems':
      return `${at} must not repeat an item`;
    case 'not': {
      const fields = emptinessFields(doc, k);
      return fields.length
        ? `${at} needs a non-empty ${fields.slice(0, -1).join(', ')}${fields.length > 1 ? ' or ' : ''}${fields.at(-1)}`
        : `${at} must not match the schema in its not clause`;
    }
    default:
      return `${at} breaks the ${keyword} rule of ${title ?? 'its schema'}`;
  }
}

/**
 * The fields of a `not` that reads "every one of these is empty" (`maxLength: 0`,
 * `maxItems: 0`, `maxProperties: 0`): the value needs one of them filled in. Empty when the
 * `not` says something else.
 */
function emptinessFields(doc: Json, not: unknown): string[] {
  const fields: string[] = [];
  for (const node of expand(doc, not)) {
    for (const [name, schema] of Object.entries<Json>(node.properties ?? {})) {
      const nodes = expand(doc, schema);
      const empty = nodes.some((n) => n.maxLength === 0 || n.maxItems === 0 || n.maxProperties === 0);
      if (!empty) return [];
      fields.push(name);
    }
  }
  return fields;
}
