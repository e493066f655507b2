import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // Two entries, one per HMAC backend; ESM shares everything else through a chunk. One set
  // of declarations serves both (package.json), so the docs are written once.
  entry: ['src/index.ts', 'src/index.node.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: false,
  target: 'es2022',
  // Keep `node:crypto` as written: Deno and Bun resolve the prefixed name, and tests look for it.
  removeNodeProtocol: false,
  define: { __CHERT_VERSION__: JSON.stringify(version) },
});
