// The report requests over HTTP: requesting one (natural and legal person, both payers), the
// consent SMS, every refusal of the input, the four tabs with search and paging, one request, the
// credit report while viewable, and deleting a request.
import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { iceBusinesses } from '../../src/db/schema/index.js';
import { creditReportFor } from '../../src/providers/ice/report/index.js';
import { control } from '../helpers.js';
import { ice } from './helpers.js';
import { at, call, clockTo, clockedInstance, hours, legal, minutes, natural, panel, requested, smsTo, startMs, view } from './report-helpers.js';

const instance = clockedInstance();
afterAll(() => instance.close());

describe('POST /ice/api/v1/reports', () => {
  it('requests a natural person’s report paid from credit: 201 pending, the price, and the consent SMS naming the official name', async () => {
    const p = await panel(instance);
    const body = natural('09123456789');
    const res = await call(instance, p, '/api/v1/reports', { body });
    expect(res.status).toBe(201);
    const trackingCode = res.body.trackingCode as string;
    expect(trackingCode).toMatch(/^[1-9]\d{9}$/);
    expect(res.body).toEqual(view(trackingCode, body, startMs));
    expect(res.body.requestedAt).toEqual({ at: '2026-11-30T10:00:00+03:30', date: '1405/09/09', time: '10:00' });
    expect(res.body.consentExpiresAt).toEqual({ at: '2026-12-01T10:00:00+03:30', date: '1405/09/10', time: '10:00' });
    const sms = await smsTo(instance, p.tenant.id, '09123456789');
    expect(sms).toEqual([
      {
        id: expect.any(Number),
        at: '2026-11-30T06:30:00.000Z',
        provider: 'ice',
        channel: 'sms',
        recipient: '09123456789',
        message: { text: expect.any(String) },
      },
    ]);
    const lines = sms[0]!.message.text.split('\n');
    expect(lines).toEqual([
      'آیس | اعتبار یکپارچه سپهر',
      '«شرکت نمونه ماهک» درخواست دریافت گزارش اعتباری شما (کد ملی 0020000014) را دارد.',
      expect.stringMatching(/^برای تأیید یا رد: http:\/\/localhost\/ice\/c\/[\w-]{24}$/),
      'مهلت پاسخ: 1405/09/10 ساعت 10:00',
      `کد رهگیری: ${trackingCode}`,
    ]);
  });

  it('requests a legal person’s report paid by the person: the wallet is not touched and the SMS names the price', async () => {
    const p = await panel(instance);
    const body = legal('09351234567', 'person');
    const created = await requested(instance, p, body);
    expect(created).toEqual(view(created.trackingCode, body, startMs));
    expect((await call(instance, p, '/api/v1/wallet')).body.balanceRial).toBe(10_000_000);
    const [sms] = await smsTo(instance, p.tenant.id, '09351234567');
    expect(sms!.message.text.split('\n').slice(1, 3)).toEqual([
      '«شرکت نمونه ماهک» درخواست دریافت گزارش اعتباری شرکت با شناسه ملی 10101234508 را دارد.',
      'هزینه گزارش ۱۰۰٬۰۰۰ ریال است و هنگام تأیید پرداخت می‌شود.',
    ]);
  });

  it('takes Persian and Arabic digits and answers the numbers in ASCII', async () => {
    const p = await panel(instance);
    const created = await requested(instance, p, { personType: 'natural', nationalCode: '۰۰۲۰۰۰۰۰۱۴', mobile: '٠٩١٢٣٤٥٦٧٨٩', payer: 'credit' });
    expect(created).toEqual(view(created.trackingCode, natural('09123456789'), startMs));
  });

  it('prices the report from the tenant’s settings', async () => {
    const p = await panel(instance, { reportPriceRial: 200_000, vatRial: 18_000 });
    const created = await requested(instance, p, natural('09123456789'));
    expect(created.price).toEqual({ reportRial: 200_000, vatRial: 18_000, totalRial: 218_000 });
    expect((await call(instance, p, '/api/v1/wallet')).body.balanceRial).toBe(10_000_000 - 218_000);
  });

  it.each([
    [natural('09123456789', 'credit', '0020000015'), 'invalidNationalCode', 'کد ملی نامعتبر است'],
    [natural('09123456789', 'credit', '002000001'), 'invalidNationalCode', 'کد ملی نامعتبر است'],
    [legal('09123456789', 'credit', '10101234509'), 'invalidNationalId', 'شناسه ملی نامعتبر است'],
    [legal('09123456789', 'credit', '0020000014'), 'invalidNationalId', 'شناسه ملی نامعتبر است'],
    [natural('0912345678'), 'invalidMobile', 'شماره همراه نامعتبر است'],
    [natural('08123456789'), 'invalidMobile', 'شماره همراه نامعتبر است'],
  ])('refuses %j with %s (400) and writes nothing', async (body, code, message) => {
    const p = await panel(instance);
    const res = await call(instance, p, '/api/v1/reports', { body });
    expect(res).toEqual({ status: 400, body: { code, message } });
    expect((await call(instance, p, '/api/v1/reports')).body.total).toBe(0);
  });

  it.each([
    [{ nationalCode: '0020000014', mobile: '09123456789', payer: 'credit' }, { personType: 'یکی از این مقادیر: natural، legal' }],
    [{ personType: 'company', nationalId: '10101234508' }, { personType: 'یکی از این مقادیر: natural، legal' }],
    [{ personType: 'natural', nationalCode: '', payer: 'wallet', extra: 1 }, { nationalCode: 'حداقل 1 نویسه', mobile: 'این فیلد الزامی است', payer: 'یکی از این مقادیر: credit، person', extra: 'فیلد ناشناخته' }],
    [{ personType: 'legal', nationalCode: '0020000014', mobile: '09123456789', payer: 'credit' }, { nationalId: 'این فیلد الزامی است', nationalCode: 'فیلد ناشناخته' }],
  ])('names the fields at fault of %j', async (body, errors) => {
    const p = await panel(instance);
    const res = await call(instance, p, '/api/v1/reports', { body });
    expect(res).toEqual({ status: 400, body: { code: 'invalidInput', message: 'اطلاعات ارسال‌شده ناقص یا نامعتبر است', errors } });
  });

  it('refuses a business whose legal information is not approved (403) and writes nothing', async () => {
    const p = await panel(instance);
    instance.deps.db.update(iceBusinesses).set({ legalStatus: 'pending' }).where(eq(iceBusinesses.tenantId, p.tenant.id)).run();
    const res = await call(instance, p, '/api/v1/reports', { body: natural('09123456789') });
    expect(res).toEqual({ status: 403, body: { code: 'legalNotApproved', message: 'اطلاعات حقوقی کسب‌وکار هنوز تأیید نشده است', legalStatus: 'pending' } });
    expect((await call(instance, p, '/api/v1/wallet')).body.balanceRial).toBe(10_000_000);
    expect(await smsTo(instance, p.tenant.id, '09123456789')).toEqual([]);
  });

  it('refuses a call without a token (401)', async () => {
    const res = await ice(instance, '/api/v1/reports', { body: natural('09123456789') });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 'unauthorized', message: 'ابتدا وارد حساب کاربری شوید' });
  });

  it('answers a documented code forced by X-Sandbox-Error, and writes nothing', async () => {
    const p = await panel(instance);
    const res = await ice(instance, '/api/v1/reports', { token: p.token, body: natural('09123456789'), headers: { 'X-Sandbox-Error': 'insufficientCredit' } });
    expect(res.status).toBe(402);
    expect(await res.json()).toEqual({ code: 'insufficientCredit', message: 'اعتبار کافی نیست؛ ابتدا اعتبار خود را افزایش دهید' });
    expect((await call(instance, p, '/api/v1/reports')).body.total).toBe(0);
  });
});

