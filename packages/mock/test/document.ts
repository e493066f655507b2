import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deref, examples, mediaTypes, operations, parameters } from '@chert/openapi/walk';

/** The bundled document, read independently of the mock, to say what each answer must be. */
const path = createRequire(import.meta.url).resolve('@chert/openapi/openapi.json');
export const document = JSON.parse(readFileSync(path, 'utf8')) as any;

export function exampleValue(name: string): any {
  const example = document.components.examples[name];
  if (!example) throw new Error(`no example ${name} in the document`);
  return example.value;
}

/** operationId → status → example names (of every media type), in document order. */
export function documentedOutcomes(): Array<{ operationId: string; path: string; code: number; examples: string[] }> {
  const out: Array<{ operationId: string; path: string; code: number; examples: string[] }> = [];
  for (const { key, operation, at } of operations(document)) {
    const byStatus = new Map<number, string[]>(Object.keys(operation.responses).map((code) => [Number(code), []]));
    for (const site of mediaTypes(document, operation, at)) {
      if (site.where === 'request') continue;
      byStatus.get(Number(site.where))!.push(...Object.keys(site.media.examples ?? {}));
    }
    for (const [code, names] of byStatus) out.push({ operationId: operation.operationId, path: key, code, examples: names });
  }
  return out;
}

export interface DocumentedRequest {
  method: string;
  /** The path with the parameters' examples, and the required query parameters' examples. */
  path: string;
  /** The first named request example (a JSON value, or the text of a raw body). */
  body?: unknown;
  contentType?: string;
}

const exampleOf = (param: any) => param.example ?? deref(document, param.schema)?.examples?.[0];

/**
 * A request the operation accepts, built from the document's own examples: the required
 * query parameters, or with `allQuery` every one that has an example except the pagination
 * cursor (what the docs' samples send).
 */
export function documentedRequest(operationId: string, { allQuery = false } = {}): DocumentedRequest {
  const site = operations(document).find((o) => o.operation.operationId === operationId);
  if (!site) throw new Error(`no operation ${operationId} in the document`);
  const params = parameters(document, site.pathItem, site.operation);
  const path = site.key.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = exampleOf(params.find((p) => p.in === 'path' && p.name === name));
    if (value === undefined) throw new Error(`${operationId}: no example for path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const cursor = site.operation['x-chert-pagination']?.cursor;
  const query = params
    .filter((p) => p.in === 'query' && (p.required || (allQuery && p.name !== cursor && exampleOf(p) !== undefined)))
    .map((p) => `${p.name}=${encodeURIComponent(String(exampleOf(p)))}`)
    .join('&');
  const request: DocumentedRequest = { method: site.method.toUpperCase(), path: query ? `${path}?${query}` : path };
  const body = mediaTypes(document, site.operation, site.at).find((m) => m.where === 'request' && m.media.examples);
  if (body) {
    request.body = Object.values(examples(document, body.media))[0]?.value;
    request.contentType = body.type;
  }
  return request;
}
