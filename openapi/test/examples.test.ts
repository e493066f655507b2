// Every example in the document validates against the schema it illustrates, and the error
// examples agree with the response they sit in.
import { describe, expect, it } from 'vitest';
import { doc, mediaSites, validatorAt } from './document.js';

const sites = mediaSites();
const cases = sites.flatMap((site) =>
  Object.entries(site.examples).map(([name, example]) => ({ site, name, example })),
);

describe('examples', () => {
  it('the document has examples to check', () => {
    expect(cases.length).toBeGreaterThan(40);
  });

  it.each(cases.map((c) => [`${c.site.operationId} ${c.site.where} ${c.name}`, c] as const))(
    '%s validates against its schema',
    (_label, { site, example }) => {
      const validate = validatorAt(...site.schemaPath);
      const ok = validate(example.value);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    },
  );

  it.each(
    cases
      .filter((c) => c.site.where !== 'request' && !c.site.where.startsWith('2'))
      .map((c) => [`${c.site.operationId} ${c.site.where} ${c.name}`, c] as const),
  )('%s repeats the HTTP status in error.status', (_label, { site, example }) => {
    const value = example.value as { error: { status: number } };
    expect(String(value.error.status)).toBe(site.where);
  });

  it('every named example has a summary', () => {
    for (const [name, example] of Object.entries<any>(doc.components.examples)) {
      expect(example.summary, name).toMatch(/\S/);
    }
  });

  it('retry_after appears exactly on the codes the reference gives it (1007, 4002)', () => {
    for (const [name, example] of Object.entries<any>(doc.components.examples)) {
      const error = example.value?.error;
      if (!error) continue;
      expect('retry_after' in error, name).toBe([1007, 4002].includes(error.code));
      if (error.retry_after !== undefined) expect(error.retryable, name).toBe(true);
    }
  });
});
