// The dashboard in a real browser, on a locked sandbox: sign in with the admin token, open the
// default tenant, see a Jibit call made from the test appear in the live journal without a
// reload and open its request and response, advance the clock, follow the person's SMS link,
// approve an ICE request as the person and see its state change. Every request leaving loopback
// is blocked and counted (the dashboard must work offline); screenshots go to test-artifacts/.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSandbox } from '../../src/index.js';
import { describeInBrowser, launchChromium } from '../web/chromium.js';

const artifacts = new URL('../../test-artifacts/', import.meta.url);
const adminToken = 'admin-token-of-the-dashboard-browser-test';
const json = { 'content-type': 'application/json' };

describeInBrowser('the dashboard in a real browser', () => {
  const sandbox = createSandbox({ scenarios: false, adminToken });
  let base = '';
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Requests the browser tried to send beyond loopback. */
  const blocked: string[] = [];

  beforeAll(async () => {
    ({ url: base } = await sandbox.listen());
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url());
      if (hostname === '127.0.0.1' || hostname === 'localhost') return route.continue();
      blocked.push(route.request().url());
      return route.abort();
    });
    page = await context.newPage();
    mkdirSync(artifacts, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox.close();
  });

  const shot = (name: string) => page.screenshot({ path: new URL(`dashboard-${name}.png`, artifacts).pathname, fullPage: true });
  const text = async (selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

  it('asks for a token, then signs in and lists the tenants', async () => {
    const first = await page.goto(`${base}/_sandbox`);
    expect(first?.status()).toBe(401);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign in to the dashboard');
    await shot('sign-in');
    await page.fill('#token', adminToken);
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}/_sandbox`);
    expect(await page.locator('#tenant-list a', { hasText: 'ten_default' }).count()).toBe(1);
    const cookie = (await context.cookies()).find((c) => c.name === 'mahak_dashboard');
    expect({ httpOnly: cookie?.httpOnly, sameSite: cookie?.sameSite, path: cookie?.path }).toEqual({ httpOnly: true, sameSite: 'Strict', path: '/_sandbox' });
    await shot('tenants');
  });

  it('shows a Jibit call in the live journal without a reload, and opens its request and response', async () => {
    await page.click('#tenant-list a:text("ten_default")');
    await page.waitForURL(/\/_sandbox\/dashboard\/tenants\/ten_default$/);
    await page.locator('#journal-table table').waitFor();
    // A mark on the window: a reload would lose it.
    await page.evaluate(() => Object.assign(window, { stayed: true }));
    const { apiKey, secretKey } = sandbox.credentials;
    const { accessToken } = (await (await fetch(`${base}/jibit/ide/v1/tokens/generate`, { method: 'POST', headers: json, body: JSON.stringify({ apiKey, secretKey }) })).json()) as { accessToken: string };
    const inquiry = await fetch(`${base}/jibit/ide/v1/cards?number=6037991234567893`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(inquiry.status).toBe(200);
    const row = page.locator('#journal-table tr.entry', { hasText: 'GET /v1/cards' });
    await row.waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await row.click();
    await page.locator('#entry-view').waitFor();
    expect(await text('#entry-view h3')).toMatch(/^Request #\d+: GET \/v1\/cards$/);
    expect(await page.locator('#entry-view').innerText()).not.toContain(accessToken);
    await shot('journal');
  });

  it('advances the clock by an hour', async () => {
    const before = Date.parse((await text('#clock-now')).replace(' ', 'T'));
    await page.click('#clock button:text("+1 h")');
    await expect.poll(async () => Date.parse((await text('#clock-now')).replace(' ', 'T')) - before, { timeout: 10_000 }).toBeGreaterThanOrEqual(3_600_000);
    expect(await text('#clock .notice')).toBe('Clock changed.');
  });

  it('follows the person’s SMS link, approves the ICE request as the person and sees it viewable', async () => {
    const { username, password } = sandbox.credentials.ice;
    const login = await fetch(`${base}/ice/api/v1/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ login: username, password }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const asked = await fetch(`${base}/ice/api/v1/reports`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ personType: 'natural', nationalCode: '0020000014', mobile: '09121234567', payer: 'credit' }),
    });
    expect(asked.status).toBe(201);
    const { trackingCode } = (await asked.json()) as { trackingCode: string };

    const link = page.locator('#outbox a[href*="/ice/c/"]').first();
    await link.waitFor({ timeout: 10_000 });
    const [consent] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await consent.waitForLoadState();
    expect(new URL(consent.url()).pathname).toMatch(/^\/ice\/c\/[\w-]+$/);
    expect(await consent.locator('html').getAttribute('dir')).toBe('rtl');
    await consent.close();

    const request = page.locator(`#provider-ice tr[data-tracking-code="${trackingCode}"]`);
    await request.waitFor({ timeout: 10_000 });
    expect(await request.locator('[data-state]').getAttribute('data-state')).toBe('pending');
    await request.locator('button:text("Approve")').click();
    await expect.poll(() => page.locator(`#provider-ice tr[data-tracking-code="${trackingCode}"] [data-state]`).getAttribute('data-state'), { timeout: 10_000 }).toBe('viewable');
    const view = await fetch(`${base}/ice/api/v1/reports/${trackingCode}`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(((await view.json()) as { state: string }).state).toBe('viewable');
    await shot('tenant');
  });

  it('sent nothing beyond loopback', () => {
    expect(blocked).toEqual([]);
  });
});
