/**
 * The client every command uses: credentials from the environment, the base URL from
 * `--base-url` or CHERT_BASE_URL, a user agent naming the CLI, and the client's own log
 * (retries, reconnections; `CHERT_LOG` sets its level) on stderr.
 */
import { createChertClient, type ChertClient, type ChertClientOptions } from '@chert/client';
import { productionServerUrl } from '@chert/types';
import { baseUrl, credentials, type Env } from './environment.js';
import { describeError } from './errors.js';
import type { Io } from './io.js';
import { version } from './version.js';

export function clientFor(command: string, env: Env, baseUrlFlag: string | undefined, io: Io, extra: ChertClientOptions = {}): ChertClient {
  const auth = credentials(command, env);
  const url = baseUrl(command, baseUrlFlag, env);
  const log = (line: unknown) => io.err(`${command}: ${String(line)}`);
  return createChertClient({
    auth,
    ...(url === undefined ? {} : { baseUrl: url }),
    headers: { 'user-agent': `chert-cli/${version}` },
    logger: { debug: log, info: log, warn: log, error: log },
    ...extra,
  });
}

/** Each retry the client makes, said on stderr: what failed, and when the next try is. */
export function sayRetries(command: string, io: Io): Pick<ChertClientOptions, 'onRetry'> {
  return {
    onRetry: ({ retry, delayMs, error }) => io.err(`${command}: ${describeError(error).line}; retry ${retry} in ${Math.round(delayMs / 100) / 10} s`),
  };
}

/** Where the client calls, for the lines that say so (never with a user name or password: refused before). */
export function shownBaseUrl(env: Env, baseUrlFlag: string | undefined): string {
  return baseUrlFlag ?? (env.CHERT_BASE_URL || productionServerUrl);
}
