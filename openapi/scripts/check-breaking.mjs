#!/usr/bin/env node
// The breaking-change check of the document, as a command. It compares the bundle
// (dist/openapi.json) with the document as last released (released/openapi.json, recorded by
// `pnpm version-packages`) and fails when the changes need a larger release than the pending
// changesets announce for @chert/openapi: a break needs a major, a widened response (a new
// enum value, a loosened pattern) at least a minor. The parts live in breaking/:
// schema-compat.mjs (is one schema a subset of another), pattern-language.mjs (is one regex),
// document-diff.mjs (every change between two documents, with its level),
// pending-changesets.mjs (what the changesets release) and release-gate.mjs (the verdict).
//
// Usage:
//   node scripts/check-breaking.mjs [--base FILE] [--head FILE] [--changesets DIR]
//                                   [--package FILE] [--json]
//   node scripts/check-breaking.mjs --accept     record the bundle as the released document
// Exit codes: 0 the pending changesets carry every change; 1 they do not, or the record is
// stale; 2 usage or I/O.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { diffDocuments } from './breaking/document-diff.mjs';
import { pendingReleases } from './breaking/pending-changesets.mjs';
import { decide, report } from './breaking/release-gate.mjs';

const PACKAGE = '@chert/openapi';
const USAGE = 'Usage: check-breaking.mjs [--base FILE] [--head FILE] [--changesets DIR] [--package FILE] [--json] [--accept]';

const here = dirname(fileURLToPath(import.meta.url));
const DEFAULTS = {
  base: join(here, '..', 'released', 'openapi.json'),
  head: join(here, '..', 'dist', 'openapi.json'),
  changesets: join(here, '..', '..', '.changeset'),
  package: join(here, '..', 'package.json'),
};

function options(argv, cwd) {
  const { values } = parseArgs({
    args: argv,
    options: {
      base: { type: 'string' },
      head: { type: 'string' },
      changesets: { type: 'string' },
      package: { type: 'string' },
      json: { type: 'boolean', default: false },
      accept: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const file = (key) => (values[key] === undefined ? DEFAULTS[key] : resolve(cwd, values[key]));
  return { base: file('base'), head: file('head'), changesets: file('changesets'), package: file('package'), json: values.json, accept: values.accept };
}

const readJson = (file, what) => {
  if (!existsSync(file)) throw new Error(`${what} is missing: ${file}`);
  return JSON.parse(readFileSync(file, 'utf8'));
};

/** Runs the check; returns the exit code and what to print. Exported for the tests. */
export function run(argv, cwd = process.cwd()) {
  let opts;
  try {
    opts = options(argv, cwd);
  } catch (error) {
    return { code: 2, output: `check-breaking: ${error.message}\n${USAGE}` };
  }
  const rel = (file) => relative(cwd, file) || file;
  try {
    const version = readJson(opts.package, 'The package manifest').version;
    const head = readJson(opts.head, 'The bundle (run `pnpm --filter @chert/openapi build` first)');
    if (head.info?.version !== version) {
      return { code: 1, output: `${rel(opts.head)} says version ${head.info?.version} but ${rel(opts.package)} says ${version}: rebuild it (\`pnpm --filter @chert/openapi build\`).` };
    }
    if (opts.accept) {
      mkdirSync(dirname(opts.base), { recursive: true });
      copyFileSync(opts.head, opts.base);
      return { code: 0, output: `Recorded ${rel(opts.head)} (${version}) as the released document ${rel(opts.base)}.` };
    }
    const base = readJson(opts.base, 'The released document (recorded by `pnpm version-packages`)');
    if (base.info?.version !== version) {
      return { code: 1, output: `${rel(opts.base)} records version ${base.info?.version} but ${PACKAGE} is at ${version}. ` +
        'The record is refreshed by `pnpm version-packages`; after a bare `changeset version`, run ' +
        '`pnpm --filter @chert/openapi build && node openapi/scripts/check-breaking.mjs --accept`.' };
    }
    const changes = diffDocuments(base, head);
    const pending = pendingReleases(opts.changesets, PACKAGE);
    const decision = decide(changes, pending);
    const code = decision.ok ? 0 : 1;
    if (opts.json) {
      return { code, output: JSON.stringify({ version, ok: decision.ok, needs: decision.needs, announced: { bump: pending.bump, files: pending.files }, changes }, null, 2) };
    }
    const against = `${rel(opts.head)} against the released ${version} (${rel(opts.base)})`;
    return { code, output: report({ changes, decision, against, pkg: PACKAGE, group: pending.group }) };
  } catch (error) {
    return { code: 2, output: `check-breaking: ${error.message}` };
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { code, output } = run(process.argv.slice(2));
  (code === 0 ? process.stdout : process.stderr).write(`${output}\n`);
  process.exitCode = code;
}
