import { runCli } from './cli-main.js';

runCli(process.argv.slice(2), process.env).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`chert-mock: ${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
