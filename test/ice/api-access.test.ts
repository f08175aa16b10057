// ICE API onboarding (spec/ice.md §7): the status before and after each step, the steps only in
// order, each step's refusals, the contracts viewed before accepted, the invoice paid once on the
// bank page without touching the wallet, and the move to live after its delay on the tenant clock.
import { afterAll, describe, expect, it } from 'vitest';
import { iceCodes } from '../../src/providers/ice/catalog.js';
import { onApiAccessEvent, type ApiAccessEvent } from '../../src/providers/ice/api-access/events.js';
import { control, sandbox } from '../helpers.js';
import { advance, ice, signIn } from './helpers.js';
import { signUp } from './sign-up.js';
import { bankForm, payAs, typed } from './bank-helpers.js';
import { acceptBoth, company, documents, frozenTenant, goLive, payInvoice, returnUrl, sendLegal } from './api-access-helpers.js';

const instance = sandbox();
afterAll(() => instance.close());

const at = (iso: string, date: string, time: string) => ({ at: iso, date, time });
/** 1400/02/04 in Tehran, at hh:mm (+04:30 that spring). */
const day = (hhmm: string) => at(`2021-04-24T${hhmm}:00+04:30`, '1400/02/04', hhmm);
const ten = day('10:00');

const refusal = (code: keyof typeof iceCodes, extra: Record<string, unknown> = {}) => ({ code, message: iceCodes[code].message, ...extra });

async function answered(res: Response) {
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const status = async (token: string) => answered(await ice(instance, '/api/v1/api-access', { token }));
const putCompany = async (token: string, body: unknown = company) => answered(await ice(instance, '/api/v1/api-access/company', { method: 'PUT', token, body }));
const viewContract = async (token: string, contract: string) => answered(await ice(instance, `/api/v1/api-access/contracts/${contract}`, { token }));
const accept = async (token: string, contract: string, version: unknown) => answered(await ice(instance, `/api/v1/api-access/contracts/${contract}/accept`, { token, body: { version } }));
const openPayment = async (token: string, body: unknown = { bank: 'saman', returnUrl }) => answered(await ice(instance, '/api/v1/api-access/invoice/payments', { token, body }));
const putDocuments = async (token: string, body: unknown = documents) => answered(await ice(instance, '/api/v1/api-access/documents', { method: 'PUT', token, body }));
const askLive = async (token: string) => answered(await ice(instance, '/api/v1/api-access/live', { method: 'POST', token }));
const wallet = async (token: string) => {
  const balance = ((await (await ice(instance, '/api/v1/wallet', { token })).json()) as { balanceRial: number }).balanceRial;
  const { transactions } = (await (await ice(instance, '/api/v1/wallet/transactions?size=100', { token })).json()) as { transactions: unknown[] };
  return { balance, rows: transactions.length };
};

const steps = (done: (string | null)[]) =>
  (['company', 'contracts', 'invoice', 'documents', 'live'] as const).map((name, i) => ({
    step: i + 1,
    name,
    title: ['تکمیل اطلاعات', 'قرارداد', 'پیش فاکتور', 'دریافت مستندات', 'انتقال به محیط لایو'][i],
    done: done[i] !== null && done[i] !== undefined,
    doneAt: done[i] ? day(done[i]!) : null,
  }));

const contractState = (contract: 'nda' | 'api-firm', viewed: string | null, accepted: string | null) => ({
  contract,
  title: contract === 'nda' ? 'قرارداد محرمانگی (NDA)' : 'قرارداد Api Firm',
  currentVersion: '1403.1',
  viewedVersion: viewed ? '1403.1' : null,
  viewedAt: viewed ? day(viewed) : null,
  acceptedVersion: accepted ? '1403.1' : null,
  acceptedAt: accepted ? day(accepted) : null,
});

const noDocuments = { documentationUrl: 'http://localhost/openapi.json', ip1: null, ip2: null, webhookUrl: null, sentAt: null };
const notLive = { requestedAt: null, dueAt: null, liveAt: null, note: null };
const goingLiveNote = 'اطلاعات شما در حال انتقال به محیط لایو میباشد. این کار از 2 ساعت تا 1 روز کاری ممکن است به طول بیانجامد.';

const tableRow = (status: string, statusLabel: string, description: string | null) => ({
  row: 1,
  requestNumber: 10740,
  date: ten,
  companyName: company.companyName,
  fullName: company.ceoName,
  phone: company.phone,
  postalCode: company.postalCode,
  provinceCity: null,
  address: company.address,
  status,
  statusLabel,
  description,
});

describe('GET /ice/api/v1/api-access', () => {
  it('shows five steps pending and no request before step 1', async () => {
    const { token } = await frozenTenant(instance);
    expect(await status(token)).toEqual({
      status: 200,
      body: {
        requestNumber: null,
        status: 'none',
        statusLabel: 'ثبت نشده',
        currentStep: 1,
        steps: steps([]),
        company: null,
        contracts: [contractState('nda', null, null), contractState('api-firm', null, null)],
        invoice: null,
        documents: noDocuments,
        live: notLive,
        credentials: null,
        table: [],
      },
    });
  });

  it('refuses every onboarding route before the legal review approves the business', async () => {
    const { tenant } = await frozenTenant(instance);
    const { token } = await signUp(instance, tenant.id, '09121230001', 'apiwaiting');
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/v1/api-access'],
      ['PUT', '/api/v1/api-access/company', company],
      ['GET', '/api/v1/api-access/contracts/nda'],
      ['POST', '/api/v1/api-access/contracts/nda/accept', { version: '1403.1' }],
      ['GET', '/api/v1/api-access/invoice'],
      ['POST', '/api/v1/api-access/invoice/payments', { bank: 'saman', returnUrl }],
      ['PUT', '/api/v1/api-access/documents', documents],
      ['POST', '/api/v1/api-access/live'],
      ['POST', '/api/v1/api-access/credentials'],
    ];
    for (const [method, path, body] of calls) {
      expect(await answered(await ice(instance, path, { method, token, body })), `${method} ${path}`).toEqual({ status: 403, body: refusal('legalNotApproved', { legalStatus: 'none' }) });
    }
  });
});

