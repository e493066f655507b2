// Loads the bundled document once and offers the walks the tests share.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

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

const deref = (node: { $ref?: string } | undefined) => {
  if (!node?.$ref) return node;
  const parts = node.$ref.replace(/^#\//, '').split('/');
  return parts.reduce((n: any, p) => n[p.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
};

export type MediaSite = {
  operationId: string;
  where: string; // "request" or the HTTP status
  schemaPath: string[];
  examples: Record<string, { summary?: string; value: unknown }>;
  headers: Record<string, unknown>;
};

/** Every request body and response media type of every operation, examples dereferenced. */
export function mediaSites(): MediaSite[] {
  const sites: MediaSite[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!op?.operationId) continue;
      const base = ['paths', path, method];
      const push = (where: string, owner: any, ownerPath: string[]) => {
        for (const [type, media] of Object.entries<any>(owner?.content ?? {})) {
          const examples = Object.fromEntries(
            Object.entries<any>(media.examples ?? {}).map(([k, v]) => [k, deref(v)]),
          );
          sites.push({
            operationId: op.operationId,
            where,
            schemaPath: [...ownerPath, 'content', type, 'schema'],
            examples,
            headers: owner.headers ?? {},
          });
        }
      };
      if (op.requestBody) {
        const body = deref(op.requestBody);
        push('request', body, op.requestBody.$ref ? op.requestBody.$ref.slice(2).split('/') : [...base, 'requestBody']);
      }
      for (const [status, ref] of Object.entries<any>(op.responses)) {
        const ownerPath = ref.$ref ? ref.$ref.slice(2).split('/') : [...base, 'responses', status];
        push(status, deref(ref), ownerPath);
      }
    }
  }
  return sites;
}

export function operations(): Array<{ path: string; method: string; op: any }> {
  return Object.entries<any>(doc.paths).flatMap(([path, item]) =>
    Object.entries<any>(item)
      .filter(([, op]) => op?.operationId)
      .map(([method, op]) => ({ path, method, op })),
  );
}
