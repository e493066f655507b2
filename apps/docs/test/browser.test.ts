// The built site in a real browser (Debian's chromium, driven by playwright-core): the
// reference and the guides render, nothing is fetched from outside 127.0.0.1, and the
// console stays clean. Screenshots go to screenshots/ for review.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signV1 } from '@chert/client';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../scripts/build.mjs';
import { guides, slug, workedExample } from '../scripts/lib/compose.mjs';
import { serveDocs } from '../scripts/serve.mjs';

const executablePath = process.env.CHERT_CHROMIUM ?? '/usr/bin/chromium';
const screenshots = fileURLToPath(new URL('../screenshots/', import.meta.url));

let outDir: string;
let profile: string;
let site: Awaited<ReturnType<typeof serveDocs>>;
let context: BrowserContext;
let page: Page;
let routes: string[];
const requests: string[] = [];
const consoleErrors: string[] = [];

// A failed setup must fail every test with its message: an error thrown by beforeAll would
// only mark them skipped, and a missing browser must never pass for a skipped test.
let setupError: unknown;
function ready(): void {
  if (setupError) throw setupError;
}

beforeAll(async () => {
  try {
    await setUp();
  } catch (error) {
    setupError = error;
  }
});

async function setUp(): Promise<void> {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install Debian's package (apt-get install -y chromium) ` +
        'or point CHERT_CHROMIUM at a Chromium binary. This test never downloads a browser.',
    );
  }
  outDir = await mkdtemp(join(tmpdir(), 'chert-docs-site-'));
  profile = await mkdtemp(join(tmpdir(), 'chert-docs-chromium-'));
  ({ routes } = await build({ outDir }));
  site = await serveDocs({ port: 0, root: outDir });
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1440, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  // Record every request the page makes; refuse (and so also record) any that would leave
  // the machine, so the test cannot depend on whether this host has internet.
  context.on('request', (r) => requests.push(r.url()));
  await context.route('**/*', (route) => (isLocal(route.request().url()) ? route.continue() : route.abort()));
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(site.url, { waitUntil: 'networkidle' });
}

afterAll(async () => {
  await context?.close();
  await site?.close();
  await Promise.all([outDir, profile].filter(Boolean).map((d) => rm(d, { recursive: true, force: true })));
});

function isLocal(url: string): boolean {
  if (url.startsWith('data:')) return true; // inline, nothing is fetched
  const u = new URL(url.startsWith('blob:') ? url.slice('blob:'.length) : url);
  return u.hostname === '127.0.0.1';
}

async function show(route: string): Promise<void> {
  await page.goto(`${site.url}${route}`, { waitUntil: 'networkidle' });
}

describe('the docs site in Chromium', () => {
  it('shows the send-contact operation with its request schema and code samples', async () => {
    ready();
    await show('#/contact-cards/sendcontacttochat');
    const operation = page.locator('[data-section-id="/contact-cards/sendcontacttochat"]');
    await expect.poll(() => operation.getByRole('heading', { name: 'Send a contact card to a chat' }).isVisible()).toBe(true);
    await operation.scrollIntoViewIfNeeded();

    // The request body schema: its variants and the contact object's fields.
    const body = page.locator('[id="contact-cards/sendcontacttochat/request/body"]');
    await body.scrollIntoViewIfNeeded();
    await expect.poll(() => body.isVisible()).toBe(true);
    const schemaText = await body.innerText();
    for (const text of ['application/json', 'ContactCardToChat', 'VCardToChat', 'contact']) {
      expect(schemaText).toContain(text);
    }
    await mkdir(screenshots, { recursive: true });
    await operation.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, 'docs.png') });

    // Expanding the contact object shows its documented fields.
    await body.getByText('contact', { exact: true }).first().click();
    await expect.poll(async () => (await body.innerText()).includes('full_name')).toBe(true);
    expect(await body.innerText()).toContain('phones');

    // Beside it, the TypeScript sample (the default tab), and curl a click away.
    const samples = operation.locator('[data-testid="right-panel"]').filter({ hasText: '/api/v1/chats/{id}/send-contact' });
    await expect.poll(async () => (await samples.innerText()).includes('createChertClient')).toBe(true);
    expect(await samples.innerText()).toContain('chert.contacts.send(');
    await samples.getByRole('button', { name: 'TypeScript' }).click();
    await page.getByText('curl', { exact: true }).last().click();
    await expect.poll(async () => (await samples.innerText()).includes('openssl dgst -sha256')).toBe(true);
  });

  it('shows the worked HMAC signature that signV1 produces, in the auth guide', async () => {
    ready();
    const w = workedExample;
    const signature = await signV1(w.signingSecret, w.unixSeconds, w.rawBody);
    expect(signature).toMatch(/^v1,1767225600,[0-9a-f]{64}$/);
    // Redoc renders a guide's sections lazily, one route per heading.
    await show('#/authentication/a-worked-example');
    const guide = page.locator('[data-section-id="/authentication/a-worked-example"]');
    const line = guide.getByText(`x-chert-signature: ${signature}`, { exact: true });
    await expect.poll(() => line.isVisible()).toBe(true);
    await line.scrollIntoViewIfNeeded();
    // Shown whole: the code block holding it is not cut off.
    const clipped = await line.evaluate((el) => {
      const block = el.closest('pre') ?? el;
      return block.scrollWidth > block.clientWidth;
    });
    expect(clipped).toBe(false);
    await page.screenshot({ path: join(screenshots, 'auth.png') });
  });

  it('lists every error code of the document in the errors guide', async () => {
    ready();
    await show('#/errors-and-retries/every-code');
    const guide = page.locator('[data-section-id="/errors-and-retries/every-code"]');
    await expect.poll(async () => (await guide.innerText()).includes('what to do')).toBe(true);
    const document = JSON.parse(await readFile(createRequire(import.meta.url).resolve('@chert/openapi/openapi.json'), 'utf8'));
    const codes: number[] = document.components.schemas.ErrorCode.enum;
    const text = await guide.innerText();
    for (const code of codes) expect(text).toMatch(new RegExp(`\\b${code}\\b`));
  });

  it('has a section for every in-page address the guides may link to', async () => {
    ready();
    // Redoc mounts a tag's sections and operations only once the reader is in that tag.
    const ids = new Set<string | null>();
    for (const at of ['', ...routes.filter((r) => /^#\/[^/]+$/.test(r))]) {
      await show(at);
      if (at === '') await page.screenshot({ path: join(screenshots, 'home.png') });
      const found = await page.locator('[data-section-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-section-id')));
      found.forEach((id) => ids.add(id));
    }
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.map((r) => r.slice(1)).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('made no request outside 127.0.0.1', () => {
    ready();
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !isLocal(url))).toEqual([]);
  });

  it('logged no console errors', () => {
    ready();
    expect(consoleErrors).toEqual([]);
  });
});

