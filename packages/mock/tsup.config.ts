import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    // import.meta.url locates the bundled document; the CJS build needs it shimmed.
    shims: true,
    sourcemap: false,
    target: 'es2022',
  },
  {
    // The bin: ESM only, loaded by the committed shim in bin/chert-mock.js.
    entry: ['src/cli.ts'],
    format: ['esm'],
    dts: false,
    clean: false,
    sourcemap: false,
    target: 'es2022',
  },
]);
