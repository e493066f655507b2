// What the types accept and refuse: the typed client infers from the document, and the
// task-shaped methods only compile with exactly one addressing form and one card form.
import type { ErrorBody, ErrorCode, SendContactResult, ShareContactResult } from '@chert/types';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createChertClient,
  signV1,
  type ChertApiError,
  type ChertClient,
  type ChertClientOptions,
} from '../src/index.js';

declare const client: ChertClient;

describe('the typed client', () => {
  it('infers bodies and answers from the document', async () => {
    const { data, error } = await client.POST('/api/v1/chats/{id}/send-contact', {
      params: { path: { id: 'ch_1' } },
      body: { contact: { full_name: 'Ada' } },
    });
    expectTypeOf(data).toEqualTypeOf<SendContactResult | undefined>();
    // the envelopes the operation documents, both ways round
    expectTypeOf(error).toExtend<ErrorBody<'sendContactToChat'> | undefined>();
    expectTypeOf<ErrorBody<'sendContactToChat'>>().toExtend<NonNullable<typeof error>>();
    if (error) expectTypeOf(error.error.code).toEqualTypeOf<ErrorCode>();
  });

  it('refuses what the document refuses', () => {
    // @ts-expect-error the chat id is required in the path
    void client.POST('/api/v1/chats/{id}/send-contact', { body: { contact: { full_name: 'Ada' } } });
    // @ts-expect-error `to` is required by phone
    void client.POST('/api/v1/chats/send-contact', { body: { contact: { full_name: 'Ada' } } });
    // @ts-expect-error no such path
    void client.POST('/api/v1/chats/{id}/messages', {});
    void client.POST('/api/v1/chats/{id}/share-contact-info', {
      params: { path: { id: 'ch_1' } },
      headers: { prefer: 'code=404' },
    });
  });
});

describe('contacts', () => {
  it('resolves to the success bodies', () => {
    expectTypeOf(client.contacts.send({ chatId: 'ch_1' }, { contact: { full_name: 'Ada' } })).toEqualTypeOf<
      Promise<SendContactResult>
    >();
    expectTypeOf(client.contacts.shareOwnCard({ to: '+14155550123' })).toEqualTypeOf<Promise<ShareContactResult>>();
  });

  it('takes exactly one addressing form and one card form', () => {
    void client.contacts.send({ to: '+14155550123' }, { vcardText: 'BEGIN:VCARD' }, { headers: { prefer: 'code=502' } });
    // @ts-expect-error both addressing forms
    void client.contacts.send({ chatId: 'ch_1', to: '+14155550123' }, { contact: { full_name: 'Ada' } });
    // @ts-expect-error no addressing form
    void client.contacts.shareOwnCard({});
    // @ts-expect-error both card forms
    void client.contacts.send({ chatId: 'ch_1' }, { contact: { full_name: 'Ada' }, vcardText: 'BEGIN:VCARD' });
    // @ts-expect-error the document's field names, not the task-shaped ones
    void client.contacts.send({ chatId: 'ch_1' }, { vcard_text: 'BEGIN:VCARD' });
  });
});

describe('options', () => {
  it('takes one auth mode, complete', () => {
    createChertClient({ auth: { hmac: { tenant: 'acme', signingSecret: 's' } } });
    createChertClient({ auth: { bearer: { token: 's' } }, timeoutMs: 1000, maxRetries: 0, now: () => 0 });
    // @ts-expect-error both modes at once
    createChertClient({ auth: { hmac: { tenant: 'acme', signingSecret: 's' }, bearer: { token: 's' } } });
    // @ts-expect-error HMAC needs the tenant
    createChertClient({ auth: { hmac: { signingSecret: 's' } } });
    // @ts-expect-error auth is required
    createChertClient({ baseUrl: 'http://127.0.0.1:4010' });
    expectTypeOf<ChertClientOptions['now']>().toEqualTypeOf<(() => number) | undefined>();
  });
});

describe('errors and signing', () => {
  it('types the error fields and the signature', () => {
    expectTypeOf<ChertApiError['code']>().toEqualTypeOf<ErrorCode | undefined>();
    expectTypeOf<ChertApiError['traceId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf(signV1('s', 1, new Uint8Array())).toEqualTypeOf<Promise<string>>();
  });
});
