// The client's log: each attempt and answer (debug), each retry and its reason (info). Lines are
// built from the method, URL, operation, status, code, trace id and delays only: never a header
// value, a body, a secret, a signature or an authorization value.
import { readEnv } from './env.js';

/** Where the client logs: `console` by default, or anything with these four methods. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** The least severe level that is logged; `off` logs nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

/** The methods of a logger, least severe first. */
export const LOG_METHODS = ['debug', 'info', 'warn', 'error'] as const;
const LEVELS: readonly LogLevel[] = [...LOG_METHODS, 'off'];
export const isLogLevel = (value: unknown): value is LogLevel => LEVELS.includes(value as LogLevel);

/**
 * The logger's methods from `level` up, the others left out, so that a call site written
 * `log.debug?.(`…`)` does not even build a line that is not logged. The level is `logLevel`,
 * else `CHERT_LOG` from the environment, else `warn`.
 */
export function levelled(logger: Logger, logLevel: LogLevel | undefined): Partial<Logger> {
  let level = logLevel;
  let ignored: string | undefined;
  if (level === undefined) {
    const fromEnv = readEnv('CHERT_LOG')?.trim().toLowerCase();
    if (isLogLevel(fromEnv)) level = fromEnv;
    else ignored = fromEnv || undefined;
  }
  const at = LEVELS.indexOf(level ?? 'warn');
  const out: Partial<Logger> = {};
  for (const name of LOG_METHODS) {
    if (LEVELS.indexOf(name) >= at) out[name] = (message, ...details) => logger[name](`[chert] ${message}`, ...details);
  }
  if (ignored) out.warn?.(`CHERT_LOG is not one of ${LEVELS.join(', ')}: logging at warn`);
  return out;
}
