// `prepack`: `pnpm pack` (and `pnpm publish`) before `pnpm build` must not make a package
// without its dist. Builds with tsup when dist is missing or older than its sources; leaves a
// fresh dist alone, so packing during a test run (the consumer test) never rewrites the bin
// that this package's own tests are running.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const OUTPUTS = ['cli.js', 'index.js', 'index.cjs', 'index.d.ts', 'index.d.cts'];
const dir = process.cwd();
const mtime = (file) => {
  try {
    return statSync(join(dir, file)).mtimeMs;
  } catch {
    return undefined;
  }
};
const inputs = [...readdirSync(join(dir, 'src'), { recursive: true, encoding: 'utf8' }).map((f) => join('src', f)), 'package.json', 'tsup.config.ts'].map(mtime);
const outputs = OUTPUTS.map((f) => mtime(join('dist', f)));
const stale = outputs.some((t) => t === undefined) || Math.min(...outputs) < Math.max(...inputs.filter((t) => t !== undefined));
if (stale) {
  console.error('[prepack] dist is missing or stale: building it (tsup)');
  // tsup as this package resolves it, without relying on a package manager's PATH.
  const manifest = createRequire(join(dir, 'package.json')).resolve('tsup/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
  execFileSync(process.execPath, [join(dirname(manifest), typeof bin === 'string' ? bin : bin.tsup)], { cwd: dir, stdio: 'inherit' });
} else {
  console.error('[prepack] dist is up to date');
}
