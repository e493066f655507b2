// The facts the how-to guides state, against the real document, client and mock: each comes
// from where it is defined (the document's delivery facts, limits, idempotency keys and
// stream; the client's signWebhook; the mock's help and README), a change there changes the
// guide, and a document that no longer says it fails the build. The errors and idempotency
// guides' retry rules are checked against what the client really does.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ChertNetworkError, createChertClient, signV1 } from '@chert/client';
import { signWebhook, verifyWebhook } from '@chert/client/webhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeDocs } from '../scripts/lib/compose.mjs';
import { markdownTable, operations } from '../scripts/lib/facts.mjs';
import { slug } from '../scripts/lib/routes.mjs';
import { magicNumbers, startMock } from '@chert/mock';
import { controlApiList, magicNumbersTable, sectionTable } from '../scripts/lib/placeholders/sandbox.mjs';
import { referenceWebhookSignature, signWebhookExample, webhookExample } from '../scripts/lib/placeholders/webhook-example.mjs';
import { bundle, fresh, guidesDir, require, samplesDir, type Doc } from './support/document.js';

const compose = (document: Doc) => composeDocs({ document, guidesDir, samplesDir, signV1 });
const guideOf = (document: Doc, name: string): string => {
  const tag = (document.tags as Doc[]).find((t) => t.name === name);
  if (!tag) throw new Error(`no guide ${name}`);
  return tag.description as string;
};
const flat = (text: string) => text.replace(/\s+/g, ' ');

let composed: Doc;
beforeAll(async () => {
  composed = (await compose(fresh())).document;
});
const guide = (name: string) => guideOf(composed, name);

