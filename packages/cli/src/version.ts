import { createRequire } from 'node:module';

// src/version.ts and dist/cli.js both sit one level below package.json.
export const version: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
