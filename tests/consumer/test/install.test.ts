// What npm made of the tarballs: a consistent tree, with one copy of each of our packages
// (the client's `^` range on @chert/types and the mock's on @chert/openapi take the tarballs
// beside them, never a copy from the registry).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { consumer } from './consumer.js';
import { PACKAGES, root } from './global-setup.js';

interface Node { version?: string; resolved?: string; dependencies?: Record<string, Node> }

it('npm ls finds a consistent tree with exactly one copy of each @chert package, from its tarball', () => {
  // npm ls exits non-zero on a missing, invalid or extraneous dependency: execFileSync throws.
  const tree: Node = JSON.parse(execFileSync('npm', ['ls', '--all', '--json'], { cwd: consumer.app, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 }));
  const copies = new Map<string, Node[]>();
  const walk = (deps: Record<string, Node> = {}) => {
    for (const [name, node] of Object.entries(deps)) {
      if (name.startsWith('@chert/')) copies.set(name, [...(copies.get(name) ?? []), node]);
      walk(node.dependencies);
    }
  };
  walk(tree.dependencies);
  expect([...copies.keys()].sort()).toEqual(PACKAGES.map((p) => p.name).sort());
  for (const { name } of PACKAGES) {
    const top = tree.dependencies![name]!;
    expect(top.resolved, name).toBe(`file:${consumer.tarballs[name]}`);
    // A dependant's entry is the deduplicated top-level one: same version, nothing resolved
    // from elsewhere.
    for (const node of copies.get(name)!) {
      expect(node.version, name).toBe(top.version);
      expect(node.resolved ?? top.resolved, name).toBe(top.resolved);
    }
  }
});

it('the installed @chert/openapi carries the whole document: every operation and webhook, for other tools to read', async () => {
  const installed = createRequire(join(consumer.app, 'package.json'));
  const bundle = JSON.parse(readFileSync(installed.resolve('@chert/openapi/openapi.json'), 'utf8'));
  const yaml = readFileSync(installed.resolve('@chert/openapi/openapi.yaml'), 'utf8');
  // Read with the walker the package publishes, against the workspace's bundle.
  const walk = await import(pathToFileURL(installed.resolve('@chert/openapi/walk')).href);
  const workspace = JSON.parse(readFileSync(join(root, 'openapi', 'dist', 'openapi.json'), 'utf8'));
  const ids = (doc: object) => walk.operations(doc).map((o: { operation: { operationId: string } }) => o.operation.operationId).sort();
  const hooks = (doc: object) => walk.operations(doc, { webhooks: true }).filter((o: { kind: string }) => o.kind === 'webhook').map((o: { key: string }) => o.key).sort();
  expect(ids(bundle)).toEqual(ids(workspace));
  expect(ids(bundle).length).toBe(Object.values(workspace.paths).flatMap((item) => Object.keys(item as object).filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k))).length);
  expect(hooks(bundle)).toEqual(Object.keys(workspace.webhooks).sort());
  expect(hooks(bundle).length).toBeGreaterThan(0);
  expect(bundle).toEqual(workspace);
  for (const id of ids(bundle)) expect(yaml).toContain(`operationId: ${id}`);
  // Bundled: every $ref points inside the file, so another tool can read it alone.
  const refs = JSON.stringify(bundle).match(/"\$ref":"[^"]*"/g) ?? [];
  expect(refs.length).toBeGreaterThan(0);
  expect(refs.filter((r) => !r.startsWith('"$ref":"#/'))).toEqual([]);
});