describe('the steps in order', () => {
  it('refuses each step before the ones it follows, naming the first step left', async () => {
    const { tenant, token } = await frozenTenant(instance);
    const order = (step: number, requiredStep: number) => ({ status: 409, body: refusal('apiStepOrder', { step, requiredStep }) });
    expect(await viewContract(token, 'nda')).toEqual(order(2, 1));
    expect(await accept(token, 'nda', '1403.1')).toEqual(order(2, 1));
    expect(await answered(await ice(instance, '/api/v1/api-access/invoice', { token }))).toEqual(order(3, 1));
    expect(await openPayment(token)).toEqual(order(3, 1));
    expect(await putDocuments(token)).toEqual(order(4, 1));
    expect(await askLive(token)).toEqual(order(5, 1));
    await putCompany(token);
    expect(await openPayment(token)).toEqual(order(3, 2));
    expect(await putDocuments(token)).toEqual(order(4, 2));
    await acceptBoth(instance, token);
    expect(await putDocuments(token)).toEqual(order(4, 3));
    expect(await askLive(token)).toEqual(order(5, 3));
    await payInvoice(instance, tenant.id, token);
    expect(await askLive(token)).toEqual(order(5, 4));
    expect((await status(token)).body.currentStep).toBe(4);
  });
});

describe('step 1: company information', () => {
  it('makes the request with the tenant’s first request number and shows its table row', async () => {
    const { token } = await frozenTenant(instance);
    const typed = { ...company, nationalId: '۱۰۱۰۱۲۳۴۵۰۸', ceoNationalCode: ' 0012345679 ', registrationDate: '۱۳۹۹/۸/۷' };
    const res = await putCompany(token, typed);
    expect(res).toEqual({
      status: 200,
      body: {
        requestNumber: 10740,
        status: 'in-progress',
        statusLabel: 'در حال تکمیل',
        currentStep: 2,
        steps: steps(['10:00']),
        company,
        contracts: [contractState('nda', null, null), contractState('api-firm', null, null)],
        invoice: null,
        documents: noDocuments,
        live: notLive,
        credentials: null,
        table: [tableRow('in-progress', 'در حال تکمیل', 'مرحله بعد: قرارداد')],
      },
    });
    expect(await status(token)).toEqual(res);
  });

  it('numbers the tenant’s next request after the last, and shows the approved legal province and city', async () => {
    const { tenant, token } = await frozenTenant(instance);
    await putCompany(token);
    const second = await signUp(instance, tenant.id, '09121230002', 'apisecond');
    await sendLegal(instance, second.token);
    const res = await putCompany(second.token);
    expect(res.status).toBe(200);
    expect(res.body.requestNumber).toBe(10741);
    expect(res.body.table).toEqual([{ ...tableRow('in-progress', 'در حال تکمیل', 'مرحله بعد: قرارداد'), requestNumber: 10741, provinceCity: 'فارس - شیراز' }]);
    // Another tenant starts from the first number again.
    const other = await frozenTenant(instance);
    expect((await putCompany(other.token)).body.requestNumber).toBe(10740);
  });

  it('refuses a national ID, national codes or dates that do not check, naming each field', async () => {
    const { token } = await frozenTenant(instance);
    const res = await putCompany(token, {
      ...company,
      nationalId: '10101234509',
      ceoNationalCode: '0012345678',
      chairmanNationalCode: '123',
      registrationDate: '1399/12/31',
      gazetteDate: '1399-08-20',
      phone: '2188776655',
    });
    expect(res).toEqual({
      status: 400,
      body: refusal('invalidInput', {
        errors: {
          nationalId: 'شناسه ملی باید ۱۱ رقم با رقم کنترل درست باشد',
          ceoNationalCode: 'کد ملی نامعتبر است',
          chairmanNationalCode: 'کد ملی نامعتبر است',
          registrationDate: 'تاریخ باید روزی از تقویم شمسی به صورت ۱۳۹۹/۰۸/۰۷ باشد',
          gazetteDate: 'تاریخ باید روزی از تقویم شمسی به صورت ۱۳۹۹/۰۸/۰۷ باشد',
          phone: 'شماره تلفن باید ۱۱ رقم و با ۰ آغاز شود',
        },
      }),
    });
    const { companyName: _, ...missing } = company;
    expect(await putCompany(token, { ...missing, extra: 1 })).toEqual({
      status: 400,
      body: refusal('invalidInput', { errors: { companyName: 'این فیلد الزامی است', extra: 'فیلد ناشناخته' } }),
    });
    expect(await putCompany(token, { ...company, registrationDate: '1400/02/05', gazetteDate: '1400/02/04' })).toEqual({
      status: 400,
      body: refusal('invalidInput', { errors: { registrationDate: 'تاریخ نمی‌تواند بعد از امروز باشد' } }),
    });
    expect((await status(token)).body.requestNumber).toBeNull();
  });

  it('may be sent again until the move to live is asked, keeping the request number', async () => {
    const { tenant, token } = await frozenTenant(instance);
    await putCompany(token);
    await advance(instance, tenant.id, 60);
    const again = await putCompany(token, { ...company, companyName: 'شرکت دیگر' });
    expect(again.status).toBe(200);
    expect(again.body.requestNumber).toBe(10740);
    expect(again.body.company).toEqual({ ...company, companyName: 'شرکت دیگر' });
    expect(again.body.steps).toEqual(steps(['10:01']));
  });
});

