// The task-shaped methods pick the operation from the addressing form and unwrap the answer.
import { describe, expect, it } from 'vitest';
import { ChertAbortError, ChertApiError, createChertClient, type Card, type Recipient } from '../src/index.js';
import { chertError, ok, recordingFetch, SECRET } from './support/fetch.js';

const client = (fetch: ReturnType<typeof recordingFetch>['fetch']) =>
  createChertClient({ auth: { bearer: { token: SECRET } }, fetch, baseUrl: 'http://127.0.0.1:4010' });

const contact = { full_name: 'Ada Lovelace', phones: [{ value: '+14155550123', label: 'mobile' }] };
const vcard = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD';

describe('contacts.send', () => {
  const cases: [name: string, recipient: Recipient, card: Card, path: string, body: unknown][] = [
    ['contact by chat id', { chatId: 'ch_8f3k2m9q' }, { contact }, '/api/v1/chats/ch_8f3k2m9q/send-contact', { contact }],
    ['vCard by chat id', { chatId: 'ch_8f3k2m9q' }, { vcardText: vcard }, '/api/v1/chats/ch_8f3k2m9q/send-contact', { vcard_text: vcard }],
    ['contact by phone', { to: '+14155550199' }, { contact }, '/api/v1/chats/send-contact', { to: '+14155550199', contact }],
    ['vCard by phone', { to: '+14155550199' }, { vcardText: vcard }, '/api/v1/chats/send-contact', { to: '+14155550199', vcard_text: vcard }],
  ];
  it.each(cases)('%s', async (_name, recipient, card, path, body) => {
    const { fetch, sent } = recordingFetch(ok({ chat_id: 'ch_new', status: 'sent' }));
    await expect(client(fetch).contacts.send(recipient, card)).resolves.toEqual({ chat_id: 'ch_new', status: 'sent' });
    expect(sent).toHaveLength(1);
    expect(new URL(sent[0]!.url).pathname).toBe(path);
    expect(JSON.parse(sent[0]!.text)).toEqual(body);
  });

  it('encodes the chat id in the path', async () => {
    const { fetch, sent } = recordingFetch(ok({ chat_id: 'ch_a', status: 'sent' }));
    await client(fetch).contacts.send({ chatId: 'ch_a/../b' }, { contact });
    expect(new URL(sent[0]!.url).pathname).toBe('/api/v1/chats/ch_a%2F..%2Fb/send-contact');
  });
});

describe('contacts.shareOwnCard', () => {
  const cases: [name: string, recipient: Recipient, path: string, body: string][] = [
    ['by chat id, without a body', { chatId: 'ch_8f3k2m9q' }, '/api/v1/chats/ch_8f3k2m9q/share-contact-info', ''],
    ['by phone', { to: '+14155550199' }, '/api/v1/chats/share-contact-info', '{"to":"+14155550199"}'],
  ];
  it.each(cases)('%s', async (_name, recipient, path, body) => {
    const { fetch, sent } = recordingFetch(ok({ chat_id: 'ch_8f3k2m9q', status: 'shared' }));
    await expect(client(fetch).contacts.shareOwnCard(recipient)).resolves.toEqual({ chat_id: 'ch_8f3k2m9q', status: 'shared' });
    expect(new URL(sent[0]!.url).pathname).toBe(path);
    expect(sent[0]!.text).toBe(body);
  });
});

describe('failures', () => {
  it('throws ChertApiError with everything the envelope says', async () => {
    const { fetch } = recordingFetch(chertError(404, 2002, { trace_id: 'a1b2c3d4e5f6' }));
    const error = await client(fetch).contacts.send({ chatId: 'ch_gone' }, { contact }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertApiError);
    expect(error).toMatchObject({
      status: 404,
      code: 2002,
      message: 'error 2002',
      retryable: false,
      retryAfter: undefined,
      traceId: 'a1b2c3d4e5f6',
      operationId: 'sendContactToChat',
    });
  });

  it.each([
    ['sendContactToPhone', (c: ReturnType<typeof client>) => c.contacts.send({ to: '+1415' }, { contact })],
    ['shareContactInfoToChat', (c: ReturnType<typeof client>) => c.contacts.shareOwnCard({ chatId: 'ch_1' })],
    ['shareContactInfoToPhone', (c: ReturnType<typeof client>) => c.contacts.shareOwnCard({ to: '+1415' })],
  ])('names the operation: %s', async (operationId, call) => {
    const { fetch } = recordingFetch(chertError(400, 1003));
    await expect(call(client(fetch))).rejects.toMatchObject({ operationId, code: 1003 });
  });

  const invalid: [name: string, call: (c: ReturnType<typeof client>) => Promise<unknown>, message: RegExp][] = [
    ['both chatId and to', (c) => c.contacts.send({ chatId: 'ch_1', to: '+1415' } as never, { contact }), /recipient/],
    ['neither chatId nor to', (c) => c.contacts.send({} as never, { contact }), /recipient/],
    ['an empty chat id', (c) => c.contacts.shareOwnCard({ chatId: '' }), /recipient/],
    ['both contact and vcardText', (c) => c.contacts.send({ chatId: 'ch_1' }, { contact, vcardText: vcard } as never), /card/],
    ['neither contact nor vcardText', (c) => c.contacts.send({ chatId: 'ch_1' }, {} as never), /card/],
    ['a contact that is not an object', (c) => c.contacts.send({ chatId: 'ch_1' }, { contact: 'Ada' } as never), /card/],
  ];
  it.each(invalid)('refuses %s without sending anything', async (_name, call, message) => {
    const { fetch, sent } = recordingFetch();
    await expect(call(client(fetch))).rejects.toThrow(message);
    expect(sent).toHaveLength(0);
  });

  it('sends nothing when the signal has already aborted, and says so with a ChertAbortError', async () => {
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    controller.abort(reason);
    const { fetch, sent } = recordingFetch(ok({}));
    const error = await client(fetch).contacts.shareOwnCard({ chatId: 'ch_1' }, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertAbortError);
    expect(error).toMatchObject({ cause: reason, mayHaveBeenDelivered: false, operationId: 'shareContactInfoToChat' });
    expect((error as Error).message).toMatch(/before it was sent/);
    expect(sent).toHaveLength(0);
  });
});
