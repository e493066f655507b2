// What the types accept and refuse: the typed client infers from the document, and the
// task-shaped methods only compile with exactly one addressing form and one card form. This
// package compiles with exactOptionalPropertyTypes, so every explicit `undefined` here is
// checked under it (test/types.test.ts compiles the README's samples the same way).
import type { ErrorBody, ErrorCode, OperationErrorCode, OperationId, SendContactResult, ShareContactResult } from '@chert/types';
import { describe, expectTypeOf, it } from 'vitest';
import type { OperationInput } from '../src/core/request.js';
import {
  ChertApiError,
  ChertNetworkError,
  ChertTimeoutError,
  createChertClient,
  signV1,
  type APIPromise,
  type CallOptions,
  type ChertClient,
  type ChertClientOptions,
  type RetryInfo,
  type WithResponse,
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
    if (error) expectTypeOf(error.error.code).toEqualTypeOf<OperationErrorCode<'sendContactToChat'>>();
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
  it('return an APIPromise of the success body, with withResponse()', async () => {
    const sent = client.contacts.send({ chatId: 'ch_1' }, { contact: { full_name: 'Ada' } });
    expectTypeOf(sent).toEqualTypeOf<APIPromise<SendContactResult>>();
    expectTypeOf(sent).toExtend<Promise<SendContactResult>>();
    expectTypeOf(await sent).toEqualTypeOf<SendContactResult>();
    expectTypeOf(sent.withResponse()).toEqualTypeOf<Promise<WithResponse<SendContactResult>>>();
    const { data, response, traceId } = await sent.withResponse();
    expectTypeOf(data).toEqualTypeOf<SendContactResult>();
    expectTypeOf(response).toEqualTypeOf<Response>();
    expectTypeOf(traceId).toEqualTypeOf<string | undefined>();
    expectTypeOf(client.contacts.shareOwnCard({ to: '+14155550123' })).toEqualTypeOf<APIPromise<ShareContactResult>>();
  });

  it('take per-call options, each of which may be given as undefined', () => {
    const options: CallOptions = { headers: undefined, signal: undefined, timeoutMs: undefined, maxRetries: undefined, deadlineMs: undefined };
    void client.contacts.send({ to: '+14155550123' }, { vcardText: 'BEGIN:VCARD' }, options);
    void client.contacts.shareOwnCard({ chatId: 'ch_1', to: undefined }, { timeoutMs: 500, maxRetries: 0, deadlineMs: 2_000, signal: AbortSignal.timeout(1) });
    void client.contacts.send({ chatId: 'ch_1' }, { contact: { full_name: 'Ada' }, vcardText: undefined });
    // @ts-expect-error not a per-call option
    void client.contacts.shareOwnCard({ chatId: 'ch_1' }, { retries: 1 });
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
    // @ts-expect-error auth, when given, is one of the two modes
    createChertClient({ auth: {} });
    expectTypeOf<ChertClientOptions['now']>().toEqualTypeOf<(() => number) | undefined>();
  });

  it('reads auth from the environment when none is given', () => {
    expectTypeOf(createChertClient()).toEqualTypeOf<ChertClient>();
    expectTypeOf(createChertClient({ baseUrl: 'http://127.0.0.1:4010' })).toEqualTypeOf<ChertClient>();
  });

  it('accepts an explicit undefined for every optional field', () => {
    createChertClient({
      auth: { bearer: { token: 's', tenant: undefined }, hmac: undefined },
      baseUrl: undefined,
      fetch: undefined,
      timeoutMs: undefined,
      deadlineMs: undefined,
      headers: undefined,
      maxRetries: undefined,
      now: undefined,
      onRetry: undefined,
      logger: undefined,
      logLevel: undefined,
    });
    createChertClient({ auth: { hmac: { tenant: 'acme', signingSecret: 's' }, bearer: undefined }, logger: console, logLevel: 'debug' });
    // @ts-expect-error no such level
    createChertClient({ logLevel: 'verbose' });
  });
});

describe('RetryInfo', () => {
  it('types its error as the client’s errors and its operation as an OperationId', () => {
    expectTypeOf<RetryInfo['error']>().toEqualTypeOf<ChertApiError | ChertNetworkError | ChertTimeoutError>();
    expectTypeOf<RetryInfo['operationId']>().toEqualTypeOf<OperationId | undefined>();
    createChertClient({
      onRetry: ({ error, operationId }) => {
        // What the README tells users to read on it, without a cast.
        if (error instanceof ChertApiError) expectTypeOf(error.code).toEqualTypeOf<ErrorCode | undefined>();
        else expectTypeOf(error.mayHaveBeenDelivered).toEqualTypeOf<boolean>();
        if (operationId === 'sendContactToChat') expectTypeOf(operationId).toEqualTypeOf<'sendContactToChat'>();
      },
    });
  });
});

describe('the core a resource method calls', () => {
  it('takes an operation’s path parameters, query and body as the document types them', () => {
    expectTypeOf<OperationInput<'sendContactToChat'>>().toExtend<{ path: { id: string }; body: unknown }>();
    expectTypeOf<{ path: { id: string } }>().toExtend<OperationInput<'shareContactInfoToChat'>>();
    expectTypeOf<{ body: { to: string } }>().toExtend<OperationInput<'shareContactInfoToPhone'>>();
    // @ts-expect-error sendContactToChat needs its chat id
    expectTypeOf<{ body: { contact: { full_name: string } } }>().toExtend<OperationInput<'sendContactToChat'>>();
    // @ts-expect-error sendContactToPhone needs a body
    expectTypeOf<{}>().toExtend<OperationInput<'sendContactToPhone'>>();
  });
});

describe('errors and signing', () => {
  it('types the error fields and the signature', () => {
    expectTypeOf<ChertApiError['code']>().toEqualTypeOf<ErrorCode | undefined>();
    expectTypeOf<ChertApiError['traceId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf(signV1('s', 1, new Uint8Array())).toEqualTypeOf<Promise<string>>();
  });
});
