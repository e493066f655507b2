import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The bundled document, read independently of the mock, to say what each answer must be. */
const path = createRequire(import.meta.url).resolve('@chert/openapi/openapi.json');
export const document = JSON.parse(readFileSync(path, 'utf8')) as any;

export function exampleValue(name: string): any {
  const example = document.components.examples[name];
  if (!example) throw new Error(`no example ${name} in the document`);
  return example.value;
}

/** operationId → status → example names, in document order, resolving $refs one level. */
export function documentedOutcomes(): Array<{ operationId: string; path: string; code: number; examples: string[] }> {
  const out: Array<{ operationId: string; path: string; code: number; examples: string[] }> = [];
  for (const [path, item] of Object.entries<any>(document.paths)) {
    for (const op of Object.values<any>(item)) {
      if (!op?.operationId) continue;
      for (const [code, ref] of Object.entries<any>(op.responses)) {
        const response = ref.$ref ? document.components.responses[ref.$ref.split('/').pop()] : ref;
        const examples = Object.keys(response.content?.['application/json']?.examples ?? {});
        out.push({ operationId: op.operationId, path, code: Number(code), examples });
      }
    }
  }
  return out;
}