describe('step 2: the contracts', () => {
  it('answers each contract’s text and version, and records the version viewed', async () => {
    const { tenant, token } = await frozenTenant(instance);
    await putCompany(token);
    await advance(instance, tenant.id, 60);
    const nda = await viewContract(token, 'nda');
    expect(nda).toEqual({
      status: 200,
      body: { contract: 'nda', title: 'قرارداد محرمانگی (NDA)', version: '1403.1', text: expect.stringMatching(/^ماده ۱ - موضوع: حفظ محرمانگی/), viewedAt: day('10:01') },
    });
    expect((nda.body.text as string).split('\n')).toHaveLength(4);
    expect(await viewContract(token, 'api-firm')).toEqual({
      status: 200,
      body: { contract: 'api-firm', title: 'قرارداد Api Firm', version: '1403.1', text: expect.stringMatching(/^ماده ۱ - موضوع: ارائه سرویس‌های گزارش اعتباری/), viewedAt: day('10:01') },
    });
    expect((await status(token)).body.contracts).toEqual([contractState('nda', '10:01', null), contractState('api-firm', '10:01', null)]);
    expect(await viewContract(token, 'sla')).toEqual({ status: 400, body: refusal('invalidInput', { errors: { contract: 'یکی از این مقادیر: nda، api-firm' } }) });
  });

  it('refuses accepting a contract not viewed, or a version that is not the current one', async () => {
    const { token } = await frozenTenant(instance);
    await putCompany(token);
    expect(await accept(token, 'nda', '1403.1')).toEqual({ status: 409, body: refusal('contractNotViewed', { version: '1403.1' }) });
    await viewContract(token, 'nda');
    expect(await accept(token, 'api-firm', '1403.1')).toEqual({ status: 409, body: refusal('contractNotViewed', { version: '1403.1' }) });
    expect(await accept(token, 'nda', '1402.9')).toEqual({ status: 409, body: refusal('contractVersionStale', { currentVersion: '1403.1' }) });
    expect(await accept(token, 'nda', 1403.1)).toEqual({ status: 400, body: refusal('invalidInput', { errors: { version: 'نوع مقدار نادرست است' } }) });
    expect((await status(token)).body.contracts).toEqual([contractState('nda', '10:00', null), contractState('api-firm', null, null)]);
  });

  it('issues the invoice for one month from the day both are accepted; accepting again changes nothing', async () => {
    const { tenant, token } = await frozenTenant(instance);
    await putCompany(token);
    await viewContract(token, 'nda');
    const first = await accept(token, 'nda', '1403.1');
    expect(first.body.contracts).toEqual([contractState('nda', '10:00', '10:00'), contractState('api-firm', null, null)]);
    expect(first.body.invoice).toBeNull();
    expect(first.body.currentStep).toBe(2);
    await advance(instance, tenant.id, 5 * 60);
    await viewContract(token, 'api-firm');
    const both = await accept(token, 'api-firm', '1403.1');
    expect(both.body.steps).toEqual(steps(['10:00', '10:05']));
    expect(both.body.invoice).toEqual({
      amountRial: 3_000_000,
      from: '1400/02/04',
      to: '1400/03/04',
      description: 'مبلغ 3,000,000 ریال بابت پشتیبانی و نگهداری فروش انواع گزارش های اعتبارسنجی از طریق وب سرویس از تاریخ 1400/02/04 لغایت 1400/03/04',
      issuedAt: day('10:05'),
      paid: false,
      paidAt: null,
      charge: null,
    });
    await advance(instance, tenant.id, 60);
    expect(await accept(token, 'nda', '1403.1')).toEqual(await status(token));
    expect((await status(token)).body.contracts).toEqual([contractState('nda', '10:00', '10:00'), contractState('api-firm', '10:05', '10:05')]);
  });

  it('ends the invoice’s month on the last day of a shorter month', async () => {
    const { tenant } = await frozenTenant(instance);
    // 1400/06/31 12:00 in Tehran: Mehr has 30 days.
    await control(instance, 'POST', `/tenants/${tenant.id}/clock`, { set: '2021-09-22T12:00:00+04:30' });
    const token = await signIn(instance, tenant);
    await putCompany(token);
    await acceptBoth(instance, token);
    const invoice = (await answered(await ice(instance, '/api/v1/api-access/invoice', { token }))).body;
    expect([invoice.from, invoice.to]).toEqual(['1400/06/31', '1400/07/30']);
  });
});

