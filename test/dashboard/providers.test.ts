// The provider panels of a tenant's dashboard page and their buttons: ICE's report requests
// approved, rejected and paid as the person, Freepay's pending payment paid or cancelled as the
// buyer, Jibit's wallets after a charged call; the outbox with the person's SMS link; and the
// act route's refusals.
import { afterAll, describe, expect, test } from 'vitest';
import { control, freepayForm, jibit, json, merchant, signedIn } from '../helpers.js';
import { call, clockedInstance, natural, panel, startMs } from '../ice/report-helpers.js';
import { asked, mobile } from '../ice/person-helpers.js';
import { byId, get, post, rows, tenantPage, text } from './helpers.js';

const instance = clockedInstance();
afterAll(() => instance.close());

const panelOf = async (id: string, provider: string) => get(instance, `${tenantPage(id)}/providers/${provider}`);
const act = (id: string, fields: Record<string, string>) => post(instance, `${tenantPage(id)}/act`, fields);
/** The report requests table of ICE's panel: tracking code, state (code and label), person, payer, price, requested, buttons. */
const reportRows = (html: string) => rows(html.slice(html.indexOf('Report requests')));
const notice = (html: string) => text(/<div class="notice (?:done|error)" role="(?:status|alert)">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '');

describe('ICE on the dashboard', () => {
  test('lists a pending request with the person’s buttons, the consent page linked', async () => {
    const p = await panel(instance);
    const { trackingCode, path } = await asked(instance, p);
    const res = await panelOf(p.tenant.id, 'ice');
    expect(res.status).toBe(200);
    expect(reportRows(res.html)).toEqual([
      [trackingCode, 'pending در انتظار تأیید', `${mobile} · 0020000014`, 'credit', '100,000 IRR', '2026-11-30T10:00:00+03:30', 'Approve Reject consent page'],
    ]);
    expect(res.html).toContain(`<input type="hidden" name="path" value="ice/reports/${trackingCode}/approve"/>`);
    expect(res.html).toContain(`<a href="${path}" target="_blank" rel="noopener">consent page</a>`);
  });

  test('Approve acts as the person: the request becomes viewable, as the ICE API shows it', async () => {
    const p = await panel(instance);
    const { trackingCode } = await asked(instance, p);
    const res = await act(p.tenant.id, { provider: 'ice', method: 'POST', path: `ice/reports/${trackingCode}/approve` });
    expect({ status: res.status, trigger: res.headers.get('hx-trigger') }).toEqual({ status: 200, trigger: 'tenant-changed' });
    expect(res.html.startsWith('<section class="card provider" id="provider-ice"')).toBe(true);
    expect(notice(res.html)).toBe(`Done: POST ice/reports/${trackingCode}/approve`);
    expect(reportRows(res.html)[0]!.slice(0, 2)).toEqual([trackingCode, 'viewable قابل مشاهده']);
    expect((await call(instance, p, `/api/v1/reports/${trackingCode}`)).body.state).toBe('viewable');
  });

  test('Reject refunds a wallet-paid request; Pay pays a person-paid one with the test card that pays', async () => {
    const p = await panel(instance);
    const rejected = (await asked(instance, p)).trackingCode;
    const paid = (await asked(instance, p, natural(mobile, 'person'))).trackingCode;
    expect((await act(p.tenant.id, { provider: 'ice', method: 'POST', path: `ice/reports/${rejected}/reject` })).status).toBe(200);
    const before = reportRows((await panelOf(p.tenant.id, 'ice')).html).find((r) => r[0] === paid)!;
    expect(before[6]).toBe('Approve Reject Pay consent page');
    const res = await act(p.tenant.id, { provider: 'ice', method: 'POST', path: `ice/reports/${paid}/pay`, body: JSON.stringify({ card: '6037990000010013' }) });
    expect(res.status).toBe(200);
    expect(reportRows(res.html).map((r) => r.slice(0, 2))).toEqual([
      [paid, 'viewable قابل مشاهده'],
      [rejected, 'rejected رد شده توسط شخص'],
    ]);
    expect((await call(instance, p, `/api/v1/reports/${rejected}`)).body.state).toBe('rejected');
  });

  test('acting on a request no longer pending shows the control API’s 409 on the panel', async () => {
    const p = await panel(instance);
    const { trackingCode } = await asked(instance, p);
    expect((await act(p.tenant.id, { provider: 'ice', method: 'POST', path: `ice/reports/${trackingCode}/approve` })).status).toBe(200);
    const again = await act(p.tenant.id, { provider: 'ice', method: 'POST', path: `ice/reports/${trackingCode}/reject` });
    expect(again.status).toBe(409);
    expect(notice(again.html)).toBe(`report ${trackingCode} is viewable, no longer pending`);
    expect(again.headers.get('hx-trigger')).toBeNull();
  });

  test('the wallet and the ledger show the report’s debit', async () => {
    const p = await panel(instance);
    await asked(instance, p);
    const html = (await panelOf(p.tenant.id, 'ice')).html;
    const wallets = rows(html.slice(html.indexOf('<h3>Wallets</h3>')));
    expect(wallets).toEqual([[expect.stringMatching(/^biz_/), 'mahak', 'legal review: approved', '9,900,000 IRR']]);
    const ledger = rows(html.slice(html.indexOf('<h3>Ledger</h3>')));
    expect(ledger.map((r) => r.slice(1, 4))).toEqual([
      ['report', '-100,000 IRR', '9,900,000 IRR'],
      ['opening', '10,000,000 IRR', '10,000,000 IRR'],
    ]);
  });

  test('the outbox shows the person’s SMS with its consent link clickable', async () => {
    const p = await panel(instance);
    const { path } = await asked(instance, p);
    const res = await get(instance, `${tenantPage(p.tenant.id)}/outbox`);
    expect(res.status).toBe(200);
    const sms = rows(res.html);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.slice(0, 3)).toEqual(['2026-11-30 06:30:00Z', 'ice', mobile]);
    const link = /<a href="([^"]+)" target="_blank" rel="noopener" dir="ltr">([^<]+)<\/a>/.exec(res.html);
    expect(link?.[1]).toBe(link?.[2]);
    expect(new URL(link![1]!).pathname).toBe(path);
    expect(text(res.html)).toContain('Emails (0) None sent. Webhooks (');
  });
});

