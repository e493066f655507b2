// chert.chats.participants: add and remove group members.
import type { AddParticipantResult, RemoveParticipantResult } from '@chert/types';
import { expectTypeOf, it } from 'vitest';
import type { APIPromise, ChertClient } from '../../src/index.js';

declare const chert: ChertClient;

it('add: the chat id, then an address (or a handle)', () => {
  expectTypeOf(chert.chats.participants.add('ch_1', { address: '+14155550123' })).toEqualTypeOf<APIPromise<AddParticipantResult>>();
  expectTypeOf(chert.chats.participants.add('ch_1', { handle: 'ada@example.com' })).toEqualTypeOf<APIPromise<AddParticipantResult>>();
  // @ts-expect-error one of address or handle
  void chert.chats.participants.add('ch_1', {});
});

it('remove: the chat id and the address, both in the path', () => {
  expectTypeOf(chert.chats.participants.remove('ch_1', '+14155550123')).toEqualTypeOf<APIPromise<RemoveParticipantResult>>();
  // @ts-expect-error the address is a path parameter, not a body
  void chert.chats.participants.remove('ch_1', { address: '+14155550123' });
});