describe('the worked webhook signature', () => {
  const w = webhookExample;
  const hex = () => createHmac('sha256', w.secret).update(`${w.unixSeconds}.${w.rawBody}`).digest('hex');

  it("is the client's signWebhook output, an independent HMAC-SHA256 over <ts>.<body>, shown in the receiving guide", async () => {
    const signature = await signWebhook(w.secret, w.unixSeconds, w.rawBody);
    expect(signature).toBe(`t=${w.unixSeconds},v1=${hex()}`);
    const text = guide('Receiving replies');
    expect(text).toContain(`X-Webhook-Signature: ${signature}`);
    expect(text).toContain(`${w.unixSeconds}.${w.rawBody}`);
    expect(text).toContain(`SHA2-256(stdin)= ${hex()}`);
    expect(text).toContain(w.secret);
  });

  it('verifies with verifyWebhook at its own time, and is stale past the tolerance', async () => {
    const header = { 'x-webhook-signature': await signWebhook(w.secret, w.unixSeconds, w.rawBody) };
    const at = (seconds: number) => () => seconds * 1000;
    await expect(verifyWebhook({ rawBody: w.rawBody, headers: header, secret: w.secret, now: at(w.unixSeconds) })).resolves.toMatchObject({ event: 'lead_reply' });
    const tolerance = bundle['x-chert-webhook-delivery'].signature.toleranceSeconds;
    await expect(verifyWebhook({ rawBody: w.rawBody, headers: header, secret: w.secret, now: at(w.unixSeconds + tolerance + 1) })).rejects.toMatchObject({ reason: 'stale' });
  });

  it('fails the build when signWebhook disagrees with the document, or the document gives no signature to compute', async () => {
    const wrong = async (secret: string, ts: number, body: string) => signWebhook(secret, ts, `${body} `);
    await expect(signWebhookExample(bundle, wrong)).rejects.toThrow(/signWebhook disagrees with the document's webhook signature/);
    const doc = fresh();
    doc['x-chert-webhook-delivery'].signature.algorithm = 'HMAC-SHA512';
    expect(() => referenceWebhookSignature(doc, w.secret, w.unixSeconds, w.rawBody)).toThrow(/needs algorithm HMAC-SHA256/);
    await expect(compose(doc)).rejects.toThrow(/needs algorithm HMAC-SHA256/);
  });

  it("follows the document's format: another template changes the reference signature", () => {
    const doc = fresh();
    doc['x-chert-webhook-delivery'].signature.formats[0].template = 'v1=<hex>;t=<ts>';
    expect(referenceWebhookSignature(doc, w.secret, w.unixSeconds, w.rawBody).header).toBe(`v1=${hex()};t=${w.unixSeconds}`);
  });
});

describe('the delivery facts', () => {
  const delivery = bundle['x-chert-webhook-delivery'];

  it('the headers table is every header the webhooks declare, with the document\'s words', () => {
    const rows = markdownTable(guide('Receiving replies').split('## What a delivery carries')[1] ?? '');
    const declared = new Map<string, Doc>();
    for (const item of Object.values(bundle.webhooks as Doc)) {
      for (const p of (item as Doc).post.parameters) {
        const param = p.$ref ? bundle.components.parameters[p.$ref.split('/').pop()] : p;
        if (param.in === 'header') declared.set(param.name, param);
      }
    }
    expect(rows.map((r) => r.header?.replace(/`/g, ''))).toEqual([...declared.keys()]);
    for (const row of rows) {
      const param = declared.get(row.header!.replace(/`/g, ''))!;
      expect(row['always sent?']).toBe(param.required ? 'yes' : 'no');
      expect(flat(param.description)).toContain(row['what it carries']);
    }
    for (const name of Object.values(delivery.headers) as string[]) expect(rows.map((r) => r.header)).toContain(`\`${name}\``);
  });

  it('retries, deduplication, the formats and the dev inbox are the document\'s, and follow it', async () => {
    const text = flat(guide('Receiving replies'));
    expect(text).toContain(`tried up to ${delivery.retry.maxAttempts} times`);
    for (const when of [...delivery.retry.retryOn, ...delivery.retry.noRetryOn]) expect(text).toContain(`\`${when}\``);
    expect(text).toContain(`handle each \`${delivery.dedupeKey}\` once`);
    expect(text).toContain(`\`${delivery.headers.eventId}\` header`);
    expect(text).toContain(`Subscribe the URL \`${delivery.devInboxUrl}\``);
    for (const f of delivery.signature.formats) expect(text).toContain(`\`${f.template}\` (${f.name})`);
    expect(text).toContain(`more than ${delivery.signature.toleranceSeconds} seconds from your clock`);
    const doc = fresh();
    doc['x-chert-webhook-delivery'].retry.maxAttempts = 5;
    doc['x-chert-webhook-delivery'].dedupeKey = 'delivery_id';
    const changed = flat(guideOf((await compose(doc)).document, 'Receiving replies'));
    expect(changed).toContain('tried up to 5 times');
    expect(changed).toContain('handle each `delivery_id` once');
  });

  it.each<[string, (d: Doc) => void, RegExp]>([
    ['no delivery facts at all', (d) => delete d['x-chert-webhook-delivery'], /x-chert-webhook-delivery/],
    ['no retry attempts', (d) => delete d['x-chert-webhook-delivery'].retry.maxAttempts, /x-chert-webhook-delivery has no value at retry\.maxAttempts/],
    ['a header no webhook declares', (d) => (d['x-chert-webhook-delivery'].headers.eventId = 'X-Chert-Event-Id'), /names headers no webhook declares: X-Chert-Event-Id/],
  ])('fail the build on %s', async (_name, edit, message) => {
    const doc = fresh();
    edit(doc);
    await expect(compose(doc)).rejects.toThrow(message);
  });
});

describe('the limits and quotes', () => {
  const removal = (d: Doc) => d.paths['/api/v1/chats/{id}/participants/{address}'].delete;
  const leave = (d: Doc) => d.paths['/api/v1/chats/{id}/leave'].post;

  it('the groups guide states the recipients and members the document gives', () => {
    const text = flat(guide('Groups'));
    const create = bundle.components.schemas.CreateChatRequest;
    const min = removal(bundle)['x-chert-group-min-members'];
    expect(leave(bundle)['x-chert-group-min-members']).toBe(min);
    expect(text).toContain(`A group is a chat with ${create.if.properties.to.minItems} to ${create.properties.to.maxItems} recipients`);
    expect(text).toContain(`Apple keeps a group at ${min} members or more`);
    expect(text).toContain(`the group needs ${min + 1} members first`);
  });

  it('each refusal of the groups table carries the status its operation answers', () => {
    const rows = markdownTable(guide('Groups').split('## The limits')[1] ?? '');
    expect(rows.map((r) => r['when it is broken'])).toEqual([
      'more: 422 / `1006`',
      'a removal that would leave fewer: 400 / `1002`',
      'fewer: 400 / `1002`',
      'a link or a photo in it: 501 / `4099`',
      'a group call on a 1:1 chat: 400 / `1006`',
    ]);
  });

  it('a change in the document changes the guides', async () => {
    const doc = fresh();
    doc.components.schemas.CreateChatRequest.properties.to.maxItems = 63;
    removal(doc)['x-chert-group-min-members'] = 4;
    leave(doc)['x-chert-group-min-members'] = 4;
    doc.components.schemas.MessageParts.maxItems = 12;
    doc.components.schemas.AttachmentBytes.maxLength = 250_000_000;
    const { document } = await compose(doc);
    const groups = flat(guideOf(document, 'Groups'));
    expect(groups).toContain('2 to 63 recipients');
    expect(groups).toContain('at 4 members or more');
    expect(groups).toContain('needs 5 members first');
    expect(flat(guideOf(document, 'Send your first message'))).toContain('the parts are at most 12');
    expect(flat(guideOf(document, 'Photos and files'))).toContain('up to 250 MB (250,000,000 bytes)');
  });

  it.each<[string, (d: Doc) => void, RegExp]>([
    ['no minimum of members', (d) => delete removal(d)['x-chert-group-min-members'], /no limit at removeChatParticipant: x-chert-group-min-members/],
    ['minimums that disagree', (d) => (leave(d)['x-chert-group-min-members'] = 2), /disagree on x-chert-group-min-members: 3 and 2|disagree on x-chert-group-min-members: 2 and 3/],
    ['no maximum of recipients', (d) => delete d.components.schemas.CreateChatRequest.properties.to.maxItems, /no limit at CreateChatRequest: properties\.to\.maxItems/],
    ['a field without a description', (d) => delete d.components.schemas.IdempotencyKey.description, /does not describe IdempotencyKey/],
    ['an answer an operation no longer documents', (d) => delete d.paths['/api/v1/chats/{id}/leave'].post.responses['400'], /leaveChat documents no error answer named TooFewWouldRemain/],
  ])('fail the build on %s', async (_name, edit, message) => {
    const doc = fresh();
    edit(doc);
    await expect(compose(doc)).rejects.toThrow(message);
  });

  it('the quotes are the document\'s own words', () => {
    const text = flat(guide('Idempotency and retries'));
    expect(text).toContain(flat(bundle.components.schemas.IdempotencyKey.description));
    expect(flat(guide('Send your first message'))).toContain(flat(bundle.components.schemas.SendMessageRequest.properties.phone_line_id.description));
  });
});

describe('idempotency keys and the retry rules', () => {
  it('the keyed operations are those with x-chert-idempotency-key, with their client method and field', () => {
    const rows = markdownTable(guide('Idempotency and retries').split('## Which operations take a key')[1] ?? '');
    const keyed = operations(bundle).filter((o) => o.idempotencyKey && !o.idempotent);
    expect(keyed.length).toBeGreaterThan(2);
    expect(rows.map((r) => /`([a-zA-Z]+)`/.exec(r.operation ?? '')?.[1]).sort()).toEqual(keyed.map((o) => o.operationId).sort());
    for (const o of keyed) {
      const row = rows.find((r) => r.operation?.includes(`\`${o.operationId}\``))!;
      const sdk = bundle.paths[o.path][o.method.toLowerCase()]['x-chert-sdk'];
      expect(row['client method']).toBe(`\`chert.${sdk.resource}.${sdk.method}\``);
      expect(row['the key goes in']).toBe(`\`${o.idempotencyKey!.slice(1).replace(/\//g, '.')}\``);
    }
  });

  // What the errors and idempotency guides say the client does with a timeout or a dropped
  // connection, checked against the client itself on a loopback server that drops every
  // connection once it has read the request.
  it.each<[string, string, (chert: ReturnType<typeof createChertClient>) => Promise<unknown>, number]>([
    ['a keyed operation', 'sendMessage', (c) => c.messages.send({ phone: '+14155550199', body: 'Hi' }), 3],
    ['an x-idempotent operation', 'updateChat', (c) => c.chats.update('ch_8f3k2m9q', { display_name: 'Friday' }), 3],
    ['any other operation', 'sendContactToChat', (c) => c.contacts.send({ chatId: 'ch_8f3k2m9q' }, { contact: { full_name: 'Ada' } }), 1],
  ])('a dropped connection: %s (%s) is retried only if the guides say it is safe', async (_kind, id, call, attempts) => {
    const op = operations(bundle).find((o) => o.operationId === id)!;
    expect(Boolean(op.idempotent || op.idempotencyKey)).toBe(attempts > 1);
    const keys: unknown[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        keys.push(JSON.parse(Buffer.concat(chunks).toString() || '{}').idempotency_key);
        res.socket?.destroy();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const chert = createChertClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, auth: { bearer: { token: 't' } }, maxRetries: 2, logLevel: 'off' });
      const error = await call(chert).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ChertNetworkError);
      expect((error as ChertNetworkError).mayHaveBeenDelivered).toBe(true);
      expect(keys).toHaveLength(attempts);
      // A keyed call carries one key, the same on every attempt.
      if (op.idempotencyKey) expect(new Set(keys).size === 1 && typeof keys[0] === 'string').toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const errors = flat(guide('Errors and retries'));
    expect(errors).toContain('is retried only for a call that is safe to repeat: an operation marked "yes" above, or one that takes an idempotency key');
  });
});