describe('Freepay on the dashboard', () => {
  const request = async (m: { api: string }) => {
    const res = await freepayForm(instance, '/payment/request', { api: m.api, amount: '150000', callback: 'http://localhost:3000/callback' });
    return ((await json(res)) as { authority: string }).authority;
  };

  test('a pending payment shows the buyer’s Pay and Cancel; Pay pays it with the test card that pays', async () => {
    const m = await merchant(instance);
    const authority = await request(m);
    const before = await panelOf(m.id, 'freepay');
    const payments = rows(before.html.slice(before.html.indexOf('Payments (1)')));
    expect(payments).toEqual([[authority, 'pending', '150,000 IRR', '', '', '2026-11-30 06:30:00Z', 'Pay Cancel']]);
    expect(before.html).toContain(`<a href="/freepay/payment/gateway:${authority}" target="_blank" rel="noopener">${authority}</a>`);
    const res = await act(m.id, { provider: 'freepay', method: 'POST', path: `freepay/payments/${authority}/pay`, body: JSON.stringify({ card: '6037990000010013' }) });
    expect(res.status).toBe(200);
    expect(rows(res.html.slice(res.html.indexOf('Payments (1)')))[0]!.slice(0, 5)).toEqual([authority, 'paid', '150,000 IRR', '', '603799******0013']);
    // Money moves when the merchant verifies, not when the buyer pays.
    expect(text(res.html)).toMatch(new RegExp(`^Freepay Done: POST freepay/payments/${authority}/pay Balances available 0 IRR held until settled 0 IRR Payments \\(1\\)`));
  });

  test('Cancel cancels it', async () => {
    const m = await merchant(instance);
    const authority = await request(m);
    const res = await act(m.id, { provider: 'freepay', method: 'POST', path: `freepay/payments/${authority}/pay`, body: JSON.stringify({ cancel: true }) });
    expect(res.status).toBe(200);
    expect(rows(res.html.slice(res.html.indexOf('Payments (1)')))[0]!.slice(0, 2)).toEqual([authority, 'cancelled']);
  });
});

