// The client restates no wire name of the document (issue 10, item 12): header names and the
// production server come from @chert/types' generated facts, read from the bundle.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bearerScheme, headerNames, productionServerUrl } from '@chert/types';
import { deref, operations } from '@chert/openapi/walk';
import { describe, expect, it } from 'vitest';
import { createChertClient } from '../src/index.js';
import { chertError, ok, recordingFetch, SECRET, TENANT } from './support/fetch.js';

const doc = (await import('@chert/openapi/openapi.json', { with: { type: 'json' } })).default as Record<string, any>;
const src = fileURLToPath(new URL('../src/', import.meta.url));

/** What the document names: its security schemes' headers, its response headers, its first server. */
const schemes = doc.components.securitySchemes as Record<string, { type: string; in?: string; name?: string; scheme?: string }>;
const apiKeyHeaders = Object.values(schemes).filter((s) => s.type === 'apiKey' && s.in === 'header').map((s) => s.name!.toLowerCase());
const responseHeaders = [
  ...new Set(
    operations(doc).flatMap(({ operation }) =>
      Object.values(operation.responses ?? {}).flatMap((r) => Object.keys(deref(doc, r).headers ?? {}).map((h) => h.toLowerCase())),
    ),
  ),
];

describe('the facts the client reads', () => {
  it('are the document’s', () => {
    expect(Object.values(headerNames)).toEqual(expect.arrayContaining([...apiKeyHeaders, ...responseHeaders]));
    expect(bearerScheme.toLowerCase()).toBe(Object.values(schemes).find((s) => s.type === 'http')!.scheme);
    expect(productionServerUrl).toBe(doc.servers[0].url);
  });

  it('are restated nowhere in the client’s source', () => {
    // Hand-written code only: src/generated is written from the document by scripts/generate.mjs.
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.startsWith('generated'));
    const names = [...apiKeyHeaders, ...responseHeaders, productionServerUrl];
    const found = files.flatMap((file) => {
      // Code only: comments may name a header for the reader.
      const code = readFileSync(join(src, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|\s)\/\/.*$/gm, '');
      return names.filter((name) => new RegExp(`['"\`]${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"\`]`, 'i').test(code)).map((name) => `${file}: ${name}`);
    });
    expect(found).toEqual([]);
  });

  it('are what goes on the wire and what is read back', async () => {
    const { fetch, sent } = recordingFetch(chertError(503, 3002, { retryable: true, headers: { 'retry-after': '0' } }), ok({ chat_id: 'ch_1', status: 'shared' }, { 'x-trace-id': 'a1b2c3d4e5f6' }));
    const client = createChertClient({ auth: { hmac: { tenant: TENANT, signingSecret: SECRET } }, fetch });
    const { traceId } = await client.contacts.shareOwnCard({ chatId: 'ch_1' }).withResponse();
    expect(traceId).toBe('a1b2c3d4e5f6');
    expect(sent).toHaveLength(2);
    expect(sent[0]!.url.startsWith(productionServerUrl)).toBe(true);
    for (const header of apiKeyHeaders) expect(sent[0]!.headers[header], header).toBeDefined();
  });
});