describe('step 3: the pro-forma invoice', () => {
  it('is paid once on the bank page, never touching the wallet; a failing card leaves it unpaid', async () => {
    const { tenant, token } = await frozenTenant(instance);
    await putCompany(token);
    await acceptBoth(instance, token);
    const before = await wallet(token);
    const opened = await openPayment(token, { bank: 'mellat', returnUrl });
    expect(opened).toEqual({
      status: 201,
      body: { chargeId: expect.stringMatching(/^chg_/), paymentUrl: expect.stringMatching(/^http:\/\/localhost\/ice\/bank\/mellat\/[\w-]{24}$/), amountRial: 3_000_000, bank: 'mellat', expiresAt: day('10:15') },
    });
    const failed = await payAs(instance, tenant.id, opened.body.chargeId as string, { card: '6104330000020027' });
    expect(failed.status).toBe(200);
    const unpaid = await answered(await ice(instance, '/api/v1/api-access/invoice', { token }));
    expect(unpaid.body).toMatchObject({ paid: false, paidAt: null, charge: { status: 'failed', failure: 'insufficient_funds' } });
    expect((await status(token)).body.currentStep).toBe(3);

    const retry = await openPayment(token);
    const path = new URL(retry.body.paymentUrl as string).pathname;
    const page = await instance.app.request(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('هزینه ماهانه وب سرویس');
    const paid = await bankForm(instance, path, typed('6037990000010013', page.headers.get('X-Sandbox-Captcha')!));
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`${returnUrl}?chargeId=${retry.body.chargeId}&status=paid`);
    const invoice = await answered(await ice(instance, '/api/v1/api-access/invoice', { token }));
    expect(invoice.body).toMatchObject({ paid: true, paidAt: ten, charge: { chargeId: retry.body.chargeId, status: 'paid', amountRial: 3_000_000 } });
    expect((await status(token)).body.steps).toEqual(steps(['10:00', '10:00', '10:00']));
    expect(await wallet(token)).toEqual(before);
    // The same page again is closed, and no new page may be opened.
    expect((await bankForm(instance, path, typed('6037990000010013', page.headers.get('X-Sandbox-Captcha')!))).status).toBe(410);
    expect(await openPayment(token)).toEqual({ status: 409, body: refusal('invoicePaid', { paidAt: ten }) });
    // The invoice's charge is not one of the wallet's.
    expect((await ice(instance, `/api/v1/wallet/charges/${retry.body.chargeId}`, { token })).status).toBe(404);
  });

  it('closes the page opened before when a new one is opened, so two pages are never both paid', async () => {
    const { tenant, token } = await frozenTenant(instance);
    await putCompany(token);
    await acceptBoth(instance, token);
    const first = await openPayment(token);
    const second = await openPayment(token);
    const late = await payAs(instance, tenant.id, first.body.chargeId as string, { card: '6037990000010013' });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { details: { status: string } }).details.status).toBe('cancelled');
    expect((await answered(await ice(instance, '/api/v1/api-access/invoice', { token }))).body.paid).toBe(false);
    expect((await payAs(instance, tenant.id, second.body.chargeId as string, { card: '6037990000010013' })).status).toBe(200);
    expect((await answered(await ice(instance, '/api/v1/api-access/invoice', { token }))).body.paid).toBe(true);
  });

  it('refuses a return URL that is not http(s) and a bank it does not know', async () => {
    const { token } = await frozenTenant(instance);
    await putCompany(token);
    await acceptBoth(instance, token);
    expect(await openPayment(token, { bank: 'saman', returnUrl: 'ftp://example.com/' })).toEqual({
      status: 400,
      body: refusal('invalidInput', { errors: { returnUrl: 'نشانی بازگشت باید نشانی کامل http یا https باشد' } }),
    });
    expect(await openPayment(token, { bank: 'melli', returnUrl })).toEqual({ status: 400, body: refusal('invalidInput', { errors: { bank: 'یکی از این مقادیر: saman، mellat' } }) });
  });

  it('charges the tenant’s apiInvoiceRial', async () => {
    const { tenant, token } = await frozenTenant(instance);
    expect((await control(instance, 'PATCH', `/tenants/${tenant.id}/ice`, { apiInvoiceRial: 4_500_000 })).status).toBe(200);
    await putCompany(token);
    await acceptBoth(instance, token);
    const invoice = (await answered(await ice(instance, '/api/v1/api-access/invoice', { token }))).body;
    expect([invoice.amountRial, invoice.description]).toEqual([4_500_000, 'مبلغ 4,500,000 ریال بابت پشتیبانی و نگهداری فروش انواع گزارش های اعتبارسنجی از طریق وب سرویس از تاریخ 1400/02/04 لغایت 1400/03/04']);
  });
});

