import { createRequire } from 'node:module';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';

export type HttpOperation = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>[number];

/** What the document says one operation can answer: status code → example names, in document order. */
export interface OperationCatalog {
  id: string;
  method: string;
  /** The path template, e.g. `/api/v1/chats/{id}/send-contact`. */
  path: string;
  /** Whether the operation declares a request body at all. */
  takesBody: boolean;
  responses: Map<number, string[]>;
  match(pathname: string): boolean;
}

export interface LoadedDocument {
  /** Where the bundle was read from. */
  location: string;
  operations: HttpOperation[];
  catalog: OperationCatalog[];
}

/**
 * The server URL the router must see. Prism matches requests against the document's
 * `servers`, so we present every request as addressed to the local-mock server the
 * document declares, whatever address we actually listen on.
 */
export const DOCUMENT_BASE_URL = 'http://127.0.0.1:4010';

export function bundledDocumentPath(): string {
  return createRequire(import.meta.url).resolve('@chert/openapi/openapi.json');
}

export async function loadDocument(location: string = bundledDocumentPath()): Promise<LoadedDocument> {
  const operations = await getHttpOperationsFromSpec(location);
  const catalog = operations.map(toCatalog);
  // Literal paths first, so `/chats/send-contact` never reads as a chat id `send-contact`.
  catalog.sort((a, b) => countParams(a.path) - countParams(b.path));
  return { location, operations, catalog };
}

function countParams(path: string): number {
  return (path.match(/\{[^}]+\}/g) ?? []).length;
}

function toCatalog(op: HttpOperation): OperationCatalog {
  const responses = new Map<number, string[]>();
  for (const response of op.responses) {
    const code = Number(response.code);
    if (!Number.isInteger(code)) continue;
    const names: string[] = [];
    for (const content of response.contents ?? []) {
      for (const example of content.examples ?? []) {
        if (!names.includes(example.key)) names.push(example.key);
      }
    }
    responses.set(code, names);
  }
  const pattern = new RegExp(
    '^' +
      op.path
        .split(/(\{[^}]+\})/)
        .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('') +
      '$',
  );
  return {
    id: op.iid ?? `${op.method} ${op.path}`,
    method: op.method.toUpperCase(),
    path: op.path,
    takesBody: op.request?.body !== undefined,
    responses,
    match: (pathname) => pattern.test(pathname),
  };
}

/** The status code and example name the document gives for an example, if exactly one. */
export function findExample(op: OperationCatalog, name: string): number | undefined {
  for (const [code, names] of op.responses) if (names.includes(name)) return code;
  return undefined;
}

export function describeResponses(op: OperationCatalog): string {
  return [...op.responses]
    .map(([code, names]) => (names.length ? `${code} (${names.join(', ')})` : String(code)))
    .join('; ');
}
