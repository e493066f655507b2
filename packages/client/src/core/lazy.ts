// Parts of the client loaded on first use, through `import()`: a bundler gives each a chunk of
// its own, which an application that never uses that part never downloads (BENCHMARKS.md,
// "Size"): the event stream and its SSE parser, pages, file uploads, webhook verification.
import type { OperationId } from '@chert/types';
import { ChertError } from './chert-error.js';
import { ChertAbortError } from './errors.js';

/** `load` as a ChertError when the chunk cannot be loaded (offline, a deployment gone). */
export const lazy =
  <T>(load: () => Promise<T>) =>
  (): Promise<T> =>
    load().catch((cause: unknown) => {
      throw new ChertError('@chert/client: a part of the client could not be loaded', undefined, { cause });
    });

/**
 * `loading`, unless the caller's `signal` aborts first: then a ChertAbortError (nothing was
 * sent yet). A chunk that hangs (a stalled network in a browser) never holds a call the caller
 * has ended; the call's own timers start once it is loaded.
 */
export function unlessAborted<T>(loading: Promise<T>, signal: AbortSignal | null | undefined, operationId?: OperationId): Promise<T> {
  if (!signal || typeof signal.addEventListener !== 'function') return loading;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ChertAbortError(operationId, signal.reason, false));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    loading.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
