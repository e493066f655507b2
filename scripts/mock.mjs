// `pnpm mock [flags]`: builds the mock, then runs its CLI in this same process.
import { buildFirst } from './build-first.mjs';

buildFirst('@chert/mock');
await import('../packages/mock/dist/cli.js');
