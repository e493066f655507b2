// The environment, where there is one: Node, Bun and Deno have `process.env`; browsers and
// Workers (without nodejs_compat) do not, and Deno may refuse the read without --allow-env.

/** A variable of the environment, or undefined where there is none (or reading it is refused). */
export function readEnv(name: string): string | undefined {
  try {
    const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
    return value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}
