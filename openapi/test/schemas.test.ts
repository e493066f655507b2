// What the request schemas accept and reject: the prose of the reference as a table.
import { describe, expect, it } from 'vitest';
import { doc, validatorAt } from './document.js';

const schema = (name: string) => validatorAt('components', 'schemas', name);
const card = { contact: { full_name: 'Ada Lovelace' } };
const vcard = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n';

const cases: Array<[string, string, unknown, boolean]> = [
  ['contact by full_name', 'SendContactToChatRequest', card, true],
  ['contact by given_name only', 'SendContactToChatRequest', { contact: { given_name: 'Ada' } }, true],
  ['contact by organization only', 'SendContactToChatRequest', { contact: { organization: 'Acme' } }, true],
  ['contact by one phone only', 'SendContactToChatRequest', { contact: { phones: [{ value: '+14155550123' }] } }, true],
  ['contact by one email only', 'SendContactToChatRequest', { contact: { emails: [{ value: 'a@example.com', label: 'w' }] } }, true],
  ['raw vcard', 'SendContactToChatRequest', { vcard_text: vcard }, true],
  ['to is accepted (and ignored) in the chat form', 'SendContactToChatRequest', { to: '+14155550123', ...card }, true],
  ['neither contact nor vcard_text', 'SendContactToChatRequest', {}, false],
  ['both contact and vcard_text', 'SendContactToChatRequest', { ...card, vcard_text: vcard }, false],
  ['contact without identifying field', 'SendContactToChatRequest', { contact: {} }, false],
  ['contact with only empty phones', 'SendContactToChatRequest', { contact: { phones: [] } }, false],
  ['contact with only an empty name', 'SendContactToChatRequest', { contact: { full_name: '' } }, false],
  ['empty phones beside a name', 'SendContactToChatRequest', { contact: { full_name: 'Ada', phones: [] } }, true],
  ['unknown top-level field', 'SendContactToChatRequest', { ...card, priority: 'high' }, false],
  ['unknown contact field', 'SendContactToChatRequest', { contact: { full_name: 'Ada', nickname: 'A' } }, false],
  ['phone without value', 'SendContactToChatRequest', { contact: { phones: [{ label: 'mobile' }] } }, false],
  ['phone not E.164', 'SendContactToChatRequest', { contact: { phones: [{ value: '415-555-0123' }] } }, false],
  ['phone with leading zero', 'SendContactToChatRequest', { contact: { phones: [{ value: '+0123' }] } }, false],
  ['phone with 16 digits', 'SendContactToChatRequest', { contact: { phones: [{ value: '+1234567890123456' }] } }, false],
  ['email not an email', 'SendContactToChatRequest', { contact: { emails: [{ value: 'not-an-email' }] } }, false],
  ['vcard_text not a vCard', 'SendContactToChatRequest', { vcard_text: 'FN:Ada' }, false],
  ['full_name not a string', 'SendContactToChatRequest', { contact: { full_name: 42 } }, false],
  ['by phone with contact', 'SendContactToPhoneRequest', { to: '+14155550123', ...card }, true],
  ['by phone with vcard', 'SendContactToPhoneRequest', { to: '+14155550123', vcard_text: vcard }, true],
  ['by phone without to', 'SendContactToPhoneRequest', card, false],
  ['by phone with a number for to', 'SendContactToPhoneRequest', { to: 14155550123, ...card }, false],
  ['by phone with a national number', 'SendContactToPhoneRequest', { to: '4155550123', ...card }, false],
  ['by phone without a card', 'SendContactToPhoneRequest', { to: '+14155550123' }, false],
  ['share by phone', 'ShareContactInfoToPhoneRequest', { to: '+14155550123' }, true],
  ['share by phone without to', 'ShareContactInfoToPhoneRequest', {}, false],
  ['share by phone with an unknown field', 'ShareContactInfoToPhoneRequest', { to: '+14155550123', contact: card.contact }, false],
  // Chat ids are opaque: Chert shows UUIDs and ch_… for the same chats.
  ['chat id', 'ChatId', 'ch_8f3k2m9q', true],
  ['chat id as a UUID (lead_id of sendMessage)', 'ChatId', '6f1c2e9a-3b4d-4f5a-9c7e-2d1b0a8f6e5c', true],
  ['chat id without prefix', 'ChatId', '8f3k2m9q', true],
  ['chat id with a slash', 'ChatId', 'ch_1/messages', false],
  ['empty chat id', 'ChatId', '', false],
  ['chat id of 129 characters', 'ChatId', 'c'.repeat(129), false],
  ['message id as an Apple GUID', 'MessageId', '0D36042D-1B5C-4E7A-9F3A-6C2B8D1E4F70', true],
  ['inbound attachment id', 'AttachmentId', 'in_9f8e7d6c5b4a39281706f5e4d3c2b1a0', true],
  ['delivery chat id with semicolons', 'DeliveryChatId', 'iMessage;+;chat42', true],

  // Message parts: a oneOf on type.
  ['text part', 'MessagePart', { type: 'text', value: 'Hi' }, true],
  ['text part with text instead of value', 'MessagePart', { type: 'text', text: 'Hi' }, false],
  ['media part', 'MessagePart', { type: 'media', attachment_id: 'att_1' }, true],
  ['media part without attachment_id', 'MessagePart', { type: 'media' }, false],
  ['rich link with preview fields', 'MessagePart', { type: 'rich_link', url: 'https://example.com', title: 'T', image_url: 'https://example.com/i.png' }, true],
  ['rich link without url', 'MessagePart', { type: 'rich_link', title: 'T' }, false],
  ['unknown part type', 'MessagePart', { type: 'sticker', value: 'x' }, false],
  ['10 parts', 'MessageParts', Array.from({ length: 10 }, () => ({ type: 'media', attachment_id: 'a' })), true],
  ['11 parts', 'MessageParts', Array.from({ length: 11 }, () => ({ type: 'media', attachment_id: 'a' })), false],
  ['no parts', 'MessageParts', [], false],

  // sendMessage.
  ['send: phone and body', 'SendMessageRequest', { phone: '+14155550199', body: 'Hi' }, true],
  ['send: without body', 'SendMessageRequest', { phone: '+14155550199' }, false],
  ['send: national phone', 'SendMessageRequest', { phone: '4155550199', body: 'Hi' }, false],
  ['send: attachments in their three forms', 'SendMessageRequest', { phone: '+14155550199', body: 'Hi', attachments: ['att_1', { id: 'att_2' }, { attachment_id: 'att_3', live_photo: true }] }, true],
  ['send: an attachment by url', 'SendMessageRequest', { phone: '+14155550199', body: 'Hi', attachments: [{ url: 'https://example.com/a.jpg' }] }, false],
  ['send: an attachment mixing url and id', 'SendMessageRequest', { phone: '+14155550199', body: 'Hi', attachments: [{ attachment_id: 'att_1', url: 'https://example.com/a.jpg' }] }, false],
  ['send: attachments not a list', 'SendMessageRequest', { phone: '+14155550199', body: 'Hi', attachments: 'att_1' }, false],

  // createChat: 1 to 31 recipients; a group's first message is one text part.
  ['chat: 1:1 with text and rich link', 'CreateChatRequest', { from: '+14155550100', to: ['+14155550199'], message: { parts: [{ type: 'text', value: 'Hi' }, { type: 'rich_link', url: 'https://example.com' }] } }, true],
  ['chat: group with one text part', 'CreateChatRequest', { from: '+14155550100', to: ['+14155550199', '+14155550123'], message: { subject: 'Crew', parts: [{ type: 'text', value: 'Hi' }] } }, true],
  ['chat: group with a media part first', 'CreateChatRequest', { from: '+14155550100', to: ['+14155550199', '+14155550123'], message: { parts: [{ type: 'media', attachment_id: 'a' }] } }, false],
  ['chat: group with two text parts', 'CreateChatRequest', { from: '+14155550100', to: ['+14155550199', '+14155550123'], message: { parts: [{ type: 'text', value: 'a' }, { type: 'text', value: 'b' }] } }, false],
  ['chat: 31 recipients', 'CreateChatRequest', { from: '+14155550100', to: Array.from({ length: 31 }, (_, i) => `+1415555${String(i).padStart(4, '0')}`), message: { parts: [{ type: 'text', value: 'Hi' }] } }, true],
  ['chat: 32 recipients', 'CreateChatRequest', { from: '+14155550100', to: Array.from({ length: 32 }, (_, i) => `+1415555${String(i).padStart(4, '0')}`), message: { parts: [{ type: 'text', value: 'Hi' }] } }, false],
  ['chat: no recipients', 'CreateChatRequest', { from: '+14155550100', to: [], message: { parts: [{ type: 'text', value: 'Hi' }] } }, false],
  ['chat: parts at the top level, not in message', 'CreateChatRequest', { from: '+14155550100', to: ['+14155550199'], parts: [{ type: 'text', value: 'Hi' }] }, false],
  ['chat: a national number among recipients', 'CreateChatRequest', { from: '+14155550100', to: ['4155550199'], message: { parts: [{ type: 'text', value: 'Hi' }] } }, false],

  // sendChatMessage: wrapped in message.
  ['follow-up wrapped in message', 'SendChatMessageRequest', { message: { parts: [{ type: 'text', value: 'Hi' }], idempotency_key: 'k' } }, true],
  ['follow-up with top-level parts', 'SendChatMessageRequest', { parts: [{ type: 'text', value: 'Hi' }] }, false],

  // Chats and groups.
  ['typing', 'SetChatTypingRequest', { state: 'typing' }, true],
  ['typing with an unknown state', 'SetChatTypingRequest', { state: 'thinking' }, false],
  ['rename', 'UpdateChatRequest', { display_name: 'Crew' }, true],
  ['rename to blanks', 'UpdateChatRequest', { display_name: '   ' }, false],
  ['icon over http', 'UpdateChatRequest', { group_chat_icon: 'http://example.com/i.png' }, false],
  ['add by phone', 'AddParticipantRequest', { address: '+14155550167' }, true],
  ['add by email, under the alias handle', 'AddParticipantRequest', { handle: 'grace@example.com' }, true],
  ['add with neither', 'AddParticipantRequest', {}, false],
  ['add a malformed address', 'AddParticipantRequest', { address: 'grace' }, false],

  // Messages.
  ['react', 'ReactToMessageRequest', { reaction: 'love' }, true],
  ['react with an unknown tapback', 'ReactToMessageRequest', { reaction: 'wow' }, false],
  ['edit', 'EditMessageRequest', { new_text: 'Fixed', edited_part_index: 1 }, true],
  ['edit with empty text', 'EditMessageRequest', { new_text: '' }, false],
  ['edit a negative part', 'EditMessageRequest', { new_text: 'x', edited_part_index: -1 }, false],

  // Locations: phone or delivery chat id, exactly one.
  ['pin by phone', 'SendLocationRequest', { phone: '+14155550199', latitude: 37.7, longitude: -122.4 }, true],
  ['pin by delivery chat id', 'SendLocationRequest', { chat_id: 'iMessage;+;chat42', latitude: 37.7, longitude: -122.4 }, true],
  ['pin with both phone and chat_id', 'SendLocationRequest', { phone: '+14155550199', chat_id: 'iMessage;+;chat42', latitude: 1, longitude: 1 }, false],
  ['pin with neither', 'SendLocationRequest', { latitude: 1, longitude: 1 }, false],
  ['pin off the globe', 'SendLocationRequest', { phone: '+14155550199', latitude: 91, longitude: 0 }, false],

  // Attachments.
  ['upload slot', 'CreateAttachmentRequest', { filename: 'a.jpg', content_type: 'image/jpeg', size_bytes: 100_000_000 }, true],
  ['upload slot over 100 MB', 'CreateAttachmentRequest', { filename: 'a.jpg', content_type: 'image/jpeg', size_bytes: 100_000_001 }, false],
  ['upload slot with a malformed MIME type', 'CreateAttachmentRequest', { filename: 'a.jpg', content_type: 'jpeg', size_bytes: 1 }, false],

  // Webhook subscriptions.
  ['subscribe all events', 'CreateWebhookSubscriptionRequest', { url: 'https://example.com/hooks' }, true],
  ['subscribe the dev inbox', 'CreateWebhookSubscriptionRequest', { url: 'https://dev-inbox' }, true],
  ['subscribe over http', 'CreateWebhookSubscriptionRequest', { url: 'http://example.com/hooks' }, false],
  ['subscribe an unknown event type', 'CreateWebhookSubscriptionRequest', { url: 'https://example.com/hooks', events: ['call.started'] }, false],
  ['pause a subscription', 'UpdateWebhookSubscriptionRequest', { is_active: false }, true],
];

