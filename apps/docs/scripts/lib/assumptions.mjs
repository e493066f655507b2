// @ts-check
// The document's `x-chert-assumed` marks, for the reader: the Assumptions page (every mark,
// where it sits in words, the reason, the Chert page to check) and the "Assumed" note the
// reference shows on each marked element. Both come from one list, read from the document
// when the page is built, so neither can drift from the document or from the other.
import { deref, examples, mediaTypes, operations as operationSites, parameters } from '@chert/openapi/walk';
import { listed } from './render.mjs';
import { routeOf, slug } from './routes.mjs';

export const MARK = 'x-chert-assumed';

/** @typedef {Record<string, any>} Json */

/**
 * An operation or a webhook, with what the page needs to name and link it.
 * @typedef {object} Site
 * @property {'path' | 'webhook'} kind
 * @property {number} index its place in the document: paths, then webhooks
 * @property {string} operationId
 * @property {string} name the webhook's name (`message.received`), or `METHOD /path`
 * @property {string} summary
 * @property {string} tag its first tag: the reference section it sits in
 * @property {string} route Redoc's in-page address of it
 * @property {{ url: string, description?: string } | undefined} externalDocs Chert's page about it
 */

/**
 * Where a marked element is used: by which operation or webhook, in which part of it.
 * @typedef {{ site: Site, role: string }} Use
 */

/**
 * One mark of the document.
 * @typedef {object} Assumption
 * @property {string} pointer JSON pointer of the marked element (`/components/schemas/ChatId`)
 * @property {string} text the mark: what was assumed, and why
 * @property {Json} node the marked element itself
 * @property {string} kind operation, webhook, request body, parameter, response, schema,
 *   field, example, header, security, tag or other
 * @property {string} what the element, in words (Markdown)
 * @property {Use[]} uses every operation and webhook that shows it, and where
 * @property {Json[]} hosts the elements whose description the reference shows it in: the
 *   element itself, and where Redoc shows another description in its place (a request or
 *   answer body shows its owner's, a parameter its own rather than its schema's…)
 * @property {string} section the heading of the Assumptions page it is listed under
 * @property {Array<{ url: string, title: string }>} check the Chert pages to check
 */

// Words for the parts of the page that are not a reference tag.
export const SHARED_SECTION = 'Across the API';
export const UNUSED_SECTION = 'Elsewhere in the document';

/** A JSON pointer part, escaped. */
const part = (/** @type {string} */ p) => p.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Every `x-chert-assumed` of the document, in document order.
 * @param {Json} document
 * @returns {Array<{ pointer: string, parts: string[], text: string, node: Json }>}
 */
export function findMarks(document) {
  /** @type {Array<{ pointer: string, parts: string[], text: string, node: Json }>} */
  const out = [];
  const visit = (/** @type {unknown} */ node, /** @type {string[]} */ at) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, [...at, String(i)]));
    const json = /** @type {Json} */ (node);
    if (Object.hasOwn(json, MARK)) {
      const text = json[MARK];
      if (typeof text !== 'string' || !text.trim()) throw new Error(`${MARK} at /${at.map(part).join('/')} is not a sentence: ${JSON.stringify(text)}`);
      out.push({ pointer: `/${at.map(part).join('/')}`, parts: at, text: text.trim(), node: json });
    }
    for (const [k, v] of Object.entries(json)) visit(v, [...at, k]);
  };
  visit(document, []);
  return out;
}

/**
 * Every operation and webhook, as a Site.
 * @param {Json} document
 * @returns {Array<Site & { pathItem: Json, operation: Json, at: string[] }>}
 */
export function sites(document) {
  return operationSites(document, { webhooks: true }).map(({ kind, key, method, pathItem, operation, at }, index) => {
    const where = kind === 'webhook' ? `webhook ${key}` : `${method.toUpperCase()} ${key}`;
    if (!operation.operationId) throw new Error(`${where} has no operationId, so the reference has no address for it.`);
    const tag = operation.tags?.[0];
    if (!tag) throw new Error(`${where} (${operation.operationId}) has no tag, so the reference would not show it.`);
    return {
      kind: /** @type {'path' | 'webhook'} */ (kind),
      index,
      operationId: operation.operationId,
      name: kind === 'webhook' ? key : `${method.toUpperCase()} ${key}`,
      summary: operation.summary ?? '',
      tag,
      route: routeOf(tag, operation.operationId),
      externalDocs: operation.externalDocs,
      pathItem,
      operation,
      at,
    };
  });
}

