// chert.locations: a pin to a phone or to a delivery chat.
import type { SendLocationResult, SuccessBody } from '@chert/types';
import { expectTypeOf, it } from 'vitest';
import type { APIPromise, ChertClient } from '../../src/index.js';

declare const chert: ChertClient;

it('send: by phone or by chat, the 202 answer', () => {
  expectTypeOf(chert.locations.send({ phone: '+14155550199', latitude: 37.77, longitude: -122.42 })).toEqualTypeOf<APIPromise<SendLocationResult>>();
  expectTypeOf<SendLocationResult>().toEqualTypeOf<SuccessBody<'sendLocation'>>();
  void chert.locations.send({ chat_id: 'ch_1', latitude: 37.77, longitude: -122.42, label: 'Dinner' });
  // @ts-expect-error latitude and longitude are numbers
  void chert.locations.send({ phone: '+14155550199', latitude: '37.77', longitude: '-122.42' });
  // @ts-expect-error a recipient is required
  void chert.locations.send({ latitude: 37.77, longitude: -122.42 });
});
