// Cursor pagination, driven by the operation's `x-chert-pagination` { cursor, next, items }: a
// call resolves to its first page, and a page (or the call itself) iterates every item of every
// page from there on, following `next` until it is null. Loaded with the first page (request.ts).
import type { OperationId } from '@chert/types';
import { rejected, type IterablePromise } from './api-promise.js';
import { ChertError } from './chert-error.js';

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

type AnyPage = Page<Record<string, unknown>, unknown>;

/** Where a page comes from: its operation, the operation's `x-chert-pagination`, and how the next page is fetched. */
export interface PageSource {
  operationId: OperationId;
  facts: { cursor: string; next: string; items: string };
  /** Fetches the page after the one whose `next` cursor this is. */
  load(cursor: string): PagePromise<Record<string, unknown>, unknown>;
}

/** The page an answer is, fetched with the cursor `sent` (undefined for the first). */
export function toPage(raw: Record<string, unknown>, sent: unknown, { operationId, facts, load }: PageSource): AnyPage {
  const nextCursor = (raw[facts.next] ?? null) as string | null;
  return {
    ...raw,
    data: (raw[facts.items] ?? []) as unknown[],
    nextCursor,
    getNextPage: () => (nextCursor === null ? rejected(new ChertError(`${operationId}: this is the last page`, operationId)) : load(nextCursor)) as never,
    async *[Symbol.asyncIterator]() {
      let at = this as AnyPage;
      // `by`: the cursor that fetched `at`.
      for (let by = sent; ; ) {
        yield* at.data;
        if (at.nextCursor === null) return;
        // A server that answers the cursor it was sent would be asked for the same page forever.
        if (at.nextCursor === by) throw new ChertError(`${operationId} answered the cursor it was sent: stopping rather than read that page again`, operationId);
        by = at.nextCursor;
        at = await at.getNextPage();
      }
    },
  };
}
