// The Assumptions page and the reference's "Assumed" notes against the real document: every
// `x-chert-assumed` of the bundle is on the page and every entry of the page is one of them
// (read here with a scan of our own, not the docs' module), each entry says where the element
// sits and which Chert page to check, and the reference shows each mark on the element.
import { signV1 } from '@chert/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeDocs } from '../scripts/lib/compose.mjs';
import { bundle, fresh, guidesDir, samplesDir, type Doc } from './support/document.js';
import { marksOf } from './support/marks.js';

/** The node a JSON pointer names. */
function at(doc: Doc, pointer: string): Doc {
  return pointer
    .split('/')
    .slice(1)
    .reduce((n, p) => n[p.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

interface Entry {
  pointer: string;
  place: string;
  reason: string;
  check: string;
}

const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
const htmlDecode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The entries of the Assumptions page, with the section each is under. */
function entriesOf(page: string): Array<Entry & { section: string }> {
  const out: Array<Entry & { section: string }> = [];
  let section = '';
  for (const block of page.split(/^(?=## |<div class="chert-assumption")/m)) {
    const heading = /^## (.+)$/m.exec(block);
    if (heading && block.startsWith('## ')) section = heading[1] ?? '';
    const m = /^<div class="chert-assumption" data-pointer="([^"]+)">\n\n(.+)\n\n(.+)\n\n(.+)\n\n<\/div>/.exec(block);
    if (m) out.push({ section, pointer: htmlDecode(m[1] ?? ''), place: m[2] ?? '', reason: m[3] ?? '', check: m[4] ?? '' });
  }
  return out;
}

/** The notes the docs copy carries: the mark's pointer, its text, where it links. */
function notesOf(doc: Doc): Array<{ pointer: string; text: string; href: string }> {
  const out: Array<{ pointer: string; text: string; href: string }> = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const d = (node as Doc).description;
    if (typeof d === 'string') {
      for (const m of d.matchAll(/<div class="chert-assumed" data-pointer="([^"]+)"><strong>Assumed:<\/strong> (.*?) <a href="([^"]+)">/g)) {
        out.push({ pointer: htmlDecode(m[1] ?? ''), text: htmlDecode(m[2] ?? ''), href: m[3] ?? '' });
      }
    }
    Object.values(node).forEach(visit);
  };
  visit(doc);
  return out;
}

let composed: Awaited<ReturnType<typeof composeDocs>>;
let page: string;
let entries: Array<Entry & { section: string }>;

beforeAll(async () => {
  composed = await composeDocs({ document: fresh(), guidesDir, samplesDir, signV1 });
  page = (composed.document.tags as Doc[]).find((t) => t.name === 'Assumptions')?.description;
  entries = entriesOf(page);
});

const sentence = (text: string) => `${text}.`;

describe('the Assumptions page', () => {
  it('lists every x-chert-assumed mark of the bundle, once, with its own words', () => {
    const marks = marksOf(bundle);
    expect(marks.length).toBeGreaterThan(50);
    const listed = new Map(entries.map((e) => [e.pointer, unescape(e.reason)]));
    expect(listed.size).toBe(entries.length); // no mark twice
    for (const [pointer, text] of marks) expect(listed.get(pointer), pointer).toBe(sentence(text));
  });

  it('lists nothing that is not a mark of the bundle', () => {
    const marks = new Map(marksOf(bundle));
    for (const e of entries) expect(marks.has(e.pointer), e.pointer).toBe(true);
    expect(entries).toHaveLength(marks.size);
    expect(page).toContain(`**${marks.size}** of them`);
  });

  it.each([
    // [mark, its place in words, the reference links, the Chert pages, the section]
    ['/paths/~1api~1v1~1send/post', '**Operation [`sendMessage`](#/sending/sendmessage)**: Send a text to a phone number',
      ['#/sending/sendmessage'], ['https://docs.trychert.com/api/sending'], 'Sending'],
    ['/components/schemas/SendMessageRequest/properties/effect', '**Field `effect` of `SendMessageRequest`**, in the request body of',
      ['#/sending/sendmessage'], ['https://docs.trychert.com/api/sending'], 'Sending'],
    ['/components/examples/UnknownEffect', '**Example “4098 · unknown effect” (`UnknownEffect`)**, in the 400 answer of',
      ['#/sending/sendmessage'], ['https://docs.trychert.com/api/sending'], 'Sending'],
    ['/components/responses/MessageSent', '**The 200 answer (`MessageSent`)** of',
      ['#/sending/sendmessage'], ['https://docs.trychert.com/api/sending'], 'Sending'],
    ['/paths/~1api~1v1~1attachments~1{attachment_id}~1upload/put/requestBody', '**Request body** of',
      ['#/attachments/uploadattachment'], ['https://docs.trychert.com/api/attachments'], 'Attachments'],
    ['/components/parameters/WebhookTimestampHeader', '**Header `X-Webhook-Timestamp` (`WebhookTimestampHeader`)**, in the header `X-Webhook-Timestamp` of 4 webhooks',
      ['#/webhooks/handlemessagereceived', '#/webhooks/handlereactionadded', '#/webhooks/handlereactionremoved', '#/webhooks/handleleadreply'],
      ['https://docs.trychert.com/api/receiving-replies'], 'Webhooks'],
    ['/components/responses/CapabilityUnsupported', '**The 422 answer (`CapabilityUnsupported`)** of 2 operations',
      ['#/chats/setchattyping', '#/locations/sendlocation'],
      ['https://docs.trychert.com/api/chats/typing', 'https://docs.trychert.com/api/locations'], 'Across the API'],
  ])('%s: says where it sits (%s), links the reference and the Chert pages to check', (pointer, place, links, pages, section) => {
    const e = entries.find((x) => x.pointer === pointer);
    expect(e, pointer).toBeDefined();
    expect(e?.place.startsWith(place), e?.place).toBe(true);
    expect([...(e?.place.matchAll(/\]\((#\/[^)]+)\)/g) ?? [])].map((m) => m[1])).toEqual(links);
    expect([...(e?.check.matchAll(/\]\((https:[^)]+)\)/g) ?? [])].map((m) => m[1])).toEqual(pages);
    expect(e?.section).toBe(section);
  });

  it('for an element several operations use, names every one of them and every Chert page they link', () => {
    const e = entries.find((x) => x.pointer === '/components/schemas/ChatId');
    const users = new Set<string>();
    const pages = new Set<string>();
    const scan = (node: unknown, op: Doc) => {
      if (!node || typeof node !== 'object') return;
      if ((node as Doc).$ref === '#/components/schemas/ChatId' || (node as Doc).$ref === '#/components/parameters/ChatIdPath') {
        users.add(op.operationId);
        if (op.externalDocs) pages.add(op.externalDocs.url);
      }
      Object.values(node).forEach((v) => scan(v, op));
    };
    // ChatId reaches the operations through components too: follow each operation's $refs.
    const expand = (node: unknown, seen = new Set<string>()): unknown => {
      if (!node || typeof node !== 'object') return node;
      if (Array.isArray(node)) return node.map((n) => expand(n, seen));
      const ref = (node as Doc).$ref;
      if (typeof ref === 'string') {
        if (seen.has(ref)) return node;
        return { ...node, resolved: expand(at(bundle, ref.slice(1)), new Set(seen).add(ref)) };
      }
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, expand(v, seen)]));
    };
    for (const section of ['paths', 'webhooks']) {
      for (const item of Object.values(bundle[section] as Doc)) {
        for (const op of Object.values(item as Doc)) if ((op as Doc)?.operationId) scan(expand(op), op as Doc);
      }
    }
    expect(users.size).toBeGreaterThan(10);
    const linked = new Set([...(e?.place.matchAll(/\[`([^`]+)`\]\(#\/[^)]+\/([a-z]+)\)/g) ?? [])].map((m) => m[2]));
    expect([...linked].sort()).toEqual([...users].map((u) => u.toLowerCase()).sort());
    expect(new Set([...(e?.check.matchAll(/\]\((https:[^)]+)\)/g) ?? [])].map((m) => m[1]))).toEqual(pages);
  });

  it('links only to addresses the page has', () => {
    const routes = new Set(composed.routes);
    for (const e of entries) {
      for (const m of e.place.matchAll(/\]\((#\/[^)]+)\)/g)) expect(routes.has(m[1] ?? ''), `${e.pointer}: ${m[1]}`).toBe(true);
    }
  });

  it('follows the document: a new mark is listed, with its reason; a removed one is gone', async () => {
    const doc = fresh();
    doc.paths['/api/v1/phone-numbers'].get['x-chert-assumed'] = 'The list is taken as never paged, as no page shows a cursor';
    delete doc.components.examples.UnknownEffect['x-chert-assumed'];
    const { document } = await composeDocs({ document: doc, guidesDir, samplesDir, signV1 });
    const list = entriesOf((document.tags as Doc[]).find((t) => t.name === 'Assumptions')?.description);
    const added = list.find((e) => e.pointer === '/paths/~1api~1v1~1phone-numbers/get');
    expect(added?.place).toBe('**Operation [`listPhoneNumbers`](#/phone-numbers/listphonenumbers)**: List the sender lines');
    expect(unescape(added?.reason ?? '')).toBe('The list is taken as never paged, as no page shows a cursor.');
    expect(added?.section).toBe('Phone numbers');
    expect(list.some((e) => e.pointer === '/components/examples/UnknownEffect')).toBe(false);
    expect(list).toHaveLength(entries.length);
  });

  it('places a mark on a tag under that tag, with the Chert pages of its operations, and notes it on the tag', async () => {
    const doc = fresh();
    const locations = (doc.tags as Doc[]).findIndex((t) => t.name === 'Locations');
    doc.tags[locations]['x-chert-assumed'] = 'Location sharing is taken as a per-line setting, as the console shows';
    const { document } = await composeDocs({ document: doc, guidesDir, samplesDir, signV1 });
    const entry = entriesOf((document.tags as Doc[]).find((t) => t.name === 'Assumptions')?.description).find((e) => e.pointer === `/tags/${locations}`);
    expect(entry?.place).toBe('**The Locations part of the reference** ([Locations](#/locations))');
    expect(entry?.section).toBe('Locations');
    expect(entry?.check).toBe('Check on Chert: [Locations](https://docs.trychert.com/api/locations)');
    const tag = (document.tags as Doc[]).find((t) => t.name === 'Locations');
    expect(notesOf({ tag }).map((n) => n.pointer)).toEqual([`/tags/${locations}`]);
  });

  it.each([
    ['a mark on an operation that links no Chert page', (d: Doc) => delete d.paths['/api/v1/chats/{id}/typing'].post.externalDocs,
      /\/paths\/~1api~1v1~1chats~1\{id\}~1typing\/post: setChatTyping link no Chert page \(externalDocs\)/],
    ['a mark that is not a sentence', (d: Doc) => (d.components.schemas.ChatId['x-chert-assumed'] = 42),
      /x-chert-assumed at \/components\/schemas\/ChatId is not a sentence: 42/],
  ])('fails the build on %s', async (_name, edit, message) => {
    const doc = fresh();
    edit(doc);
    await expect(composeDocs({ document: doc, guidesDir, samplesDir, signV1 })).rejects.toThrow(message);
  });
});

describe('the "Assumed" notes of the reference', () => {
  const notes = () => notesOf(composed.document);

  it('show every mark somewhere in the reference, with its own words', () => {
    const shown = new Map(notes().map((n) => [n.pointer, n.text]));
    for (const [pointer, text] of marksOf(bundle)) expect(shown.get(pointer), pointer).toBe(sentence(text));
    expect(new Set(notes().map((n) => n.pointer))).toEqual(new Set(marksOf(bundle).map(([p]) => p)));
  });

  it.each([
    // [kind, mark, where the note is (a pointer in the docs copy)]
    ['an operation', '/paths/~1api~1v1~1send/post', '/paths/~1api~1v1~1send/post'],
    ['a schema property', '/components/schemas/SendMessageRequest/properties/effect', '/components/schemas/SendMessageRequest/properties/effect'],
    ['a parameter', '/components/parameters/WebhookTimestampHeader', '/components/parameters/WebhookTimestampHeader'],
    ['a response', '/components/responses/MessageSent', '/components/responses/MessageSent'],
    ['an example', '/components/examples/UnknownEffect', '/components/examples/UnknownEffect'],
    ['a request body', '/paths/~1api~1v1~1attachments~1{attachment_id}~1upload/put/requestBody', '/paths/~1api~1v1~1attachments~1{attachment_id}~1upload/put/requestBody'],
    // Redoc shows an answer's description, not its body schema's: the note goes there too.
    ['a body schema, on the answer that shows it', '/components/schemas/GetMessageResult', '/components/responses/MessageFound'],
    // allOf is merged into its parent, which Redoc shows with the parent's description.
    ['an allOf member, on the schema it is merged into', '/components/schemas/LocationFields', '/components/schemas/LocationToPhone'],
    // A path parameter shows its own description, not its schema's.
    ['an id schema, on the path parameter that uses it', '/components/schemas/MessageId', '/components/parameters/MessageIdPath'],
  ])('are on %s', (_kind, pointer, where) => {
    const description: string = at(composed.document, where).description;
    const own: string | undefined = at(bundle, where).description;
    const mark = at(bundle, pointer)['x-chert-assumed'];
    // The element's own words first, the note after them.
    if (own) expect(description.startsWith(own.trimEnd()), where).toBe(true);
    const note = notesOf({ description }).find((n) => n.pointer === pointer);
    expect(note?.text).toBe(sentence(mark));
    expect(description).toMatch(/<a href="#\/assumptions\/[a-z-]+">Why, and what to check<\/a><\/div>$/);
  });

  it('link to the section of the Assumptions page that lists the mark', () => {
    for (const n of notes()) {
      const entry = entries.find((e) => e.pointer === n.pointer);
      expect(n.href, n.pointer).toBe(`#/assumptions/${entry?.section.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`);
      expect(composed.routes).toContain(n.href);
    }
  });

  it('are in the docs copy only: the bundle stays as it was', async () => {
    const doc = fresh();
    const before = JSON.stringify(doc);
    const { document } = await composeDocs({ document: doc, guidesDir, samplesDir, signV1 });
    expect(JSON.stringify(doc)).toBe(before);
    expect(before).not.toContain('class=\\"chert-assumed');
    expect(JSON.stringify(document)).toContain('class=\\"chert-assumed\\"');
  });
});
