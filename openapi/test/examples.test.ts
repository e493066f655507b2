// Every example in the document validates against the schema it illustrates, and the error
// examples agree with the response they sit in.
import { describe, expect, it } from 'vitest';
import { pointer } from '@chert/openapi/walk';
import { deref, doc, mediaSites, validatorAt } from './document.js';

const sites = mediaSites();
const cases = sites.flatMap((site) =>
  Object.entries(site.examples).map(([name, example]) => ({ site, name, example })),
);
const label = (c: (typeof cases)[number]) => `${c.site.operationId} ${c.site.where} ${c.site.type} ${c.name}`;
const errorCases = cases.filter((c) => c.site.where !== 'request' && /^[45]/.test(c.site.where));
const isEnvelope = (value: any) => value?.success === false && typeof value.error === 'object';

describe('examples', () => {
  it('the document has examples to check', () => {
    expect(cases.length).toBeGreaterThan(300);
  });

  it('every body and answer shows named examples, except the raw bytes of attachments', () => {
    const shown = new Set(cases.map((c) => `${c.site.operationId} ${c.site.where}`));
    const binary = sites.filter((s) => deref(doc, pointer(doc, `#/${s.schemaPath.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`))?.format === 'binary');
    expect(binary.map((s) => `${s.operationId} ${s.where}`)).toEqual([
      'uploadAttachment request', 'uploadAttachment request', 'getAttachmentContent 200', 'getAttachmentContent 200',
    ]);
    for (const site of sites.filter((s) => !binary.includes(s))) {
      expect(shown.has(`${site.operationId} ${site.where}`), `${site.operationId} ${site.where} ${site.type}`).toBe(true);
    }
  });

  it.each(cases.map((c) => [label(c), c] as const))('%s validates against its schema', (_label, { site, example }) => {
    const validate = validatorAt(...site.schemaPath);
    const ok = validate(example.value);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each(errorCases.filter((c) => isEnvelope(c.example.value)).map((c) => [label(c), c] as const))(
    '%s repeats the HTTP status in error.status',
    (_label, { site, example }) => {
      const value = example.value as { error: { status: number } };
      expect(String(value.error.status)).toBe(site.where);
    },
  );

  it('only replayEvent answers errors outside the shared envelope (its legacy ReplayError)', () => {
    const legacy = errorCases.filter((c) => !isEnvelope(c.example.value));
    expect([...new Set(legacy.map((c) => c.site.operationId))]).toEqual(['replayEvent']);
    for (const c of legacy) expect(c.example.value).toMatchObject({ ok: false, trace_id: expect.any(String) });
  });

  it('every named example has a summary', () => {
    for (const [name, example] of Object.entries<any>(doc.components.examples)) {
      expect(example.summary, name).toMatch(/\S/);
    }
  });

  it('an example name means one thing: each error example carries one code', () => {
    for (const c of errorCases) {
      const value: any = c.example.value;
      expect(value.error?.code ?? value.code, label(c)).toEqual(expect.any(Number));
    }
  });

  // The envelope's optional fields appear exactly where the reference puts them.
  const errors = Object.entries<any>(doc.components.examples)
    .map(([name, ex]) => [name, ex.value?.error] as const)
    .filter(([, error]) => error && typeof error === 'object');
  it.each<[string, (code: number) => boolean]>([
    ['retry_after', (code) => [1007, 4002].includes(code)],
    ['allowed_effects', (code) => code === 4098],
  ])('%s appears exactly on the codes the reference gives it', (field, allowed) => {
    for (const [name, error] of errors) expect(field in error, name).toBe(allowed(error.code));
  });

  it('attachment_index appears only on 1011, 1002 and 5xxx errors, and always on 1011', () => {
    for (const [name, error] of errors) {
      if ('attachment_index' in error) expect(error.code === 1011 || error.code === 1002 || error.code >= 5000, name).toBe(true);
      if (error.code === 1011) expect(error.attachment_index, name).toEqual(expect.any(Number));
    }
  });

  it('retry_after comes with retryable: true', () => {
    for (const [name, error] of errors) if (error.retry_after !== undefined) expect(error.retryable, name).toBe(true);
  });
});