// The schema keywords whose values are schemas (or maps or lists of them) that Redoc shows.
const SUBSCHEMA = ['items', 'additionalProperties', 'not', 'contains', 'if', 'then', 'else', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties'];
const SUBSCHEMA_LISTS = ['oneOf', 'anyOf', 'prefixItems'];
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', 'dependentSchemas'];

/**
 * Which elements each operation and webhook shows, and where Redoc shows their description.
 * Walks the operations with the shared walker; inside a schema it follows the subschema
 * keywords, resolving `$ref`s with the walker's `deref`.
 * @param {Json} document
 * @param {ReturnType<typeof sites>} all
 */
function usage(document, all) {
  /** @type {Map<Json, Use[]>} */
  const uses = new Map();
  /** @type {Map<Json, Set<Json>>} */
  const shownIn = new Map();
  const record = (/** @type {Json} */ node, /** @type {Use} */ use, /** @type {Json | undefined} */ host) => {
    const list = uses.get(node) ?? [];
    if (!list.some((u) => u.site === use.site && u.role === use.role)) list.push(use);
    uses.set(node, list);
    if (host && host !== node) shownIn.set(node, (shownIn.get(node) ?? new Set()).add(host));
  };

  /**
   * @param {unknown} raw the schema as written where it is used (maybe a `$ref`)
   * @param {Use} use
   * @param {Json | undefined} host where Redoc shows this position's description, if not on
   *   the schema itself
   * @param {Set<Json>} path the schemas above this one (recursive schemas end here)
   */
  const visitSchema = (raw, use, host, path) => {
    if (!raw || typeof raw !== 'object' || path.has(/** @type {Json} */ (raw))) return;
    const written = /** @type {Json} */ (raw);
    const node = /** @type {Json} */ (deref(document, written));
    record(written, use, host);
    // A `$ref` with a description of its own shows that one, not the target's.
    const shown = host ?? (node !== written && typeof written.description === 'string' ? written : undefined);
    if (node !== written) record(node, use, shown);
    const below = new Set(path).add(written).add(node);
    // allOf is merged into one schema, shown with the description of this position.
    for (const member of node.allOf ?? []) visitSchema(member, use, shown ?? node, below);
    for (const key of SUBSCHEMA) if (node[key] && typeof node[key] === 'object') visitSchema(node[key], use, undefined, below);
    for (const key of SUBSCHEMA_LISTS) for (const s of node[key] ?? []) visitSchema(s, use, undefined, below);
    for (const key of SUBSCHEMA_MAPS) for (const s of Object.values(node[key] ?? {})) visitSchema(s, use, undefined, below);
  };

  for (const site of all) {
    const { pathItem, operation, at } = site;
    record(operation, { site, role: site.kind === 'webhook' ? 'webhook' : 'operation' }, undefined);
    for (const p of parameters(document, pathItem, operation)) {
      const use = { site, role: `${p.in === 'header' ? 'header' : `${p.in} parameter`} \`${p.name}\`` };
      record(p, use, undefined);
      visitSchema(p.schema, use, p, new Set());
    }
    // Every answer, a body or not (mediaTypes lists only those with content).
    for (const [status, raw] of Object.entries(operation.responses ?? {})) record(deref(document, raw), { site, role: `${status} answer` }, undefined);
    for (const m of mediaTypes(document, operation, at)) {
      const role = m.where === 'request' ? (site.kind === 'webhook' ? 'payload' : 'request body') : `${m.where} answer`;
      const use = { site, role };
      record(m.owner, use, undefined);
      // Redoc shows a body's own description, not its schema's.
      visitSchema(m.media.schema, use, m.owner, new Set());
      // The example names itself; where it is shown is the body's part.
      for (const ex of Object.values(examples(document, m.media))) record(ex, use, undefined);
      for (const [name, raw] of Object.entries(m.owner?.headers ?? {})) {
        const header = deref(document, raw);
        const headerUse = { site, role: `header \`${name}\` of the ${role}` };
        record(header, headerUse, undefined);
        visitSchema(header.schema, headerUse, header, new Set());
      }
    }
  }
  return { uses, shownIn };
}

/**
 * The marked element in words, from where it sits in the document.
 * @param {string[]} at pointer parts @param {Json} document @param {Json} node
 */
function whatIsIt(at, document, node) {
  const [section, a = '', b = '', c = '', ...rest] = at;
  if (section === 'paths' || section === 'webhooks') {
    const item = deref(document, document[section][a]);
    const op = item?.[b];
    const id = op?.operationId ?? `${b.toUpperCase()} ${a}`;
    const isWebhook = section === 'webhooks';
    // Named by the link the entry puts beside it.
    if (at.length === 3) return { kind: isWebhook ? 'webhook' : 'operation', what: isWebhook ? 'Webhook' : 'Operation' };
    if (c === 'requestBody' && rest.length === 0) return { kind: 'request body', what: isWebhook ? 'Payload' : 'Request body' };
    if (c === 'parameters' && rest.length === 1) {
      const p = deref(document, op.parameters[Number(rest[0])]);
      return { kind: 'parameter', what: `${p.in === 'header' ? 'Header' : `${capital(p.in)} parameter`} \`${p.name}\`` };
    }
    if (c === 'responses' && rest.length === 1) return { kind: 'response', what: `The ${rest[0]} answer` };
    const example = rest.indexOf('examples');
    if (example !== -1 && example === rest.length - 2) {
      const ex = deref(document, node);
      return { kind: 'example', what: ex.summary ? `Example “${ex.summary}” (\`${rest.at(-1)}\`)` : `Example \`${rest.at(-1)}\`` };
    }
    return { kind: 'other', what: `Part of \`${id}\` (\`/${at.map(part).join('/')}\`)` };
  }
  if (section === 'tags' && at.length === 2 && typeof node.name === 'string') {
    return { kind: 'tag', what: `The ${node.name} part of the reference` };
  }
  if (section === 'components') {
    const name = b;
    if (a === 'schemas') {
      if (!c) return { kind: 'schema', what: `Schema \`${name}\`` };
      const field = fieldPath([c, ...rest]);
      return field ? { kind: 'field', what: `Field \`${field}\` of \`${name}\`` } : { kind: 'schema', what: `Part of schema \`${name}\` (\`/${at.map(part).join('/')}\`)` };
    }
    if (!c) {
      if (a === 'examples') return { kind: 'example', what: node.summary ? `Example “${node.summary}” (\`${name}\`)` : `Example \`${name}\`` };
      if (a === 'responses') return { kind: 'response', what: `Answer \`${name}\`` };
      if (a === 'parameters') return { kind: 'parameter', what: `${node.in === 'header' ? 'Header' : `${capital(node.in ?? '')} parameter`} \`${node.name}\` (\`${name}\`)` };
      if (a === 'headers') return { kind: 'header', what: `Answer header \`${name}\`` };
      if (a === 'requestBodies') return { kind: 'request body', what: `Request body \`${name}\`` };
      if (a === 'securitySchemes') return { kind: 'security', what: `Security scheme \`${name}\`` };
    }
  }
  return { kind: 'other', what: `\`/${at.map(part).join('/')}\`` };
}

const capital = (/** @type {string} */ s) => s.charAt(0).toUpperCase() + s.slice(1);

/** `a.b[]` for a pointer below a schema; undefined when it does not end at a field. */
function fieldPath(/** @type {string[]} */ parts) {
  const names = [];
  let endsAtField = false;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    endsAtField = false;
    if (p === 'properties' && parts[i + 1] !== undefined) {
      names.push(parts[++i]);
      endsAtField = true;
    } else if (p === 'items') {
      if (names.length) names[names.length - 1] += '[]';
    } else if (p === 'allOf' || p === 'oneOf' || p === 'anyOf') {
      i++; // the branch's index
    } else {
      return undefined;
    }
  }
  return endsAtField ? names.join('.') : undefined;
}

