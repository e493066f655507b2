/**
 * Where the CLI writes and what it listens to, passed in so the commands run the same under
 * a terminal and under a test.
 */
export interface Io {
  /** One line of output (stdout). */
  out(line: string): void;
  /** One line about a problem (stderr). */
  err(line: string): void;
  /** Colour is allowed: stdout is a terminal and NO_COLOR is not set. */
  color: boolean;
  /** Calls `handler` on Ctrl-C (SIGINT) or SIGTERM; returns what stops listening. */
  onStop(handler: (signal: string) => void): () => void;
}

/** Colour only on a terminal, and never when NO_COLOR is set to anything but an empty string (no-color.org). */
export function colorAllowed(isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
  return isTTY === true && !env.NO_COLOR;
}

export function processIo(env: Record<string, string | undefined>): Io {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    color: colorAllowed(process.stdout.isTTY, env),
    onStop(handler) {
      const signals = ['SIGINT', 'SIGTERM'] as const;
      for (const s of signals) process.on(s, handler);
      return () => {
        for (const s of signals) process.off(s, handler);
      };
    },
  };
}