describe('GET /ice/api/v1/reports (the four tabs)', () => {
  it('lists newest first with the seed’s columns, each tab’s count, search and paging', async () => {
    const p = await panel(instance);
    // 12 requests a minute apart: 09121111100..11, then one of each outcome.
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) {
      await clockTo(instance, p, startMs + minutes(i));
      codes.push((await requested(instance, p, natural(`091211111${String(i).padStart(2, '0')}`))).trackingCode);
    }
    await clockTo(instance, p, startMs + minutes(20));
    const approved = (await requested(instance, p, legal('09120000001'))).trackingCode;
    const rejected = (await requested(instance, p, natural('09120000002', 'person'))).trackingCode;

    const first = await call(instance, p, '/api/v1/reports');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      items: expect.any(Array),
      total: 14,
      page: 1,
      size: 10,
      pages: 2,
      tabs: { pending: 12, viewable: 1, rejected: 1, archived: 0 },
    });
    const items = first.body.items as Record<string, unknown>[];
    // The same minute: the later request first.
    expect(items.slice(0, 3)).toEqual([
      { row: 1, trackingCode: rejected, requestDate: '1405/09/09', requestTime: '10:20', personType: 'natural', nationalCode: '0020000014', mobile: '09120000002', nationalId: null, state: 'rejected', stateLabel: 'رد شده توسط شخص', payer: 'person', payerLabel: 'پرداخت توسط شخص' },
      { row: 2, trackingCode: approved, requestDate: '1405/09/09', requestTime: '10:20', personType: 'legal', nationalCode: null, mobile: '09120000001', nationalId: '10101234508', state: 'viewable', stateLabel: 'قابل مشاهده', payer: 'credit', payerLabel: 'پرداخت از اعتبار' },
      { row: 3, trackingCode: codes[11], requestDate: '1405/09/09', requestTime: '10:11', personType: 'natural', nationalCode: '0020000014', mobile: '09121111111', nationalId: null, state: 'pending', stateLabel: 'در انتظار تأیید', payer: 'credit', payerLabel: 'پرداخت از اعتبار' },
    ]);
    expect(items.map((i) => i.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    const second = await call(instance, p, '/api/v1/reports?page=2');
    expect((second.body.items as Record<string, unknown>[]).map((i) => [i.row, i.trackingCode])).toEqual([
      [11, codes[3]],
      [12, codes[2]],
      [13, codes[1]],
      [14, codes[0]],
    ]);

    const pending = await call(instance, p, '/api/v1/reports?state=pending&size=5&page=3');
    expect(pending.body).toMatchObject({ total: 12, page: 3, size: 5, pages: 3 });
    expect((pending.body.items as Record<string, unknown>[]).map((i) => i.trackingCode)).toEqual([codes[1], codes[0]]);

    const byTab = async (state: string) => ((await call(instance, p, `/api/v1/reports?state=${state}`)).body.items as Record<string, unknown>[]).map((i) => i.trackingCode);
    expect(await byTab('viewable')).toEqual([approved]);
    expect(await byTab('rejected')).toEqual([rejected]);
    expect(await byTab('archived')).toEqual([]);

    const search = async (q: string) => ((await call(instance, p, `/api/v1/reports?q=${encodeURIComponent(q)}`)).body.items as Record<string, unknown>[]).map((i) => i.trackingCode);
    expect(await search('09121111105')).toEqual([codes[5]]);
    expect(await search('۰۹۱۲۱۱۱۱۱۰۵')).toEqual([codes[5]]);
    expect(await search(codes[7]!)).toEqual([codes[7]]);
    expect(await search('1010123')).toEqual([approved]);
    expect(await search('0020000014')).toHaveLength(10);
    expect(await search('nothing')).toEqual([]);
  });

  it('refuses a bad tab or page size with the fields at fault', async () => {
    const p = await panel(instance);
    const res = await call(instance, p, '/api/v1/reports?state=deleted&size=0&page=1000001');
    expect(res).toEqual({
      status: 400,
      body: {
        code: 'invalidInput',
        message: 'اطلاعات ارسال‌شده ناقص یا نامعتبر است',
        errors: { state: 'یکی از این مقادیر: pending، viewable، rejected، archived، expired', size: 'حداقل 1', page: 'حداکثر 1000000' },
      },
    });
  });

  it('never lists another business’s requests', async () => {
    const p = await panel(instance);
    const other = await panel(instance);
    await requested(instance, other, natural('09123456789'));
    expect((await call(instance, p, '/api/v1/reports')).body).toEqual({ items: [], total: 0, page: 1, size: 10, pages: 0, tabs: { pending: 0, viewable: 0, rejected: 0, archived: 0 } });
  });
});

