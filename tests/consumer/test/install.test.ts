// What npm made of the tarballs: a consistent tree, with one copy of each of our packages
// (the client's `^` range on @chert/types and the mock's on @chert/openapi take the tarballs
// beside them, never a copy from the registry).
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { consumer } from './consumer.js';
import { PACKAGES } from './global-setup.js';

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
