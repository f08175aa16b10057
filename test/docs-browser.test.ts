// GET /docs in a real browser with no network beyond the sandbox: Swagger UI loads from the
// installed package, shows every provider's group and the control API's, and "Try it out" calls
// the same origin. Debian's chromium, driven by playwright-core; .ci/run installs it.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSandbox } from '../src/index.js';
import { describeInBrowser, launchChromium } from './web/chromium.js';

const artifacts = new URL('../test-artifacts/', import.meta.url);

describeInBrowser('GET /docs in a real browser', () => {
  const sandbox = createSandbox({ scenarios: false });
  let origin = '';
  let browser: Browser;
  let context: BrowserContext;
  /** Every request the page made that was not for the sandbox's origin: aborted, and listed here. */
  const elsewhere: string[] = [];
  const refusals: string[] = [];

  beforeAll(async () => {
    origin = new URL((await sandbox.listen()).url).origin;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      elsewhere.push(url);
      return route.abort();
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox.close();
  });

  async function openDocs(): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
    });
    await page.goto(`${origin}/docs`);
    await page.locator('#operations-tag-Jibit').waitFor({ timeout: 60_000 });
    return page;
  }

  /** The operation of this path (within `scope`, the page by default), opened and put in "Try it out". */
  async function tryOut(page: Page, path: string, scope: Locator = page.locator('body')): Promise<Locator> {
    const operation = scope.locator('.opblock').filter({ has: page.locator(`.opblock-summary-path[data-path="${path}"]`) });
    await operation.locator('.opblock-summary').click();
    await operation.locator('.try-out__btn').click();
    return operation;
  }

  /** Executes a tried-out operation, waits for its answer to show a 200 and reads the answer's JSON. */
  async function executed(operation: Locator): Promise<any> {
    await operation.locator('.execute').click();
    await expect.poll(() => operation.locator('.live-responses-table .response .response-col_status').first().textContent(), { timeout: 30_000 }).toBe('200');
    return JSON.parse((await operation.locator('.live-responses-table .response-col_description pre').first().textContent()) ?? '');
  }

  it('shows the Jibit, Freepay, ICE and control API groups, loading nothing from another origin and breaking no CSP rule', async () => {
    const page = await openDocs();
    expect(await page.title()).toBe('Mahak API reference');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: new URL('docs.png', artifacts).pathname, fullPage: true });
    expect(await page.locator('.info .title').first().textContent()).toMatch(/^Mahak sandbox/);
    for (const tag of ['Jibit', 'Freepay', 'ICE', 'Sandbox', 'Mahak']) await expect.poll(() => page.locator(`#operations-tag-${tag}`).count()).toBe(1);
    // Operations of each group are listed under it once it is opened.
    for (const tag of ['Jibit', 'Freepay', 'ICE', 'Sandbox']) await page.locator(`#operations-tag-${tag}`).click();
    expect(await page.locator('.opblock-summary-path[data-path="/jibit/ide/v1/cards"]').count()).toBe(1);
    expect(await page.locator('.opblock-summary-path[data-path="/freepay/payment/request"]').count()).toBe(1);
    expect(await page.locator('.opblock-summary-path[data-path="/ice/api/v1/reports"]').count()).toBeGreaterThan(0);
    expect(await page.locator('.opblock-summary-path[data-path="/_sandbox/tenants"]').count()).toBeGreaterThan(0);
    // The Authorize dialog offers the control API's token beside the providers'.
    await page.locator('.auth-wrapper .authorize').click();
    const dialog = page.locator('.dialog-ux .modal-ux');
    await dialog.waitFor();
    for (const scheme of ['bearerAuth', 'freepayKey', 'freepaySession', 'controlToken']) expect(await dialog.textContent()).toContain(scheme);
    await page.locator('.dialog-ux .close-modal').click();
    expect(elsewhere).toEqual([]);
    expect(refusals).toEqual([]);
    await page.close();
  }, 120_000);

  it('expands the Jibit token call, tries it with its example (the default tenant\'s keys), shows the token pair, and a card inquiry tried next is authorized with it', async () => {
    const page = await openDocs();
    await page.locator('#operations-tag-Jibit').click();
    const operation = await tryOut(page, '/jibit/ide/v1/tokens/generate');
    const body = operation.locator('textarea.body-param__text');
    expect(JSON.parse(await body.inputValue())).toEqual({ apiKey: 'mahak-default-api-key', secretKey: 'mahak-default-secret-key' });
    const answer = await executed(operation);
    expect(Object.keys(answer).sort()).toEqual(['accessToken', 'refreshToken']);
    expect(await operation.locator('.request-url pre').textContent()).toBe(`${origin}/jibit/ide/v1/tokens/generate`);
    mkdirSync(artifacts, { recursive: true });
    await operation.screenshot({ path: new URL('docs-try-it-out.png', artifacts).pathname });
    // The token answered is now under Authorize: a card inquiry with its example card answers.
    const cards = await tryOut(page, '/jibit/ide/v1/cards');
    expect(await cards.locator('tr[data-param-name="number"] input').inputValue()).toBe('6037991234567893');
    const card = await executed(cards);
    expect(card).toMatchObject({ number: '6037991234567893', cardInfo: { bank: expect.any(String) } });
    expect(await cards.locator('.curl-command').textContent()).toContain(`Authorization: Bearer ${answer.accessToken}`);
    expect(elsewhere).toEqual([]);
    expect(refusals).toEqual([]);
    await page.close();
  }, 120_000);

  it('tries GET /health from the Mahak group and shows its answer', async () => {
    const page = await openDocs();
    await page.locator('#operations-tag-Mahak').click();
    const answer = await executed(await tryOut(page, '/health', page.locator('#operations-tag-Mahak').locator('xpath=..')));
    expect(answer.status).toBe('ok');
    expect(elsewhere).toEqual([]);
    await page.close();
  }, 120_000);
});
