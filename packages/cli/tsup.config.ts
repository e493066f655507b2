import { defineConfig } from 'tsup';

export default defineConfig({
  // index.ts is the library (run the command in-process, forward an event as Chert delivers
  // it); cli.ts is the bin, loaded by the committed shim bin/chert.js. One build, so one clean.
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  // import.meta.url finds package.json (the version); the CJS build needs it shimmed.
  shims: true,
  sourcemap: false,
  target: 'node20',
});