describe('step 4: IPs and webhook URL', () => {
  const ready = async () => {
    const { tenant, token } = await frozenTenant(instance);
    await putCompany(token);
    await acceptBoth(instance, token);
    await payInvoice(instance, tenant.id, token);
    return { tenant, token };
  };

  it('keeps IP 1, IP 2 and the webhook URL; IP 2 may be left out, and CIDR ranges and IPv6 are taken', async () => {
    const { token } = await ready();
    const res = await putDocuments(token);
    expect(res.status).toBe(200);
    expect(res.body.documents).toEqual({ documentationUrl: 'http://localhost/openapi.json', ...documents, sentAt: ten });
    expect(res.body.currentStep).toBe(5);
    const again = await putDocuments(token, { ip1: '2001:db8::/32', webhookUrl: 'http://127.0.0.1:9000/hook' });
    expect(again.body.documents).toEqual({ documentationUrl: 'http://localhost/openapi.json', ip1: '2001:db8::/32', ip2: null, webhookUrl: 'http://127.0.0.1:9000/hook', sentAt: ten });
  });

  it('refuses a missing or malformed IP 1, a malformed IP 2 and a webhook URL that is not http(s)', async () => {
    const { token } = await ready();
    const ipReason = 'نشانی IP نامعتبر است (IPv4 یا IPv6، با یا بدون /پیشوند)';
    const webhookReason = 'نشانی webhook باید نشانی کامل http یا https باشد';
    expect(await putDocuments(token, { webhookUrl: documents.webhookUrl })).toEqual({ status: 400, body: refusal('invalidInput', { errors: { ip1: 'این فیلد الزامی است' } }) });
    expect(await putDocuments(token, { ip1: '' })).toEqual({ status: 400, body: refusal('invalidInput', { errors: { webhookUrl: 'این فیلد الزامی است' } }) });
    for (const [ip1, ip2, webhookUrl] of [
      ['256.1.1.1', '10.0.0.1/33', 'ftp://example.com/hook'],
      ['example.com', '1.2.3', 'javascript:alert(1)'],
      ['', 'fe80::1/129', 'not a url'],
    ]) {
      expect(await putDocuments(token, { ip1, ip2, webhookUrl })).toEqual({ status: 400, body: refusal('invalidInput', { errors: { ip1: ipReason, ip2: ipReason, webhookUrl: webhookReason } }) });
    }
    expect((await status(token)).body.documents).toEqual(noDocuments);
  });
});