describe('GET /ice/api/v1/reports/{trackingCode}', () => {
  it('answers the request with its times; another tenant’s or an unknown code is reportNotFound', async () => {
    const p = await panel(instance);
    const body = natural('09120000001');
    const { trackingCode } = await requested(instance, p, body);
    const res = await call(instance, p, `/api/v1/reports/${trackingCode}`);
    expect(res).toEqual({ status: 200, body: view(trackingCode, body, startMs, { state: 'viewable', approvedAt: at(startMs), viewableUntil: at(startMs + hours(24)) }) });
    const other = await panel(instance);
    for (const code of [trackingCode, '1234567890', 'abc']) {
      expect(await call(instance, other, `/api/v1/reports/${code}`)).toEqual({ status: 404, body: { code: 'reportNotFound', message: 'درخواست گزارش یافت نشد' } });
    }
  });
});

describe('GET /ice/api/v1/reports/{trackingCode}/credit-report', () => {
  it('answers the report issued at the approval while viewable, the same on every read', async () => {
    const p = await panel(instance);
    const { trackingCode } = await requested(instance, p, natural('09120000105', 'credit', '0020000170'));
    await clockTo(instance, p, startMs + minutes(30));
    const res = await call(instance, p, `/api/v1/reports/${trackingCode}/credit-report`);
    expect(res.status).toBe(200);
    const report = creditReportFor(instance.deps.world, { personType: 'natural', nationalCode: '0020000170', mobile: '09120000105' }, startMs + minutes(5));
    expect(res.body).toEqual({ trackingCode, viewableUntil: at(startMs + minutes(5) + hours(24)), report: JSON.parse(JSON.stringify(report)) });
    expect(res.body.report).toMatchObject({ rank: 'C3', score: 365 });
    await clockTo(instance, p, startMs + hours(20));
    expect((await call(instance, p, `/api/v1/reports/${trackingCode}/credit-report`)).body).toEqual(res.body);
  });

  it('answers a legal person’s report', async () => {
    const p = await panel(instance);
    const { trackingCode } = await requested(instance, p, legal('09120000001'));
    const res = await call(instance, p, `/api/v1/reports/${trackingCode}/credit-report`);
    expect(res.status).toBe(200);
    expect(res.body.report).toMatchObject({ personType: 'legal', rank: 'B1', score: 690 });
  });

  it.each([
    ['09123456789', 'pending'],
    ['09120000002', 'rejected'],
  ])('refuses the report of a request of %s: reportNotViewable with state %s', async (mobile, state) => {
    const p = await panel(instance);
    const { trackingCode } = await requested(instance, p, natural(mobile));
    expect(await call(instance, p, `/api/v1/reports/${trackingCode}/credit-report`)).toEqual({
      status: 409,
      body: { code: 'reportNotViewable', message: 'گزارش در دسترس نیست', state },
    });
  });

  it('refuses it once archived, and as reportNotFound once deleted', async () => {
    const p = await panel(instance);
    const { trackingCode } = await requested(instance, p, natural('09120000001'));
    await clockTo(instance, p, startMs + hours(24));
    expect(await call(instance, p, `/api/v1/reports/${trackingCode}/credit-report`)).toEqual({
      status: 409,
      body: { code: 'reportNotViewable', message: 'گزارش در دسترس نیست', state: 'archived' },
    });
    await call(instance, p, `/api/v1/reports/${trackingCode}`, { method: 'DELETE' });
    expect((await call(instance, p, `/api/v1/reports/${trackingCode}/credit-report`)).status).toBe(404);
  });
});

