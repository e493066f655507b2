// chert.chats.messages: send into a chat, list a chat's messages.
import type { ChatMessages, Message, SendChatMessageResult } from '@chert/types';
import { expectTypeOf, it } from 'vitest';
import type { APIPromise, ChertClient } from '../../src/index.js';

declare const chert: ChertClient;

it('send: the chat id, then the follow-up message with parts', async () => {
  const sent = chert.chats.messages.send('ch_1', { message: { parts: [{ type: 'text', value: 'Hi' }, { type: 'media', attachment_id: 'att_1' }] } });
  expectTypeOf(sent).toEqualTypeOf<APIPromise<SendChatMessageResult>>();
  // @ts-expect-error a part of no documented type
  void chert.chats.messages.send('ch_1', { message: { parts: [{ type: 'sticker', value: 'x' }] } });
  // @ts-expect-error the chat id comes first
  void chert.chats.messages.send({ message: { parts: [] } });
});

it('list: resolves to the chat’s messages', async () => {
  const list = await chert.chats.messages.list('ch_1');
  expectTypeOf(list).toEqualTypeOf<ChatMessages>();
  expectTypeOf(list.messages).toEqualTypeOf<Message[]>();
  // @ts-expect-error no query parameters are documented
  void chert.chats.messages.list('ch_1', { limit: 5 });
});
