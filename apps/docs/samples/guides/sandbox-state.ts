import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChertClient } from '@chert/client';
import { startMock } from '@chert/mock';

// The same as `npx chert-mock --state sandbox.json`: loaded on start, written on a clean stop.
const state = join(await mkdtemp(join(tmpdir(), 'chert-')), 'sandbox.json');
const auth = { bearer: { token: 'any token: this sandbox checks none' } };

const first = await startMock({ port: 0, state });
const before = createChertClient({ baseUrl: first.url, auth });
const sent = await before.messages.send({ phone: '+14155550199', body: 'See you at 7.' });
await first.close(); // writes the file

const second = await startMock({ port: 0, state }); // another port, the same chats
const after = createChertClient({ baseUrl: second.url, auth });
const { messages } = await after.chats.messages.list(sent.lead_id);
console.log(messages.length, messages[0]?.id === sent.message_id); // 1 true
await second.close();
