import { defineConfig } from 'tsup';

export default defineConfig({
  // cli.ts is the bin (loaded by the committed shim bin/chert-mock.js); one build, so one
  // clean, and the ESM split lets the CLI load Prism only once it needs it.
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  // The shared walker is ESM only; bundled, so the CJS build needs no require(esm).
  noExternal: ['@chert/openapi/walk'],
  // import.meta.url locates the bundled document; the CJS build needs it shimmed.
  shims: true,
  sourcemap: false,
  target: 'es2022',
});
