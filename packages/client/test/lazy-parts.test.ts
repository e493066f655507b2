// The parts loaded on first use (the event stream, pages, uploads) come in chunks of their own;
// in a browser a chunk can stall on the network. An abort must still settle the call at once,
// with a ChertAbortError that says nothing was sent. Each chunk is made to hang here.
import { afterEach, expect, it, vi } from 'vitest';
import type { ChertClient } from '../src/index.js';

afterEach(() => {
  vi.resetModules();
});

const page = () => new Response(JSON.stringify({ events: [], next_cursor: null }), { headers: { 'content-type': 'application/json' } });

it.each<[string, string, (chert: ChertClient, signal: AbortSignal) => Promise<unknown>]>([
  ['the event stream', '../src/core/stream.js', (chert, signal) => chert.events.stream({ signal })],
  ['a page of events', '../src/core/pagination.js', (chert, signal) => chert.events.list({ limit: 2 }, { signal })],
  ['attachments.upload', '../src/core/uploads.js', (chert, signal) => chert.attachments.upload('att_1', new Blob(['x']), { signal })],
  ['attachments.uploadFile', '../src/attachments.js', (chert, signal) => chert.attachments.uploadFile({ data: new Blob(['x']), filename: 'a.txt' }, { signal })],
])('%s: an abort while its chunk loads settles the call with a ChertAbortError', async (_part, chunk, call) => {
  vi.resetModules();
  vi.doMock(chunk, () => new Promise(() => {}));
  const { ChertAbortError, createChertClient } = await import('../src/index.js');
  const sent: string[] = [];
  const chert = createChertClient({
    baseUrl: 'http://127.0.0.1:9',
    auth: { bearer: { token: 'bearer-token' } },
    fetch: async (input: RequestInfo | URL) => {
      sent.push(String(input instanceof Request ? input.url : input));
      return page();
    },
  });
  const controller = new AbortController();
  const pending = call(chert, controller.signal);
  setTimeout(() => controller.abort(new Error('gave up')), 30);
  const error = await pending.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChertAbortError);
  expect((error as InstanceType<typeof ChertAbortError>).cause).toEqual(new Error('gave up'));
  // Only the page was fetched before its chunk was needed; nothing else left.
  expect(sent.every((url) => url.includes('/api/v1/events'))).toBe(true);
  vi.doUnmock(chunk);
});
