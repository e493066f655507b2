import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../scripts/build.mjs';
import { localBadge, makeOffline } from '../scripts/lib/offline.mjs';
import { require } from './support/document.js';

describe('makeOffline', () => {
  it("replaces Redoc's CDN logo with a local one", () => {
    const { html, remote } = makeOffline('<img src=`https://cdn.redoc.ly/redoc/logo-mini-full.svg`>');
    expect(html).toBe(`<img src=\`${localBadge}\`>`);
    expect(remote).toEqual([]);
  });

  it.each([
    ['a Google Fonts stylesheet', '<link href="https://fonts.googleapis.com/css?family=Roboto" rel="stylesheet">', 'fonts.googleapis.com'],
    ['a CDN script', '<script src="https://cdn.jsdelivr.net/npm/x/redoc.js"></script>', 'https://cdn.jsdelivr.net/npm/x/redoc.js'],
    ['a protocol-relative script', '<script src="//example.com/x.js"></script>', '<script src="//'],
    ['a CSS @import', '<style>@import url("https://example.com/fonts.css");</style>', '@import url("https://'],
    ['a remote icon in script', 'const icon = `https://icons.assets-host.net/set/arrow.svg`;', 'https://icons.assets-host.net/set/arrow.svg'],
  ])('reports %s', (_name, input, found) => {
    expect(makeOffline(input).remote).toContain(found);
  });

  it.each([
    ['a link the reader may follow', '<a href="https://github.com/chert-sdk/chert-typescript">GitHub</a>'],
    ['an SVG namespace', '<svg xmlns="http://www.w3.org/2000/svg"></svg>'],
    ['the local mock', '<code>http://127.0.0.1:4010/x.json</code>'],
    ['an image URL in an API example (a reserved documentation domain, shown as text)', '{"image_url":"https://example.com/img/dinner.png","icon":"https://cdn.example.org/i.svg"}'],
  ])('leaves %s alone', (_name, input) => {
    expect(makeOffline(input)).toEqual({ html: input, remote: [] });
  });
});

describe('the built site', () => {
  let outDir: string;
  let html: string;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'chert-docs-build-'));
    await build({ outDir });
    html = await readFile(join(outDir, 'index.html'), 'utf8');
  });

  afterAll(() => rm(outDir, { recursive: true, force: true }));

  it('carries Redoc inline and loads nothing from a CDN', () => {
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toContain('cdn.redocly.com/redoc/');
    expect(html).not.toContain('cdn.redoc.ly');
    expect(html).not.toMatch(/fonts\.(googleapis|gstatic)\.com/);
    expect(makeOffline(html).remote).toEqual([]);
  });

  it('offers the API document itself for download, not the docs copy', async () => {
    const bundle = await readFile(require.resolve('@chert/openapi/openapi.json'), 'utf8');
    expect(await readFile(join(outDir, 'openapi.json'), 'utf8')).toBe(bundle);
    expect(bundle).not.toContain('x-codeSamples');
  });

  it('is titled after the API', () => {
    expect(html).toContain('<title>Chert Messaging API · docs</title>');
  });
});
