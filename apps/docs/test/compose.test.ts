import { createHmac } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signV1 } from '@chert/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDocs, workedExample, guides, guideGroups, referenceGroups } from '../scripts/lib/compose.mjs';
import { errorCodes, markdownTable, operations } from '../scripts/lib/facts.mjs';
import { generateCurlSample, generateTsSample } from '../scripts/lib/sample-generator.mjs';
import { bundle, fresh, guidesDir, samplesDir, type Doc } from './support/document.js';


let composed: Awaited<ReturnType<typeof composeDocs>>;
const scratch: string[] = [];

beforeAll(async () => {
  composed = await composeDocs({ document: fresh(), guidesDir, samplesDir, signV1 });
});

afterAll(async () => {
  await Promise.all(scratch.map((d) => rm(d, { recursive: true, force: true })));
});

async function copyOf(dir: string): Promise<string> {
  const to = await mkdtemp(join(tmpdir(), 'chert-docs-compose-'));
  scratch.push(to);
  await cp(dir, to, { recursive: true });
  return to;
}

const guideText = (name: string): string => {
  const tag = (composed.document.tags as Doc[]).find((t) => t.name === name);
  if (!tag) throw new Error(`no guide ${name}`);
  return tag.description as string;
};

describe('the worked HMAC example', () => {
  it("is the client's own signV1 output for the fixed inputs", async () => {
    const w = workedExample;
    expect(composed.worked.signature).toBe(await signV1(w.signingSecret, w.unixSeconds, w.rawBody));
    expect(composed.worked.emptyBodySignature).toBe(await signV1(w.signingSecret, w.unixSeconds, ''));
  });

  it('matches HMAC-SHA256 over "<unix_seconds>.<raw_body>", keyed with the secret text, as the document defines it', () => {
    const w = workedExample;
    const hex = createHmac('sha256', w.signingSecret).update(`${w.unixSeconds}.${w.rawBody}`).digest('hex');
    expect(composed.worked.signature).toBe(`v1,${w.unixSeconds},${hex}`);
    expect(composed.worked.signature).toMatch(/^v1,\d+,[0-9a-f]{64}$/);
  });

  it('is shown, with its inputs, in the authentication guide', () => {
    const text = guideText('Authentication');
    const w = workedExample;
    expect(text).toContain(`x-chert-signature: ${composed.worked.signature}`);
    expect(text).toContain(`x-chert-signature: ${composed.worked.emptyBodySignature}`);
    expect(text).toContain(`${w.unixSeconds}.${w.rawBody}`);
    expect(text).toContain(w.signingSecret);
  });

  it('fails the build when signV1 disagrees with the definition', async () => {
    const wrong = async (secret: string, ts: number, body: string) => (await signV1(secret, ts, body + ' '));
    await expect(composeDocs({ document: fresh(), guidesDir, samplesDir, signV1: wrong })).rejects.toThrow(
      /signV1 disagrees with the HMAC v1 definition/,
    );
  });
});

describe('the signature window', () => {
  const scheme = (d: Doc) => d.components.securitySchemes.ChertSignature;

  it('is the document\'s x-chert-signature-window-seconds, wherever the guides say it', async () => {
    expect(guideText('Authentication')).toContain(`**${scheme(bundle)['x-chert-signature-window-seconds']} seconds**`);
    const doc = fresh();
    scheme(doc)['x-chert-signature-window-seconds'] = 120;
    const { document } = await composeDocs({ document: doc, guidesDir, samplesDir, signV1 });
    const texts = (document.tags as Doc[]).map((t) => t.description as string).join('\n');
    expect(texts).toContain('## The 120-second window and 2013');
    expect(texts).toContain('the 120-second window');
    expect(texts).toContain('within **120 seconds**');
  });

  it.each([
    ['missing', undefined],
    ['not a number', '300'],
    ['not positive', 0],
  ])('fails the build when the extension is %s, naming it', async (_name, value) => {
    const doc = fresh();
    if (value === undefined) delete scheme(doc)['x-chert-signature-window-seconds'];
    else scheme(doc)['x-chert-signature-window-seconds'] = value;
    await expect(composeDocs({ document: doc, guidesDir, samplesDir, signV1 })).rejects.toThrow(
      /ChertSignature needs x-chert-signature-window-seconds/,
    );
  });
});

