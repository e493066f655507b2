import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromBundle } from '../src/document/load.js';
import { settle, expand, walk } from '../src/document/schema.js';
import type { DecodedBody } from '../src/front/request-body.js';
import { mapViolations, type PrismViolation } from '../src/front/violations.js';
import { inRange, negotiate, parseMediaType } from '../src/http/media-type.js';

const chert = fromBundle('chert', JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@chert/openapi/openapi.json'), 'utf8')));
const widgets = fromBundle('widgets', JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'widgets.openapi.json'), 'utf8')));
const opOf = (doc: typeof chert, id: string) => doc.operations.find((o) => o.id === id)!;
const json = (value: unknown): DecodedBody => ({ kind: 'json', value, mediaType: 'application/json', size: 1 });

/** Violations exactly as Prism shapes them, except the text: it must not matter. */
const v = (path: string[], code: string): PrismViolation => ({ path, code, message: 'text the mock must not read', severity: 0 });

describe('violations map by their structured fields, never their text', () => {
  // [name, document, operation, body, violations, want: [code, message] of the first verdict]
  const cases: Array<[string, typeof chert, string, unknown, PrismViolation[], [number, string] | undefined]> = [
    ['a missing property, named from schema and body', chert, 'sendContactToPhone', { contact: { full_name: 'A' } }, [v(['body'], 'required')], [1003, '/to is required']],
    ['the other branch\'s required is noise', chert, 'sendContactToChat', { contact: { full_name: 'A' } }, [v(['body'], 'required'), v(['body'], 'additionalProperties'), v(['body'], 'oneOf')], undefined],
    ['an unknown property, named from schema and body', chert, 'sendContactToChat', { contact: { full_name: 'A' }, extra: 1 }, [v(['body'], 'additionalProperties')], [1002, '/extra: unknown field']],
    ['the nearest x-chert-error-code (E164Phone, through $ref)', chert, 'sendContactToChat', { contact: { phones: [{ value: '1' }] } }, [v(['body', 'contact', 'phones', '0', 'value'], 'pattern')], [1003, '/contact/phones/0/value must be a valid E164Phone (pattern ^\\+[1-9][0-9]{0,14}$)']],
    ['a keyword that holds in the chosen branch is dropped', chert, 'sendContactToChat', { vcard_text: 'BEGIN:VCARD' }, [v(['body', 'vcard_text'], 'pattern')], undefined],
    ['no branch chosen: the alternatives are missing', chert, 'sendContactToChat', {}, [v(['body'], 'oneOf')], [1001, '/contact or /vcard_text is required']],
    ['the identifying fields come from Contact\'s not clause', chert, 'sendContactToChat', { contact: {} }, [v(['body', 'contact'], 'not')], [1002, '/contact needs a non-empty full_name, given_name, family_name, organization, phones or emails']],
    ['a JSON pointer with escapes', chert, 'sendContactToChat', { contact: { 'a/b': 1, full_name: 'A' } }, [v(['body', 'contact'], 'additionalProperties')], [1002, '/contact/a~1b is not a field of contact']],
    ['a path parameter: its schema\'s code', chert, 'sendContactToChat', { contact: { full_name: 'A' } }, [v(['path', 'id'], 'pattern')], [2002, 'path parameter id must be a valid ChatId (pattern ^[^/]+$)']],
    ['a discriminator the value contradicts', widgets, 'createPin', { pin: { kind: 'zzz' } }, [v(['body', 'pin'], 'oneOf')], [1002, '/pin/kind must be one of "note", "link"']],
    ['the referenced schema\'s x-chert-error-code, past a use site that sets only a missing code', widgets, 'createPin', { pin: { kind: 'note', text: 'x', phone: '1' } }, [v(['body', 'pin', 'phone'], 'pattern')], [1003, '/pin/phone must match the pattern ^\\+[1-9][0-9]{1,14}$']],
    ['a required query parameter', widgets, 'listBoards', undefined, [v(['query'], 'required')], [1001, 'query parameter owner is required']],
  ];

  it.each(cases)('%s', (_name, doc, id, body, violations, want) => {
    const verdicts = mapViolations(doc, opOf(doc, id), { body: body === undefined ? { kind: 'none', size: 0 } : json(body), params: { id: 'x' }, query: {}, headers: {} }, violations);
    expect(verdicts[0] ? [verdicts[0].code, verdicts[0].message] : undefined).toEqual(want);
  });
});