describe('request schemas', () => {
  it.each(cases)('%s (%s) → valid: %s', (_name, schemaName, value, valid) => {
    const validate = schema(schemaName);
    expect(validate(value)).toBe(valid);
  });
});

// Where the facts give a request violation another code than the defaults (1002 for a bad
// value, 1001 for a missing field), the schema says so for the mock and the client.
const at = (...parts: string[]) => parts.reduce((n: any, p) => n?.[p], doc.components.schemas);
describe('error codes of request violations (x-chert-error-code, x-chert-missing-code)', () => {
  it.each<[string, string, number, string[]]>([
    ['a non-E.164 phone of sendMessage', 'x-chert-error-code', 1003, ['SendMessageRequest', 'properties', 'phone']],
    ['a non-E.164 from of createChat', 'x-chert-error-code', 1003, ['CreateChatRequest', 'properties', 'from']],
    ['a non-E.164 recipient of createChat', 'x-chert-error-code', 1003, ['CreateChatRequest', 'properties', 'to', 'items']],
    ['more than 31 recipients (422)', 'x-chert-error-code', 1006, ['CreateChatRequest', 'properties', 'to']],
    ["a group's first message not one text part (501)", 'x-chert-error-code', 4099, ['CreateChatRequest', 'then']],
    ['more than 10 parts', 'x-chert-error-code', 1006, ['MessageParts']],
    ['a malformed part (not the 1006 of the list)', 'x-chert-error-code', 1002, ['MessagePart']],
    ['an attachment entry of the wrong form', 'x-chert-error-code', 1011, ['SendAttachment']],
    ['a non-E.164 phone of sendLocation', 'x-chert-error-code', 1003, ['LocationToPhone', 'allOf', '1', 'properties', 'phone']],
    ['a file over 100 MB', 'x-chert-error-code', 5002, ['AttachmentSize']],
    ['a malformed MIME type', 'x-chert-error-code', 5003, ['MimeType']],
    ['no participant address', 'x-chert-error-code', 1001, ['AddParticipantRequest']],
    ['a malformed participant address', 'x-chert-error-code', 1002, ['ParticipantAddress']],
    ['a missing reaction', 'x-chert-missing-code', 1002, ['ReactToMessageRequest', 'properties', 'reaction']],
    ['a missing new_text', 'x-chert-missing-code', 1002, ['EditMessageRequest', 'properties', 'new_text']],
  ])('%s: %s %i', (_name, key, code, path) => {
    expect(at(...path)?.[key]).toBe(code);
  });
});
