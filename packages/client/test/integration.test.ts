// Against the Prism mock of the document (@chert/mock), started for this file on a free loopback port
// with a signing secret, so signatures and bearer tokens are really checked.
import type { ErrorCode } from '@chert/types';
import { describe, expect, it } from 'vitest';
import { ChertApiError, createChertClient, type ChertClientOptions } from '../src/index.js';
import { SECRET, TENANT } from './support/fetch.js';
import { useCheckingMock } from './support/mock.js';

const mock = useCheckingMock();
const { reports } = mock;

const auths = {
  hmac: { hmac: { tenant: TENANT, signingSecret: SECRET } },
  bearer: { bearer: { token: SECRET, tenant: TENANT } },
} satisfies Record<string, ChertClientOptions['auth']>;

const client = (auth: ChertClientOptions['auth'], options: Partial<ChertClientOptions> = {}) =>
  createChertClient({ auth, baseUrl: mock.url, ...options });

const contact = { full_name: 'Zoë Lovelace 山田 👩🏽‍💻', phones: [{ value: '+14155550123', label: 'mobile' }] };
const vcardText = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Lovelace\r\nEND:VCARD\r\n';

describe.each(Object.entries(auths))('%s auth, both addressing forms', (_mode, auth) => {
  const cases = [
    ['send a contact by chat id', 'sendContactToChat', (c: ReturnType<typeof client>) => c.contacts.send({ chatId: 'ch_8f3k2m9q' }, { contact }), 'sent'],
    ['send a vCard by chat id', 'sendContactToChat', (c: ReturnType<typeof client>) => c.contacts.send({ chatId: 'ch_8f3k2m9q' }, { vcardText }), 'sent'],
    ['send a contact by phone', 'sendContactToPhone', (c: ReturnType<typeof client>) => c.contacts.send({ to: '+14155550199' }, { contact }), 'sent'],
    ['send a vCard by phone', 'sendContactToPhone', (c: ReturnType<typeof client>) => c.contacts.send({ to: '+14155550199' }, { vcardText }), 'sent'],
    ['share the own card by chat id', 'shareContactInfoToChat', (c: ReturnType<typeof client>) => c.contacts.shareOwnCard({ chatId: 'ch_8f3k2m9q' }), 'shared'],
    ['share the own card by phone', 'shareContactInfoToPhone', (c: ReturnType<typeof client>) => c.contacts.shareOwnCard({ to: '+14155550199' }), 'shared'],
  ] as const;
  it.each(cases)('%s', async (_name, operation, call, status) => {
    const result = await call(client(auth));
    expect(result.status).toBe(status);
    expect(result.chat_id).toMatch(/^ch_/);
    expect(reports).toMatchObject([{ operation, status: 200, mockError: false }]);
  });

  it('the typed client, with full inference', async () => {
    const { data, error, response } = await client(auth).POST('/api/v1/chats/{id}/send-contact', {
      params: { path: { id: 'ch_8f3k2m9q' } },
      body: { contact },
    });
    expect(error).toBeUndefined();
    expect(data?.status).toBe('sent');
    expect(response.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{12}$/);
  });

  it('withResponse gives the answer and its trace id, as the mock reported it', async () => {
    const { data, response, traceId } = await client(auth).contacts.send({ chatId: 'ch_8f3k2m9q' }, { contact }).withResponse();
    expect(data.status).toBe('sent');
    expect(response.status).toBe(200);
    expect(traceId).toMatch(/^[0-9a-f]{12}$/);
    expect(reports).toMatchObject([{ operation: 'sendContactToChat', traceId }]);
  });

  it('a wrong secret is 2004', async () => {
    const wrong = 'hmac' in auth ? { hmac: { ...auth.hmac, signingSecret: 'f'.repeat(32) } } : { bearer: { ...auth.bearer, token: 'f'.repeat(32) } };
    await expect(client(wrong).contacts.shareOwnCard({ chatId: 'ch_8f3k2m9q' })).rejects.toMatchObject({
      status: 401,
      code: 2004,
      retryable: false,
    });
  });
});