describe('DELETE /ice/api/v1/reports/{trackingCode}', () => {
  it('deletes a request: gone from the tabs and the request, a second delete is reportNotFound', async () => {
    const p = await panel(instance);
    const body = natural('09120000001', 'person');
    const { trackingCode } = await requested(instance, p, body);
    await clockTo(instance, p, startMs + hours(1));
    const res = await call(instance, p, `/api/v1/reports/${trackingCode}`, { method: 'DELETE' });
    expect(res).toEqual({
      status: 200,
      body: {
        ...view(trackingCode, body, startMs, { state: 'deleted', approvedAt: at(startMs), viewableUntil: at(startMs + hours(24)) }),
        deletedAt: at(startMs + hours(1)),
        stateBeforeDelete: 'viewable',
      },
    });
    expect((await call(instance, p, '/api/v1/reports')).body).toMatchObject({ items: [], total: 0, tabs: { pending: 0, viewable: 0, rejected: 0, archived: 0 } });
    const notFound = { status: 404, body: { code: 'reportNotFound', message: 'درخواست گزارش یافت نشد' } };
    expect(await call(instance, p, `/api/v1/reports/${trackingCode}`)).toEqual(notFound);
    expect(await call(instance, p, `/api/v1/reports/${trackingCode}`, { method: 'DELETE' })).toEqual(notFound);
  });

  it('refuses another business’s request as reportNotFound and leaves it', async () => {
    const p = await panel(instance);
    const other = await panel(instance);
    const { trackingCode } = await requested(instance, other, natural('09123456789'));
    expect((await call(instance, p, `/api/v1/reports/${trackingCode}`, { method: 'DELETE' })).status).toBe(404);
    expect((await call(instance, other, `/api/v1/reports/${trackingCode}`)).body.state).toBe('pending');
  });
});

describe('the ICE report routes in /openapi.json', () => {
  it('documents each route with its codes', async () => {
    const res = await instance.app.request('/openapi.json');
    const doc = (await res.json()) as { paths: Record<string, Record<string, { description?: string }>> };
    expect(Object.keys(doc.paths['/ice/api/v1/reports']!).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/ice/api/v1/reports/{trackingCode}']!).sort()).toEqual(['delete', 'get']);
    expect(doc.paths['/ice/api/v1/reports/{trackingCode}/credit-report']!.get!.description).toContain('`reportNotViewable` (HTTP 409)');
    expect(doc.paths['/ice/api/v1/dashboard']!.get).toBeDefined();
    void control;
  });
});