// What a reader sees at a desktop and at a phone width: words whole (a field name is not
// `error.stat|us`, the title not `Messagin|g`), and no blank band between a guide's sections.
describe.each([1400, 390])('the page at %i px wide', (width) => {
  let narrow: Page;
  const largestGap = 88; // px; a heading's own spacing is about 65

  beforeAll(async () => {
    if (setupError) return;
    narrow = await context.newPage();
    await narrow.setViewportSize({ width, height: 900 });
  });
  afterAll(() => narrow?.close());

  async function visit(route: string): Promise<void> {
    await narrow.goto(`${site.url}${route}`, { waitUntil: 'networkidle' });
    // Redoc renders sections as they scroll into view: scroll through the page once.
    for (let i = 0; i < 60; i++) {
      const more = await narrow.evaluate(() => {
        window.scrollBy(0, window.innerHeight * 0.8);
        return window.scrollY + window.innerHeight < document.documentElement.scrollHeight - 2;
      });
      await narrow.waitForTimeout(60);
      if (!more) break;
    }
  }

  /** The words (between spaces and hyphens) of the elements that span more than one line. */
  const brokenWords = (selector: string) =>
    narrow.evaluate((sel) => {
      const broken: string[] = [];
      for (const el of document.querySelectorAll(sel)) {
        const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = texts.nextNode(); node; node = texts.nextNode()) {
          for (const m of (node.textContent ?? '').matchAll(/[^\s-]+/g)) {
            const range = document.createRange();
            range.setStart(node, m.index ?? 0);
            range.setEnd(node, (m.index ?? 0) + m[0].length);
            const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            if (lines.size > 1) broken.push(m[0]);
          }
        }
      }
      return broken;
    }, selector);

  it('breaks no word of a table cell in the guides', async () => {
    ready();
    const cells = '[data-component-name="Markdown/Markdown"] td';
    for (const route of ['#/errors-and-retries', '#/authentication', '#/run-the-mock']) {
      await visit(route);
      expect(await narrow.locator(cells).count(), `tables on ${route}`).toBeGreaterThan(5);
      expect(await brokenWords(cells), route).toEqual([]);
    }
  });

  it('shows the title in whole words, inside the page', async () => {
    ready();
    await narrow.goto(site.url, { waitUntil: 'networkidle' });
    const title = narrow.locator('[data-component-name="Typography/H1"]').first();
    expect(await title.innerText()).toContain(JSON.parse(await readFile(join(outDir, 'openapi.json'), 'utf8')).info.title);
    expect(await brokenWords('[data-component-name="Typography/H1"]')).toEqual([]);
    const box = await title.evaluate((el) => ({ right: el.getBoundingClientRect().right, overflow: el.scrollWidth > el.clientWidth }));
    expect(box.overflow).toBe(false);
    expect(box.right).toBeLessThanOrEqual(width);
  });

  it(`leaves no gap over ${largestGap} px between the sections of a guide`, async () => {
    ready();
    for (const route of [...routes.filter((r) => /^#\/[^/]+$/.test(r) && guides.some((g) => r === `#/${slug(g.tag)}`)), '#/']) {
      await visit(route);
      const prefix = route === '#/' ? '/section/' : route.slice(1);
      const gaps = await narrow.evaluate((pre) => {
        const blocks = [...document.querySelectorAll(`[data-section-id^="${pre}"]`)]
          .flatMap((s) => [...s.querySelectorAll('h1, h2, h3, p, pre, table, ul, ol')])
          .map((el) => ({ rect: el.getBoundingClientRect(), text: (el.textContent ?? '').slice(0, 30) }))
          .filter((b) => b.rect.height > 0)
          .map((b) => ({ top: b.rect.top + window.scrollY, bottom: b.rect.bottom + window.scrollY, text: b.text }))
          .sort((a, b) => a.top - b.top);
        const out: Array<{ gap: number; before: string }> = [];
        let bottom = blocks[0]?.bottom ?? 0;
        for (const b of blocks.slice(1)) {
          if (b.top - bottom > 0) out.push({ gap: Math.round(b.top - bottom), before: b.text });
          bottom = Math.max(bottom, b.bottom);
        }
        return out;
      }, prefix);
      expect(gaps.length, `blocks measured on ${route}`).toBeGreaterThan(3);
      expect(gaps.filter((g) => g.gap > largestGap), route).toEqual([]);
    }
  });
});