describe('HMAC against a real signature check', () => {
  it('a clock ten minutes slow is corrected from Date after a 2013, and the send succeeds', async () => {
    const c = client(auths.hmac, { now: () => Date.now() - 10 * 60_000, maxRetries: 0 });
    await expect(c.contacts.send({ chatId: 'ch_8f3k2m9q' }, { contact })).resolves.toMatchObject({ status: 'sent' });
    expect(reports.map((r) => [r.status, r.code])).toEqual([
      [401, 2013],
      [200, undefined],
    ]);
  });
});

describe('every documented error surfaces as the right ChertApiError', () => {
  type Call = 'chat' | 'phone' | 'shareChat' | 'sharePhone';
  const calls: Record<Call, (c: ReturnType<typeof client>, prefer: string) => Promise<unknown>> = {
    chat: (c, prefer) => c.contacts.send({ chatId: 'ch_8f3k2m9q' }, { contact }, { headers: { prefer } }),
    phone: (c, prefer) => c.contacts.send({ to: '+14155550199' }, { vcardText }, { headers: { prefer } }),
    shareChat: (c, prefer) => c.contacts.shareOwnCard({ chatId: 'ch_8f3k2m9q' }, { headers: { prefer } }),
    sharePhone: (c, prefer) => c.contacts.shareOwnCard({ to: '+14155550199' }, { headers: { prefer } }),
  };
  const operationOf: Record<Call, string> = {
    chat: 'sendContactToChat',
    phone: 'sendContactToPhone',
    shareChat: 'shareContactInfoToChat',
    sharePhone: 'shareContactInfoToPhone',
  };
  const cases: [example: string, call: Call, status: number, code: ErrorCode, retryable: boolean, retryAfter?: number][] = [
    ['MissingCard', 'chat', 400, 1001, false],
    ['NoIdentifyingField', 'chat', 400, 1002, false],
    ['UnsupportedShape', 'phone', 400, 1002, false],
    ['NoRecipientPhone', 'shareChat', 400, 1002, false],
    ['InvalidPhone', 'sharePhone', 400, 1003, false],
    ['InvalidJson', 'chat', 400, 1004, false],
    ['RateLimited', 'chat', 429, 1007, true, 2],
    ['TenantNotFound', 'phone', 404, 2001, false],
    ['ChatNotFound', 'shareChat', 404, 2002, false],
    ['BadSignature', 'chat', 401, 2004, false],
    ['TenantSuspended', 'sharePhone', 403, 2005, false],
    ['NoCredentials', 'phone', 401, 2012, false],
    ['StaleTimestamp', 'chat', 401, 2013, false],
    ['InternalError', 'shareChat', 500, 3001, true],
    ['DeliveryUnavailable', 'phone', 503, 3002, true],
    ['DeliveryFailed', 'chat', 502, 4001, false],
    ['LinesSaturated', 'sharePhone', 503, 4002, true, 30],
    ['LineUnsupported', 'shareChat', 501, 4099, false],
  ];

  it('covers every code the contact operations document', async () => {
    const doc = (await import('@chert/openapi/openapi.json', { with: { type: 'json' } })).default;
    const { examples, mediaTypes, operations } = await import('@chert/openapi/walk');
    const documented = new Set<number>();
    for (const { operation, at } of operations(doc)) {
      if (!Object.values(operationOf).includes(operation.operationId)) continue;
      for (const site of mediaTypes(doc, operation, at).filter((m) => m.where !== 'request')) {
        for (const ex of Object.values(examples(doc, site.media))) {
          const code = (ex.value as { error?: { code?: number } } | undefined)?.error?.code;
          if (typeof code === 'number') documented.add(code);
        }
      }
    }
    expect(documented.size).toBeGreaterThan(10);
    expect([...new Set(cases.map((c) => c[3]))].sort()).toEqual([...documented].sort());
  });

  it.each(cases)('%s (%s)', async (example, call, status, code, retryable, retryAfter) => {
    const error = await calls[call](client(auths.hmac, { maxRetries: 0 }), `code=${status}, example=${example}`).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ChertApiError);
    expect(error).toMatchObject({ status, code, retryable, retryAfter, operationId: operationOf[call] });
    const { traceId } = error as ChertApiError;
    expect(traceId).toMatch(/^[0-9a-f]{12}$/);
    expect(reports.at(-1)).toMatchObject({ traceId, example, code, mockError: false });
    // a 2013 is re-signed once; nothing else is sent twice
    expect(reports).toHaveLength(code === 2013 ? 2 : 1);
  });
});
