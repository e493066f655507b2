import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startMock } from '../src/index.js';
import { ADA, firstMessage, startReceiver, startSandbox, text } from './sandbox.js';

/** `state`: a restart finds the chats, messages, attachments, subscriptions and events. */
const dir = mkdtempSync(join(tmpdir(), 'chert-sandbox-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('persistence', () => {
  it('a snapshot written by close() is loaded by the next start', async () => {
    const file = join(dir, 'state.json');
    const receiver = await startReceiver();
    try {
      const first = await startSandbox({ state: file });
      const created = (await first.api.post('/api/v1/chats', firstMessage([ADA], [text('Before the restart')]))).json;
      const slot = (await first.api.post('/api/v1/attachments', { filename: 'a.txt', content_type: 'text/plain', size_bytes: 5 })).json;
      await first.api.call('PUT', `/api/v1/attachments/${slot.attachment_id}/upload`, undefined, { raw: { bytes: 'bytes', contentType: 'text/plain' } });
      const sub = (await first.api.post('/api/v1/webhook-subscriptions', { url: receiver.url, events: ['message.received'] })).json.subscription;
      await first.api.post('/api/v1/send', { phone: ADA, body: 'Keyed', idempotency_key: 'k1' });
      const reply = await first.mock.inbound({ from: ADA, text: 'Reply before' });
      await first.mock.settle();
      await first.mock.close();
      expect(statSync(file).mode & 0o777).toBe(0o600);

      const second = await startSandbox({ state: file });
      try {
        const history = (await second.api.get(`/api/v1/chats/${created.chat.id}/messages`)).json;
        expect(history.messages.map((m: { parts: Array<{ value?: string }> }) => m.parts[0]!.value)).toEqual(['Before the restart', 'Keyed', 'Reply before']);
        expect((await second.api.get(`/api/v1/attachments/${slot.attachment_id}/content`)).text).toBe('bytes');
        expect((await second.api.get(`/api/v1/events/${reply.events[0]!.id}`)).json.delivery.status).toBe('delivered');
        // The idempotency key still answers the original.
        const again = await second.api.post('/api/v1/send', { phone: ADA, body: 'Keyed', idempotency_key: 'k1' });
        expect(again.json.lead_id).toBe(created.chat.id);
        expect((await second.api.get(`/api/v1/chats/${created.chat.id}/messages`)).json.messages).toHaveLength(3);
        // The subscription's secret survived: a new delivery is still signed with it.
        receiver.received.length = 0;
        await second.mock.inbound({ from: ADA, text: 'After' });
        await second.mock.settle();
        const got = receiver.received[0]!;
        const [, ts, hex] = /^t=(\d+),v1=([0-9a-f]+)$/.exec(String(got.headers['x-webhook-signature']))!;
        expect(createHmac('sha256', sub.secret).update(`${ts}.${got.body}`).digest('hex')).toBe(hex);
      } finally {
        await second.mock.close();
      }
    } finally {
      await receiver.close();
    }
  });

  it('a delivery waiting for its next attempt carries on after the restart', async () => {
    const file = join(dir, 'pending.json');
    const receiver = await startReceiver();
    try {
      receiver.script([503]);
      const first = await startSandbox({ state: file, webhookBackoffMs: 60_000 });
      await first.api.post('/api/v1/webhook-subscriptions', { url: receiver.url, events: ['message.received'] });
      const { events } = await first.mock.inbound({ from: ADA, text: 'Anyone there?' });
      for (let i = 0; i < 200 && receiver.received.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect((await first.mock.stats()).pendingDeliveries).toBe(1);
      await first.mock.close();

      const second = await startSandbox({ state: file });
      try {
        await second.mock.settle();
        const row = (await second.api.get(`/api/v1/events/${events[0]!.id}`)).json;
        expect([row.delivery.status, row.delivery.attempts.map((a: { status: number }) => a.status)]).toEqual(['delivered', [503, 200]]);
      } finally {
        await second.mock.close();
      }
    } finally {
      await receiver.close();
    }
  });

  it('a file that is no snapshot is refused, naming it', async () => {
    const file = join(dir, 'not-a-snapshot.json');
    writeFileSync(file, '{"chats": []}');
    await expect(startMock({ port: 0, state: file })).rejects.toThrow(`--state ${file} is not a sandbox snapshot of version 1 (move it away to start afresh)`);
    writeFileSync(file, 'garbage');
    await expect(startMock({ port: 0, state: file })).rejects.toThrow(/is not a sandbox snapshot: /);
    expect(readFileSync(file, 'utf8')).toBe('garbage');
    const nowhere = join(dir, 'no-such-folder', 'state.json');
    await expect(startMock({ port: 0, state: nowhere })).rejects.toThrow(`--state ${nowhere}: the folder ${join(dir, 'no-such-folder')} does not exist`);
  });
});
