/**
 * Exit codes, the error that means "you called it wrong", and every error of the client
 * turned into the one line a terminal shows.
 */
import { ChertAbortError, ChertApiError, ChertInputError, ChertNetworkError, ChertTimeoutError } from '@chert/client';

/** The documented exit codes. */
export const EXIT = {
  /** Done (for `chert listen`, stopped with Ctrl-C). */
  ok: 0,
  /** Chert answered with an error, or could not be reached. */
  failed: 1,
  /** A bad flag or argument, or no credentials in the environment. */
  usage: 2,
} as const;

/** A bad flag, argument or environment variable: one line that names it, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Control characters out, whitespace runs to one space: anything shown comes out as one clean line. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim();
}

function seconds(s: number): string {
  return `${s} s`;
}

/** The line for a failed call, and the exit code it means. */
export function describeError(error: unknown): { line: string; exit: number } {
  if (error instanceof ChertApiError) {
    const code = error.code === undefined ? '' : ` / ${error.code}`;
    const notes = [
      error.retryable ? `retryable${error.retryAfter === undefined ? '' : `, retry after ${seconds(error.retryAfter)}`}` : undefined,
      error.traceId === undefined ? 'no trace id' : `trace ${error.traceId}`,
    ].filter(Boolean);
    return { line: oneLine(`${error.status}${code} ${error.message} (${notes.join('; ')})`), exit: EXIT.failed };
  }
  if (error instanceof ChertTimeoutError || error instanceof ChertNetworkError) {
    // The client's message says what was not sent, or that it may have been delivered.
    return { line: oneLine(error.message), exit: EXIT.failed };
  }
  if (error instanceof ChertAbortError) return { line: 'stopped', exit: EXIT.failed };
  if (error instanceof ChertInputError) return { line: oneLine(error.message.replace(/^@chert\/client: /, '')), exit: EXIT.usage };
  if (error instanceof UsageError) return { line: oneLine(error.message), exit: EXIT.usage };
  return { line: oneLine(error instanceof Error ? error.message : String(error)), exit: EXIT.failed };
}