/**
 * Every mark, placed: in words, with its uses, the elements that show it, its section of
 * the Assumptions page and the Chert pages to check. Fails when a mark has no Chert page to
 * check (an operation without `externalDocs`).
 * @param {Json} document the docs copy (the notes are later written into it)
 * @param {string[]} tagOrder the reference tags in sidebar order
 * @returns {Assumption[]}
 */
export function assumptions(document, tagOrder) {
  const all = sites(document);
  const { uses, shownIn } = usage(document, all);
  /** @type {string[]} */
  const problems = [];
  const out = findMarks(document).map(({ pointer, parts, text, node }) => {
    const { kind, what } = whatIsIt(parts, document, node);
    // A tag is shown by its own page of the reference, with the operations filed under it.
    const used = kind === 'tag' ? all.filter((s) => s.tag === node.name).map((site) => ({ site, role: 'tag' })) : (uses.get(node) ?? []);
    const tags = [...new Set(used.map((u) => u.site.tag))];
    const section = tags.length === 0 ? UNUSED_SECTION : tags.length === 1 ? /** @type {string} */ (tags[0]) : SHARED_SECTION;
    /** @type {Map<string, string>} */
    const check = new Map();
    for (const u of used) {
      const docs = u.site.externalDocs;
      if (docs?.url && !check.has(docs.url)) check.set(docs.url, pageTitle(docs));
    }
    const withoutDocs = [...new Set(used.filter((u) => !u.site.externalDocs?.url).map((u) => u.site.operationId))];
    if (used.length && check.size === 0) problems.push(`${pointer}: ${withoutDocs.join(', ')} link no Chert page (externalDocs) to check this assumption against`);
    return {
      pointer,
      text,
      node,
      kind,
      what,
      uses: used,
      hosts: [node, ...(shownIn.get(node) ?? [])],
      section,
      check: [...check].map(([url, title]) => ({ url, title })),
    };
  });
  if (problems.length) throw new Error(`Assumptions without a Chert page to check:\n- ${problems.join('\n- ')}`);
  const order = [...tagOrder, SHARED_SECTION, UNUSED_SECTION];
  const unknown = out.filter((a) => !order.includes(a.section));
  if (unknown.length) throw new Error(`Assumptions in tags the sidebar does not list: ${unknown.map((a) => `${a.pointer} (${a.section})`).join(', ')}`);
  return out;
}

