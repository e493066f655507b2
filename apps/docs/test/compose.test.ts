import { createHmac } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signV1 } from '@chert/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDocs, workedExample, guides, guideGroups, referenceGroups } from '../scripts/lib/compose.mjs';
import { errorCodes, markdownTable, operations } from '../scripts/lib/facts.mjs';
import { generateCurlSample, generateTsSample } from '../scripts/lib/sample-generator.mjs';

const require = createRequire(import.meta.url);
const app = fileURLToPath(new URL('../', import.meta.url));
const guidesDir = join(app, 'guides');
const samplesDir = join(app, 'samples');
const bundle = JSON.parse(await readFile(require.resolve('@chert/openapi/openapi.json'), 'utf8'));

type Doc = Record<string, any>;
const fresh = (): Doc => structuredClone(bundle);

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
    const sentence = (text: string, start: string) => text.slice(text.indexOf(start)).split(/\.(?:\s|$)/)[0] ?? '';
    const intro = (composed.document.info.description as string).replace(/\s*\n\s*/g, ' ');
    const ids = (text: string) => [...text.matchAll(/`([a-zA-Z]+)`/g)].map((m) => m[1]);
    const all = operations(bundle);
    expect(ids(sentence(intro, 'Safe to repeat'))).toEqual(all.filter((o) => o.idempotent).map((o) => o.operationId));
    expect(ids(sentence(intro, 'Not idempotent'))).toEqual(all.filter((o) => !o.idempotent).map((o) => o.operationId));
    expect(intro).toContain('`sendMessage` (`/idempotency_key`)');
    // A change in the document changes the docs.
    const doc = fresh();
    op(doc, '/api/v1/chats/share-contact-info')['x-idempotent'] = true;
    const { document } = await composeDocs({ document: doc, guidesDir, samplesDir, signV1 });
    const changed = (document.info.description as string).replace(/\s*\n\s*/g, ' ');
    expect(ids(sentence(changed, 'Safe to repeat'))).toContain('shareContactInfoToPhone');
    expect(ids(sentence(changed, 'Not idempotent'))).not.toContain('shareContactInfoToPhone');
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
    expect(rows.at(-1)).toEqual({ operation: '[`archiveChat`](#/contact-cards/archivechat): Archive a chat', request: '`POST /api/v1/chats/{id}/archive`', tag: 'Contact cards' });
    expect(document.info.description).toContain(`(${operations(bundle).length + 1} operations)`);
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
      (d: Doc) => { delete d.components.parameters.ChatIdPath.example; delete d.components.schemas.ChatId.examples; return d; },
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