describe('the status a code is answered with, and conditional rules', () => {
  const recipients = (n: number) => Array.from({ length: n }, (_, i) => `+1415555${1000 + i}`);
  const group = (parts: unknown[]) => ({ from: '+14155550100', to: recipients(2), message: { parts } });
  // [name, body, violations, want: [code, status, message] of the first verdict]
  const cases: Array<[string, unknown, PrismViolation[], [number, number | undefined, string]]> = [
    ['x-chert-error-status beside the code: too many recipients is 1006 at 422', { from: '+14155550100', to: recipients(32), message: { parts: [] } }, [v(['body', 'to'], 'maxItems')], [1006, 422, '/to must have at most 31 items']],
    ['no status where the schema names none: too many parts is 1006 alone', { from: '+14155550100', to: recipients(1), message: { parts: Array(11).fill({ type: 'text', value: 'x' }) } }, [v(['body', 'message', 'parts'], 'maxItems')], [1006, undefined, '/message/parts must have at most 10 items']],
    ['an if/then rule: the code of then, what failed and when', group([{ type: 'rich_link', url: 'https://example.com' }]), [v(['body'], 'if')], [4099, undefined, '/message/parts/0/type must be "text" when /to has at least 2 items']],
    ['an if/then rule: too many parts for a group', group([{ type: 'text', value: 'a' }, { type: 'media', attachment_id: 'att_1' }]), [v(['body'], 'if')], [4099, undefined, '/message/parts must have at most 1 item when /to has at least 2 items']],
  ];

  it.each(cases)('%s', (_name, body, violations, want) => {
    const [first] = mapViolations(chert, opOf(chert, 'createChat'), { body: json(body), params: {}, query: {}, headers: {} }, violations);
    expect(first ? [first.code, first.status, first.message] : undefined).toEqual(want);
  });
});

describe('the branch a value chose', () => {
  const schema = chert.raw.components.schemas.SendContactToPhoneRequest;
  const title = (value: unknown) => {
    const { nodes, problem } = settle(chert.raw, expand(chert.raw, schema), value);
    return problem ? problem.kind : nodes.find((n) => typeof n.title === 'string' && n.title !== 'SendContactToPhoneRequest')?.title;
  };
  it.each([
    ['all its required properties', { to: '+1', contact: {} }, 'ContactCardToPhone'],
    ['its distinguishing property alone (`to` is everyone\'s)', { vcard_text: 'BEGIN:VCARD' }, 'VCardToPhone'],
    ['none of them', { to: '+1' }, 'none-present'],
    ['both', { contact: {}, vcard_text: '' }, 'ambiguous'],
    ['not an object', [1], 'no-branch'],
  ])('%s', (_name, value, want) => {
    expect(title(value)).toBe(want);
  });

  it('walks through the chosen branch to the field', () => {
    const levels = walk(chert.raw, schema, { to: '+1', contact: { phones: [{ value: 'x' }] } }, ['contact', 'phones', '0', 'value']);
    expect(levels.map((l) => l.tokens.join('/'))).toEqual(['', 'contact', 'contact/phones', 'contact/phones/0', 'contact/phones/0/value']);
    expect(levels.at(-1)!.nodes.some((n) => n.title === 'E164Phone')).toBe(true);
  });
});

describe('media types', () => {
  it.each([
    ['application/json', 'application/json'],
    ['Application/JSON; charset="utf-8"', 'application/json'],
    ['application/vnd.api+json', 'application/vnd.api+json'],
    ['application/json, text/plain', undefined],
    ['/', undefined],
    ['json', undefined],
    [';', undefined],
    ['application/json; charset="', undefined],
    ['text/plain;;', 'text/plain'],
  ])('%s parses to %s', (text, essence) => {
    const parsed = parseMediaType(text);
    expect('essence' in parsed ? parsed.essence : undefined).toBe(essence);
  });

  it.each([
    [undefined, ['application/json'], 'application/json'],
    ['application/xml', ['application/json'], undefined],
    ['*/*', ['application/json'], 'application/json'],
    ['text/*;q=0.5, application/octet-stream', ['text/event-stream', 'application/octet-stream'], 'application/octet-stream'],
    ['application/json;q=0', ['application/json'], undefined],
    ['not a type', ['application/json'], 'application/json'],
  ])('Accept %s of %j is %s', (accept, offered, want) => {
    expect(negotiate(accept, offered)).toBe(want);
  });

  it('ranges', () => {
    expect(inRange('image/png', 'image/*')).toBe(true);
    expect(inRange('application/json', 'application/*')).toBe(true);
    expect(inRange('application/vnd.api+json', 'application/json')).toBe(false);
  });
});
