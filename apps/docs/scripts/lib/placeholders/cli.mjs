// @ts-check
// The placeholders about the command line (@chert/cli), read from the installed package: what
// `chert listen --help` prints, so the guide shows the flags as they are.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { fence } from '../render.mjs';

const require = createRequire(import.meta.url);

/** @returns {import('../render.mjs').Fills} */
export function cliFills() {
  return {
    'cli-listen-help': async () => {
      const bin = join(dirname(require.resolve('@chert/cli/package.json')), 'bin', 'chert.js');
      const { stdout } = await promisify(execFile)(process.execPath, [bin, 'listen', '--help'], { timeout: 30_000, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
      if (!/--forward-to <url>/.test(stdout)) throw new Error(`chert listen --help printed no --forward-to option:\n${stdout}`);
      return fence('text', stdout.trimEnd());
    },
  };
}