describe('the event log and stream', () => {
  const op = (id: string) => operations(bundle).find((o) => o.operationId === id)!;

  it('the filters are the query parameters of listEvents, with their descriptions', () => {
    const rows = markdownTable(guide('Events and the live stream').split('## Paging through the log')[1] ?? '');
    const query = op('listEvents').parameters.filter((p) => p.in === 'query');
    expect(rows.map((r) => r.parameter)).toEqual(query.map((p) => `\`${p.name}\``));
  });

  it("the stream's timings and resume rule are x-chert-stream's, and follow it", async () => {
    const stream = bundle.paths['/api/v1/events/stream'].get['x-chert-stream'];
    const text = flat(guide('Events and the live stream'));
    expect(text).toContain(`a heartbeat every ${stream.heartbeatSeconds} seconds`);
    expect(text).toContain(`after ${stream.connectionSeconds} seconds with an \`event: ${stream.closeEvent}\` frame`);
    expect(text).toContain(`with \`${stream.resume}\` set to the \`${stream.resumeFrom}\``);
    const doc = fresh();
    doc.paths['/api/v1/events/stream'].get['x-chert-stream'].connectionSeconds = 90;
    expect(flat(guideOf((await compose(doc)).document, 'Events and the live stream'))).toContain('after 90 seconds');
    delete doc.paths['/api/v1/events/stream'].get['x-chert-stream'];
    await expect(compose(doc)).rejects.toThrow(/the document has 0 operations with x-chert-stream/);
  });

  it("paging names the pagination's cursor and next fields", () => {
    const pagination = bundle.paths['/api/v1/events'].get['x-chert-pagination'];
    expect(flat(guide('Events and the live stream'))).toContain(`sending the answer's \`${pagination.next}\` back as \`${pagination.cursor}\``);
  });
});

