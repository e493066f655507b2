// Every task method returns an APIPromise: awaited, it is the success body; `.withResponse()`
// gives the same call's Response and trace id (the Stainless convention).
import { describe, expect, it } from 'vitest';
import { APIPromise, ChertApiError, createChertClient } from '../src/index.js';
import { chertError, ok, recordingFetch, SECRET } from './support/fetch.js';

const client = (fetch: ReturnType<typeof recordingFetch>['fetch']) =>
  createChertClient({ auth: { bearer: { token: SECRET } }, fetch, maxRetries: 0 });
const sentOk = { chat_id: 'ch_1', status: 'sent' };
const sharedOk = { chat_id: 'ch_1', status: 'shared' };
const contact = { full_name: 'Ada' };

const calls: [name: string, call: (c: ReturnType<typeof client>) => APIPromise<unknown>, body: unknown][] = [
  ['contacts.send by chat id', (c) => c.contacts.send({ chatId: 'ch_1' }, { contact }), sentOk],
  ['contacts.send by phone', (c) => c.contacts.send({ to: '+14155550123' }, { vcardText: 'BEGIN:VCARD' }), sentOk],
  ['contacts.shareOwnCard by chat id', (c) => c.contacts.shareOwnCard({ chatId: 'ch_1' }), sharedOk],
  ['contacts.shareOwnCard by phone', (c) => c.contacts.shareOwnCard({ to: '+14155550123' }), sharedOk],
];

describe('withResponse', () => {
  it.each(calls)('%s resolves to { data, response, traceId }', async (_name, call, body) => {
    const { fetch, sent } = recordingFetch(ok(body, { 'x-trace-id': 'a1b2c3d4e5f6', 'x-extra': 'kept' }));
    const promise = call(client(fetch));
    expect(promise).toBeInstanceOf(APIPromise);
    const { data, response, traceId } = await promise.withResponse();
    expect(data).toEqual(body);
    expect(traceId).toBe('a1b2c3d4e5f6');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-extra')).toBe('kept');
    // Awaiting the same promise gives the same body, without sending again.
    await expect(promise).resolves.toEqual(body);
    expect(sent).toHaveLength(1);
  });

  it('has no trace id when the answer carries none', async () => {
    const { fetch } = recordingFetch(new Response(JSON.stringify(sentOk), { status: 200, headers: { 'content-type': 'application/json' } }));
    await expect(client(fetch).contacts.send({ chatId: 'ch_1' }, { contact }).withResponse()).resolves.toMatchObject({ traceId: undefined });
  });

  it('rejects as the promise does, with the answer’s headers on the ChertApiError', async () => {
    const { fetch } = recordingFetch(chertError(404, 2002, { headers: { 'x-extra': 'kept' } }));
    const promise = client(fetch).contacts.send({ chatId: 'ch_gone' }, { contact });
    const error = await promise.withResponse().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChertApiError);
    expect((error as ChertApiError).headers.get('x-trace-id')).toBe('trace-header');
    expect((error as ChertApiError).headers.get('x-extra')).toBe('kept');
    await expect(promise).rejects.toBe(error);
  });

  it('works with then, catch, finally and Promise.all like any promise', async () => {
    const { fetch } = recordingFetch(ok(sentOk), chertError(400, 1003));
    const c = client(fetch);
    let finished = false;
    const [value] = await Promise.all([c.contacts.send({ chatId: 'ch_1' }, { contact }).finally(() => (finished = true))]);
    expect(value).toEqual(sentOk);
    expect(finished).toBe(true);
    await expect(c.contacts.send({ to: '+1' }, { contact }).catch((e: ChertApiError) => e.code)).resolves.toBe(1003);
  });

  it('rejects bad input through the promise, never by throwing at the call', () => {
    const { fetch } = recordingFetch();
    let promise: APIPromise<unknown> | undefined;
    expect(() => (promise = client(fetch).contacts.send({} as never, { contact }))).not.toThrow();
    return expect(promise!.withResponse()).rejects.toThrow(/recipient/);
  });
});
