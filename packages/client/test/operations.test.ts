// Which operation a request is: read back from its method and path, a literal segment always
// beating a `{param}`. A fixture table of the whole-API shapes (FULL-API.md sections 3–4), not
// the document, so the rule is tested before the document holds those operations.
import { operationMeta } from '@chert/types';
import { describe, expect, it } from 'vitest';
import { operationOf, router } from '../src/core/operations.js';

const fixture = {
  getEvent: { method: 'GET', path: '/api/v1/events/{id}', idempotent: true },
  streamEvents: { method: 'GET', path: '/api/v1/events/stream', idempotent: true },
  replayEvent: { method: 'POST', path: '/api/v1/events/{id}/replay', idempotent: false },
  updateChat: { method: 'PUT', path: '/api/v1/chats/{id}', idempotent: true },
  sendMessageToChat: { method: 'POST', path: '/api/v1/chats/{id}/messages', idempotent: false },
  listChatMessages: { method: 'GET', path: '/api/v1/chats/{id}/messages', idempotent: true },
  createChat: { method: 'POST', path: '/api/v1/chats', idempotent: false },
  removeParticipant: { method: 'DELETE', path: '/api/v1/chats/{id}/participants/{address}', idempotent: true },
  // Declared after the templated one on purpose: order in the document must not matter.
  markRead: { method: 'POST', path: '/api/v1/chats/{id}/read', idempotent: true },
  readAll: { method: 'POST', path: '/api/v1/chats/all/read', idempotent: true },
};
const find = router(fixture);
const base = 'https://console.trychert.com';

describe('router', () => {
  const cases: [name: string, method: string, pathOrUrl: string, want: string | undefined][] = [
    ['the literal beats the template', 'GET', `${base}/api/v1/events/stream`, 'streamEvents'],
    ['the literal, with a query', 'GET', `${base}/api/v1/events/stream?since=evt_1`, 'streamEvents'],
    ['any other id is the template', 'GET', `${base}/api/v1/events/evt_123`, 'getEvent'],
    ['a template as written matches itself only', 'GET', '/api/v1/events/{id}', 'getEvent'],
    ['a literal as written', 'GET', '/api/v1/events/stream', 'streamEvents'],
    ['a deeper path is not its prefix', 'POST', `${base}/api/v1/events/evt_1/replay`, 'replayEvent'],
    ['PUT on the chat', 'PUT', `${base}/api/v1/chats/ch_1`, 'updateChat'],
    ['POST into its messages', 'POST', `${base}/api/v1/chats/ch_1/messages`, 'sendMessageToChat'],
    ['GET of its messages', 'GET', `${base}/api/v1/chats/ch_1/messages#top`, 'listChatMessages'],
    ['the collection', 'POST', `${base}/api/v1/chats`, 'createChat'],
    ['two parameters', 'DELETE', `${base}/api/v1/chats/ch_1/participants/%2B14155550123`, 'removeParticipant'],
    ['a literal declared after its template still wins', 'POST', `${base}/api/v1/chats/all/read`, 'readAll'],
    ['…and the template keeps the rest', 'POST', `${base}/api/v1/chats/ch_1/read`, 'markRead'],
    ['a template chat id named like the literal, as written', 'POST', '/api/v1/chats/{id}/read', 'markRead'],
    ['a method the path does not have', 'DELETE', `${base}/api/v1/events/evt_1`, undefined],
    ['a path the document does not have', 'GET', `${base}/api/v1/nothing`, undefined],
    ['a base URL with a path of its own', 'GET', 'https://proxy.example/chert/api/v1/events/stream', 'streamEvents'],
  ];
  it.each(cases)('%s: %s %s', (_name, method, pathOrUrl, want) => {
    expect(find(method, pathOrUrl)?.id).toBe(want);
  });

  it('carries x-idempotent through', () => {
    expect(find('PUT', '/api/v1/chats/{id}')).toMatchObject({ id: 'updateChat', idempotent: true });
    expect(find('POST', `${base}/api/v1/chats/ch_1/messages`)).toMatchObject({ idempotent: false });
  });
});

describe('operationOf, over the document', () => {
  it.each(Object.entries(operationMeta))('%s: by template and by URL', (id, { method, path, idempotent }) => {
    expect(operationOf(method, path)).toMatchObject({ id });
    expect(!!operationOf(method, path)!.idempotent).toBe(idempotent);
    expect(operationOf(method, `${base}${path.replace('{id}', 'ch_8f3k2m9q')}`)).toMatchObject({ id });
  });
});