describe('the error guide', () => {
  const enumCodes = (): number[] => bundle.components.schemas.ErrorCode.enum;

  it('has one row per code of the ErrorCode enum, with the status and retryable of its examples', () => {
    const rows = markdownTable(guideText('Errors and retries').split('## Every code')[1] ?? '');
    expect(rows.map((r) => Number(r.code))).toEqual(enumCodes());
    // Every example of a code, read independently of the docs' own facts module.
    const examples = Object.values(bundle.components.examples as Record<string, Doc>)
      .map((e) => (typeof e.value?.error === 'object' ? e.value.error : e.value?.ok === false ? { code: e.value.code, retryable: e.value.retryable } : undefined))
      .filter(Boolean);
    for (const row of rows) {
      const own = examples.filter((e) => e.code === Number(row.code));
      expect(own.length, `an example for ${row.code}`).toBeGreaterThan(0);
      const listed = (row.http ?? '').split(/,\s*/).map(Number);
      for (const ex of own.filter((e) => e.status !== undefined)) expect(listed, `${row.code}`).toContain(ex.status);
      const retryable = new Set(own.map((e) => e.retryable));
      expect(row.retryable).toBe(retryable.size > 1 ? 'varies' : [...retryable][0] ? 'yes' : 'no');
      expect(row['what to do']?.length, `advice for ${row.code}`).toBeGreaterThan(10);
    }
  });

  it("describes every field of the document's envelope, with the document's words", () => {
    const text = guideText('Errors and retries');
    const rows = markdownTable(text.split('## One envelope, everywhere')[1] ?? '');
    const api = bundle.components.schemas.ApiError;
    const want = ['success', ...Object.keys(api.properties).map((k) => `error.${k}`), 'trace_id'];
    expect(rows.map((r) => r.field?.replace(/`/g, ''))).toEqual(want);
    expect(rows.find((r) => r.field === '`error.status`')?.['what it is for']).toBe(api.properties.status.description);
    expect(rows.find((r) => r.field === '`error.retry_after`')?.['always there?']).toBe('no');
  });

  it('follows the document: a new code in the enum (with its example and table row) appears in the guide', async () => {
    const doc = fresh();
    doc.components.schemas.ErrorCode.enum.push(1010);
    doc.components.schemas.ErrorCode.description = doc.components.schemas.ErrorCode.description.replace(
      '| 2001 |',
      '| 1010 | 415 | no | service not supported |\n| 2001 |',
    );
    doc.components.examples.NotSupported = {
      summary: '1010 · service not supported',
      value: { success: false, error: { status: 415, code: 1010, message: 'Not supported', retryable: false }, trace_id: 'x' },
    };
    doc.paths['/api/v1/chats/{id}/send-contact'].post.responses['415'] = {
      description: 'Not supported',
      content: { 'application/json': { examples: { NotSupported: { $ref: '#/components/examples/NotSupported' } } } },
    };
    const guides = await copyOf(guidesDir);
    const advice = JSON.parse(await readFile(join(guides, 'error-advice.json'), 'utf8'));
    await writeFile(join(guides, 'error-advice.json'), JSON.stringify({ ...advice, 1010: 'Use imessage.' }));
    const { document } = await composeDocs({ document: doc, guidesDir: guides, samplesDir, signV1 });
    const text = (document.tags as Doc[]).find((t) => t.name === 'Errors and retries')?.description;
    expect(text).toContain('| 1010 | 415 | no | service not supported | Use imessage. |');
  });

  it.each([
    [
      'a code without an example',
      (d: Doc) => d.components.schemas.ErrorCode.enum.push(1999),
      /1999: no response example in the document carries this code/,
    ],
    [
      'an example whose status contradicts the ErrorCode table',
      (d: Doc) => (d.components.examples.ChatNotFound.value.error.status = 410),
      /2002: examples ChatNotFound and .* disagree|2002: the ErrorCode table says HTTP 404, example ChatNotFound says 410/,
    ],
    [
      'a table row saying a code is retryable when its example says not',
      (d: Doc) => {
        const s = d.components.schemas.ErrorCode;
        s.description = s.description.replace('| 4001 | 502 | no |', '| 4001 | 502 | yes |');
      },
      /4001: the ErrorCode table says retryable "yes", example DeliveryFailed says false/,
    ],
  ])('fails the build on %s', (_name, mutate, message) => {
    const doc = fresh();
    mutate(doc);
    expect(() => errorCodes(doc)).toThrow(message);
  });

  it('fails the build when a code has no advice, or advice names a code the document lacks', async () => {
    const guides = await copyOf(guidesDir);
    const advice = JSON.parse(await readFile(join(guides, 'error-advice.json'), 'utf8'));
    delete advice['4099'];
    advice['7777'] = 'Nothing.';
    await writeFile(join(guides, 'error-advice.json'), JSON.stringify(advice));
    const attempt = composeDocs({ document: fresh(), guidesDir: guides, samplesDir, signV1 });
    await expect(attempt).rejects.toThrow(/no advice for 4099/);
    await expect(attempt).rejects.toThrow(/advice for 7777/);
  });
});

describe('facts that grow with the document', () => {
  const op = (d: Doc, path: string) => d.paths[path].post;

  it('a code one operation answers with its own status shows both statuses, wherever the guides name it', async () => {
    const doc = fresh();
    const ex = structuredClone(doc.components.examples.LineUnsupported);
    ex.value.error.status = 422;
    delete op(doc, '/api/v1/chats/send-contact').responses['501'];
    op(doc, '/api/v1/chats/send-contact').responses['422'] = {
      description: 'Not supported here',
      content: { 'application/json': { examples: { LineUnsupported422: ex } } },
    };
    const schema = doc.components.schemas.ErrorCode;
    schema.description = schema.description.replace('| 4099 | 501 |', '| 4099 | 501 (422 on first touch) |');
    const { document } = await composeDocs({ document: doc, guidesDir, samplesDir, signV1 });
    expect(document.info.description).toContain('(501 or 422 / `4099`)');
    const table = markdownTable(((document.tags as Doc[]).find((t) => t.name === 'Errors and retries')?.description as string).split('## Every code')[1] ?? '');
    expect(table.find((r) => r.code === '4099')?.http).toBe('501, 422');
  });

  it('a status the ErrorCode table does not list fails the build', () => {
    const doc = fresh();
    const ex = structuredClone(doc.components.examples.LineUnsupported);
    ex.value.error.status = 409;
    op(doc, '/api/v1/chats/send-contact').responses['409'] = {
      description: 'Not supported here',
      content: { 'application/json': { examples: { LineUnsupported409: ex } } },
    };
    expect(() => errorCodes(doc)).toThrow(/4099: the ErrorCode table says HTTP 501, 422, example LineUnsupported409 says 409/);
  });

  it('what is safe to repeat comes from x-idempotent and x-chert-idempotency-key', async () => {
    const table = (d: Doc) => markdownTable(((d.tags as Doc[]).find((t) => t.name === 'Errors and retries')?.description as string).split('## Why a failed call')[1] ?? '');
    const verdict = (rows: Array<Record<string, string>>) => new Map(rows.map((r) => [/`([a-zA-Z]+)`/.exec(r.operation ?? '')?.[1], r['send it again?']]));
    const all = operations(bundle);
    const rows = verdict(table(composed.document));
    expect([...rows.keys()].sort()).toEqual(all.map((o) => o.operationId).sort());
    for (const o of all) {
      const want = o.idempotent ? 'yes (`x-idempotent: true`)' : o.idempotencyKey ? `only with an idempotency key (\`${o.idempotencyKey}\`): the same key and body again` : 'no: it acts again';
      expect(rows.get(o.operationId), o.operationId).toBe(want);
    }
    expect(rows.get('sendMessage')).toContain('`/idempotency_key`');
    const intro = (composed.document.info.description as string).replace(/\s*\n\s*/g, ' ');
    const safe = all.filter((o) => o.idempotent).length;
    const keyed = all.filter((o) => !o.idempotent && o.idempotencyKey);
    expect(intro).toContain(`Of the ${all.length} operations, ${safe} are safe to repeat`);
    expect(intro).toContain(`The other ${all.length - safe - keyed.length} act again on every successful call`);
    for (const o of keyed) expect(intro).toContain(`\`${o.operationId}\`](`);
    // A change in the document changes the docs.
    const doc = fresh();
    op(doc, '/api/v1/chats/share-contact-info')['x-idempotent'] = true;
    const { document } = await composeDocs({ document: doc, guidesDir, samplesDir, signV1 });
    expect(verdict(table(document)).get('shareContactInfoToPhone')).toBe('yes (`x-idempotent: true`)');
    expect((document.info.description as string).replace(/\s*\n\s*/g, ' ')).toContain(`${safe + 1} are safe to repeat`);
  });

  it('the authentication guide lists the codes every 401 and 403 of the document carries', async () => {
    const rows = markdownTable(guideText('Authentication').split('## Authentication errors')[1] ?? '');
    const want = errorCodes(bundle).filter((c) => c.statuses.some((s) => s === 401 || s === 403)).map((c) => String(c.code));
    expect(want.length).toBeGreaterThan(2);
    expect(rows.map((r) => r.code)).toEqual(want);
  });

  it('the quick start lists every operation, with its request and tag, however many there are', async () => {
    const doc = fresh();
    doc.paths['/api/v1/chats/{id}/archive'] = {
      parameters: doc.paths['/api/v1/chats/{id}/send-contact'].parameters,
      post: { ...structuredClone(op(doc, '/api/v1/chats/{id}/share-contact-info')), operationId: 'archiveChat', summary: 'Archive a chat' },
    };
    const { document } = await composeDocs({ document: doc, guidesDir, samplesDir, signV1 });
    const quick = (document.tags as Doc[]).find((t) => t.name === 'Quick start')?.description as string;
    const rows = markdownTable(quick.split('## The operations')[1] ?? '');
    expect(rows).toHaveLength(operations(doc).length);
    expect(rows).toContainEqual({ operation: '[`archiveChat`](#/contact-cards/archivechat): Archive a chat', request: '`POST /api/v1/chats/{id}/archive`', tag: 'Contact cards' });
    // In the reference's order: by tag as the sidebar lists them.
    const order = referenceGroups.flatMap((g) => g.tags);
    const tags = rows.map((r) => order.indexOf(r.tag ?? ''));
    expect(tags).toEqual([...tags].sort((a, b) => a - b));
    expect(tags).not.toContain(-1);
    expect((document.info.description as string).replace(/\s+/g, ' ')).toContain(`(${operations(bundle).length + 1} operations and ${Object.keys(bundle.webhooks).length} webhooks)`);
  });
});

describe('facts of the whole API, read from the document', () => {
  const flat = (text: string) => text.replace(/\s+/g, ' ');
  const intro = () => flat(composed.document.info.description as string);
  const links = (text: string) => [...text.matchAll(/\[`([^`]+)`\]\(#\/[^)]+\)/g)].map((m) => m[1]);

  it('the introduction addresses chats and messages on exactly the operations under their paths', () => {
    const under = (prefix: string) => operations(bundle).filter((o) => o.path === prefix || o.path.startsWith(`${prefix}/`)).map((o) => o.operationId);
    const raw = composed.document.info.description as string;
    const bullet = (start: string) => raw.split(/\n- \*\*|\n\n/).find((b) => b.startsWith(start)) ?? '';
    expect(links(bullet('By chat id'))).toEqual(under('/api/v1/chats/{id}'));
    expect(links(bullet('By message id'))).toEqual(under('/api/v1/messages/{id}'));
    expect(under('/api/v1/chats/{id}').length).toBeGreaterThan(5);
  });

  it('the introduction shows the ids as the document exemplifies them', () => {
    for (const name of ['ChatId', 'MessageId', 'E164Phone']) {
      for (const example of bundle.components.schemas[name].examples) expect(intro()).toContain(`\`${example}\``);
    }
  });

  it('the introduction and the quick start list every webhook, with its summary and its place in the reference', () => {
    const hooks = Object.entries(bundle.webhooks as Doc).map(([name, item]) => [name, (item as Doc).post]);
    expect(hooks.length).toBeGreaterThan(0);
    for (const text of [composed.document.info.description as string, guideText('Quick start')]) {
      const rows = markdownTable(text.slice(text.indexOf('| event |')));
      expect(rows.map((r) => r.event)).toEqual(hooks.map(([name, op]) => `[\`${name}\`](#/webhooks/${op.operationId.toLowerCase()})`));
      expect(rows.map((r) => r['what happened'])).toEqual(hooks.map(([, op]) => op.summary));
    }
  });

  it('the authentication guide names the bearer-only operations and how webhooks are signed', async () => {
    const bearerOnly = operations(bundle).filter((o) => o.security.length && o.security.every((r) => !('ChertSignature' in r)));
    expect(bearerOnly.map((o) => o.operationId)).toEqual(['uploadAttachment']);
    const auth = flat(guideText('Authentication'));
    expect(auth).toContain('except [`uploadAttachment`](#/attachments/uploadattachment), which takes the bearer token only');
    const delivery = bundle['x-chert-webhook-delivery'];
    expect(auth).toContain(`${delivery.signature.algorithm} over \`${delivery.signature.signedPayload}\`, keyed with the subscription's own secret`);
    expect(auth).toContain(`in the \`${delivery.headers.signature}\` header`);
    const doc = fresh();
    doc['x-chert-webhook-delivery'].signature.key = 'a-key-of-another-kind';
    await expect(composeDocs({ document: doc, guidesDir, samplesDir, signV1 })).rejects.toThrow(/signature\.key "a-key-of-another-kind"/);
  });

  it('the errors guide names the code ranges as the ErrorCode description does', () => {
    const said = /Ranges: ([^.]+)\./.exec(flat(bundle.components.schemas.ErrorCode.description))?.[1] ?? '';
    expect(said).toContain('5xxx');
    const text = flat(guideText('Errors and retries'));
    for (const range of said.split(', ')) expect(text).toContain(range.replace(/^(\dxxx)/, '`$1`'));
  });

  it('the mock guide has a Prefer row for every named example of every operation; a long success body shows its summary', () => {
    const text = guideText('Run the mock');
    const rows = markdownTable(text.slice(text.indexOf('| `Prefer` |')));
    const row = (status: string, name: string) => rows.find((r) => r['`prefer`'] === `\`code=${status}, example=${name}\``);
    for (const o of operations(bundle)) {
      for (const r of o.responses) for (const ex of r.examples) expect(row(r.status, ex.name)?.operations, `${o.operationId} ${r.status} ${ex.name}`).toMatch(new RegExp(`\`${o.operationId}\`|^all$`));
    }
    const sent = operations(bundle).find((o) => o.operationId === 'sendMessage')!.responses.find((r) => r.status === '200')!.examples[0]!;
    expect(JSON.stringify(sent.value).length).toBeGreaterThan(64);
    expect(row('200', sent.name)?.answer).toBe(`200: ${sent.summary}`);
    expect(row('200', 'Sent')?.answer).toBe(`200: \`${JSON.stringify(bundle.components.examples.Sent.value)}\``);
  });

  it('the introduction names the operations that are not JSON, with their media types', () => {
    const nonJson = operations(bundle).filter((o) =>
      [...Object.keys(o.requestBody?.content ?? {}), ...o.responses.filter((r) => r.status.startsWith('2')).flatMap((r) => r.types)].some((t) => t !== 'application/json'),
    );
    const sentence = intro().slice(intro().indexOf('except for'), intro().indexOf('Every response'));
    expect(links(sentence)).toEqual(nonJson.map((o) => o.operationId));
    expect(sentence).toContain('`text/event-stream`');
  });
});

