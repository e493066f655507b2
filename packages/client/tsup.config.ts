import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // Two entries per export, one per HMAC backend; everything else is shared through chunks, in
  // CommonJS too, so that `@chert/client` and `@chert/client/webhooks` hold one ChertError class
  // (`instanceof` works across them). One set of declarations serves both backends
  // (package.json), so the docs are written once.
  entry: ['src/index.ts', 'src/index.node.ts', 'src/webhooks.ts', 'src/webhooks.node.ts'],
  format: ['esm', 'cjs'],
  splitting: true,
  dts: { entry: ['src/index.ts', 'src/webhooks.ts'] },
  clean: true,
  sourcemap: false,
  target: 'es2022',
  // Keep `node:crypto` as written: Deno and Bun resolve the prefixed name, and tests look for it.
  removeNodeProtocol: false,
  define: { __CHERT_VERSION__: JSON.stringify(version) },
});
