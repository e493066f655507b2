import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The end-to-end tests run the built bin; rebuild when a source file is newer than the build. */
export default function setup(): void {
  // Under turbo (`pnpm test`) the build task ran first; rebuilding here would only race it.
  if (process.env.TURBO_HASH) return;
  const root = join(import.meta.dirname, '..');
  // The package's prepack makes the same check, and builds only a missing or stale dist.
  execFileSync(process.execPath, [join(root, '..', '..', 'scripts', 'ensure-built.mjs'), 'dist/cli.js'], { cwd: root, stdio: 'ignore' });
}