describe('Jibit on the dashboard', () => {
  test('the wallets and the ledger show a charged call', async () => {
    const t = await signedIn(instance);
    expect((await jibit(instance, '/v1/cards', { token: t.token, query: { number: '6037991234567893' } })).status).toBe(200);
    const html = (await panelOf(t.id, 'jibit')).html;
    expect(text(byId(html, 'provider-jibit')!.slice(0, html.indexOf('<h3>Ledger</h3>')))).toBe('Jibit Wallets PRF 999,985,000 IRR POF 0 IRR prepaid Today: card-inquiry ×1');
    expect(rows(html.slice(html.indexOf('<h3>Ledger</h3>'))).map((r) => r.slice(1))).toEqual([
      ['PRF', '-15,000 IRR', '999,985,000 IRR', 'card-inquiry'],
      ['PRF', '1,000,000,000 IRR', '1,000,000,000 IRR', expect.any(String)],
    ]);
  });
});

describe('empty lists on the panels', () => {
  test('a list with nothing in it says so in a muted line, with no empty table', async () => {
    const m = await merchant(instance);
    const freepay = byId((await panelOf(m.id, 'freepay')).html, 'provider-freepay')!;
    expect(freepay).toContain('<h3>Payments (0)</h3><p class="muted">No payments yet.</p>');
    expect(freepay).toContain('<h3>Settlements</h3><p class="muted">No settlements yet.</p>');
    expect(freepay).not.toContain('<table');
    const p = await panel(instance);
    const ice = byId((await panelOf(p.tenant.id, 'ice')).html, 'provider-ice')!;
    expect(ice).toContain('<h3>Report requests</h3><p class="muted">No report requests yet.</p>');
  });
});

describe('POST /_sandbox/dashboard/tenants/{id}/act refusals', () => {
  test.each([
    [{ provider: 'ice', method: 'GET', path: 'ice/reports/1/approve' }, 'method: GET is none of POST, PUT, PATCH, DELETE'],
    [{ provider: 'ice', method: 'POST', path: '../tenants/ten_default/reset' }, 'path: ../tenants/ten_default/reset is not a path under the tenant&#39;s control routes'],
    [{ provider: 'ice', method: 'POST', path: 'ice/../reset' }, 'path: ice/../reset is not a path under the tenant&#39;s control routes'],
    [{ provider: 'ice', method: 'POST', path: '' }, 'path: (none) is not a path under the tenant&#39;s control routes'],
    [{ provider: 'ice', method: 'POST', path: 'ice/reports/1/pay', body: '{card' }, 'body: not JSON'],
  ])('%o answers 400 and calls nothing', async (fields, reason) => {
    const p = await panel(instance);
    const res = await act(p.tenant.id, fields);
    expect({ status: res.status, html: res.html }).toEqual({ status: 400, html: `<div class="notice error" role="alert">${reason}</div>` });
  });

  test('an unknown provider panel answers 404 after the call, with the call’s own answer when it failed', async () => {
    const p = await panel(instance);
    const res = await act(p.tenant.id, { provider: 'stripe', method: 'POST', path: 'ice/reports/1000000000/reject' });
    expect({ status: res.status, html: res.html }).toEqual({ status: 404, html: `<div class="notice error" role="alert">report 1000000000 of tenant ${p.tenant.id} does not exist</div>` });
    const panelRes = await panelOf(p.tenant.id, 'stripe');
    expect({ status: panelRes.status, html: panelRes.html }).toEqual({ status: 404, html: '<div class="notice error" role="alert">provider stripe: none of jibit, freepay, ice</div>' });
  });

  test('the act of a tenant that does not exist answers 404', async () => {
    const res = await act('ten_nobody', { provider: 'ice', method: 'POST', path: 'reset' });
    expect({ status: res.status, html: res.html }).toEqual({ status: 404, html: '<div class="notice error" role="alert">tenant ten_nobody does not exist</div>' });
  });
});

test('the instance clock stands where the ICE helpers put it', () => {
  expect(new Date(startMs).toISOString()).toBe('2026-11-30T06:30:00.000Z');
});