describe('code samples', () => {
  it('every operation has a TypeScript and a curl sample: the file under samples/, else the generated one', async () => {
    const ops = operations(composed.document);
    expect(ops.map((o) => o.operationId).sort()).toEqual(operations(bundle).map((o) => o.operationId).sort());
    const own = new Set(await readdir(samplesDir));
    for (const o of ops) {
      const op = composed.document.paths[o.path][o.method.toLowerCase()];
      expect(op['x-codeSamples'].map((s: Doc) => [s.lang, s.label])).toEqual([
        ['TypeScript', 'TypeScript'],
        ['Shell', 'curl'],
      ]);
      const [ts, curl] = op['x-codeSamples'];
      const bundled = operations(bundle).find((b) => b.operationId === o.operationId)!;
      expect(ts.source).toBe(own.has(`${o.operationId}.ts`) ? await readFile(join(samplesDir, `${o.operationId}.ts`), 'utf8') : generateTsSample(bundle, bundled));
      expect(curl.source).toBe(own.has(`${o.operationId}.sh`) ? await readFile(join(samplesDir, `${o.operationId}.sh`), 'utf8') : generateCurlSample(bundle, bundled));
    }
  });

  it('a hand-written sample removed: the docs show the one generated from the document instead', async () => {
    const samples = await copyOf(samplesDir);
    await rm(join(samples, 'shareContactInfoToPhone.sh'));
    const { document, samples: shown } = await composeDocs({ document: fresh(), guidesDir, samplesDir: samples, signV1 });
    const op = operations(bundle).find((o) => o.operationId === 'shareContactInfoToPhone')!;
    const [ts, curl] = document.paths[op.path].post['x-codeSamples'];
    expect(curl.source).toBe(generateCurlSample(bundle, op));
    expect(curl.source).toContain('(generated from the API document)');
    expect(ts.source).toBe(await readFile(join(samplesDir, 'shareContactInfoToPhone.ts'), 'utf8'));
    const generated = (list: Array<{ generated: boolean; operationId: string; ext: string }>) =>
      list.filter((s) => s.generated).map((s) => `${s.operationId}${s.ext}`).sort();
    expect(generated(shown)).toEqual([...generated(composed.samples), 'shareContactInfoToPhone.sh'].sort());
  });

  it.each([
    ['a sample for an operation the document lacks', async (dir: string) => writeFile(join(dir, 'deleteChat.ts'), ''), (d: Doc) => d,
      /samples\/deleteChat\.\*: no operation deleteChat/],
    ['an operation without a sample that none can be generated for (a path parameter without an example)',
      async (dir: string) => { await rm(join(dir, 'sendContactToChat.ts')); await rm(join(dir, 'sendContactToChat.sh')); },
      (d: Doc) => { delete d.components.parameters.ChatIdPath.example; d.components.parameters.ChatIdPath.schema = { type: 'string' }; return d; },
      /sendContactToChat: no sample can be generated, the required path parameter id has no example\. Give the document an example, or write samples\/sendContactToChat\.ts and \.sh by hand\./],
  ])('fail the build on %s', async (_name, change, edit, message) => {
    const samples = await copyOf(samplesDir);
    await change(samples);
    await expect(composeDocs({ document: edit(fresh()), guidesDir, samplesDir: samples, signV1 })).rejects.toThrow(message);
  });
});

