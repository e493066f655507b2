// The generated aliases users write by hand: what they accept and what they refuse.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  AddParticipantRequest,
  ChatId,
  ContactPhone,
  CreateChatRequest,
  CreateWebhookSubscriptionRequest,
  EditMessageRequest,
  ErrorBody,
  ErrorCode,
  ErrorEnvelope,
  Event,
  LeadReplyEvent,
  MessagePart,
  MessageReceivedEvent,
  OperationErrorCode,
  OperationId,
  ReactionAddedEvent,
  ReplayError,
  SendAttachment,
  SendContactResult,
  SendContactToChatRequest,
  SendContactToPhoneRequest,
  SendLocationRequest,
  SendLocationResult,
  SendMessageRequest,
  ShareContactInfoToPhoneRequest,
  ShareContactResult,
  SuccessBody,
  WebhookEvent,
  WebhookEventName,
  WebhookPayload,
  components,
  paths,
} from '../src/index.js';

describe('request bodies', () => {
  it('accept the documented shapes', () => {
    expectTypeOf({ contact: { full_name: 'Ada' } }).toExtend<SendContactToChatRequest>();
    expectTypeOf({ vcard_text: 'BEGIN:VCARD' }).toExtend<SendContactToChatRequest>();
    expectTypeOf({ to: '+14155550123', contact: { phones: [{ value: '+14155550123' }] } }).toExtend<SendContactToPhoneRequest>();
    expectTypeOf({ to: '+14155550123' }).toExtend<ShareContactInfoToPhoneRequest>();
    expectTypeOf({ phone: '+14155550123', body: 'Hi', idempotency_key: 'k' }).toExtend<SendMessageRequest>();
    expectTypeOf({ from: '+14155550100', to: ['+14155550123'], message: { parts: [{ type: 'text' as const, value: 'Hi' }] } }).toExtend<CreateChatRequest>();
    expectTypeOf({ phone: '+14155550123', latitude: 1, longitude: 2 }).toExtend<SendLocationRequest>();
    expectTypeOf({ chat_id: 'iMessage;+;chat42', latitude: 1, longitude: 2 }).toExtend<SendLocationRequest>();
    expectTypeOf({ handle: 'grace@example.com' }).toExtend<AddParticipantRequest>();
  });

  it('attachments of sendMessage come in three forms', () => {
    expectTypeOf('att_1').toExtend<SendAttachment>();
    expectTypeOf({ id: 'att_1' }).toExtend<SendAttachment>();
    expectTypeOf({ attachment_id: 'att_1', live_photo: true }).toExtend<SendAttachment>();
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
    // @ts-expect-error text goes in value, not text
    const textField: MessagePart = { type: 'text', text: 'Hi' };
    // @ts-expect-error a pin needs latitude and longitude
    const noLatitude: SendLocationRequest = { phone: '+14155550123', longitude: 2 };
    // @ts-expect-error a pin needs a phone or a delivery chat id
    const noRecipient: SendLocationRequest = { latitude: 1, longitude: 2 };
    // @ts-expect-error createChat wraps the parts in message
    const topLevelParts: CreateChatRequest = { from: '+14155550100', to: ['+1'], parts: [] };
    void [numberTo, noValue, noTo, noCard, unknownField, textField, noLatitude, noRecipient, topLevelParts];
  });

  it('are plain, readable object types (no unknown)', () => {
    expectTypeOf<SendContactToPhoneRequest['to']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<SendContactToChatRequest, { contact: unknown }>['contact']['phones']>()
      .toEqualTypeOf<ContactPhone[] | undefined>();
    expectTypeOf<SendMessageRequest['attachments']>().toEqualTypeOf<SendAttachment[] | undefined>();
    expectTypeOf<ChatId>().toEqualTypeOf<string>();
  });

  it('a field with a default stays optional in a request', () => {
    expectTypeOf<EditMessageRequest['edited_part_index']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<{ new_text: string }>().toExtend<EditMessageRequest>();
    expectTypeOf<{ url: string }>().toExtend<CreateWebhookSubscriptionRequest>();
  });
});

