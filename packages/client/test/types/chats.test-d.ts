// chert.chats: create, update, markRead, typing, leave, and its sub-resources.
import type { ChatId, CreateChatResult, SuccessBody } from '@chert/types';
import { expectTypeOf, it } from 'vitest';
import type { APIPromise, ChatsMessages, ChatsParticipants, ChertClient } from '../../src/index.js';

declare const chert: ChertClient;

it('create: from, to and the first message, resolving to CreateChatResult', async () => {
  const created = chert.chats.create({ from: '+14155550100', to: ['+14155550199'], message: { parts: [{ type: 'text', value: 'Hi' }] } });
  expectTypeOf(created).toEqualTypeOf<APIPromise<CreateChatResult>>();
  expectTypeOf((await created).chat.id).toEqualTypeOf<ChatId>();
  // @ts-expect-error `to` is a list of phones
  void chert.chats.create({ from: '+14155550100', to: '+14155550199', message: { parts: [] } });
  // @ts-expect-error the first message is required
  void chert.chats.create({ from: '+14155550100', to: ['+14155550199'] });
});

it('update, markRead, typing, leave: the chat id first', async () => {
  expectTypeOf(await chert.chats.update('ch_1', { display_name: 'Dinner' })).toEqualTypeOf<SuccessBody<'updateChat'>>();
  expectTypeOf(await chert.chats.markRead('ch_1')).toEqualTypeOf<SuccessBody<'markChatRead'>>();
  expectTypeOf(await chert.chats.typing('ch_1', { state: 'typing' })).toEqualTypeOf<SuccessBody<'setChatTyping'>>();
  expectTypeOf(await chert.chats.leave('ch_1', { headers: { prefer: 'code=200' } })).toEqualTypeOf<SuccessBody<'leaveChat'>>();
  // @ts-expect-error typing takes `typing` or `stopped`
  void chert.chats.typing('ch_1', { state: 'on' });
  // @ts-expect-error markRead takes no body
  void chert.chats.markRead('ch_1', { read: true });
});

it('holds its sub-resources', () => {
  expectTypeOf(chert.chats.messages).toEqualTypeOf<ChatsMessages>();
  expectTypeOf(chert.chats.participants).toEqualTypeOf<ChatsParticipants>();
});
