// Cold `turbo run build` (cache bypassed) against a cached re-run, for the README.
import { spawnSync } from 'node:child_process';

const root = new URL('../..', import.meta.url).pathname;

function timeRun(args) {
  const t = performance.now();
  const run = spawnSync('pnpm', ['exec', 'turbo', 'run', 'build', ...args, '--output-logs=none'], {
    cwd: root,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', REDOCLY_TELEMETRY: 'off' },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`turbo run build ${args.join(' ')} failed:\n${run.stdout}${run.stderr}`);
  return performance.now() - t;
}

export function benchTooling() {
  const cold = timeRun(['--force']);
  const cached = timeRun([]);
  return { cold, cached };
}
