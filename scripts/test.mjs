// `pnpm test`: runs every package's tests through turbo, then sums the vitest JSON reports
// into one closing line, `N passed, N failed`. A package that should have tested and left no
// report counts as a failure, so a run that executed nothing cannot pass for green.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import './telemetry.mjs';

const root = new URL('..', import.meta.url).pathname;
// The workspace's own list of packages (pnpm-workspace.yaml), not a second copy of it here.
const listed = spawnSync('pnpm', ['ls', '--recursive', '--depth', '-1', '--json'], { cwd: root, encoding: 'utf8' });
if (listed.status !== 0) throw new Error(`pnpm ls failed: ${listed.stderr}`);
const testedDirs = JSON.parse(listed.stdout)
  .map((pkg) => relative(root, pkg.path))
  .filter((dir) => dir !== '' && JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).scripts?.test);

// Stale reports from an earlier run must not be counted; turbo restores them on a cache hit.
for (const dir of testedDirs) rmSync(join(root, dir, '.reports'), { recursive: true, force: true });

const extra = process.argv.slice(2);
const turbo = spawnSync('pnpm', ['exec', 'turbo', 'run', 'test', '--output-logs=new-only', ...extra], {
  cwd: root,
  stdio: 'inherit',
});

let passed = 0;
let failed = 0;
const missing = [];
for (const dir of testedDirs) {
  const file = join(root, dir, '.reports', 'vitest.json');
  if (!existsSync(file)) {
    missing.push(dir);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  // A file that failed to load has no failed test to count; count the file instead.
  for (const result of report.testResults ?? []) {
    const failedInFile = (result.assertionResults ?? []).filter((a) => a.status === 'failed').length;
    if (result.status === 'failed' && failedInFile === 0) failed += 1;
  }
  const pending = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (pending > 0) {
    console.error(`${dir}: ${pending} skipped or todo tests; none may be left behind.`);
    failed += pending;
  }
}
if (missing.length > 0) {
  console.error(`No test report from: ${missing.join(', ')} (its tests did not run).`);
  failed += missing.length;
}
const ok = turbo.status === 0 && failed === 0 && passed > 0;
if (turbo.status !== 0 && failed === 0) failed = 1; // the task graph failed before a test could say so
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
