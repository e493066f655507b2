// The mock's bin runs from the installed tarball: help, a URL on a free port, a clean stop.
import { expect, it } from 'vitest';
import { consumer, inApp, signingSecret, startBinMock } from './consumer.js';

it('chert-mock --help prints its usage', () => {
  const ran = inApp(consumer.app, 'node_modules/.bin/chert-mock', ['--help']);
  expect(ran.stdout).toMatch(/^Usage: chert-mock/);
  expect(ran.status).toBe(0);
});

it('starts on a free port, answers, and stops cleanly on SIGTERM without printing the secret', async () => {
  const mock = await startBinMock();
  const answer = await fetch(`${mock.url}/api/v1/chats/ch_8f3k2m9q/send-contact`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${signingSecret}` },
    body: JSON.stringify({ contact: { full_name: 'Ada Lovelace' } }),
  });
  expect(answer.status).toBe(200);
  expect(await answer.json()).toMatchObject({ status: 'sent', chat_id: expect.stringMatching(/^ch_/) });
  const wrong = await fetch(`${mock.url}/api/v1/chats/ch_8f3k2m9q/send-contact`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${'0'.repeat(32)}` },
    body: JSON.stringify({ contact: { full_name: 'Ada Lovelace' } }),
  });
  expect(wrong.status).toBe(401);
  expect(await wrong.json()).toMatchObject({ success: false, error: { code: 2004 } });
  const { code, output } = await mock.stop();
  expect(output).toMatch(/Chert mock stopped/);
  expect(code).toBe(0);
  expect(output).not.toContain(signingSecret);
});

it("--seed examples: the sandbox holds the document's example ids, so the docs' samples work against it", async () => {
  const mock = await startBinMock(['--seed', 'examples']);
  try {
    const auth = { authorization: 'Bearer any-token' };
    const history = await fetch(`${mock.url}/api/v1/chats/ch_8f3k2m9q/messages`, { headers: auth });
    expect(history.status).toBe(200);
    expect((await history.json()).messages.length).toBeGreaterThan(0);
    const event = await fetch(`${mock.url}/api/v1/events/evt_01HZY8A1B2C3D4E5F6G7H8J9K0`, { headers: auth });
    expect([event.status, (await event.json()).type]).toEqual([200, 'message.received']);
    // Printed after the URL, by the time it answered.
    expect(mock.output()).toMatch(/seeded with the document's examples: chats .*ch_8f3k2m9q/);
  } finally {
    expect((await mock.stop()).code).toBe(0);
  }
});