describe('unions narrow on their discriminator', () => {
  it('MessagePart on type', () => {
    expectTypeOf<MessagePart['type']>().toEqualTypeOf<'text' | 'media' | 'rich_link'>();
    expectTypeOf<Extract<MessagePart, { type: 'media' }>['attachment_id']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<MessagePart, { type: 'rich_link' }>['url']>().toEqualTypeOf<string>();
  });

  it('WebhookEvent on event', () => {
    expectTypeOf<WebhookEvent['event']>().toEqualTypeOf<'message.received' | 'reaction.added' | 'reaction.removed' | 'lead_reply'>();
    expectTypeOf<Extract<WebhookEvent, { event: 'message.received' }>>().toEqualTypeOf<MessageReceivedEvent>();
    expectTypeOf<Extract<WebhookEvent, { event: 'lead_reply' }>>().toEqualTypeOf<LeadReplyEvent>();
    expectTypeOf<MessageReceivedEvent['data']['message']['direction']>().toEqualTypeOf<'inbound'>();
  });

  it('an Event row carries the delivered WebhookEvent', () => {
    expectTypeOf<Event['payload']>().toEqualTypeOf<WebhookEvent>();
    expectTypeOf<Event['delivery']['status']>().toEqualTypeOf<'pending' | 'delivered' | 'failed' | 'dev_inbox'>();
  });
});

describe('webhooks', () => {
  it('name the four event types, each with its payload', () => {
    expectTypeOf<WebhookEventName>().toEqualTypeOf<'message.received' | 'reaction.added' | 'reaction.removed' | 'lead_reply'>();
    expectTypeOf<WebhookPayload<'message.received'>>().toEqualTypeOf<MessageReceivedEvent>();
    expectTypeOf<WebhookPayload<'reaction.added'>>().toEqualTypeOf<ReactionAddedEvent>();
    expectTypeOf<WebhookPayload<'lead_reply'>>().toEqualTypeOf<LeadReplyEvent>();
  });
});

describe('responses', () => {
  it('success bodies have literal statuses', () => {
    expectTypeOf<SendContactResult['status']>().toEqualTypeOf<'sent'>();
    expectTypeOf<ShareContactResult['status']>().toEqualTypeOf<'shared'>();
    expectTypeOf<SuccessBody<'sendContactToPhone'>>().toEqualTypeOf<SendContactResult>();
    expectTypeOf<SuccessBody<'shareContactInfoToChat'>>().toEqualTypeOf<ShareContactResult>();
    expectTypeOf<SuccessBody<'sendLocation'>>().toEqualTypeOf<SendLocationResult>();
    expectTypeOf<SendLocationResult['status']>().toEqualTypeOf<'queued'>();
  });

  it('a body-less 204 has no success body', () => {
    expectTypeOf<SuccessBody<'deleteWebhookSubscription'>>().toEqualTypeOf<never>();
  });

  it('refuse an unknown status', () => {
    // @ts-expect-error status is always "sent"
    const queued: SendContactResult = { chat_id: 'ch_1', status: 'queued' };
    void queued;
  });

  it('error codes are a closed union, narrowed per operation', () => {
    expectTypeOf<1001>().toExtend<ErrorCode>();
    expectTypeOf<4098>().toExtend<ErrorCode>();
    expectTypeOf<9999>().not.toExtend<ErrorCode>();
    expectTypeOf<1001>().toExtend<OperationErrorCode<'sendContactToChat'>>();
    expectTypeOf<1001>().not.toExtend<OperationErrorCode<'shareContactInfoToChat'>>();
    expectTypeOf<2002>().not.toExtend<OperationErrorCode<'sendContactToPhone'>>();
    expectTypeOf<1011>().toExtend<OperationErrorCode<'sendMessage'>>();
    expectTypeOf<1006>().toExtend<OperationErrorCode<'createChat'>>();
    expectTypeOf<ErrorBody<'sendContactToChat'>>().toExtend<ErrorEnvelope>();
  });

  it("replayEvent's own errors keep the legacy shape, beside the envelope", () => {
    expectTypeOf<3004>().toExtend<OperationErrorCode<'replayEvent'>>();
    expectTypeOf<2011>().toExtend<OperationErrorCode<'replayEvent'>>();
    expectTypeOf<ReplayError['ok']>().toEqualTypeOf<false>();
    expectTypeOf<Extract<ErrorBody<'replayEvent'>, { ok: false }>>().toExtend<ReplayError>();
  });

  it('the error envelope is the documented one', () => {
    expectTypeOf<ErrorEnvelope['success']>().toEqualTypeOf<false>();
    expectTypeOf<ErrorEnvelope['error']['retry_after']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ErrorEnvelope['error']['attachment_index']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ErrorEnvelope['error']['allowed_effects']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<ErrorEnvelope['trace_id']>().toEqualTypeOf<string>();
  });
});

