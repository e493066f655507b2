// `pnpm dev`: the main job. Starts the local sandbox (http://127.0.0.1:4010), seeded with the
// document's examples so every sample of the docs runs against it as written, and the docs
// site (http://127.0.0.1:8080) side by side, prints both URLs, and stops both on Ctrl-C.
import { buildFirst } from './build-first.mjs';

buildFirst('@chert/mock', '@chert/docs');
const { startMock } = await import('../packages/mock/dist/index.js');
const { serveDocs } = await import('../apps/docs/scripts/serve.mjs');

const host = process.env.CHERT_HOST ?? '127.0.0.1';
const mockPort = Number(process.env.CHERT_MOCK_PORT ?? 4010);
const docsPort = Number(process.env.CHERT_DOCS_PORT ?? 8080);

function fail(what, port, error) {
  const reason = error?.code === 'EADDRINUSE' ? `port ${port} is already in use` : (error?.message ?? String(error));
  const env = what === 'mock' ? 'CHERT_MOCK_PORT' : 'CHERT_DOCS_PORT';
  console.error(`chert dev: cannot start the ${what}: ${reason} (set ${env} to use another port).`);
  process.exit(1);
}

const mock = await startMock({
  port: mockPort,
  host,
  seed: 'examples',
  signingSecret: process.env.CHERT_MOCK_SIGNING_SECRET || undefined,
  log: (line) => console.log(line),
}).catch((error) => fail('mock', mockPort, error));
const docs = await serveDocs({ port: docsPort, host }).catch(async (error) => {
  await mock.close();
  fail('docs', docsPort, error);
});

console.log(`Chert mock  ${mock.url}  (sandbox, seeded with the document's examples; POST /_sandbox/reset plants them again)`);
console.log(`Chert docs  ${docs.url}`);
console.log('Ctrl-C stops both.');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([mock.close(), docs.close()]);
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