/** `Chert docs, Sending` → `Sending`. @param {{ url: string, description?: string }} docs */
function pageTitle(docs) {
  const said = docs.description?.replace(/^Chert docs,\s*/i, '').trim();
  return said || docs.url.replace(/^https?:\/\//, '');
}

/** Text that Markdown shows as written. */
export const markdownText = (/** @type {string} */ s) => s.replace(/[\\`*_[\]<>|{}]/g, (c) => `\\${c}`);

/** Text that HTML shows as written. */
export const htmlText = (/** @type {string} */ s) =>
  s.replace(/[&<>"']/g, (c) => /** @type {Record<string, string>} */ ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The mark as a sentence. */
const sentence = (/** @type {string} */ text) => (/[.!?]$/.test(text) ? text : `${text}.`);

const siteLink = (/** @type {Site} */ s) => `[\`${s.kind === 'webhook' ? s.name : s.operationId}\`](${s.route})`;

/** The parts of an operation, in words: `request body and 200 answer`, `400, 404 and 502 answers`. */
function partsText(/** @type {string[]} */ roles) {
  const statuses = roles.map((r) => /^(\d{3}|default) answer$/.exec(r)?.[1]).filter((x) => x !== undefined);
  const others = roles.filter((r) => !/^(\d{3}|default) answer$/.test(r));
  const answers = statuses.length ? [`${listed(/** @type {string[]} */ (statuses))} answer${statuses.length > 1 ? 's' : ''}`] : [];
  return listed([...others, ...answers]);
}

/**
 * The entry's first line: the element in words and where it is used, in Markdown:
 * `**Field `effect` of `SendMessageRequest`**, in the request body of [`sendMessage`](…)`.
 * @param {Assumption} a
 */
function placeLine(a) {
  if (a.kind === 'tag') return `**${a.what}** ([${markdownText(a.section)}](#/${slug(a.section)}))`;
  const own = a.uses.find((u) => u.role === 'operation' || u.role === 'webhook');
  if (own) return `**${a.what} ${siteLink(own.site)}**: ${markdownText(own.site.summary)}`;
  // A part of one operation (its request body, a parameter, an answer) names its role itself.
  const part = /^\/(paths|webhooks)\//.test(a.pointer) ? a.uses[0]?.site : undefined;
  if (part && a.kind !== 'other') return `**${a.what}** of ${siteLink(part)}`;
  /** @type {Map<Site, string[]>} */
  const bySite = new Map();
  for (const u of a.uses) bySite.set(u.site, [...(bySite.get(u.site) ?? []), u.role]);
  const entries = [...bySite];
  if (entries.length === 0) return `**${a.what}**, shown by no operation or webhook`;
  const kinds = new Set(entries.map(([s]) => s.kind));
  const noun = kinds.size === 2 ? 'operations and webhooks' : kinds.has('webhook') ? 'webhooks' : 'operations';
  const many = (/** @type {string} */ links) => `${entries.length} ${noun}: ${links}`;
  const plain = entries.map(([site]) => siteLink(site)).join(', ');

  // A shared answer is named by its status: "The 400 answer (`InvalidQuery`)".
  const component = /^\/components\/responses\/([^/]+)$/.exec(a.pointer)?.[1];
  if (component) {
    const statuses = [...new Set(a.uses.map((u) => u.role.replace(/ answer$/, '')))];
    const what = `The ${listed(statuses)} answer${statuses.length > 1 ? 's' : ''} (\`${component}\`)`;
    return entries.length === 1 ? `**${what}** of ${plain}` : `**${what}** of ${many(plain)}`;
  }
  if (entries.length === 1) return `**${a.what}**, in the ${partsText(/** @type {string[]} */ (entries[0]?.[1]))} of ${plain}`;
  const roles = entries.map(([, r]) => partsText(r));
  if (roles.every((r) => r === roles[0])) return `**${a.what}**, in the ${roles[0]} of ${many(plain)}`;
  // The parts each one uses, while the line stays short.
  return `**${a.what}**, used by ${many(entries.length <= 4 ? entries.map(([site, r]) => `${siteLink(site)} (${partsText(r)})`).join(', ') : plain)}`;
}

/**
 * The Assumptions page's list, one section per reference tag (in sidebar order), then the
 * marks shared by several tags, then any used by none. Each entry is a block the browser
 * test can find by its pointer (`data-pointer`).
 * @param {Assumption[]} list @param {string[]} tagOrder
 */
export function assumptionsMarkdown(list, tagOrder) {
  const out = [];
  for (const section of [...tagOrder, SHARED_SECTION, UNUSED_SECTION]) {
    const here = inReadingOrder(list.filter((a) => a.section === section));
    if (!here.length) continue;
    out.push(`## ${section}`, '');
    for (const a of here) {
      const check = a.check.length ? a.check.map((c) => `[${markdownText(c.title)}](${c.url})`).join(', ') : 'no page linked';
      out.push(
        `<div class="chert-assumption" data-pointer="${htmlText(a.pointer)}">`,
        '',
        placeLine(a),
        '',
        markdownText(sentence(a.text)),
        '',
        `Check on Chert: ${check}`,
        '',
        '</div>',
        '',
      );
    }
  }
  return out.join('\n').trim();
}

// Within a section: by the first operation that shows the element, then from the operation
// itself down to its examples.
const KIND_ORDER = ['tag', 'operation', 'webhook', 'parameter', 'request body', 'schema', 'field', 'response', 'header', 'example', 'security', 'other'];

/** @param {Assumption[]} list */
function inReadingOrder(list) {
  const first = (/** @type {Assumption} */ a) => Math.min(...a.uses.map((u) => u.site.index), Infinity);
  return list
    .map((a, i) => ({ a, i }))
    .sort((x, y) => first(x.a) - first(y.a) || KIND_ORDER.indexOf(x.a.kind) - KIND_ORDER.indexOf(y.a.kind) || x.i - y.i)
    .map(({ a }) => a);
}

/** The Assumptions page section an entry is listed under, as an in-page address. */
export const sectionRoute = (/** @type {string} */ guide, /** @type {Assumption} */ a) => `#/${slug(guide)}/${slug(a.section)}`;

/**
 * Appends the "Assumed" note of every mark to the description of each element that shows
 * it (in place, in the docs copy only): a block Redoc renders as written, styled by
 * page-style.mjs, linking to the entry's section of the Assumptions page.
 * @param {Assumption[]} list @param {string} guide the Assumptions page's tag name
 * @param {Json} document the docs copy, for a `$ref` host's target
 */
export function addNotes(list, guide, document) {
  /** @type {Map<Json, string[]>} */
  const notes = new Map();
  for (const a of list) {
    const note =
      `<div class="chert-assumed" data-pointer="${htmlText(a.pointer)}"><strong>Assumed:</strong> ${htmlText(sentence(a.text))} ` +
      `<a href="${sectionRoute(guide, a)}">Why, and what to check</a></div>`;
    for (const host of new Set(a.hosts)) notes.set(host, [...(notes.get(host) ?? []), note]);
  }
  for (const [host, add] of notes) {
    // A `$ref` that gains a description stops showing its target's: carry that one over.
    const own = typeof host.description === 'string' ? host.description : host.$ref ? deref(document, host).description ?? '' : '';
    host.description = [own.trimEnd(), ...add].filter(Boolean).join('\n\n');
  }
}