describe('step 5: the move to live', () => {
  it('completes liveDelayMinutes (120) later on the tenant clock, and locks steps 1 and 4 from the asking', async () => {
    const { tenant, token } = await frozenTenant(instance);
    await goLive(instance, tenant.id, token, documents, false);
    const going = await status(token);
    expect(going.body).toMatchObject({ status: 'going-live', statusLabel: 'در حال انتقال به محیط لایو', currentStep: 5 });
    expect(going.body.live).toEqual({ requestedAt: ten, dueAt: day('12:00'), liveAt: null, note: goingLiveNote });
    expect(going.body.table).toEqual([tableRow('going-live', 'در حال انتقال به محیط لایو', goingLiveNote)]);
    expect(await askLive(token)).toEqual({ status: 202, body: going.body });
    const locked = { status: 409, body: refusal('apiRequestLocked', { status: 'going-live' }) };
    expect(await putCompany(token)).toEqual(locked);
    expect(await putDocuments(token)).toEqual(locked);

    await advance(instance, tenant.id, 119 * 60 + 59);
    expect((await status(token)).body.status).toBe('going-live');
    await advance(instance, tenant.id, 61);
    const live = await status(token);
    expect(live.body).toMatchObject({ status: 'live', statusLabel: 'تایید شده', currentStep: null, steps: steps(['10:00', '10:00', '10:00', '10:00', '12:00']) });
    expect(live.body.live).toEqual({ requestedAt: ten, dueAt: day('12:00'), liveAt: day('12:00'), note: null });
    expect(live.body.table).toEqual([tableRow('live', 'تایید شده', null)]);
    expect(await putDocuments(token)).toEqual({ status: 409, body: refusal('apiRequestLocked', { status: 'live' }) });
    expect(await askLive(token)).toEqual({ status: 202, body: live.body });
  });

  it('is live at once with liveDelayMinutes 0, and the control API shows the delay', async () => {
    const { tenant, token } = await frozenTenant(instance);
    const patched = await control(instance, 'PATCH', `/tenants/${tenant.id}/ice`, { liveDelayMinutes: 0 });
    expect(((await patched.json()) as { ice: { settings: { liveDelayMinutes: number } } }).ice.settings.liveDelayMinutes).toBe(0);
    await goLive(instance, tenant.id, token, documents, false);
    expect((await status(token)).body).toMatchObject({ status: 'live', live: { requestedAt: ten, dueAt: ten, liveAt: ten, note: null } });
  });

  it('defaults to 120 minutes and refuses a delay past a week', async () => {
    const { tenant } = await frozenTenant(instance);
    const view = (await (await control(instance, 'GET', `/tenants/${tenant.id}`)).json()) as { ice: { settings: Record<string, unknown> } };
    expect([view.ice.settings.liveDelayMinutes, view.ice.settings.apiInvoiceRial]).toEqual([120, 3_000_000]);
    expect((await control(instance, 'PATCH', `/tenants/${tenant.id}/ice`, { liveDelayMinutes: 7 * 24 * 60 + 1 })).status).toBe(400);
  });
});

