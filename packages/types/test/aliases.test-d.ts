// The short names users write by hand: what they accept and what they refuse.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  ContactPhone,
  ErrorBody,
  ErrorCode,
  ErrorEnvelope,
  OperationErrorCode,
  OperationId,
  SendContactResult,
  SendContactToChatRequest,
  SendContactToPhoneRequest,
  ShareContactInfoToPhoneRequest,
  ShareContactResult,
  SuccessBody,
  paths,
} from '../src/index.js';

describe('request bodies', () => {
  it('accept the documented shapes', () => {
    expectTypeOf({ contact: { full_name: 'Ada' } }).toExtend<SendContactToChatRequest>();
    expectTypeOf({ vcard_text: 'BEGIN:VCARD' }).toExtend<SendContactToChatRequest>();
    expectTypeOf({ to: '+14155550123', contact: { phones: [{ value: '+14155550123' }] } }).toExtend<SendContactToPhoneRequest>();
    expectTypeOf({ to: '+14155550123' }).toExtend<ShareContactInfoToPhoneRequest>();
  });

  it('refuse wrong shapes', () => {
    // @ts-expect-error to must be a string
    const numberTo: SendContactToPhoneRequest = { to: 14155550123, contact: { full_name: 'Ada' } };
    // @ts-expect-error a phone object needs value
    const noValue: ContactPhone = { label: 'mobile' };
    // @ts-expect-error the by-phone form needs to
    const noTo: SendContactToPhoneRequest = { contact: { full_name: 'Ada' } };
    // @ts-expect-error a card is required: contact or vcard_text
    const noCard: SendContactToChatRequest = {};
    // @ts-expect-error unknown fields are not part of the type
    const unknownField: ShareContactInfoToPhoneRequest = { to: '+14155550123', priority: 1 };
    void [numberTo, noValue, noTo, noCard, unknownField];
  });

  it('are plain, readable object types (no unknown)', () => {
    expectTypeOf<SendContactToPhoneRequest['to']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<SendContactToChatRequest, { contact: unknown }>['contact']['phones']>()
      .toEqualTypeOf<ContactPhone[] | undefined>();
  });
});

describe('responses', () => {
  it('success bodies have literal statuses', () => {
    expectTypeOf<SendContactResult['status']>().toEqualTypeOf<'sent'>();
    expectTypeOf<ShareContactResult['status']>().toEqualTypeOf<'shared'>();
    expectTypeOf<SuccessBody<'sendContactToPhone'>>().toEqualTypeOf<SendContactResult>();
    expectTypeOf<SuccessBody<'shareContactInfoToChat'>>().toEqualTypeOf<ShareContactResult>();
  });

  it('refuse an unknown status', () => {
    // @ts-expect-error status is always "sent"
    const queued: SendContactResult = { chat_id: 'ch_1', status: 'queued' };
    void queued;
  });

  it('error codes are a closed union, narrowed per operation', () => {
    expectTypeOf<1001>().toExtend<ErrorCode>();
    expectTypeOf<9999>().not.toExtend<ErrorCode>();
    expectTypeOf<1001>().toExtend<OperationErrorCode<'sendContactToChat'>>();
    expectTypeOf<1001>().not.toExtend<OperationErrorCode<'shareContactInfoToChat'>>();
    expectTypeOf<2002>().not.toExtend<OperationErrorCode<'sendContactToPhone'>>();
    expectTypeOf<ErrorBody<'sendContactToChat'>>().toExtend<ErrorEnvelope>();
  });

  it('the error envelope is the documented one', () => {
    expectTypeOf<ErrorEnvelope['success']>().toEqualTypeOf<false>();
    expectTypeOf<ErrorEnvelope['error']['retry_after']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ErrorEnvelope['trace_id']>().toEqualTypeOf<string>();
  });
});

describe('paths and operations', () => {
  it('name the four operations', () => {
    expectTypeOf<OperationId>().toEqualTypeOf<
      'sendContactToChat' | 'sendContactToPhone' | 'shareContactInfoToChat' | 'shareContactInfoToPhone'
    >();
    expectTypeOf<keyof paths>().toEqualTypeOf<
      | '/api/v1/chats/{id}/send-contact'
      | '/api/v1/chats/send-contact'
      | '/api/v1/chats/{id}/share-contact-info'
      | '/api/v1/chats/share-contact-info'
    >();
  });
});
