// The built site in a real browser (Debian's chromium, driven by playwright-core): the
// reference and the guides render, every guide and tag is reached from the sidebar, every
// operation and webhook of the bundle is listed, the Assumptions page holds exactly the
// document's marks and the reference shows them, nothing is fetched from outside 127.0.0.1,
// and the console stays clean. Screenshots of every guide, at a desktop and a phone width,
// go to test-results/screenshots/ for review.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signV1 } from '@chert/client';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../scripts/build.mjs';
import { ASSUMPTIONS_GUIDE, guides, slug, workedExample } from '../scripts/lib/compose.mjs';
import { serveDocs } from '../scripts/serve.mjs';
import { require } from './support/document.js';
import { marksOf } from './support/marks.js';

// How long a poll waits for Redoc to render a section: generous, since the root test runs every
// package at once on two cores (a limit, never a timing the test asserts).
const RENDER_MS = 15_000;

const executablePath = process.env.CHERT_CHROMIUM ?? '/usr/bin/chromium';
const screenshots = fileURLToPath(new URL('../test-results/screenshots/', import.meta.url));

let outDir: string;
let profile: string;
let site: Awaited<ReturnType<typeof serveDocs>>;
let context: BrowserContext;
let page: Page;
let routes: string[];
let docsCopy: Record<string, any>;
let bundle: Record<string, any>;
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
  docsCopy = JSON.parse(await readFile(join(outDir, 'openapi.docs.json'), 'utf8'));
  bundle = JSON.parse(await readFile(join(outDir, 'openapi.json'), 'utf8'));
  await mkdir(screenshots, { recursive: true });
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

async function show(route: string, on: Page = page): Promise<void> {
  await on.goto(`${site.url}${route}`, { waitUntil: 'networkidle' });
}

/** The section ids (`/tag`, `/guide/heading`…) whose content belongs to a guide or tag route. */
const prefixOf = (route: string) => (route === '#/' ? '/section/' : route.slice(1));

/**
 * Shows the guide (or tag) at `route` with every one of its sections rendered: Redoc renders
 * a section when it comes into view, so bring each into view in turn until none grows.
 */
async function renderAll(on: Page, route: string): Promise<void> {
  await show(route, on);
  let last = '';
  for (let pass = 0; pass < 10; pass++) {
    const heights = await on.evaluate(async (pre) => {
      const sections = [...document.querySelectorAll(`[data-section-id^="${pre}"]`)];
      for (const s of sections) {
        s.scrollIntoView();
        await new Promise((r) => setTimeout(r, 40));
      }
      return sections.map((s) => Math.round(s.getBoundingClientRect().height)).join(',');
    }, prefixOf(route));
    if (heights === last) break;
    last = heights;
  }
  await on.evaluate((pre) => document.querySelector(`[data-section-id^="${pre}"]`)?.scrollIntoView(), prefixOf(route));
}

/** The sidebar's top-level entries (the introduction's headings, group labels, guides and tags). */
const sidebar = (on: Page) => on.locator('[data-component-name="Menu/Menu"]').first().locator(':scope > [data-component-name="Menu/MenuItem"]');

/** A guide or tag in the sidebar. */
const sidebarEntry = (on: Page, name: string) => sidebar(on).filter({ has: on.locator(`:scope > a[href="/${slug(name)}"]`) });

/** Every operation and webhook of the bundle: its tag, its route, its summary, its webhook name. */
function operationsOf(doc: Record<string, any>) {
  const out: Array<{ id: string; tag: string; route: string; summary: string; webhook?: string }> = [];
  for (const [section, kind] of [['paths', 'path'], ['webhooks', 'webhook']] as const) {
    for (const [key, item] of Object.entries(doc[section] ?? {})) {
      for (const op of Object.values(item as Record<string, any>)) {
        if (!op?.operationId) continue;
        const tag = op.tags[0];
        out.push({ id: op.operationId, tag, route: `#/${slug(tag)}/${op.operationId.toLowerCase()}`, summary: op.summary, ...(kind === 'webhook' ? { webhook: key } : {}) });
      }
    }
  }
  return out;
}