describe('the guides', () => {
  it('are trait tags, each in its sidebar group', () => {
    const tags = composed.document.tags as Doc[];
    expect(tags.filter((t) => t['x-traitTag']).map((t) => t.name)).toEqual(guides.map((g) => g.tag));
    const groups = composed.document['x-tagGroups'] as Array<{ name: string; tags: string[] }>;
    for (const g of guides) expect(groups.find((group) => group.tags.includes(g.tag))?.name, g.tag).toBe(g.group);
  });

  it('the introduction leads the page and names the base URLs from the document', () => {
    const intro = composed.document.info.description as string;
    expect(intro).toContain(`\`${bundle.servers[0].url}\``);
    expect(intro).toContain('`http://127.0.0.1:4010`');
    const quickStart = guideText('Quick start');
    for (const o of operations(bundle)) expect(quickStart).toContain(`\`${o.method} ${o.path}\``);
  });

  it('leave no placeholder unfilled', () => {
    const all = [composed.document.info.description, ...(composed.document.tags as Doc[]).map((t) => t.description)];
    for (const text of all) expect(text).not.toMatch(/\{\{[^}]*\}\}/);
  });

  it.each([
    ['an unknown placeholder', 'authentication.md', (t: string) => `${t}\n{{no-such-thing}}`, /authentication\.md: unknown placeholder \{\{no-such-thing\}\}/],
    ['a code the document does not know', 'errors.md', (t: string) => `${t}\n{{code:1234}}`, /error code 1234/],
    ['a link to nothing on the page', 'mock.md', (t: string) => `${t}\n[gone](#/no-such-guide)`, /mock\.md: links to nothing on the page: #\/no-such-guide/],
  ])('fail the build on %s', async (_name, file, edit, message) => {
    const dir = await copyOf(guidesDir);
    await writeFile(join(dir, file), edit(await readFile(join(dir, file), 'utf8')));
    await expect(composeDocs({ document: fresh(), guidesDir: dir, samplesDir, signV1 })).rejects.toThrow(message);
  });

  it('exist for every guide the page lists', async () => {
    const files = await readdir(guidesDir);
    for (const g of guides) expect(files).toContain(g.file);
    expect(files).toContain('introduction.md');
  });
});

