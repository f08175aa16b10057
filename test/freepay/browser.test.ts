// A real browser through the whole Freepay flow: a merchant's site on loopback requests a
// payment and sends the browser to the gateway page; the buyer types a test card and pays (or
// cancels, or pays with a card the bank refuses); the browser lands on the merchant's callback,
// whose server verifies. The page is in standards mode, in Vazirmatn, every number in Persian
// digits, and a test card clicked fills the form. Debian's chromium, driven by playwright-core;
// .ci/run installs it.
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSandbox } from '../../src/index.js';
import { describeInBrowser, launchChromium } from '../web/chromium.js';

const artifacts = new URL('../../test-artifacts/', import.meta.url);
const persian = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

// Without chromium the suite says why it is skipped; in CI (.ci/run installs it) it fails.
describeInBrowser('the payment page in a real browser', () => {
  const sandbox = createSandbox({ scenarios: false });
  let sandboxUrl = '';
  let merchantUrl = '';
  let merchant: Server;
  let browser: Browser;

  /** The merchant's site: /buy requests a payment and redirects; /callback verifies and shows the answer. */
  function merchantSite(): Promise<string> {
    merchant = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', merchantUrl);
      const form = (fields: Record<string, string>) => ({
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
      if (url.pathname === '/buy') {
        const answer = (await (
          await fetch(`${sandboxUrl}/freepay/payment/request`, form({ api: sandbox.credentials.freepayApiKey, amount: '1250000', callback: `${merchantUrl}/callback`, description: 'دو جلد کتاب' }))
        ).json()) as { authority: string };
        res.writeHead(302, { location: `${sandboxUrl}/freepay/payment/gateway:${answer.authority}` }).end();
        return;
      }
      if (url.pathname === '/callback') {
        const authority = url.searchParams.get('authority') ?? '';
        const verified = await (await fetch(`${sandboxUrl}/freepay/payment/verify`, form({ api: sandbox.credentials.freepayApiKey, authority, amount: '1250000' }))).text();
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<p id="status">${url.searchParams.get('status')}</p><pre id="verify">${verified}</pre>`);
        return;
      }
      res.writeHead(404).end();
    });
    return new Promise((resolve) => merchant.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(merchant.address() as AddressInfo).port}`)));
  }

  beforeAll(async () => {
    ({ url: sandboxUrl } = await sandbox.listen());
    merchantUrl = await merchantSite();
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => merchant?.close(resolve));
    await sandbox.close();
  });

  async function openGateway(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'fa-IR' });
    await page.goto(`${merchantUrl}/buy`);
    await page.waitForURL(/\/freepay\/payment\/gateway:\d+$/);
    return page;
  }

  async function fillCard(page: Page, card: string) {
    await page.locator('#card').pressSequentially(card);
    await page.fill('#pin2', '12345');
    await page.fill('#cvv2', '123');
    await page.fill('#expMonth', '12');
    await page.fill('#expYear', '09');
    await page.fill('#captcha', (await page.locator('#captcha-answer').textContent()) ?? '');
  }

  it('renders in standards mode, in Vazirmatn served by the sandbox, every number in Persian digits', async () => {
    const page = await openGateway();
    expect(await page.evaluate(() => document.compatMode)).toBe('CSS1Compat');
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('16px Vazirmatn'))).toBe(true);
    expect(await page.evaluate(() => [...document.fonts].filter((f) => f.family === 'Vazirmatn').map((f) => f.status))).toEqual(['loaded']);
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toBe('Vazirmatn, Tahoma, sans-serif');
    // The countdown after the script has ticked: still Persian.
    const first = await page.locator('#countdown').textContent();
    await expect.poll(() => page.locator('#countdown').textContent(), { timeout: 5_000 }).not.toBe(first);
    expect(await page.locator('#countdown').textContent()).toMatch(/^۱[۴۵]:[۰-۹]{2}$/);
    expect(await page.locator('#reference').textContent()).toMatch(/^[۰-۹]{14}$/);
    expect(await page.locator('#captcha-answer').textContent()).toMatch(/^[۰-۹]{5}$/);
    // No Latin digit anywhere a reader sees, but in the name CVV2.
    expect((await page.locator('body').innerText()).replaceAll('CVV2', '').match(/[0-9]/g)).toBeNull();
    await page.close();
  });

  it('a test card clicked fills the form in Persian digits, and the form so filled pays', async () => {
    const page = await openGateway();
    await page.locator('button.fill', { hasText: persian('6104 3300 0002 0027') }).click();
    expect(await page.locator('#card').inputValue()).toBe(persian('6104 3300 0002 0027'));
    const card = page.locator('button.fill').first();
    await card.click();
    expect(await page.locator('#card').inputValue()).toBe(persian('6037 9900 0001 0013'));
    expect(await page.locator('#pin2').inputValue()).toBe(persian('12345'));
    expect(await page.locator('#cvv2').inputValue()).toBe(persian('123'));
    expect(await page.locator('#expMonth').inputValue()).toBe(persian('12'));
    expect(await page.locator('#expYear').inputValue()).toMatch(/^[۰-۹]{2}$/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('captcha');
    await page.keyboard.type((await page.locator('#captcha-answer').textContent()) ?? '');
    await page.screenshot({ path: new URL('freepay-gateway-test-card.png', artifacts).pathname, fullPage: true });
    await page.click('button.pay');
    await page.waitForURL(/\/callback\?/);
    expect(await page.locator('#status').textContent()).toBe('OK');
    expect(JSON.parse((await page.locator('#verify').textContent()) ?? '')).toMatchObject({ status: 1, card_pan: '603799******0013' });
    await page.close();
  });

  it('without its script the page still lists the test cards and the values to type', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: 'fa-IR' });
    const page = await context.newPage();
    await page.goto(`${merchantUrl}/buy`);
    await page.waitForURL(/\/freepay\/payment\/gateway:\d+$/);
    expect(await page.locator('button.fill').count()).toBe(15);
    expect(await page.locator('button.fill').first().textContent()).toBe(persian('6037 9900 0001 0013'));
    expect(await page.locator('#test-card-values').textContent()).toMatch(/^با زدن هر کارت فرم پر می‌شود: رمز دوم ۱۲۳۴۵، CVV2 ۱۲۳، انقضا ماه ۱۲ سال [۰-۹]{2}$/);
    await context.close();
  });

  it('pays with a test card: the card is grouped as typed, the buyer lands on the callback, the merchant verifies', async () => {
    const page = await openGateway();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('#merchant').textContent()).toBe('فروشگاه آزمایشی مهک');
    expect(await page.locator('#amount').textContent()).toBe('۱٬۲۵۰٬۰۰۰ ریال');
    expect(await page.locator('#amount-toman').textContent()).toBe('۱۲۵٬۰۰۰ تومان');
    expect(await page.locator('#countdown').textContent()).toMatch(/^۱[۴۵]:[۰-۹]{2}$/);
    await fillCard(page, '6037990000010013');
    expect(await page.locator('#card').inputValue()).toBe('6037 9900 0001 0013');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: new URL('freepay-gateway.png', artifacts).pathname, fullPage: true });
    await page.click('button.pay');
    await page.waitForURL(/\/callback\?/);
    expect(await page.locator('#status').textContent()).toBe('OK');
    expect(JSON.parse((await page.locator('#verify').textContent()) ?? '')).toMatchObject({ status: 1, amount: 1250000, card_pan: '603799******0013' });
    await page.close();
  });

  it('shows a refused card on the page with the form kept, then pays', async () => {
    const page = await openGateway();
    await fillCard(page, '6037990000010014');
    await page.click('button.pay');
    await expect.poll(() => page.locator('#card-error').textContent()).toBe('شماره کارت معتبر نیست');
    // The kept number comes back grouped, in Persian digits.
    expect(await page.locator('#card').inputValue()).toBe(persian('6037 9900 0001 0014'));
    await page.screenshot({ path: new URL('freepay-gateway-error.png', artifacts).pathname, fullPage: true });
    await page.fill('#card', '');
    await fillCard(page, '6037990000010013');
    await page.click('button.pay');
    await page.waitForURL(/\/callback\?/);
    expect(await page.locator('#status').textContent()).toBe('OK');
    await page.close();
  });

  it('cancels: back to the callback as cancelled; verify answers -10', async () => {
    const page = await openGateway();
    await page.click('button.cancel');
    await page.waitForURL(/\/callback\?/);
    expect(await page.locator('#status').textContent()).toBe('CANCELLED');
    expect(JSON.parse((await page.locator('#verify').textContent()) ?? '')).toMatchObject({ status: -10 });
    await page.close();
  });

  it('a card the bank refuses: back to the callback as failed; verify answers -11 with the reason', async () => {
    const page = await openGateway();
    await fillCard(page, '6104330000020027');
    await page.click('button.pay');
    await page.waitForURL(/\/callback\?/);
    expect(await page.locator('#status').textContent()).toBe('FAILED');
    expect(JSON.parse((await page.locator('#verify').textContent()) ?? '')).toMatchObject({ status: -11, failure: 'insufficient_funds' });
    await page.close();
  });
});
