import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_MIX } from '../src/request-mix.mjs';
import { runDemo } from '../src/run-demo.mjs';

// Debian's chromium package; CI installs it (scripts/ci-system-deps.sh).
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  const message = `${CHROMIUM} not found: the report.html browser check needs Debian's chromium (bash scripts/ci-system-deps.sh)`;
  if (process.env.CI) throw new Error(message);
  console.warn(`\n!!! SKIPPING the demo report browser test: ${message}\n`);
}

let outDir: string;
let profileDir: string;
let demo: Awaited<ReturnType<typeof runDemo>>;
let browser: BrowserContext;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'ecotrace-demo-'));
  demo = await runDemo({ outDir });
  if (!haveChromium) return;
  profileDir = await mkdtemp(join(tmpdir(), 'ecotrace-chromium-'));
  browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('pnpm demo', () => {
  it('correlates every request line and validates every line', () => {
    expect(demo.text).toContain('uncorrelated  0');
    expect(demo.correlation.counts.uncorrelated).toBe(0);
    expect(demo.correlation.validationErrors).toBe(0);
    expect(demo.correlation.counts.correlated).toBeGreaterThan(REQUEST_MIX.length);
    expect(demo.correlation.counts.unsampled).toBeGreaterThan(0);
    expect(demo.ok).toBe(true);
  });

  it("follows the slow request's metrics exemplar to its trace and its lines, in both services", () => {
    const section = demo.text.slice(demo.text.indexOf('== metrics → trace → logs'));
    expect(section).toContain('"slow stock check"');
    const slow = demo.views.find((v) => v.name === 'slow stock check');
    expect(slow?.sampled).toBe(true);
    for (const [service, route] of [
      ['orders', '/orders/:id'],
      ['inventory', '/stock/:sku'],
    ]) {
      expect(section).toContain(
        `${service}: http_server_request_duration_seconds_bucket{http_route="${route}",http_response_status_code="200"`,
      );
      expect(section).toContain(`trace_id="${slow?.traceId}"`);
      expect(section).toContain(`span_id is the server span of ${service}`);
    }
    expect(section).not.toContain('✖');
  });

  it('writes each service stdout as NDJSON', async () => {
    for (const service of ['orders', 'inventory']) {
      const lines = (await readFile(join(outDir, `${service}.ndjson`), 'utf8')).trim().split('\n');
      expect(lines.length).toBeGreaterThan(5);
      for (const line of lines) expect(JSON.parse(line)['service.name']).toBe(service);
    }
  });
});

describe.skipIf(!haveChromium)('report.html in headless Chromium', () => {
  it('loads from disk without console errors or network, and shows one trace per request', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push(`network: ${r.url()}`);
    });
    await page.goto(pathToFileURL(demo.htmlPath).href);
    await page.waitForSelector('section.trace');

    const traces = page.locator('section.trace');
    expect(await traces.count()).toBe(REQUEST_MIX.length);
    expect(await page.locator('#shown-count').textContent()).toBe(
      `${REQUEST_MIX.length} of ${REQUEST_MIX.length} traces`,
    );
    // The 500 is highlighted; its error line sits in the trace.
    const failing = page.locator('section.trace.error');
    expect(await failing.count()).toBeGreaterThanOrEqual(1);
    expect(
      await failing
        .locator('.log-line.error', { hasText: 'invoice service is not configured' })
        .count(),
    ).toBeGreaterThanOrEqual(1);
    // Sampled traces draw a waterfall: gateway, orders and inventory spans for an order.
    const placed = traces.filter({ hasText: 'place an order' }).first();
    expect(await placed.locator('.span-row').count()).toBeGreaterThanOrEqual(4);
    expect(await placed.locator('.bar').first().getAttribute('style')).toMatch(/width: [\d.]+%/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters by service', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(demo.htmlPath).href);
    const withInventory = demo.views.filter((v) => v.services.includes('inventory')).length;
    expect(withInventory).toBeGreaterThan(0);
    expect(withInventory).toBeLessThan(REQUEST_MIX.length);
    await page.selectOption('#service-filter', 'inventory');
    expect(await page.locator('section.trace:visible').count()).toBe(withInventory);
    expect(await page.locator('#shown-count').textContent()).toBe(
      `${withInventory} of ${REQUEST_MIX.length} traces`,
    );
    await page.selectOption('#service-filter', '');
    expect(await page.locator('section.trace:visible').count()).toBe(REQUEST_MIX.length);
    await page.close();
  });
});