describe('the sidebar', () => {
  const groups = (d: Doc) => d['x-tagGroups'] as Array<{ name: string; tags: string[] }>;

  it('reads: getting started, the how-to guides, the reference in two groups, then what this reference assumes', () => {
    const before = guideGroups.filter((g) => g.place === 'before').map((g) => g.name);
    const after = guideGroups.filter((g) => g.place === 'after').map((g) => g.name);
    const withGuides = (names: string[]) => names.filter((n) => guides.some((g) => g.group === n));
    expect(groups(composed.document).map((g) => g.name)).toEqual([
      ...withGuides(before),
      'API reference: send',
      'API reference: receive',
      ...withGuides(after),
    ]);
    expect(groups(composed.document).find((g) => g.name === 'About this reference')?.tags).toEqual(['Assumptions']);
  });

  it('places every tag of the document in exactly one group, and the tags in the same order on the page', () => {
    const reference = groups(composed.document).filter((g) => g.name.startsWith('API reference'));
    const placed = reference.flatMap((g) => g.tags);
    expect([...placed].sort()).toEqual((bundle.tags as Doc[]).map((t) => t.name).sort());
    expect(new Set(placed).size).toBe(placed.length);
    const pageTags = (composed.document.tags as Doc[]).filter((t) => !t['x-traitTag']).map((t) => t.name);
    expect(pageTags).toEqual(placed);
    expect(placed).toEqual(referenceGroups.flatMap((g) => g.tags));
  });

  it('shows every operation and webhook under a tag the sidebar lists', () => {
    const placed = new Set(groups(composed.document).flatMap((g) => g.tags));
    const all = [...Object.values(bundle.paths as Doc), ...Object.values(bundle.webhooks as Doc)].flatMap((item) =>
      Object.values(item as Doc).filter((op: any) => op?.operationId),
    ) as Doc[];
    expect(all).toHaveLength(Object.keys(bundle.webhooks).length + operations(bundle).length);
    for (const op of all) expect(placed.has(op.tags[0]), op.operationId).toBe(true);
  });

  it.each([
    ['a tag of the document that no group places', (d: Doc) => d.tags.push({ name: 'Billing', description: 'Invoices.' }),
      /the document's tag "Billing" is in no group of referenceGroups/],
    ['a group naming a tag the document lacks', (d: Doc) => (d.tags = d.tags.filter((t: Doc) => t.name !== 'Locations')),
      /referenceGroups names "Locations", which the document does not declare/],
    ['a webhook without a declared tag', (d: Doc) => (d.webhooks['lead_reply'].post.tags = ['Legacy']),
      /operations without a declared tag would be hidden: handleLeadReply/],
    ['a webhook without an operationId (the reference would have no address for it)', (d: Doc) => delete d.webhooks['reaction.added'].post.operationId,
      /webhook reaction\.added has no operationId/],
  ])('fails the build on %s', async (_name, edit, message) => {
    const doc = fresh();
    edit(doc);
    await expect(composeDocs({ document: doc, guidesDir, samplesDir, signV1 })).rejects.toThrow(message);
  });
});

describe('the source document', () => {
  it('is not modified by composing', async () => {
    const doc = fresh();
    const before = JSON.stringify(doc);
    await composeDocs({ document: doc, guidesDir, samplesDir, signV1 });
    expect(JSON.stringify(doc)).toBe(before);
  });
});
