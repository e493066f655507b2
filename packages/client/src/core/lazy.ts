// Parts of the client loaded on first use, through `import()`: a bundler gives each a chunk of
// its own, which an application that never uses that part never downloads (BENCHMARKS.md,
// "Size"): the event stream and its SSE parser, pages, file uploads, webhook verification.
import { ChertError } from './chert-error.js';

/** `load` as a ChertError when the chunk cannot be loaded (offline, a deployment gone). */
export const lazy =
  <T>(load: () => Promise<T>) =>
  (): Promise<T> =>
    load().catch((cause: unknown) => {
      throw new ChertError('@chert/client: a part of the client could not be loaded', undefined, { cause });
    });