describe('the docs site in Chromium', () => {
  it('shows the send-contact operation with its request schema and code samples', async () => {
    ready();
    await show('#/contact-cards/sendcontacttochat');
    const operation = page.locator('[data-section-id="/contact-cards/sendcontacttochat"]');
    await expect.poll(() => operation.getByRole('heading', { name: 'Send a contact card to a chat' }).isVisible(), { timeout: RENDER_MS }).toBe(true);
    await operation.scrollIntoViewIfNeeded();

    // The request body schema: its variants and the contact object's fields.
    const body = page.locator('[id="contact-cards/sendcontacttochat/request/body"]');
    await body.scrollIntoViewIfNeeded();
    await expect.poll(() => body.isVisible(), { timeout: RENDER_MS }).toBe(true);
    const schemaText = await body.innerText();
    for (const text of ['application/json', 'ContactCardToChat', 'VCardToChat', 'contact']) {
      expect(schemaText).toContain(text);
    }
    await operation.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, 'docs.png') });

    // Expanding the contact object shows its documented fields.
    await body.getByText('contact', { exact: true }).first().click();
    await expect.poll(async () => (await body.innerText()).includes('full_name'), { timeout: RENDER_MS }).toBe(true);
    expect(await body.innerText()).toContain('phones');

    // Beside it, the TypeScript sample (the default tab), and curl a click away.
    const samples = operation.locator('[data-testid="right-panel"]').filter({ hasText: '/api/v1/chats/{id}/send-contact' });
    await expect.poll(async () => (await samples.innerText()).includes('createChertClient'), { timeout: RENDER_MS }).toBe(true);
    expect(await samples.innerText()).toContain('chert.contacts.send(');
    await samples.getByRole('button', { name: 'TypeScript' }).click();
    await page.getByText('curl', { exact: true }).last().click();
    await expect.poll(async () => (await samples.innerText()).includes('openssl dgst -sha256'), { timeout: RENDER_MS }).toBe(true);
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
    await expect.poll(() => line.isVisible(), { timeout: RENDER_MS }).toBe(true);
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
    await expect.poll(async () => (await guide.innerText()).includes('what to do'), { timeout: RENDER_MS }).toBe(true);
    const document = JSON.parse(await readFile(require.resolve('@chert/openapi/openapi.json'), 'utf8'));
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

  it('lists every operation and webhook of the bundle in the sidebar, under its tag, each with its section', async () => {
    ready();
    const all = operationsOf(bundle);
    expect(all.filter((o) => o.webhook).length).toBe(Object.keys(bundle.webhooks).length);
    expect(all.length).toBeGreaterThan(30);
    await show('#/');
    for (const tag of [...new Set(all.map((o) => o.tag))]) {
      const entry = sidebarEntry(page, tag);
      await entry.locator(':scope > a').click();
      const children = entry.locator('a[href^="#/"]');
      await expect.poll(() => children.count(), { message: tag, timeout: RENDER_MS }).toBeGreaterThan(0);
      const listed = await children.evaluateAll((as) => as.map((a) => [a.getAttribute('href'), (a.textContent ?? '').trim()]));
      const want = all.filter((o) => o.tag === tag);
      expect(listed.map(([href]) => href), tag).toEqual(want.map((o) => o.route));
      for (const [i, o] of want.entries()) expect(listed[i]?.[1], o.id).toContain(o.summary);
      // Each one's own section, with its summary, and a webhook's name.
      for (const o of want) {
        const section = page.locator(`[data-section-id="${o.route.slice(1)}"]`);
        await expect.poll(() => section.count(), { message: o.id, timeout: RENDER_MS }).toBe(1);
        // Redoc renders a long tag's later sections only when it navigates to them itself.
        await page.evaluate((route) => { location.hash = route; }, o.route);
        await expect.poll(() => section.innerText(), { message: o.id, timeout: RENDER_MS }).toContain(o.summary);
        if (o.webhook) expect(await section.innerText(), o.id).toContain(o.webhook);
      }
    }
  });

  it('lists every x-chert-assumed mark of the bundle on the Assumptions page, and nothing else', async () => {
    ready();
    await renderAll(page, `#/${slug(ASSUMPTIONS_GUIDE)}`);
    const entries = await page.locator('.chert-assumption[data-pointer]').evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-pointer') ?? '', (e.querySelectorAll('p')[1]?.textContent ?? '').trim()]),
    );
    const marks = marksOf(bundle);
    expect(marks.length).toBeGreaterThan(50);
    expect(entries.map(([p]) => p).sort()).toEqual(marks.map(([p]) => p).sort());
    const shown = new Map(entries as Array<[string, string]>);
    for (const [pointer, text] of marks) expect(shown.get(pointer), pointer).toBe(`${text}.`);
    await page.screenshot({ path: join(screenshots, 'assumptions-entries.png') });
  });

  it.each([
    // [kind, route of the element, the mark]
    ['an operation', '#/sending/sendmessage', '/paths/~1api~1v1~1send/post'],
    ['a schema property', '#/sending/sendmessage', '/components/schemas/SendMessageRequest/properties/effect'],
    ['a response', '#/sending/sendmessage', '/components/responses/MessageSent'],
    ['a path parameter (its id schema)', '#/messages/getmessage', '/components/schemas/MessageId'],
    ['a body schema (on its answer)', '#/messages/getmessage', '/components/schemas/GetMessageResult'],
    ['a webhook header', '#/webhooks/handlemessagereceived', '/components/parameters/WebhookTimestampHeader'],
  ])('shows the "Assumed" note on %s', async (_kind, route, pointer) => {
    ready();
    await show(route);
    const section = page.locator(`[data-section-id="${route.slice(1)}"]`);
    const note = section.locator(`.chert-assumed[data-pointer="${pointer}"]`).first();
    await expect.poll(() => note.count(), { message: pointer, timeout: RENDER_MS }).toBe(1);
    await note.scrollIntoViewIfNeeded();
    expect(await note.isVisible()).toBe(true);
    const mark = marksOf(bundle).find(([p]) => p === pointer)?.[1];
    expect(await note.innerText()).toBe(`Assumed: ${mark}. Why, and what to check`);
    // Set apart from the description: its own background and an amber rule.
    const style = await note.evaluate((el) => ({ border: getComputedStyle(el).borderLeftStyle, background: getComputedStyle(el).backgroundColor }));
    expect(style).toEqual({ border: 'solid', background: expect.not.stringMatching(/^rgba\(0, 0, 0, 0\)$/) });
  });

  it('shows the "Assumed" note of an example when the reader picks it, and each note leads to its entry', async () => {
    ready();
    await show('#/sending/sendmessage');
    const section = page.locator('[data-section-id="/sending/sendmessage"]');
    const answers = section.locator('[data-testid="right-panel"]').filter({ hasText: 'Response' }).last();
    await answers.scrollIntoViewIfNeeded();
    await answers.getByText('400', { exact: true }).first().click();
    await answers.locator('[data-component-name="Dropdown/Dropdown"]').first().click();
    await page.locator('[data-component-name="Dropdown/DropdownMenuItem"]', { hasText: '4098' }).first().click();
    const note = answers.locator('.chert-assumed[data-pointer="/components/examples/UnknownEffect"]');
    await expect.poll(() => note.isVisible(), { timeout: RENDER_MS }).toBe(true);
    await page.screenshot({ path: join(screenshots, 'assumed-example.png') });

    // Its link leads to the Assumptions page's section that lists the mark.
    await note.getByRole('link', { name: 'Why, and what to check' }).click();
    await expect.poll(() => page.url(), { timeout: RENDER_MS }).toMatch(/#\/assumptions\/sending$/);
    const entry = page.locator('[data-section-id="/assumptions/sending"] .chert-assumption[data-pointer="/components/examples/UnknownEffect"]');
    await expect.poll(() => entry.isVisible(), { timeout: RENDER_MS }).toBe(true);
  });

  it('offers the API document itself for download, without the notes the reference adds', async () => {
    ready();
    const published = await readFile(join(outDir, 'openapi.json'), 'utf8');
    const original = await readFile(require.resolve('@chert/openapi/openapi.json'), 'utf8');
    expect(published).toBe(original);
    expect(published).not.toContain('chert-assumed\\"');
    expect(JSON.stringify(docsCopy)).toContain('class=\\"chert-assumed\\"');
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

// What a reader sees at a desktop and at a phone width: every guide and tag a click away in
// the navigation, words whole (a field name is not `error.stat|us`, the title not
// `Messagin|g`), no blank band between a guide's sections; and a screenshot of every guide.
describe.each([1400, 390])('the page at %i px wide', (width) => {
  let narrow: Page;
  const largestGap = 88; // px; a heading's own spacing is about 65

  beforeAll(async () => {
    if (setupError) return;
    narrow = await context.newPage();
    await narrow.setViewportSize({ width, height: 900 });
  });
  afterAll(() => narrow?.close());

  const visit = (route: string) => renderAll(narrow, route);

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
      const prefix = prefixOf(route);
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

  it('reaches every guide and every tag from the navigation, group by group', async () => {
    ready();
    await show('#/', narrow);
    const groups: Array<{ name: string; tags: string[] }> = docsCopy['x-tagGroups'];
    const menuButton = narrow.getByRole('button', { name: 'Open navigation menu' });
    const closeButton = narrow.getByRole('button', { name: 'Close navigation menu' });
    // A phone shows the sidebar behind a menu button; a desktop beside the page.
    expect(await menuButton.isVisible()).toBe(width < 800);
    if (await menuButton.isVisible()) await menuButton.click();
    const labels = await sidebar(narrow).filter({ hasNot: narrow.locator(':scope > a') }).allInnerTexts();
    expect(labels.map((l) => l.trim())).toEqual(groups.map((g) => g.name));

    const names = groups.flatMap((g) => g.tags);
    expect(names).toEqual(expect.arrayContaining([...guides.map((g) => g.tag), ...(bundle.tags as Array<{ name: string }>).map((t) => t.name)]));
    for (const name of names) {
      if (await menuButton.isVisible()) await menuButton.click();
      await sidebarEntry(narrow, name).locator(':scope > a').click();
      await expect.poll(() => narrow.url(), { message: name, timeout: RENDER_MS }).toMatch(new RegExp(`#/${slug(name)}$`));
      if (await closeButton.isVisible()) await closeButton.click();
      // The guide or tag is on screen, its heading first.
      const title = `[data-section-id="/${slug(name)}"] [data-component-name="Typography/H2"]`;
      const heading = narrow.locator(title).first();
      await expect.poll(() => heading.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; }), { message: name, timeout: RENDER_MS }).toBe(true);
      expect(await heading.innerText()).toBe(name);
      // In whole words, inside its box.
      expect(await brokenWords(title), name).toEqual([]);
      expect(await heading.evaluate((el) => el.scrollWidth <= el.clientWidth), name).toBe(true);
    }
  });

  it('saves a screenshot of every guide, the Assumptions page and the introduction, for review', async () => {
    ready();
    const dir = join(screenshots, String(width));
    await mkdir(dir, { recursive: true });
    const tallest = 6000; // px per image; a longer guide is saved in parts
    const saved: string[] = [];
    for (const [name, route] of [['introduction', '#/'], ...guides.map((g) => [slug(g.tag), `#/${slug(g.tag)}`])] as Array<[string, string]>) {
      await visit(route);
      // The introduction is the page's lead (`/`, with the API's title) and its sections.
      const selector = route === '#/' ? '[data-section-id="/"], [data-section-id^="/section/"]' : `[data-section-id^="${prefixOf(route)}"]`;
      const box = await narrow.evaluate((sel) => {
        const rects = [...document.querySelectorAll(sel)].map((s) => s.getBoundingClientRect()).filter((r) => r.height > 0);
        return {
          top: Math.min(...rects.map((r) => r.top)) + window.scrollY,
          bottom: Math.max(...rects.map((r) => r.bottom)) + window.scrollY,
          // The page's content, without the sidebar (sticky, so drawn once at the top).
          left: Math.max(0, ...[...document.querySelectorAll('[data-component-name="Menu/Menu"]')].map((m) => m.getBoundingClientRect().right)),
        };
      }, selector);
      expect(box.bottom - box.top, route).toBeGreaterThan(200);
      // A window as tall as each part, so that Redoc renders all of it (it renders what is in
      // view), then back to the reader's window.
      for (let top = box.top, part = 1; top < box.bottom; top += tallest, part++) {
        const height = Math.round(Math.min(tallest, box.bottom - top));
        const file = join(dir, `${name}${box.bottom - box.top > tallest ? `-${part}` : ''}.png`);
        await narrow.setViewportSize({ width, height });
        await narrow.evaluate((y) => window.scrollTo(0, y), top);
        await narrow.waitForTimeout(250);
        const offset = await narrow.evaluate((y) => y - window.scrollY, top);
        await narrow.screenshot({ path: file, clip: { x: box.left, y: offset, width: width - box.left, height: height - offset } });
        saved.push(file);
      }
      await narrow.setViewportSize({ width, height: 900 });
    }
    for (const file of saved) expect((await readFile(file)).subarray(1, 4).toString(), file).toBe('PNG');
    expect(saved.length).toBeGreaterThanOrEqual(guides.length + 1);
  });
});
