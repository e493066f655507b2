// Types for check-breaking.mjs, so the tests (TypeScript, strict) can import it.
export function run(argv: string[], cwd?: string): { code: 0 | 1 | 2; output: string };
