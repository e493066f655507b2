// Redocly plugin with the conventions of this document that no built-in rule checks, and
// the decorator that stamps the package version into the bundle (never edited by hand).
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

// Every request body and every response that has content carries named examples, so the
// docs show them and the mock can answer `Prefer: example=…`.
function OperationExamples() {
  return {
    Operation(operation, ctx) {
      const media = (content) => Object.entries(content ?? {});
      const body = resolved(ctx, operation.requestBody);
      for (const [type, m] of media(body?.content)) {
        if (!m.examples || Object.keys(m.examples).length === 0) {
          ctx.report({
            message: `Request body ${type} of ${operation.operationId} needs named examples.`,
            location: ctx.location.child(['requestBody']),
          });
        }
      }
      eachResponse(operation, ctx, (status, response, location) => {
        for (const [type, m] of media(response?.content)) {
          if (!m.examples || Object.keys(m.examples).length === 0) {
            ctx.report({ message: `Response ${status} (${type}) needs named examples.`, location });
          }
        }
      });
    },
  };
}

// Every 4xx/5xx response has a JSON body built on ErrorEnvelope: an error without a body
// reaches openapi-fetch users as `error === undefined`.
function ErrorResponseEnvelope() {
  const usesEnvelope = (ctx, schema, from, depth = 0) => {
    if (!schema || depth > 4) return false;
    if (schema.$ref) {
      if (/ErrorEnvelope(\.yaml)?$/.test(schema.$ref)) return true;
      const next = deref(ctx, schema, from);
      return usesEnvelope(ctx, next.node, next.from, depth + 1);
    }
    return (schema.allOf ?? []).some((s) => usesEnvelope(ctx, s, from, depth + 1));
  };
  return {
    Operation(operation, ctx) {
      eachResponse(operation, ctx, (status, response, location, from) => {
        if (!/^[45]/.test(status)) return;
        const schema = response?.content?.['application/json']?.schema;
        if (!usesEnvelope(ctx, schema, from)) {
          ctx.report({
            message: `Error response ${status} must have an application/json body built on ErrorEnvelope.`,
            location,
          });
        }
      });
    },
  };
}

// Every response, success included, declares the X-Trace-ID header.
function TraceIdHeader() {
  return {
    Operation(operation, ctx) {
      eachResponse(operation, ctx, (status, response, location) => {
        if (!response?.headers?.['X-Trace-ID']) {
          ctx.report({ message: `Response ${status} must declare the X-Trace-ID header.`, location });
        }
      });
    },
  };
}

// Tools downstream (client retries, docs) read x-idempotent; it must be stated, not implied.
function IdempotencyDeclared() {
  return {
    Operation(operation, ctx) {
      if (typeof operation['x-idempotent'] !== 'boolean') {
        ctx.report({
          message: `Operation ${operation.operationId} must declare x-idempotent: true or false.`,
          location: ctx.location.key(),
        });
      }
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
      },
    },
    decorators: {
      oas3: {
        'info-version-from-package': InfoVersionFromPackage,
      },
    },
  };
}
