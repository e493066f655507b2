// Which operation a request is: by operationId (the resource methods) and by method and path
// template (the typed client), over the generated table, which agrees with @chert/types'
// operationMeta on everything the core reads.
import { operationMeta } from '@chert/types';
import { describe, expect, it } from 'vitest';
import { operations } from '../src/generated/operations.js';
import { operationOf, routeOf, routes } from '../src/core/operations.js';

describe('routes', () => {
  const table = routes({
    getEvent: { method: 'GET', path: '/api/v1/events/{id}', idempotent: true },
    streamEvents: { method: 'GET', path: '/api/v1/events/stream', idempotent: true, parseAs: 'stream' },
    replayEvent: { method: 'POST', path: '/api/v1/events/{id}/replay' },
  });
  const cases: [name: string, method: string, template: string, want: string | undefined][] = [
    ['a template as written', 'GET', '/api/v1/events/{id}', 'getEvent'],
    ['a literal path beside a template', 'GET', '/api/v1/events/stream', 'streamEvents'],
    ['a deeper path is not its prefix', 'POST', '/api/v1/events/{id}/replay', 'replayEvent'],
    ['a method the path does not have', 'DELETE', '/api/v1/events/{id}', undefined],
    ['a concrete URL is not a template', 'GET', '/api/v1/events/evt_1', undefined],
    ['a path the document does not have', 'GET', '/api/v1/nothing', undefined],
  ];
  it.each(cases)('%s: %s %s', (_name, method, template, want) => {
    expect(table.of(method, template)?.id).toBe(want);
  });

  it('carries what the table says', () => {
    expect(table.byId.streamEvents).toEqual({ id: 'streamEvents', method: 'GET', path: '/api/v1/events/stream', idempotent: true, parseAs: 'stream' });
  });
});

describe('over the document', () => {
  it.each(Object.entries(operationMeta))('%s: found by template and by id, with the document’s facts', (id, meta) => {
    const route = operationOf(meta.method, meta.path)!;
    expect(route).toBe(routeOf[id as keyof typeof routeOf]);
    expect(route).toMatchObject({ id, method: meta.method, path: meta.path });
    expect(!!route.idempotent).toBe(meta.idempotent);
    expect(route.idempotencyKey ?? null).toBe(meta.idempotencyKey);
    expect(!!route.bearerOnly).toBe(meta.bearerOnly);
    expect(route.pagination ?? null).toEqual(meta.pagination);
    expect(route.stream ?? null).toEqual(meta.stream && { closeEvent: meta.stream.closeEvent, resume: meta.stream.resume, resumeFrom: meta.stream.resumeFrom, itemId: meta.stream.itemId, heartbeatSeconds: meta.stream.heartbeatSeconds });
    const success = Object.values(meta.successMediaTypes).flat() as string[];
    expect(route.parseAs, 'what a success answer is read as').toBe(
      success.includes('text/event-stream') ? 'stream' : success.length && !success.includes('application/json') ? 'blob' : undefined,
    );
    expect(route.upload?.contentType).toBe(meta.requestMediaTypes.length && !(meta.requestMediaTypes as readonly string[]).includes('application/json') ? 'application/octet-stream' : undefined);
  });

  it('has no operation the document does not', () => {
    expect(Object.keys(operations).sort()).toEqual(Object.keys(operationMeta).sort());
  });
});
