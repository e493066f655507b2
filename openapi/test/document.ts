// Loads the bundled document once and offers the walks the tests share, through the shared
// walker (@chert/openapi/walk) rather than a $ref walker of its own.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { deref, examples, mediaTypes, operations as walkOperations, parameters } from '@chert/openapi/walk';

export const bundlePath = new URL('../dist/openapi.json', import.meta.url);
export const doc: any = JSON.parse(readFileSync(bundlePath, 'utf8'));

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(doc, 'doc');

const pointer = (parts: string[]) =>
  'doc#/' + parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** A validator for the schema found at the given path inside the document. */
export function validatorAt(...parts: string[]) {
  return ajv.compile({ $ref: pointer(parts) });
}

export { deref, parameters };

export type MediaSite = {
  operationId: string;
  kind: 'path' | 'webhook';
  where: string; // "request" or the HTTP status
  type: string; // the media type
  schemaPath: string[];
  examples: Record<string, { summary?: string; value: unknown; [k: string]: unknown }>;
  headers: Record<string, unknown>;
};

/** Every request body and response media type of every operation (webhooks too), examples dereferenced. */
export function mediaSites(): MediaSite[] {
  return walkOperations(doc, { webhooks: true }).flatMap(({ kind, operation, at }) =>
    mediaTypes(doc, operation, at).map((site) => ({
      operationId: operation.operationId,
      kind,
      where: site.where,
      type: site.type,
      schemaPath: [...site.at, 'schema'],
      examples: examples(doc, site.media) as MediaSite['examples'],
      headers: site.owner.headers ?? {},
    })),
  );
}

/** The operations of `paths`, in document order. */
export function operations(): Array<{ path: string; method: string; op: any; pathItem: any }> {
  return walkOperations(doc).map(({ key, method, operation, pathItem }) => ({ path: key, method, op: operation, pathItem }));
}

/** The operations of `webhooks`, in document order. */
export function webhookOperations(): Array<{ name: string; method: string; op: any }> {
  return walkOperations(doc, { webhooks: true })
    .filter((o) => o.kind === 'webhook')
    .map(({ key, method, operation }) => ({ name: key, method, op: operation }));
}
