// Every operation of the document, called through its resource method against the mock in
// examples mode (@chert/mock, started here with a signing secret, so signatures and bearer tokens
// are checked), for every outcome the document describes (`Prefer: code=…, example=…`): a
// success resolves to the documented example, an error rejects with its status and code. The
// table of calls is built from the document itself, so an operation added to it is covered here.
import { examples, mediaTypes, operations, parameters } from '@chert/openapi/walk';
import { describe, expect, it } from 'vitest';
import { ChertApiError, createChertClient, type ChertClient } from '../src/index.js';
import { SECRET, TENANT } from './support/fetch.js';
import { useCheckingMock } from './support/mock.js';

const doc = (await import('@chert/openapi/openapi.json', { with: { type: 'json' } })).default as Record<string, any>;

const mock = useCheckingMock();
const { reports } = mock;

const hmac = () => createChertClient({ auth: { hmac: { tenant: TENANT, signingSecret: SECRET } }, baseUrl: mock.url, maxRetries: 0 });

interface Op {
  id: string;
  sdk: { resource: string; method: string; form?: string };
  pathArgs: string[];
  body: unknown;
  hasQuery: boolean;
  kind: 'json' | 'blob' | 'void' | 'stream' | 'page';
}
interface Outcome {
  op: Op;
  status: number;
  example: string;
  value: unknown;
}

const exampleOf = (p: any) => p.example ?? p.schema?.examples?.[0] ?? doc.components.schemas[p.schema?.$ref?.split('/').pop()]?.examples?.[0];

const ops: Op[] = [];
const outcomes: Outcome[] = [];
for (const { key: path, pathItem, operation, at } of operations(doc)) {
  const params = parameters(doc, pathItem, operation);
  const sites = mediaTypes(doc, operation, at);
  const request = sites.find((s) => s.where === 'request');
  const success = sites.filter((s) => /^2/.test(s.where));
  const op: Op = {
    id: operation.operationId,
    sdk: operation['x-chert-sdk'],
    pathArgs: [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => exampleOf(params.find((p) => p.in === 'path' && p.name === name))),
    body: request ? Object.values(examples(doc, request.media))[0]?.value : undefined,
    hasQuery: params.some((p) => p.in === 'query'),
    kind: operation['x-chert-stream']
      ? 'stream'
      : operation['x-chert-pagination']
        ? 'page'
        : success.some((s) => s.type === 'application/json')
          ? 'json'
          : success.length
            ? 'blob'
            : 'void',
  };
  ops.push(op);
  for (const [status, response] of Object.entries(operation.responses as Record<string, unknown>)) {
    const sitesOf = sites.filter((s) => s.where === status);
    if (!sitesOf.length) outcomes.push({ op, status: Number(status), example: '', value: undefined });
    for (const site of sitesOf.slice(0, 1)) {
      for (const [example, ex] of Object.entries(examples(doc, site.media))) outcomes.push({ op, status: Number(status), example, value: ex.value });
    }
    void response;
  }
}

/** Calls `op` through its resource method (or the hand-written contacts methods), with `prefer`. */
async function call(chert: ChertClient, op: Op, prefer: string): Promise<unknown> {
  const options = { headers: { prefer } };
  if (op.sdk.form) {
    const body = (op.body ?? {}) as { to?: string; contact?: never; vcard_text?: string };
    const recipient = op.sdk.form === 'chatId' ? { chatId: op.pathArgs[0]! } : { to: body.to! };
    if (op.sdk.method === 'shareOwnCard') return chert.contacts.shareOwnCard(recipient, options);
    return chert.contacts.send(recipient, body.contact ? { contact: body.contact } : { vcardText: body.vcard_text! }, options);
  }
  const resource = op.sdk.resource.split('.').reduce((r: any, key) => r[key], chert);
  const method = resource[op.sdk.method].bind(resource);
  if (op.kind === 'stream') {
    for await (const item of method(options) as AsyncIterable<unknown>) return item;
    return undefined;
  }
  const args: unknown[] = [...op.pathArgs];
  if (op.body !== undefined) args.push(op.body);
  if (op.hasQuery) args.push(undefined);
  return method(...args, options);
}

describe('the table of calls', () => {
  it('covers all the operations of the document, and each has at least one success and one error', () => {
    expect(ops).toHaveLength(Object.keys(doc.paths).reduce((n, p) => n + Object.keys(doc.paths[p]).filter((k) => k !== 'parameters').length, 0));
    for (const op of ops) {
      expect(outcomes.some((o) => o.op === op && o.status < 300), op.id).toBe(true);
      expect(outcomes.some((o) => o.op === op && o.status >= 400), op.id).toBe(true);
    }
  });
});

describe.each(ops.map((op) => [op.id, op] as const))('%s', (_id, op) => {
  const mine = outcomes.filter((o) => o.op === op);
  it.each(mine.map((o) => [o.status, o.example || '(no body)', o] as const))('%s %s', async (status, _example, outcome) => {
    const prefer = outcome.example ? `code=${status}, example=${outcome.example}` : `code=${status}`;
    const result = await call(hmac(), op, prefer).catch((e: unknown) => e);
    if (status >= 400) {
      expect(result).toBeInstanceOf(ChertApiError);
      const value = outcome.value as { error?: { code?: number }; code?: number };
      expect(result).toMatchObject({ status, code: value.error?.code ?? value.code, operationId: op.id });
      return;
    }
    expect(result).not.toBeInstanceOf(Error);
    expect(reports.at(-1)).toMatchObject({ operation: op.id, status, mockError: false });
    switch (op.kind) {
      case 'json':
        expect(result).toEqual(outcome.value);
        break;
      case 'page': {
        const page = outcome.value as { events: unknown[]; next_cursor: string | null };
        expect(result).toMatchObject({ ...page, data: page.events, nextCursor: page.next_cursor });
        break;
      }
      case 'blob':
        expect(result).toBeInstanceOf(Blob);
        expect(await (result as Blob).text()).toBe(outcome.value);
        break;
      case 'void':
        expect(result).toBeUndefined();
        break;
      case 'stream': {
        const frame = /^data: (.*)$/m.exec(String(outcome.value))![1]!;
        expect(result).toEqual(JSON.parse(frame));
        break;
      }
    }
  });
});