describe('the sandbox guide reads the mock', () => {
  const readme = () => readFile(join(require.resolve('@chert/mock/package.json'), '..', 'README.md'), 'utf8');

  it('lists every route and handle method of the README\'s control API table', async () => {
    const rows = sectionTable(await readme(), 'The control API');
    expect(rows.length).toBeGreaterThan(4);
    const text = guide('The local sandbox');
    for (const row of rows) {
      if (row.route) expect(text).toContain(row.route);
      expect(text).toContain(row.handle);
    }
    expect(text).toContain('`POST /_sandbox/inbound`');
  });

  it('refuses a README whose table is gone or changed shape', () => {
    expect(() => controlApiList(sectionTable('# mock\n\n## The control API\n\nNo table.\n', 'The control API'))).toThrow(/table is gone or changed shape/);
    expect(() => controlApiList([{ path: '/x', what: 'y' }])).toThrow(/table is gone or changed shape/);
  });

  it("lists the sandbox's magic numbers as @chert/mock exports them, each with its outcome and code", () => {
    const rows = markdownTable(guide('The local sandbox').split('## Magic numbers')[1] ?? '');
    expect(rows.map((r) => r['send to'])).toEqual(magicNumbers.map((m) => `\`${m.number}\``));
    rows.forEach((row, i) => {
      const m = magicNumbers[i]!;
      expect(row['error code']).toBe(m.code === null ? 'none' : String(m.code));
      expect(row.outcome).toBe(m.outcome.replace(/_/g, ' '));
      expect(row['what a send to it does']).toBe(m.does);
    });
  });

  it("the guide's magic-number curl is answered by the sandbox as its comment says", async () => {
    const text = guide('The local sandbox').split('## Magic numbers')[1] ?? '';
    const curl = /curl -s \S+(\/api\/v1\/send)[\s\S]*?-d '([^']+)'\n# (\d{3}) (\{.*\})/.exec(text);
    expect(curl, 'the magic-number section shows a curl and its answer').not.toBeNull();
    const [, path, body, status, shown] = curl!;
    const mock = await startMock({ port: 0 });
    try {
      const res = await fetch(mock.url + path, { method: 'POST', headers: { authorization: 'Bearer test', 'content-type': 'application/json' }, body });
      expect(res.status).toBe(Number(status));
      const answer = await res.json();
      // The comment elides the message and trace id with …; every field it shows is the answer's.
      for (const [, key, value] of shown!.matchAll(/"(\w+)":("[^"]*"|true|false|\d+)/g)) {
        const found = key === 'success' ? answer.success : answer.error[key!];
        expect(JSON.stringify(found), key).toBe(value);
      }
    } finally {
      await mock.close();
    }
  });

  it('refuses a magic-number table it cannot list', () => {
    expect(() => magicNumbersTable([])).toThrow(/no usable magicNumbers/);
    expect(() => magicNumbersTable([{ number: '555', outcome: 'x', code: null, does: 'y' }])).toThrow(/no usable magicNumbers/);
  });

  it("shows the mock's own --help, with its modes", () => {
    const text = guide('The local sandbox');
    expect(text).toContain('Usage: chert-mock [options]');
    expect(text).toMatch(/--mode <m>\s+sandbox \(default\)/);
    expect(text).toContain('--state <file>');
  });
});

describe('the receiving guide reads the command line', () => {
  it('shows what chert listen --help prints, and its command uses only flags that help lists', () => {
    const text = guide('Receiving replies').split('## Your events on localhost with chert listen')[1]?.split('\n## ')[0] ?? '';
    expect(text).toContain('Usage: chert listen --forward-to <url> [options]');
    const command = /npx chert listen (.*)/.exec(text)?.[1] ?? '';
    const flags = command.match(/--[a-z-]+/g) ?? [];
    expect(flags).toContain('--forward-to');
    const help = text.slice(text.indexOf('Usage: chert listen'));
    for (const flag of [...flags, '--base-url', '--secret']) expect(help, flag).toMatch(new RegExp(`^\\s+${flag}\\b`, 'm'));
  });

  it('the events guide links to that section by the route its heading gets', () => {
    const heading = /^## (.*chert listen.*)$/m.exec(guide('Receiving replies'))?.[1];
    expect(heading).toBeDefined();
    expect(guide('Events and the live stream')).toContain(`(#/${slug('Receiving replies')}/${slug(heading!)})`);
  });
});

