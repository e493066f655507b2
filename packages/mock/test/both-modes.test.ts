import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RequestReport, type RunningMock } from '../src/index.js';
import { send } from './helpers.js';

/**
 * What the shared front decides is the same in both modes: the validation and its codes
 * (at the status the schema names), and `Prefer`, which reaches any documented outcome
 * even in the sandbox.
 */
const mocks: Record<string, RunningMock> = {};
const reports: RequestReport[] = [];
beforeAll(async () => {
  mocks.examples = await startMock({ port: 0, mode: 'examples', onReport: (r) => reports.push(r) });
  mocks.sandbox = await startMock({ port: 0, onReport: (r) => reports.push(r) });
});
afterAll(async () => {
  await Promise.all(Object.values(mocks).map((m) => m.close()));
});

const recipients = (n: number) => Array.from({ length: n }, (_, i) => `+1415555${String(3000 + i)}`);
const text = (value: string) => ({ type: 'text', value });
const chat = (to: string[], parts: unknown[]) => ({ from: '+14155550100', to, message: { parts } });

describe.each(['examples', 'sandbox'])('%s mode', (mode) => {
  // [name, path, body, headers, want: [status, code, example]]
  const cases: Array<[string, string, unknown, Record<string, string>, [number, number, string]]> = [
    ['more than 31 recipients is 1006 at 422', '/api/v1/chats', chat(recipients(32), [text('Hi')]), {}, [422, 1006, 'TooManyRecipients']],
    ['no recipient at all is 1006 at 422 too', '/api/v1/chats', chat([], [text('Hi')]), {}, [422, 1006, 'TooManyRecipients']],
    ['more than 10 parts is 1006 at 400', '/api/v1/chats', chat(recipients(1), Array.from({ length: 11 }, (_, i) => (i % 2 ? { type: 'rich_link', url: 'https://example.com' } : text('x')))), {}, [400, 1006, 'TooManyParts']],
    ["a group's first message that is not one text part is 4099 at 501", '/api/v1/chats', chat(recipients(2), [{ type: 'rich_link', url: 'https://example.com' }]), {}, [501, 4099, 'GroupFirstMessageNotText']],
    ['Prefer reaches a documented outcome', '/api/v1/chats', chat(recipients(1), [text('Hi')]), { prefer: 'code=503, example=LinesSaturated' }, [503, 4002, 'LinesSaturated']],
    ['Prefer reaches it on a chat the sandbox never held', '/api/v1/chats/ch_8f3k2m9q/messages', { message: { parts: [text('Hi')] } }, { prefer: 'code=429' }, [429, 1007, 'RateLimited']],
  ];

  it.each(cases)('%s', async (_name, path, body, headers, [status, code, example]) => {
    const res = await send(mocks[mode]!.url, path, { body, headers });
    expect([res.status, res.json?.error?.code]).toEqual([status, code]);
    expect(reports.find((r) => r.traceId === res.headers.get('x-trace-id'))?.example).toBe(example);
    // A bad request's message names the field; a Prefer'd answer is the example as written.
    if (!headers.prefer) expect(res.json.error.message).toMatch(/^\/(to|message)/);
  });
});
