import { processIo } from './io.js';
import { main } from './main.js';

main(process.argv.slice(2), process.env, processIo(process.env)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`chert: ${(error as Error)?.message ?? String(error)}\n`);
    process.exit(1);
  },
);
