// A real browser through ICE: a business charges its wallet on the Saman page and lands on its own
// site; a person opens the consent SMS's link on a phone, approves and pays on the Mellat page, and
// the business reads the report; another person rejects a wallet-paid request and the refund shows
// in the ledger. Every page in standards mode, in Vazirmatn, its numbers in Persian digits.
// Debian's chromium, driven by playwright-core, against a sandbox over HTTP.
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSandbox } from '../../src/index.js';
import { shownTime } from '../../src/providers/ice/time.js';
import { describeInBrowser, launchChromium } from '../web/chromium.js';

const persian = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
const artifacts = new URL('../../test-artifacts/', import.meta.url);
const phone = { width: 390, height: 844 };

/** Every tenant's clock stands still here (2026-11-30 10:00 Tehran, 1405/09/09), so each time shown is exact. */
const nowIso = '2026-11-30T10:00:00+03:30';
const nowMs = Date.parse(nowIso);
const at = (ms: number) => shownTime(ms);
const minutes = (n: number) => n * 60_000;
const hours = (n: number) => n * 3_600_000;
/** A browser walk takes seconds; on a busy machine more than vitest's default. */
const walk = 60_000;

const businessName = 'شرکت نمونه ماهک';
/** The opening row of a ready business, written when its tenant was made (on the wall clock, before the clock was set). */
const openingRow = { row: 1, description: 'موجودی اولیه حساب آزمایشی', at: expect.any(String), date: expect.any(String), time: expect.any(String), amountRial: 10_000_000, direction: 'credit', directionSymbol: '▲', balanceAfterRial: 10_000_000, kind: 'opening' };

