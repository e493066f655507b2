// Redocly plugin with the conventions of this document that no built-in rule checks, and
// the decorator that stamps the package version into the bundle (never edited by hand).
// Rules about what the client sends (x-idempotent, x-chert-sdk, the error envelope,
// X-Trace-ID) visit operations under `paths` only: a webhook is a request Chert sends to
// you, answered by your server.
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Follows a $ref relative to the file it was written in; returns the node and its file.
function deref(ctx, node, from = ctx.location.source.absoluteRef) {
  if (!node || !node.$ref) return { node, from };
  const { node: target, location } = ctx.resolve(node, from);
  return deref(ctx, target, location?.source.absoluteRef ?? from);
}

const resolved = (ctx, node) => deref(ctx, node).node;

function eachResponse(operation, ctx, visit) {
  for (const [status, ref] of Object.entries(operation.responses ?? {})) {
    const { node, from } = deref(ctx, ref);
    visit(status, node, ctx.location.child(['responses', status]), from);
  }
}

// A binary body (`format: binary`) has no example worth showing.
const isBinary = (ctx, media, from) => deref(ctx, media?.schema, from).node?.format === 'binary';

// Every request body and every response that has content carries named examples, so the
// docs show them and the mock can answer `Prefer: example=…`.
function OperationExamples() {
  return {
    Operation(operation, ctx) {
      const media = (content) => Object.entries(content ?? {});
      const { node: body, from: bodyFrom } = deref(ctx, operation.requestBody);
      for (const [type, m] of media(body?.content)) {
        if (isBinary(ctx, m, bodyFrom)) continue;
        if (!m.examples || Object.keys(m.examples).length === 0) {
          ctx.report({
            message: `Request body ${type} of ${operation.operationId} needs named examples.`,
            location: ctx.location.child(['requestBody']),
          });
        }
      }
      eachResponse(operation, ctx, (status, response, location, from) => {
        for (const [type, m] of media(response?.content)) {
          if (isBinary(ctx, m, from)) continue;
          if (!m.examples || Object.keys(m.examples).length === 0) {
            ctx.report({ message: `Response ${status} (${type}) needs named examples.`, location });
          }
        }
      });
    },
  };
}

// Every 4xx/5xx response has a JSON body built on ErrorEnvelope: an error without a body
// reaches openapi-fetch users as `error === undefined`. A route that keeps its own legacy
// error shape names it in the rule's `legacy` option; a `oneOf` is fine when each branch is
// one of the two.
function ErrorResponseEnvelope({ legacy = [] } = {}) {
  const names = ['ErrorEnvelope', ...legacy];
  const named = (ref) => names.some((n) => new RegExp(`(^|/)${n}(\\.yaml)?$`).test(ref));
  const usesEnvelope = (ctx, schema, from, depth = 0) => {
    if (!schema || depth > 4) return false;
    if (schema.$ref) {
      if (named(schema.$ref)) return true;
      const next = deref(ctx, schema, from);
      return usesEnvelope(ctx, next.node, next.from, depth + 1);
    }
    if ((schema.allOf ?? []).some((s) => usesEnvelope(ctx, s, from, depth + 1))) return true;
    const branches = schema.oneOf ?? schema.anyOf ?? [];
    return branches.length > 0 && branches.every((s) => usesEnvelope(ctx, s, from, depth + 1));
  };
  return {
    Paths: {
      Operation(operation, ctx) {
        eachResponse(operation, ctx, (status, response, location, from) => {
          if (!/^[45]/.test(status)) return;
          const schema = response?.content?.['application/json']?.schema;
          if (!usesEnvelope(ctx, schema, from)) {
            ctx.report({
              message: `Error response ${status} must have an application/json body built on ${names.join(' or ')}.`,
              location,
            });
          }
        });
      },
    },
  };
}

// Every response of the API, success included, declares the X-Trace-ID header.
function TraceIdHeader() {
  return {
    Paths: {
      Operation(operation, ctx) {
        eachResponse(operation, ctx, (status, response, location) => {
          if (!response?.headers?.['X-Trace-ID']) {
            ctx.report({ message: `Response ${status} must declare the X-Trace-ID header.`, location });
          }
        });
      },
    },
  };
}

