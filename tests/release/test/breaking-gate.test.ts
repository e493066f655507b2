// The gate CI applies to the document: the bundle against the released record, with the
// changesets now pending. A failure here prints the checker's report: either make the change
// compatible or add a major changeset for @chert/openapi (see openapi/released/README.md).
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readJson, root, sh } from './repo.js';

it('the document has no breaking change that a major changeset does not announce', () => {
  const ran = sh('node', [join(root, 'openapi/scripts/check-breaking.mjs')], { cwd: root, check: false });
  expect(ran.status, ran.output).toBe(0);
});

it('the released record is the document of the current version', () => {
  const released = readJson(root, 'openapi/released/openapi.json');
  expect(released.info.version).toBe(readJson(root, 'openapi/package.json').version);
  expect(released.openapi).toMatch(/^3\.1\./);
});
