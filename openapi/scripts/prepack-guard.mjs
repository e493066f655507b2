#!/usr/bin/env node
// The `prepack` of our published packages: refuses to pack a package whose build output is
// missing, so `pnpm pack` (or `pnpm publish`) before `pnpm build` fails here, naming what is
// missing, instead of making a package that installs and then fails with ERR_MODULE_NOT_FOUND.
// It checks; it does not build: a build started from inside `pnpm pack` would rewrite dist/
// while other packages' tests read it.
//
// Usage (in the package's folder): node prepack-guard.mjs [--bundle FILE]
//   --bundle FILE  also require FILE's info.version to be the package's version (a bundle
//                  left over from before a version bump would ship the old version)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

/** Every file the manifest names as an entry point: exports (every condition), main, module, types, bin. */
export function entryFiles(manifest) {
  const out = new Set();
  const visit = (node) => {
    if (typeof node === 'string') {
      if (!node.includes('*')) out.add(node);
    } else if (node && typeof node === 'object') Object.values(node).forEach(visit);
  };
  visit(manifest.exports);
  for (const key of ['main', 'module', 'types', 'typings']) visit(manifest[key]);
  visit(typeof manifest.bin === 'string' ? manifest.bin : manifest.bin ?? {});
  return [...out].map((f) => f.replace(/^\.\//, '')).sort();
}

/** What keeps the package in `dir` from being packed; empty when nothing does. */
export function packProblems(dir, { bundle } = {}) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const problems = entryFiles(manifest).filter((f) => !existsSync(join(dir, f))).map((f) => `${f} is missing`);
  if (bundle && existsSync(join(dir, bundle))) {
    const version = JSON.parse(readFileSync(join(dir, bundle), 'utf8')).info?.version;
    if (version !== manifest.version) problems.push(`${bundle} says version ${version}, the package is at ${manifest.version}`);
  }
  return { name: manifest.name, problems };
}

const isMain = process.argv[1] && import.meta.filename === process.argv[1];
if (isMain) {
  const { values } = parseArgs({ options: { bundle: { type: 'string' } }, strict: true });
  const { name, problems } = packProblems(process.cwd(), values);
  if (problems.length > 0) {
    process.stderr.write(`Refusing to pack ${name}: ${problems.join('; ')}.\n` +
      `Build it first: \`pnpm build\` at the repository root (or \`pnpm turbo run build --filter=${name}\`).\n`);
    process.exitCode = 1;
  }
}
