// One variant of the round trip on its own, for a profiler:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/src/profile.mjs hmac|webcrypto|bearer|openapi-fetch [requests]
import createClient from 'openapi-fetch';
import { defaultEntry, nodeEntry } from './entries.mjs';
import { startServer } from './server.mjs';

const [mode = 'hmac', n = '8000'] = process.argv.slice(2);
const server = await startServer('worker');
const baseUrl = server.url;
const secret = '0123456789abcdef0123456789abcdef';
const hmac = { hmac: { tenant: 'bench', signingSecret: secret } };
const client = {
  hmac: () => nodeEntry.createChertClient({ baseUrl, auth: hmac }),
  webcrypto: () => defaultEntry.createChertClient({ baseUrl, auth: hmac }),
  bearer: () => nodeEntry.createChertClient({ baseUrl, auth: { bearer: { token: secret } } }),
  'openapi-fetch': () => createClient({ baseUrl }),
}[mode]();
const body = { contact: { full_name: 'Ada Lovelace', phones: [{ value: '+14155550123', label: 'mobile' }] } };
const t = performance.now();
for (let i = 0; i < Number(n); i++) {
  const { data } = await client.POST('/api/v1/chats/{id}/send-contact', { params: { path: { id: 'ch_8f3k2m9q' } }, body });
  if (data?.status !== 'sent') throw new Error('unexpected answer');
}
console.log(`${mode}: ${(((performance.now() - t) / Number(n)) * 1000).toFixed(1)} µs per request (mean, profiler on)`);
await server.close();
