// What a published package must carry, and how changesets versions the workspace: the fixed
// group, the independent mock, the private packages, and the pending changesets themselves.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXED, PUBLISHED, VERSIONED, readJson, root, workspacePackages } from './repo.js';

const packages = workspacePackages();
const byName = new Map(packages.map((p) => [p.manifest.name as string, p]));
const config = readJson(root, '.changeset', 'config.json');
const published = PUBLISHED.map((name) => {
  const pkg = byName.get(name);
  if (!pkg) throw new Error(`${name} is not in the workspace`);
  return pkg;
});
const repository = readJson(root, 'openapi', 'package.json').repository;

describe.each(published.map((p) => [p.manifest.name, p] as const))('%s', (name, { dir, manifest }) => {
  it('is public and says what it is, under which licence, from where', () => {
    expect(manifest.private).not.toBe(true);
    expect(manifest.description).toMatch(/^.{20,}$/);
    expect(manifest.license).toBe('MIT');
    expect(manifest.repository).toEqual({ ...repository, directory: dir });
  });

  it('declares files, engines, sideEffects and an exports map with ./package.json', () => {
    expect(manifest.files).toEqual(expect.arrayContaining(['dist', 'README.md', 'CHANGELOG.md']));
    expect(manifest.engines?.node).toMatch(/^>=\s*20/);
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.exports?.['./package.json']).toBe('./package.json');
  });

  it('publishes publicly with npm provenance, whatever runs npm publish', () => {
    // The workflow sets NPM_CONFIG_PROVENANCE too, but an environment variable can be lost on
    // the way through changeset publish → pnpm publish → npm; the manifest travels with it.
    expect(manifest.publishConfig).toMatchObject({ access: 'public', provenance: true });
  });

  it('ships the licence text its manifest names', () => {
    expect(existsSync(join(root, dir, 'LICENSE')), `${dir}/LICENSE (MIT asks for the text to travel with the code)`).toBe(true);
    expect(readFileSync(join(root, dir, 'LICENSE'), 'utf8')).toMatch(/MIT License/);
  });

  it('has a README that starts with how to install it', () => {
    const readme = join(root, dir, 'README.md');
    expect(existsSync(readme), `${dir}/README.md`).toBe(true);
    const head = readFileSync(readme, 'utf8').split('\n').slice(0, 12).join('\n');
    expect(head).toContain(`# ${name}`);
    expect(head).toMatch(new RegExp(`(npm|pnpm) (install|add) [^\\n]*${name.replace('/', '\\/')}`));
  });

  it('depends on our own packages through workspace: ranges, which publishing turns into versions', () => {
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const [dep, range] of Object.entries<string>(manifest[field] ?? {})) {
        if (byName.has(dep)) expect(range, `${field}.${dep}`).toMatch(/^workspace:[\^~*]$/);
      }
    }
  });

  it('is versioned by changesets: not ignored, and in the fixed group exactly when it should be', () => {
    expect(config.ignore).not.toContain(name);
    const inFixed = (config.fixed as string[][]).some((group) => group.includes(name));
    expect(inFixed).toBe((FIXED as readonly string[]).includes(name));
  });
});

describe('the changesets configuration', () => {
  it('moves the document, the types and the client as one fixed group', () => {
    expect(config.fixed).toEqual([[...FIXED]]);
    expect(config.linked).toEqual([]);
  });

  it('has a reason for each member of the group in the dependency graph', () => {
    // The types are generated from the document at build time, the client is built on the
    // types: a document change changes what both contain.
    expect(byName.get('@chert/types')?.manifest.devDependencies).toHaveProperty('@chert/openapi');
    expect(byName.get('@chert/client')?.manifest.dependencies).toHaveProperty('@chert/types');
  });

  it('lets the mock move on its own, bumped through its run-time range on @chert/openapi', () => {
    expect(byName.get('@chert/mock')?.manifest.dependencies['@chert/openapi']).toBe('workspace:^');
    expect(config.updateInternalDependencies).toBe('patch');
  });

  it('lets the CLI move on its own, bumped through its run-time ranges on the client and the types', () => {
    expect(byName.get('@chert/cli')?.manifest.dependencies).toMatchObject({ '@chert/client': 'workspace:^', '@chert/types': 'workspace:^' });
  });

  it('publishes exactly the published packages; versions the docs site but never tags it', () => {
    expect(packages.filter((p) => !p.manifest.private).map((p) => p.manifest.name).sort()).toEqual([...PUBLISHED].sort());
    expect(byName.get('@chert/docs')?.manifest.private).toBe(true);
    expect(config.privatePackages).toEqual({ version: true, tag: false });
    for (const group of [...config.fixed, ...config.linked]) {
      for (const name of group) expect(PUBLISHED as readonly string[]).toContain(name);
    }
  });

  it('ignores every other private package (tools and tests need no changeset)', () => {
    const others = packages.filter((p) => p.manifest.private && p.manifest.name !== '@chert/docs').map((p) => p.manifest.name);
    expect(others).toContain('@chert/release-tests');
    expect([...config.ignore].sort()).toEqual(others.sort());
  });

  it('publishes publicly from main, with the changelog generator that ships with the CLI', () => {
    expect(config.access).toBe('public');
    expect(config.baseBranch).toBe('main');
    expect(config.commit).toBe(false);
    const require = createRequire(join(root, '.changeset', 'config.json'));
    expect(() => require.resolve(config.changelog)).not.toThrow();
  });

  it('is explained in .changeset/README.md', () => {
    const readme = readFileSync(join(root, '.changeset', 'README.md'), 'utf8');
    for (const name of [...PUBLISHED, '@chert/docs']) expect(readme).toContain(name);
    expect(readme).toMatch(/fixed/);
    expect(readme).toMatch(/major/);
  });
});

describe('the pending changesets', () => {
  const files = readdirSync(join(root, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
  const front = (text: string) => /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);

  it.each(files)('%s names versioned packages, a bump and a paragraph for the changelog', (file) => {
    const text = readFileSync(join(root, '.changeset', file), 'utf8');
    const match = front(text);
    expect(match, 'front matter between --- lines').not.toBeNull();
    const bumps = match![1]!.split('\n').filter((l) => l.trim() !== '');
    expect(bumps.length).toBeGreaterThan(0);
    for (const line of bumps) {
      const m = /^"(@chert\/[\w-]+)": (major|minor|patch)$/.exec(line);
      expect(m, line).not.toBeNull();
      // An ignored package is never versioned: changesets refuses a changeset that names one.
      expect(VERSIONED as readonly string[], `${file} names ${m![1]}, which changesets does not version`).toContain(m![1]);
    }
    expect(match![2]!.trim().length).toBeGreaterThan(40);
  });
});
