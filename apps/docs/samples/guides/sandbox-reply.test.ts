import { createChertClient } from '@chert/client';
import { startMock, type RunningSandbox } from '@chert/mock';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

let sandbox: RunningSandbox;
let chert: ReturnType<typeof createChertClient>;

beforeAll(async () => {
  sandbox = await startMock({ port: 0 }); // a free port; the sandbox is the default mode
  chert = createChertClient({ baseUrl: sandbox.url, auth: { bearer: { token: 'test' } } });
});
beforeEach(() => sandbox.reset()); // every test starts from the seeded lines alone
afterAll(() => sandbox.close());

it('sees the guest answer in the chat', async () => {
  const sent = await chert.messages.send({
    phone: '+14155550199',
    body: 'Table for two at 7?',
  });

  const { message, events } = await sandbox.inbound({
    from: '+14155550199',
    text: 'Yes please!',
  });

  expect(events.map((event) => event.type)).toEqual(['message.received', 'lead_reply']);
  const { messages } = await chert.chats.messages.list(sent.lead_id);
  expect(messages.map((m) => [m.direction, m.id])).toEqual([
    ['outbound', sent.message_id],
    ['inbound', message.id],
  ]);
});

it('delivers a message once the sandbox clock has moved on', async () => {
  const sent = await chert.messages.send({
    phone: '+14155550199',
    body: 'Your table is ready.',
  });
  expect((await chert.messages.get(sent.message_id)).message.delivered_at).toBeNull();

  sandbox.advanceClock(60_000); // a minute later, without waiting a minute

  expect((await chert.messages.get(sent.message_id)).message.status).toBe('delivered');
});