// Without chromium the suite says why it is skipped; in CI (.ci/run installs it) it fails.
describeInBrowser('ICE in a real browser', () => {
  const sandbox = createSandbox({ scenarios: false });
  let sandboxUrl = '';
  let siteUrl = '';
  let site: Server;
  let browser: Browser;

  /** The integrator's site: /wallet/return shows what the bank page sent back. */
  function integratorSite(): Promise<string> {
    site = createServer((req, res) => {
      const url = new URL(req.url ?? '/', siteUrl);
      if (url.pathname !== '/wallet/return') return void res.writeHead(404).end();
      const shown = (name: string) => `<p id="${name}">${url.searchParams.get(name) ?? ''}</p>`;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!DOCTYPE html><title>بازگشت از درگاه</title>${shown('status')}${shown('chargeId')}${shown('order')}`);
    });
    return new Promise((resolve) => site.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(site.address() as AddressInfo).port}`)));
  }

  beforeAll(async () => {
    ({ url: sandboxUrl } = await sandbox.listen());
    siteUrl = await integratorSite();
    mkdirSync(artifacts, { recursive: true });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await sandbox.close();
  });

  async function send(method: string, path: string, options: { body?: unknown; token?: string; tenant?: string } = {}) {
    const headers: Record<string, string> = {};
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.tenant) headers['X-Sandbox-Tenant'] = options.tenant;
    const res = await fetch(`${sandboxUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  /** A tenant of its own, its clock stopped at `nowIso`, its ready business signed in, and its ledger's opening row. */
  async function business(): Promise<{ tenantId: string; token: string; opening: Record<string, unknown> }> {
    const created = await send('POST', '/_sandbox/tenants', { body: {} });
    expect(created.status).toBe(201);
    const tenantId = created.body.id as string;
    expect((await send('POST', `/_sandbox/tenants/${tenantId}/clock`, { body: { set: nowIso } })).status).toBe(200);
    expect((await send('POST', `/_sandbox/tenants/${tenantId}/clock`, { body: { freeze: true } })).status).toBe(200);
    const login = await send('POST', '/ice/api/v1/auth/login', { tenant: tenantId, body: { login: 'mahak', password: 'Mahak1234' } });
    expect(login.status).toBe(200);
    const token = login.body.accessToken as string;
    const first = await ledger(token);
    expect(first).toEqual({ page: 1, size: 100, total: 1, pages: 1, capped: false, transactions: [openingRow] });
    return { tenantId, token, opening: (first.transactions as Record<string, unknown>[])[0]! };
  }

  const api = (token: string, path: string, body?: unknown) => send(body === undefined ? 'GET' : 'POST', `/ice/api/v1${path}`, { token, body });

  /** The whole ledger, newest first. */
  async function ledger(token: string) {
    const res = await api(token, '/wallet/transactions?size=100');
    expect(res.status).toBe(200);
    return res.body;
  }

  /** Requests a report and finds the consent link in the person's SMS. */
  async function requestReport(tenantId: string, token: string, body: Record<string, string>): Promise<{ trackingCode: string; link: string }> {
    const created = await api(token, '/reports', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const trackingCode = created.body.trackingCode as string;
    const outbox = await send('GET', `/_sandbox/tenants/${tenantId}/outbox?recipient=${body.mobile}`);
    expect(outbox.status).toBe(200);
    const entries = outbox.body.entries as { recipient: string; message: { text: string } }[];
    expect(entries).toHaveLength(1);
    expect(entries[0]!.recipient).toBe(body.mobile);
    const text = entries[0]!.message.text;
    expect(text).toContain(trackingCode);
    // The link is on the origin the business reached the sandbox at, so the person's browser can open it.
    const link = new RegExp(`${sandboxUrl.replace(/[.:/]/g, '\\$&')}/ice/c/[A-Za-z0-9_-]+`).exec(text)?.[0];
    expect(link, text).toBeDefined();
    return { trackingCode, link: link! };
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: new URL(`ice-${name}.png`, artifacts).pathname, fullPage: true });
  const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ').trim();

  /**
   * Standards mode, the sandbox's Vazirmatn loaded, and no Latin digit a reader sees but in the name
   * CVV2 and a bank page's reference, an ICE charge id shown as it is to be copied (chg_…).
   */
  async function looksRight(page: Page) {
    expect(await page.evaluate(() => document.compatMode)).toBe('CSS1Compat');
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('16px Vazirmatn'))).toBe(true);
    expect(await page.evaluate(() => [...document.fonts].filter((f) => f.family === 'Vazirmatn').map((f) => f.status))).toEqual(['loaded']);
    const reference = (await page.locator('#reference').count()) > 0 ? await text(page, '#reference') : undefined;
    if (reference !== undefined) expect(reference).toMatch(/^chg_/);
    expect((await page.locator('body').innerText()).replaceAll('CVV2', '').replaceAll(reference ?? 'CVV2', '').match(/[0-9]/g)).toBeNull();
  }

  /** Types a success test card, the Persian-calendar expiry and the captcha the page shows. */
  async function payWithCard(page: Page) {
    await page.locator('#card').pressSequentially('6037990000010013');
    expect(await page.locator('#card').inputValue()).toBe('6037 9900 0001 0013');
    await page.fill('#pin2', '12345');
    await page.fill('#cvv2', '123');
    await page.fill('#expMonth', '12');
    await page.fill('#expYear', '09');
    await page.fill('#captcha', await text(page, '#captcha-answer'));
  }

  it('charges the wallet on the Saman page: back on the site as paid, the balance up and one ledger row', async () => {
    const { token, opening } = await business();
    const returnUrl = `${siteUrl}/wallet/return?order=17`;
    const charge = await api(token, '/wallet/charges', { amountRial: 2_500_000, bank: 'saman', returnUrl });
    const chargeId = charge.body.chargeId as string;
    const paymentUrl = charge.body.paymentUrl as string;
    expect(charge).toEqual({
      status: 201,
      body: { chargeId: expect.stringMatching(/^chg_/), paymentUrl: expect.stringMatching(/\/bank\/saman\/[\w-]+$/), amountRial: 2_500_000, bank: 'saman', expiresAt: at(nowMs + minutes(15)) },
    });
    // Built on the origin the business reached, so the browser can open it.
    expect(paymentUrl.startsWith(`${sandboxUrl}/ice/bank/saman/`)).toBe(true);

    const page = await browser.newPage({ viewport: phone, locale: 'fa-IR' });
    const shown = await page.goto(paymentUrl);
    expect(shown?.status()).toBe(200);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('body').getAttribute('data-skin')).toBe('saman');
    expect(await text(page, '#merchant')).toBe('آیس | اعتبار یکپارچه سپهر');
    expect(await text(page, '#amount')).toBe('۲٬۵۰۰٬۰۰۰ ریال');
    expect(await text(page, '#description')).toBe('افزایش اعتبار کیف پول');
    // The captcha's answer is on the page in Persian digits and in the header in Latin ones, for tools that fill the page in.
    expect(persian((await shown!.headerValue('x-sandbox-captcha')) ?? '')).toBe(await text(page, '#captcha-answer'));
    expect(await text(page, '#countdown')).toMatch(/^۱[۴۵]:[۰-۹]{2}$/);
    await looksRight(page);
    await payWithCard(page);
    await shot(page, 'saman-wallet-charge');
    await page.click('button.pay');
    await page.waitForURL((url) => url.href.startsWith(`${siteUrl}/wallet/return?`));
    expect(await text(page, '#status')).toBe('paid');
    expect(await text(page, '#chargeId')).toBe(chargeId);
    expect(await text(page, '#order')).toBe('17');
    await shot(page, 'saman-wallet-returned');
    await page.close();

    expect(await api(token, '/wallet')).toEqual({ status: 200, body: { balanceRial: 12_500_000, lowBalance: false, reportPriceRial: 100_000 } });
    expect(await ledger(token)).toEqual({
      page: 1,
      size: 100,
      total: 2,
      pages: 1,
      capped: false,
      transactions: [
        { row: 1, description: 'افزایش اعتبار از طریق درگاه بانک سامان', ...at(nowMs), amountRial: 2_500_000, direction: 'credit', directionSymbol: '▲', balanceAfterRial: 12_500_000, kind: 'charge', chargeId },
        { ...opening, row: 2 },
      ],
    });
    expect(await api(token, `/wallet/charges/${chargeId}`)).toEqual({
      status: 200,
      body: {
        chargeId,
        status: 'paid',
        amountRial: 2_500_000,
        bank: 'saman',
        bankName: 'بانک سامان',
        paymentUrl,
        returnUrl,
        failure: null,
        failureMessage: null,
        cardPan: '603799******0013',
        reference: expect.stringMatching(/^\d{12}$/),
        createdAt: at(nowMs),
        expiresAt: at(nowMs + minutes(15)),
        finishedAt: at(nowMs),
      },
    });
  }, walk);

  it('a person who pays approves on the phone, pays on the Mellat page, and the business reads the report', async () => {
    const { tenantId, token, opening } = await business();
    const order = { personType: 'natural', nationalCode: '1234567891', mobile: '09351234567', payer: 'person' };
    const { trackingCode, link } = await requestReport(tenantId, token, order);

    const page = await browser.newPage({ viewport: phone, locale: 'fa-IR', isMobile: true, hasTouch: true });
    expect((await page.goto(link))?.status()).toBe(200);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await text(page, '#business')).toBe(businessName);
    expect(await text(page, '#lead')).toBe(`«${businessName}» درخواست دریافت گزارش اعتباری (کارنامه اعتباری) شما را دارد.`);
    expect(await text(page, '#national-code')).toBe('۱۲۳۴۵۶۷۸۹۱');
    expect(await text(page, '#tracking-code')).toBe(persian(trackingCode));
    expect(await text(page, '#deadline')).toBe('۱۴۰۵/۰۹/۱۰ ساعت ۱۰:۰۰');
    await looksRight(page);
    expect(await page.locator('#payer').getAttribute('data-payer')).toBe('person');
    expect(await text(page, '#report-price')).toBe('۹۱٬۷۵۰ ریال');
    expect(await text(page, '#vat')).toBe('۸٬۲۵۰ ریال');
    expect(await text(page, '#total')).toBe('۱۰۰٬۰۰۰ ریال');
    expect(await text(page, '#approve')).toBe('تأیید و پرداخت');
    // The page fits the phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await shot(page, 'consent-person-pays');

    await page.check('input[name="bank"][value="mellat"]');
    await page.click('#approve');
    await page.waitForURL((url) => url.href.startsWith(`${sandboxUrl}/ice/bank/mellat/`));
    expect(await page.locator('body').getAttribute('data-skin')).toBe('mellat');
    // The person pays the business that asked, the report's total.
    expect(await text(page, '#merchant')).toBe(businessName);
    expect(await text(page, '#amount')).toBe('۱۰۰٬۰۰۰ ریال');
    expect(await text(page, '#description')).toBe(`گزارش اعتباری (کد رهگیری ${persian(trackingCode)})`);
    await looksRight(page);
    await payWithCard(page);
    await shot(page, 'mellat-report-payment');
    await page.click('button.pay');
    await page.waitForURL((url) => url.href.startsWith(`${link}/return?`));
    expect(await page.locator('#state').getAttribute('data-state')).toBe('viewable');
    expect(await text(page, '#state')).toBe(`این درخواست را تأیید کرده‌اید؛ «${businessName}» اکنون می‌تواند گزارش اعتباری شما را ببیند (تا ۱۴۰۵/۰۹/۱۰ ساعت ۱۰:۰۰).`);
    expect(await text(page, '#paid')).toMatch(/^مبلغ ۱۰۰٬۰۰۰ ریال از طریق به‌پرداخت ملت پرداخت شد؛ شماره مرجع [۰-۹]{12}\.$/);
    expect(await page.locator('#approve').count()).toBe(0);
    await shot(page, 'consent-approved');
    await page.close();

    expect(await api(token, `/reports/${trackingCode}`)).toEqual({
      status: 200,
      body: {
        trackingCode,
        state: 'viewable',
        stateLabel: 'قابل مشاهده',
        personType: 'natural',
        nationalCode: '1234567891',
        nationalId: null,
        mobile: '09351234567',
        payer: 'person',
        payerLabel: 'پرداخت توسط شخص',
        price: { reportRial: 91_750, vatRial: 8_250, totalRial: 100_000 },
        sms: 'sent',
        businessName,
        requestedAt: at(nowMs),
        consentExpiresAt: at(nowMs + hours(24)),
        approvedAt: at(nowMs),
        viewableUntil: at(nowMs + hours(24)),
        rejectedAt: null,
        expiredAt: null,
        archivedAt: null,
        refundedAt: null,
      },
    });
    const read = await api(token, `/reports/${trackingCode}/credit-report`);
    expect(read.status).toBe(200);
    expect(Object.keys(read.body).sort()).toEqual(['report', 'trackingCode', 'viewableUntil']);
    expect(read.body.trackingCode).toBe(trackingCode);
    expect(read.body.viewableUntil).toEqual(at(nowMs + hours(24)));
    const report = read.body.report as Record<string, unknown> & { person: Record<string, unknown> };
    expect(report.personType).toBe('natural');
    // A rank comes with its score; no rank comes with the reason why.
    expect(report).toHaveProperty('rank');
    expect(report).toHaveProperty('score');
    if (report.rank === null) expect([report.score, typeof report.noRankReason]).toEqual([null, 'object']);
    else expect([typeof report.rank, typeof report.score, report.noRankReason]).toEqual(['string', 'number', null]);
    expect(typeof report.rankDescription).toBe('string');
    expect(report.person.nationalCode).toBe('1234567891');
    expect(report.person).toEqual(expect.objectContaining({ firstName: expect.any(String), lastName: expect.any(String), birthDate: expect.stringMatching(/^\d{4}\/\d{2}\/\d{2}$/) }));
    // The person paid: the business's wallet is untouched.
    expect(await ledger(token)).toEqual({ page: 1, size: 100, total: 1, pages: 1, capped: false, transactions: [{ ...opening, row: 1 }] });
  }, walk);

  it('a person rejects a wallet-paid request on the page: the debit and its refund in the ledger, the balance back', async () => {
    const { tenantId, token, opening } = await business();
    const mobile = '09361234567';
    const { trackingCode, link } = await requestReport(tenantId, token, { personType: 'natural', nationalCode: '1234567891', mobile, payer: 'credit' });
    expect((await api(token, '/wallet')).body.balanceRial).toBe(9_900_000);

    const page = await browser.newPage({ viewport: phone, locale: 'fa-IR', isMobile: true, hasTouch: true });
    expect((await page.goto(link))?.status()).toBe(200);
    expect(await text(page, '#business')).toBe(businessName);
    expect(await text(page, '#tracking-code')).toBe(persian(trackingCode));
    expect(await page.locator('#payer').getAttribute('data-payer')).toBe('credit');
    expect(await text(page, '#payer')).toBe(`هزینه گزارش را «${businessName}» پرداخت کرده است؛ پرداختی از سوی شما لازم نیست.`);
    expect(await page.locator('input[name="bank"]').count()).toBe(0);
    await shot(page, 'consent-wallet-paid');
    await page.click('#reject');
    await page.locator('#state').waitFor();
    expect(page.url()).toBe(link);
    expect(await page.locator('#state').getAttribute('data-state')).toBe('rejected');
    expect(await text(page, '#state')).toBe(`این درخواست را رد کرده‌اید؛ گزارش اعتباری شما در اختیار «${businessName}» قرار نگرفت.`);
    expect(await page.locator('#reject').count()).toBe(0);
    await shot(page, 'consent-rejected');
    await page.close();

    const row = { ...at(nowMs), amountRial: 100_000, trackingCode };
    expect(await ledger(token)).toEqual({
      page: 1,
      size: 100,
      total: 3,
      pages: 1,
      capped: false,
      transactions: [
        { row: 1, description: `برگشت اعتبار بابت گزارش شخص با شماره: ${mobile}`, ...row, direction: 'credit', directionSymbol: '▲', balanceAfterRial: 10_000_000, kind: 'refund' },
        { row: 2, description: `تسویه با آیس بابت گزارش با کد رهگیری [عدم تأیید شخص با شماره: ${mobile}]`, ...row, direction: 'debit', directionSymbol: '▼', balanceAfterRial: 9_900_000, kind: 'report' },
        { ...opening, row: 3 },
      ],
    });
    expect(await api(token, '/wallet')).toEqual({ status: 200, body: { balanceRial: 10_000_000, lowBalance: false, reportPriceRial: 100_000 } });
    expect(await api(token, `/reports/${trackingCode}`)).toEqual({
      status: 200,
      body: {
        trackingCode,
        state: 'rejected',
        stateLabel: 'رد شده توسط شخص',
        personType: 'natural',
        nationalCode: '1234567891',
        nationalId: null,
        mobile,
        payer: 'credit',
        payerLabel: 'پرداخت از اعتبار',
        price: { reportRial: 91_750, vatRial: 8_250, totalRial: 100_000 },
        sms: 'sent',
        businessName,
        requestedAt: at(nowMs),
        consentExpiresAt: at(nowMs + hours(24)),
        approvedAt: null,
        viewableUntil: null,
        rejectedAt: at(nowMs),
        expiredAt: null,
        archivedAt: null,
        refundedAt: at(nowMs),
      },
    });
    expect(await api(token, `/reports/${trackingCode}/credit-report`)).toEqual({
      status: 409,
      body: { code: 'reportNotViewable', message: 'گزارش در دسترس نیست', state: 'rejected' },
    });
  }, walk);
});
