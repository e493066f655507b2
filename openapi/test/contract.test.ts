// The facts of shared/chert-api, checked against the bundle: operations, codes per status,
// security, servers. A change to the document that drops one of them fails here.
import { describe, expect, it } from 'vitest';
import { doc, mediaSites, operations } from './document.js';

const codesAt = (operationId: string, status: string) =>
  mediaSites()
    .filter((s) => s.operationId === operationId && s.where === status)
    .flatMap((s) => Object.values(s.examples).map((e: any) => e.value.error.code as number));

const table: Array<[string, string, string, Record<string, number[]>]> = [
  ['sendContactToChat', 'post', '/api/v1/chats/{id}/send-contact',
    { '400': [1001, 1002, 1003, 1004], '401': [2004, 2012, 2013], '403': [2005], '404': [2001, 2002], '429': [1007], '500': [3001], '501': [4099], '502': [4001], '503': [3002, 4002] }],
  ['sendContactToPhone', 'post', '/api/v1/chats/send-contact',
    { '400': [1001, 1002, 1003, 1004], '401': [2004, 2012, 2013], '403': [2005], '404': [2001], '429': [1007], '500': [3001], '501': [4099], '502': [4001], '503': [3002, 4002] }],
  ['shareContactInfoToChat', 'post', '/api/v1/chats/{id}/share-contact-info',
    { '400': [1002, 1003, 1004], '401': [2004, 2012, 2013], '403': [2005], '404': [2001, 2002], '429': [1007], '500': [3001], '501': [4099], '502': [4001], '503': [3002, 4002] }],
  ['shareContactInfoToPhone', 'post', '/api/v1/chats/share-contact-info',
    { '400': [1002, 1003, 1004], '401': [2004, 2012, 2013], '403': [2005], '404': [2001], '429': [1007], '500': [3001], '501': [4099], '502': [4001], '503': [3002, 4002] }],
];

describe('operations', () => {
  it('are exactly the four contact operations', () => {
    expect(operations().map((o) => o.op.operationId).sort()).toEqual(table.map((t) => t[0]).sort());
  });

  it.each(table)('%s is %s %s, tagged, described, not idempotent', (id, method, path) => {
    const op = doc.paths[path]?.[method];
    expect(op?.operationId).toBe(id);
    expect(op.tags).toEqual(['Contact cards']);
    expect(op.summary).toMatch(/\S/);
    expect(op.description).toMatch(/not idempotent/i);
    expect(op['x-idempotent']).toBe(false);
  });

  it.each(table)('%s documents a named example for every code of every status', (id, _m, _p, codes) => {
    for (const [status, want] of Object.entries(codes)) {
      expect([...new Set(codesAt(id, status))].sort(), `${id} ${status}`).toEqual(want);
    }
  });

  it.each(table)('%s narrows error.code to the codes of each status', (id, method, path, codes) => {
    const responses = doc.paths[path][method].responses;
    for (const [status, want] of Object.entries(codes)) {
      const name = responses[status].$ref.split('/').pop();
      const schemaRef = doc.components.responses[name].content['application/json'].schema.$ref;
      const schema = doc.components.schemas[schemaRef.split('/').pop()];
      const narrowing = schema.allOf.find((s: any) => s.properties?.error);
      expect(narrowing.properties.error.properties.code.enum, `${id} ${status}`).toEqual(want);
      expect(narrowing.properties.error.properties.status.const).toBe(Number(status));
    }
  });

  it.each(table)('%s declares X-Trace-ID on every response, success included', (id) => {
    const sites = mediaSites().filter((s) => s.operationId === id);
    expect(sites.length).toBeGreaterThan(5);
    for (const site of sites.filter((s) => s.where !== 'request')) {
      expect(Object.keys(site.headers), `${id} ${site.where}`).toContain('X-Trace-ID');
    }
  });
});

describe('security', () => {
  it('accepts HMAC v1 (signature and tenant together) or a bearer token', () => {
    expect(doc.security).toEqual([
      { ChertSignature: [], ChertTenant: [] },
      { BearerAuth: [] },
      { BearerAuth: [], ChertTenant: [] },
    ]);
    const schemes = doc.components.securitySchemes;
    expect(schemes.ChertSignature).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-chert-signature' });
    expect(schemes.ChertTenant).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-chert-tenant' });
    expect(schemes.BearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('describes the signing algorithm exactly', () => {
    const text: string = doc.components.securitySchemes.ChertSignature.description;
    for (const fact of ['v1,<unix_seconds>,<hex>', '<unix_seconds>.<raw_body>', 'HMAC-SHA256', 'lowercase', '300 seconds', 'ends\n   in the dot', '2013']) {
      expect(text).toContain(fact);
    }
  });
});

describe('servers and version', () => {
  it('lists production and the local mock', () => {
    expect(doc.servers.map((s: any) => s.url)).toEqual(['https://console.trychert.com', 'http://127.0.0.1:4010']);
  });

  it('reports the package version, stamped by the bundle step', async () => {
    const { default: pkg } = await import('../package.json', { with: { type: 'json' } });
    expect(doc.info.version).toBe(pkg.version);
  });
});
