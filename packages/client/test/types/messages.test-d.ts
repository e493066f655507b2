// chert.messages: arguments, bodies and answers as the document types them.
import type { GetMessageResult, SendMessageRequest, SendMessageResult, SuccessBody } from '@chert/types';
import { expectTypeOf, it } from 'vitest';
import type { APIPromise, ChertClient } from '../../src/index.js';

declare const chert: ChertClient;

it('send: a SendMessageRequest, resolving to SendMessageResult', async () => {
  const sent = chert.messages.send({ phone: '+14155550199', body: 'Hi', idempotency_key: 'k-1' }, { timeoutMs: 5_000 });
  expectTypeOf(sent).toEqualTypeOf<APIPromise<SendMessageResult>>();
  expectTypeOf<SendMessageResult>().toEqualTypeOf<SuccessBody<'sendMessage'>>();
  expectTypeOf((await sent).status).toEqualTypeOf<'queued' | 'sent' | 'duplicate'>();
  expectTypeOf(chert.messages.send).parameter(0).toEqualTypeOf<SendMessageRequest>();
  // @ts-expect-error `body` is required
  void chert.messages.send({ phone: '+14155550199' });
  // @ts-expect-error the API's field names, not camelCase
  void chert.messages.send({ phone: '+14155550199', body: 'Hi', idempotencyKey: 'k' });
  // @ts-expect-error a per-call option that does not exist
  void chert.messages.send({ phone: '+14155550199', body: 'Hi' }, { retries: 3 });
});

it('get, react, edit: the message id first', async () => {
  expectTypeOf(chert.messages.get('msg_1')).toEqualTypeOf<APIPromise<GetMessageResult>>();
  expectTypeOf(await chert.messages.react('msg_1', { reaction: 'love' })).toEqualTypeOf<SuccessBody<'reactToMessage'>>();
  expectTypeOf(await chert.messages.edit('msg_1', { new_text: 'Hello' })).toEqualTypeOf<SuccessBody<'editMessage'>>();
  // @ts-expect-error not a tapback Chert knows
  void chert.messages.react('msg_1', { reaction: 'wow' });
  // @ts-expect-error the message id is required
  void chert.messages.get();
  // @ts-expect-error the body is required
  void chert.messages.edit('msg_1');
});
