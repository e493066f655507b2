// What the request schemas accept and reject: the prose of the reference as a table.
import { describe, expect, it } from 'vitest';
import { validatorAt } from './document.js';

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
  ['chat id', 'ChatId', 'ch_8f3k2m9q', true],
  ['chat id without prefix', 'ChatId', '8f3k2m9q', false],
];

describe('request schemas', () => {
  it.each(cases)('%s (%s) → valid: %s', (_name, schemaName, value, valid) => {
    const validate = schema(schemaName);
    expect(validate(value)).toBe(valid);
  });
});
