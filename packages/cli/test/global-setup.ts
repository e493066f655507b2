import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The end-to-end tests run the built bin; rebuild when a source file is newer than the build. */
export default function setup(): void {
  // Under turbo (`pnpm test`) the build task ran first; rebuilding here would only race it.
  if (process.env.TURBO_HASH) return;
  const root = join(import.meta.dirname, '..');
  const built = join(root, 'dist', 'cli.js');
  const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).map((f) => join(root, 'src', f));
  const newest = Math.max(...sources.map((f) => statSync(f).mtimeMs), statSync(join(root, 'tsup.config.ts')).mtimeMs, statSync(join(root, 'package.json')).mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs >= newest) return;
  execFileSync(process.execPath, [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js')], { cwd: root, stdio: 'ignore' });
}
