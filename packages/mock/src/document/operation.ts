/**
 * What the mock needs to know about one operation, read from the bundle with the shared
 * walker: its route, parameters, request media types, security, and every documented answer
 * (status → media types → named examples, each with the Chert `error.code` it carries).
 */
import { deref, examples as examplesOf, mediaTypes, parameters as parametersOf, type OperationSite } from '@chert/openapi/walk';
import { parseMediaType, type MediaKind, mediaKind } from '../http/media-type.js';
import { isObject, type Json } from './schema.js';

export interface RequestMedia {
  /** As written in the document, e.g. `application/json` or `image/*`. */
  type: string;
  /** Lower-case `type/subtype` without parameters. */
  essence: string;
  kind: MediaKind;
  schema: unknown;
}

export interface DocumentedExample {
  name: string;
  value: unknown;
  /** `error.code` of an error example. */
  code?: number;
}

export interface DocumentedResponse {
  status: number;
  node: Json;
  /** Media type → its examples, in document order. */
  media: Map<string, DocumentedExample[]>;
  /** Every example name under this status, in document order, without duplicates. */
  exampleNames: string[];
}

export type Segment = { literal: string } | { param: string };

export interface Operation {
  id: string;
  /** Upper case: `POST`. */
  method: string;
  /** The path template, e.g. `/api/v1/chats/{id}/send-contact`. */
  path: string;
  segments: Segment[];
  site: OperationSite;
  /** Dereferenced parameter objects. */
  parameters: Json[];
  requestBody?: { node: Json; required: boolean; media: RequestMedia[] };
  /** Security requirements in force (the operation's, else the document's). */
  security: Json[];
  responses: Map<number, DocumentedResponse>;
}

export function buildOperation(doc: Json, site: OperationSite): Operation {
  const { operation, pathItem, key, method, at } = site;
  const responses = new Map<number, DocumentedResponse>();
  let request: Operation['requestBody'];
  for (const media of mediaTypes(doc, operation, at)) {
    if (media.where === 'request') {
      const parsed = parseMediaType(media.type);
      const essence = parsed && 'essence' in parsed ? parsed.essence : media.type.toLowerCase();
      request ??= { node: media.owner, required: media.owner.required === true, media: [] };
      request.media.push({ type: media.type, essence, kind: mediaKind(essence), schema: media.media.schema });
      continue;
    }
    const status = Number(media.where);
    if (!Number.isInteger(status)) continue;
    const response = responseAt(responses, status, media.owner);
    const named = Object.entries(examplesOf(doc, media.media)).map(([name, ex]) => {
      const value = ex.value;
      const code = isObject(value) && isObject(value.error) ? value.error.code : undefined;
      return { name, value, ...(Number.isInteger(code) ? { code: code as number } : {}) };
    });
    response.media.set(media.type, named);
    for (const ex of named) if (!response.exampleNames.includes(ex.name)) response.exampleNames.push(ex.name);
  }
  if (!request && operation.requestBody) {
    const owner = deref(doc, operation.requestBody);
    request = { node: owner, required: owner.required === true, media: [] };
  }
  // Responses without content (204) still answer.
  for (const [code, raw] of Object.entries(operation.responses ?? {})) {
    const status = Number(code);
    if (Number.isInteger(status)) responseAt(responses, status, deref(doc, raw));
  }
  return {
    id: typeof operation.operationId === 'string' ? operation.operationId : `${method.toUpperCase()} ${key}`,
    method: method.toUpperCase(),
    path: key,
    segments: key
      .split('/')
      .slice(1)
      .map((part) => (/^\{[^}]+\}$/.test(part) ? { param: part.slice(1, -1) } : { literal: part })),
    site,
    parameters: parametersOf(doc, pathItem, operation),
    ...(request ? { requestBody: request } : {}),
    security: Array.isArray(operation.security) ? operation.security : Array.isArray(doc.security) ? doc.security : [],
    responses: new Map([...responses].sort(([a], [b]) => a - b)),
  };
}

function responseAt(responses: Map<number, DocumentedResponse>, status: number, node: Json): DocumentedResponse {
  let response = responses.get(status);
  if (!response) {
    response = { status, node, media: new Map(), exampleNames: [] };
    responses.set(status, response);
  }
  return response;
}

/** The lowest documented 2xx status: what a valid request gets. */
export function successStatus(op: Operation): number | undefined {
  return [...op.responses.keys()].find((s) => s >= 200 && s < 300);
}

/** Whether any response of `op` documents an example carrying the Chert `code`. */
export function documentsCode(op: Operation, code: number): boolean {
  return [...op.responses.values()].some((r) => carriesCode(r, code));
}

/** Whether one of `response`'s examples carries the Chert `code`. */
export function carriesCode(response: DocumentedResponse, code: number): boolean {
  return [...response.media.values()].some((examples) => examples.some((ex) => ex.code === code));
}

export function findExample(op: Operation, name: string): number | undefined {
  for (const [status, r] of op.responses) if (r.exampleNames.includes(name)) return status;
  return undefined;
}

export function describeResponses(op: Operation): string {
  return [...op.responses.values()]
    .map((r) => (r.exampleNames.length ? `${r.status} (${r.exampleNames.join(', ')})` : String(r.status)))
    .join('; ');
}

export function availableExamples(op: Operation): Record<string, string[]> {
  return Object.fromEntries([...op.responses.values()].map((r) => [String(r.status), r.exampleNames]));
}
