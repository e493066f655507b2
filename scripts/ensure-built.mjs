// The `prepack` of the packages built with tsup (client, mock, cli): `pnpm pack` (and
// `pnpm publish`) before `pnpm build` must not make a package without its dist, and packing
// during a test run (the consumer test packs every package) must never rewrite a fresh dist
// that other packages' tests are reading at that moment: tsup empties dist/ before it writes.
//
// Usage, in the package's folder: node ensure-built.mjs [dist/extra.js ...]
// The outputs are every dist/ file the manifest names (main, module, types, exports) and the
// extra ones given (what a bin imports); the inputs are src/, scripts/, package.json and
// tsup.config.ts. When an output is missing or older than an input, the package's own
// `build` script runs; otherwise nothing is touched.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

const dir = process.cwd();
const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** Every string under `value` (an exports map is nested by condition). */
const strings = (value) => (typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : []);
const outputs = [...new Set([...strings([manifest.main, manifest.module, manifest.types, manifest.exports]), ...process.argv.slice(2)])]
  .map((file) => file.replace(/^\.\//, ''))
  .filter((file) => file.startsWith('dist/'));
if (outputs.length === 0) throw new Error(`[prepack] ${manifest.name} names no dist/ file: nothing to check`);

const mtime = (file) => (existsSync(join(dir, file)) ? statSync(join(dir, file)).mtimeMs : undefined);
const tree = (folder) => (existsSync(join(dir, folder)) ? readdirSync(join(dir, folder), { recursive: true, encoding: 'utf8' }).map((f) => join(folder, f)) : []);
const inputs = [...tree('src'), ...tree('scripts'), 'package.json', 'tsup.config.ts'].map(mtime).filter((t) => t !== undefined);
const built = outputs.map(mtime);
const missing = outputs.filter((_, i) => built[i] === undefined);

if (missing.length === 0 && Math.min(...built) >= Math.max(...inputs)) {
  console.error('[prepack] dist is up to date');
} else {
  console.error(`[prepack] dist is missing or stale: building it (${manifest.scripts.build})`);
  // The tools a build names are found as a package manager finds them: in node_modules/.bin
  // of the package and of every folder above it.
  const bins = [];
  for (let at = dir; ; at = dirname(at)) {
    bins.push(join(at, 'node_modules', '.bin'));
    if (dirname(at) === at) break;
  }
  execSync(manifest.scripts.build, { cwd: dir, stdio: 'inherit', env: { ...process.env, PATH: [...bins, process.env.PATH].join(delimiter) } });
}
