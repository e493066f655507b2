// Builds the given packages (and what they depend on) through turbo before a long-running
// script starts. Done from Node rather than `turbo … && node …` in package.json so that the
// script is a single process: Ctrl-C then stops it cleanly instead of killing a shell
// wrapper and making pnpm report a failure.
import { spawnSync } from 'node:child_process';
import './telemetry.mjs';

const root = new URL('..', import.meta.url).pathname;

export function buildFirst(...packages) {
  const filters = packages.map((name) => `--filter=${name}`);
  const run = spawnSync('pnpm', ['exec', 'turbo', 'run', 'build', ...filters, '--output-logs=errors-only'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (run.status !== 0) {
    console.error(`Building ${packages.join(', ')} failed; run \`pnpm build\` to see why.`);
    process.exit(run.status ?? 1);
  }
}