// Tools downstream (client retries, docs) read x-idempotent; it must be stated, not implied.
function IdempotencyDeclared() {
  return {
    Paths: {
      Operation(operation, ctx) {
        if (typeof operation['x-idempotent'] !== 'boolean') {
          ctx.report({
            message: `Operation ${operation.operationId} must declare x-idempotent: true or false.`,
            location: ctx.location.key(),
          });
        }
      },
    },
  };
}

// x-chert-assumed says, in one line, what the document assumed where Chert's pages are
// silent or unsure; the docs list every one, so each must read as one short sentence.
const ASSUMED_MAX = 140;
function AssumedWellFormed() {
  return {
    any(node, ctx) {
      if (!node || typeof node !== 'object' || !Object.hasOwn(node, 'x-chert-assumed')) return;
      const value = node['x-chert-assumed'];
      const location = ctx.location.child(['x-chert-assumed']);
      const problem =
        typeof value !== 'string' ? 'must be a string'
        : value.trim() === '' ? 'must not be empty'
        : /[\r\n]/.test(value) ? 'must be one line'
        : value !== value.trim() ? 'must not start or end with spaces'
        : /[.…;,:]$/.test(value) ? 'must not end with punctuation'
        : value.length > ASSUMED_MAX ? `must be at most ${ASSUMED_MAX} characters (is ${value.length})`
        : null;
      if (problem) ctx.report({ message: `x-chert-assumed ${problem}.`, location });
    },
  };
}

// x-chert-sdk: { resource, method[, form] } on every operation. resource.method is unique,
// except for operations the client serves through one hand-written method, which share it
// and tell themselves apart by `form` (the recipient key that picks the operation).
const SEGMENT = /^[a-z][A-Za-z0-9]*$/;
function SdkMethod() {
  const byMethod = new Map();
  return {
    Paths: {
      Operation(operation, ctx) {
        const sdk = operation['x-chert-sdk'];
        const location = ctx.location.child(['x-chert-sdk']);
        const fail = (message) => ctx.report({ message: `${operation.operationId}: x-chert-sdk ${message}`, location });
        if (sdk === undefined) return fail('is missing: say where the client puts this operation.');
        if (!sdk || typeof sdk !== 'object' || Array.isArray(sdk)) return fail('must be an object { resource, method }.');
        const extra = Object.keys(sdk).filter((k) => !['resource', 'method', 'form'].includes(k));
        if (extra.length) return fail(`has unknown keys: ${extra.join(', ')}.`);
        if (typeof sdk.resource !== 'string' || !sdk.resource.split('.').every((s) => SEGMENT.test(s))) {
          return fail('resource must be dotted lowerCamel names, e.g. chats.participants.');
        }
        if (typeof sdk.method !== 'string' || !SEGMENT.test(sdk.method)) return fail('method must be a lowerCamel name.');
        if (sdk.form !== undefined && (typeof sdk.form !== 'string' || !SEGMENT.test(sdk.form))) {
          return fail('form must be a lowerCamel name (the recipient key that picks this operation).');
        }
        const key = `${sdk.resource}.${sdk.method}`;
        byMethod.set(key, [...(byMethod.get(key) ?? []), { id: operation.operationId, form: sdk.form, location }]);
      },
    },
    Root: {
      leave(_root, ctx) {
        for (const [key, ops] of byMethod) {
          const ids = ops.map((o) => o.id).join(', ');
          if (ops.length === 1) {
            if (ops[0].form !== undefined) {
              ctx.report({ message: `${ops[0].id}: x-chert-sdk form is only for operations that share ${key}.`, location: ops[0].location });
            }
            continue;
          }
          const forms = ops.map((o) => o.form);
          if (forms.some((f) => f === undefined) || new Set(forms).size !== forms.length) {
            for (const o of ops) {
              ctx.report({ message: `${key} is claimed by ${ids}: give each a distinct x-chert-sdk form, or a method of its own.`, location: o.location });
            }
          }
        }
      },
    },
  };
}

