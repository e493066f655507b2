import { defineConfig } from 'tsup';

export default defineConfig({
  // The bin only (loaded by the committed shim bin/chert.js); nothing is exported.
  entry: ['src/cli.ts'],
  format: ['esm'],
  clean: true,
  sourcemap: false,
  target: 'node20',
});
