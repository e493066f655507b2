// Cursor pagination, driven by the operation's `x-chert-pagination` { cursor, next, items }: a
// call resolves to its first page, and a page (or the call itself) iterates every item of every
// page from there on, following `next` until it is null.
import type { IterablePromise } from './api-promise.js';

/** One page: the answer's own fields, plus its items and the cursor of the next page. */
export type Page<Raw, Item> = Raw & {
  /** The items of this page (the answer's list field). */
  data: Item[];
  /** The cursor of the next page, `null` on the last one. */
  nextCursor: string | null;
  /** Fetches the next page, with the same query and options; rejects on the last page. */
  getNextPage(): PagePromise<Raw, Item>;
  /** Every item from this page on, fetching the pages that follow as it goes. */
  [Symbol.asyncIterator](): AsyncIterator<Item>;
};

/** A paginated call: await it for the first page, or iterate it for every item of every page. */
export type PagePromise<Raw, Item> = IterablePromise<Page<Raw, Item>, Item>;
