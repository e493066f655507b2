import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { operations as operationsOf } from '@chert/openapi/walk';
import { buildOperation, type Operation } from './operation.js';
import { securityModel, type SecurityModel } from './security.js';
import type { Json } from './schema.js';

export interface LoadedDocument {
  /** Where the bundle was read from. */
  location: string;
  /** The bundle as written (every `$ref` internal). */
  raw: Json;
  /** Literal paths before templated ones, so `/chats/send-contact` never reads as a chat id. */
  operations: Operation[];
  security: SecurityModel;
  /** How many operations document each example name: the shared ones are the generic ones. */
  exampleUse: Map<string, number>;
  /** The port of the document's loopback server (`http://127.0.0.1:4010`), if it has one. */
  localPort: number | undefined;
}

export function bundledDocumentPath(): string {
  return createRequire(import.meta.url).resolve('@chert/openapi/openapi.json');
}

export async function loadDocument(location: string = bundledDocumentPath()): Promise<LoadedDocument> {
  const text = await readFile(location, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // A YAML bundle: the parser is loaded only for one.
    const { parse } = await import('yaml');
    try {
      raw = parse(text);
    } catch (error) {
      throw new Error(`${location} is neither JSON nor YAML: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  if (typeof raw !== 'object' || raw === null || !('openapi' in raw)) {
    throw new Error(`${location} is not an OpenAPI document (bundle one with: redocly bundle --output openapi.json)`);
  }
  return fromBundle(location, raw as Json);
}

export function fromBundle(location: string, raw: Json): LoadedDocument {
  const operations = operationsOf(raw).map((site) => buildOperation(raw, site));
  operations.sort((a, b) => paramCount(a) - paramCount(b));
  const exampleUse = new Map<string, number>();
  for (const op of operations) {
    const names = new Set([...op.responses.values()].flatMap((r) => r.exampleNames));
    for (const name of names) exampleUse.set(name, (exampleUse.get(name) ?? 0) + 1);
  }
  return { location, raw, operations, security: securityModel(raw), exampleUse, localPort: localPort(raw) };
}

/** The bundled document, read synchronously (for values exported at load time). */
export function bundledDocumentSync(): Json {
  return JSON.parse(readFileSync(bundledDocumentPath(), 'utf8')) as Json;
}

function paramCount(op: Operation): number {
  return op.segments.filter((s) => 'param' in s).length;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function localPort(doc: Json): number | undefined {
  for (const server of Array.isArray(doc.servers) ? doc.servers : []) {
    try {
      const url = new URL(String(server?.url));
      if (LOOPBACK.has(url.hostname) && url.port) return Number(url.port);
    } catch {
      // A templated or relative server URL says nothing about a local port.
    }
  }
  return undefined;
}
