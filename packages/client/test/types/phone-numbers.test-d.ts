// chert.phoneNumbers: the sender lines.
import type { PhoneNumber, PhoneNumberList } from '@chert/types';
import { expectTypeOf, it } from 'vitest';
import type { APIPromise, ChertClient } from '../../src/index.js';

declare const chert: ChertClient;

it('list: no arguments but the call options', async () => {
  expectTypeOf(chert.phoneNumbers.list()).toEqualTypeOf<APIPromise<PhoneNumberList>>();
  expectTypeOf((await chert.phoneNumbers.list({ maxRetries: 0 })).phone_numbers).toEqualTypeOf<PhoneNumber[]>();
  // @ts-expect-error no query is documented
  void chert.phoneNumbers.list({ limit: 5 }, {});
});