// x-chert-idempotency-key is a JSON pointer into the request body to the idempotency_key
// property, and an operation whose body has one (at the top or one object down) declares it.
const KEY = 'idempotency_key';
function propertiesOf(ctx, schema, from, depth = 0) {
  const { node, from: at } = deref(ctx, schema, from);
  if (!node || typeof node !== 'object' || depth > 8) return [];
  const own = Object.entries(node.properties ?? {}).map(([name, sub]) => ({ name, sub, from: at }));
  const composed = ['allOf', 'oneOf', 'anyOf'].flatMap((k) => (node[k] ?? []).flatMap((s) => propertiesOf(ctx, s, at, depth + 1)));
  return [...own, ...composed];
}
function pointersToKey(ctx, schema, from, prefix = '', depth = 0) {
  if (depth > 1) return [];
  return propertiesOf(ctx, schema, from).flatMap(({ name, sub, from: at }) =>
    name === KEY ? [`${prefix}/${name}`] : pointersToKey(ctx, sub, at, `${prefix}/${name}`, depth + 1));
}
function hasPointer(ctx, schema, from, parts) {
  if (parts.length === 0) return true;
  const [head, ...rest] = parts;
  return propertiesOf(ctx, schema, from).some(({ name, sub, from: at }) => name === head && hasPointer(ctx, sub, at, rest));
}
function IdempotencyKeyPointer() {
  return {
    Paths: {
      Operation(operation, ctx) {
        const declared = operation['x-chert-idempotency-key'];
        const { node: body, from } = deref(ctx, operation.requestBody);
        const media = body?.content?.['application/json'];
        const found = media ? [...new Set(pointersToKey(ctx, media.schema, from))] : [];
        const location = ctx.location.child(['x-chert-idempotency-key']);
        if (declared === undefined) {
          if (found.length) {
            ctx.report({ message: `${operation.operationId}: the body has ${found.join(', ')}; declare it as x-chert-idempotency-key.`, location: ctx.location.key() });
          }
          return;
        }
        if (typeof declared !== 'string' || !/^(\/[^/]+)+$/.test(declared)) {
          ctx.report({ message: `${operation.operationId}: x-chert-idempotency-key must be a JSON pointer such as /message/idempotency_key.`, location });
          return;
        }
        const parts = declared.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
        if (!media || !hasPointer(ctx, media.schema, from, parts)) {
          ctx.report({ message: `${operation.operationId}: x-chert-idempotency-key ${declared} names no property of the JSON request body.`, location });
        }
      },
    },
  };
}

// paths-kebab-case, for `paths` only: webhook names are Chert's event types (`lead_reply`).
function PathsKebabCase() {
  return {
    Paths: {
      PathItem(_item, { report, key }) {
        const segments = String(key).split('/').filter((s) => s !== '');
        if (!segments.every((s) => /^\{.+\}$/.test(s) || /^[a-z0-9.-]+$/.test(s))) {
          report({ message: `\`${key}\` does not use kebab-case.`, location: { reportOnKey: true } });
        }
      },
    },
  };
}

function InfoVersionFromPackage() {
  return {
    Info: {
      leave(info) {
        info.version = version;
      },
    },
  };
}

export default function chertPlugin() {
  return {
    id: 'chert',
    rules: {
      oas3: {
        'operation-examples': OperationExamples,
        'error-response-envelope': ErrorResponseEnvelope,
        'trace-id-header': TraceIdHeader,
        'idempotency-declared': IdempotencyDeclared,
        'assumed-well-formed': AssumedWellFormed,
        'sdk-method': SdkMethod,
        'idempotency-key-pointer': IdempotencyKeyPointer,
        'paths-kebab-case': PathsKebabCase,
      },
    },
    decorators: {
      oas3: {
        'info-version-from-package': InfoVersionFromPackage,
      },
    },
  };
}
