// The one walker of a bundled OpenAPI document (every $ref internal, `#/…`): following
// references and listing operations, shared by the document's tests, the breaking-change
// check, the types generator, the mock and the docs build. Published as `@chert/openapi/walk`.

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The node a JSON pointer reference (`#/components/schemas/Chat`) names in `doc`; throws if none. */
export function pointer(doc, ref) {
  if (typeof ref !== 'string' || !ref.startsWith('#')) {
    throw new Error(`Cannot follow the $ref "${ref}": only references inside the bundle are supported.`);
  }
  let node = doc;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) {
      throw new Error(`The $ref "${ref}" points at nothing.`);
    }
    node = node[part];
  }
  return node;
}

/** Follows a chain of $refs (an OpenAPI object such as a response or parameter). */
export function deref(doc, node) {
  const seen = new Set();
  while (node !== null && typeof node === 'object' && typeof node.$ref === 'string') {
    if (seen.has(node.$ref)) throw new Error(`The $ref "${node.$ref}" refers to itself.`);
    seen.add(node.$ref);
    node = pointer(doc, node.$ref);
  }
  return node;
}

/** The JSON pointer parts where `node` was found: the $ref's target if it is one, else `at`. */
export function locate(node, at) {
  if (node && typeof node.$ref === 'string') {
    return node.$ref.slice(2).split('/').map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
  }
  return at;
}

/**
 * Every operation of `paths` (and of `webhooks` with `{ webhooks: true }`), in document order:
 * `{ kind, key, method, pathItem, operation, at }`, `key` being the path or the webhook name,
 * `method` lower case, `at` the pointer parts of the operation in `doc`.
 */
export function operations(doc, { webhooks = false } = {}) {
  const out = [];
  const sections = webhooks ? [['paths', 'path'], ['webhooks', 'webhook']] : [['paths', 'path']];
  for (const [section, kind] of sections) {
    for (const [key, rawItem] of Object.entries(doc[section] ?? {})) {
      const pathItem = deref(doc, rawItem);
      const base = locate(rawItem, [section, key]);
      for (const method of HTTP_METHODS) {
        const operation = pathItem?.[method];
        if (operation) out.push({ kind, key, method, pathItem, operation, at: [...base, method] });
      }
    }
  }
  return out;
}

/** The operation's parameters, path-item ones overridden by the operation's, dereferenced. */
export function parameters(doc, pathItem, operation) {
  const out = new Map();
  for (const raw of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
    const p = deref(doc, raw);
    out.set(`${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`, p);
  }
  return [...out.values()];
}

/**
 * Every media type of an operation's request body and responses, dereferenced:
 * `{ where: 'request' | <status>, type, media, owner, at }`, `owner` the request body or
 * response object (its `headers`, `description`), `at` the pointer parts of `media.schema`'s
 * parent (the media type object) in `doc`.
 */
export function mediaTypes(doc, operation, at) {
  const out = [];
  const push = (where, raw, ownerAt) => {
    const owner = deref(doc, raw);
    const base = locate(raw, ownerAt);
    for (const [type, media] of Object.entries(owner?.content ?? {})) {
      out.push({ where, type, media, owner, at: [...base, 'content', type] });
    }
  };
  if (operation.requestBody) push('request', operation.requestBody, [...at, 'requestBody']);
  for (const [status, raw] of Object.entries(operation.responses ?? {})) push(status, raw, [...at, 'responses', status]);
  return out;
}

/** A media type's named examples as `{ name: { summary, value, … } }`, dereferenced. */
export function examples(doc, media) {
  return Object.fromEntries(Object.entries(media?.examples ?? {}).map(([name, ex]) => [name, deref(doc, ex)]));
}
