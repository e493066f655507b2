// `pnpm docs [--port N]`: builds the docs site, then serves it in this same process.
import { fileURLToPath } from 'node:url';
import { buildFirst } from './build-first.mjs';

buildFirst('@chert/docs');
// serve.mjs runs its CLI when it is the entry script; make it the entry script.
const serve = new URL('../apps/docs/scripts/serve.mjs', import.meta.url);
process.argv[1] = fileURLToPath(serve);
await import(serve.href);