describe('paths and operations', () => {
  it('name the 32 operations of the paths, not the webhooks', () => {
    expectTypeOf<OperationId>().toEqualTypeOf<
      | 'sendMessage' | 'createChat'
      | 'sendContactToChat' | 'sendContactToPhone' | 'shareContactInfoToChat' | 'shareContactInfoToPhone'
      | 'listChatMessages' | 'sendChatMessage' | 'markChatRead' | 'setChatTyping'
      | 'updateChat' | 'addChatParticipant' | 'removeChatParticipant' | 'leaveChat'
      | 'getMessage' | 'reactToMessage' | 'editMessage'
      | 'sendLocation'
      | 'createAttachment' | 'uploadAttachment' | 'getAttachmentContent'
      | 'listPhoneNumbers'
      | 'listWebhookSubscriptions' | 'createWebhookSubscription' | 'getWebhookSubscription'
      | 'deleteWebhookSubscription' | 'updateWebhookSubscription'
      | 'listEvents' | 'streamEvents' | 'getEvent' | 'replayEvent' | 'listDevInboxEvents'
    >();
  });

  it('name the 28 paths', () => {
    expectTypeOf<keyof paths>().toEqualTypeOf<
      | '/api/v1/send' | '/api/v1/chats'
      | '/api/v1/chats/{id}/send-contact' | '/api/v1/chats/send-contact'
      | '/api/v1/chats/{id}/share-contact-info' | '/api/v1/chats/share-contact-info'
      | '/api/v1/chats/{id}/messages' | '/api/v1/chats/{id}/mark-read' | '/api/v1/chats/{id}/typing'
      | '/api/v1/chats/{id}' | '/api/v1/chats/{id}/participants' | '/api/v1/chats/{id}/participants/{address}'
      | '/api/v1/chats/{id}/leave'
      | '/api/v1/messages/{id}' | '/api/v1/messages/{id}/react' | '/api/v1/messages/{id}/edit'
      | '/api/v1/locations'
      | '/api/v1/attachments' | '/api/v1/attachments/{attachment_id}/upload' | '/api/v1/attachments/{attachment_id}/content'
      | '/api/v1/phone-numbers'
      | '/api/v1/webhook-subscriptions' | '/api/v1/webhook-subscriptions/{id}'
      | '/api/v1/events' | '/api/v1/events/stream' | '/api/v1/events/{id}' | '/api/v1/events/{id}/replay'
      | '/api/v1/dev-inbox'
    >();
  });

  it('every alias is the schema of the same name', () => {
    expectTypeOf<WebhookEvent>().toEqualTypeOf<components['schemas']['WebhookEvent']>();
    expectTypeOf<SendAttachment>().toEqualTypeOf<components['schemas']['SendAttachment']>();
  });
});