describe('the onboarding’s events', () => {
  it('announces each step once to a registered listener, at its time on the tenant clock', async () => {
    const { tenant, token } = await frozenTenant(instance);
    const seen: ApiAccessEvent[] = [];
    const stop = onApiAccessEvent((_, event) => {
      if (event.tenantId === tenant.id) seen.push(event);
    });
    try {
      await putCompany(token);
      await putCompany(token);
      await goLive(instance, tenant.id, token);
      await status(token);
    } finally {
      stop();
    }
    // The clock was frozen a few milliseconds after it was set to 10:00.
    const start = seen[0]!.occurredAtMs;
    expect(start - Date.parse('2021-04-24T10:00:00+04:30')).toBeLessThan(1000);
    const { businessId } = (await (await ice(instance, '/api/v1/account', { token })).json()) as { businessId: string };
    const base = { tenantId: tenant.id, businessId, requestNumber: 10740 };
    expect(seen).toEqual([
      { type: 'ice.api_access.company', ...base, occurredAtMs: start },
      { type: 'ice.api_access.contracts', ...base, occurredAtMs: start },
      { type: 'ice.api_access.invoice', ...base, occurredAtMs: start },
      { type: 'ice.api_access.documents', ...base, occurredAtMs: start },
      { type: 'ice.api_access.going_live', ...base, occurredAtMs: start },
      { type: 'ice.api_access.live', ...base, occurredAtMs: start + 120 * 60_000 },
    ]);
  });
});
