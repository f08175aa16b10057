// ICE legal information: the nine fields and two documents as multipart/form-data, documents judged
// by their bytes and their size, the body refused past its limit while it streams, and the review
// (at once, after a delay on the tenant clock, or by the control API) that sets the official name.
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { control, listening, sandbox } from '../helpers.js';
import { advance, ice, iceTenant, signIn } from './helpers.js';
import { signUp } from './sign-up.js';

const instance = sandbox();
afterAll(() => instance.close());

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const MiB = 1024 * 1024;

const fields = {
  businessName: 'شرکت نمونه پارس',
  lastName: 'احمدی',
  nationalCode: '۰۰۱۲۳۴۵۶۷۹',
  phone: '02188776655',
  registrationNumber: '123456',
  postalCode: '1234567890',
  address: 'تهران، خیابان آزادی، پلاک ۱',
  province: 'تهران',
  city: 'تهران',
};

interface Doc {
  bytes: Uint8Array;
  name: string;
  type?: string;
}
const card: Doc = { bytes: png, name: 'card.pdf', type: 'text/plain' };
const licence: Doc = { bytes: pdf, name: 'licence.pdf', type: 'application/pdf' };

function form(values: Record<string, string> = fields, docs: Record<string, Doc | undefined> = { nationalCard: card, licence }): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(values)) body.append(name, value);
  for (const [name, doc] of Object.entries(docs)) if (doc) body.append(name, new Blob([doc.bytes as Uint8Array<ArrayBuffer>], { type: doc.type ?? '' }), doc.name);
  return body;
}

const put = (token: string, body: BodyInit, headers: Record<string, string> = {}) =>
  instance.app.request('/ice/api/v1/account/legal', { method: 'PUT', headers: { Authorization: `Bearer ${token}`, ...headers }, body });
const getLegal = async (token: string) => (await ice(instance, '/api/v1/account/legal', { token })).json();

let mobiles = 0;
/** A new business of its own tenant (legal status none). */
async function newBusiness(settings: Record<string, unknown> = {}) {
  const tenant = await iceTenant(instance, { ice: settings });
  const mobile = `0912300${String(mobiles++).padStart(4, '0')}`;
  return { tenant, ...(await signUp(instance, tenant.id, mobile, 'legalbiz')) };
}

const shown = { at: expect.stringMatching(/\+03:30$/), date: expect.stringMatching(/^14\d\d\/\d\d\/\d\d$/), time: expect.stringMatching(/^\d\d:\d\d$/) };
const sentFields = { ...fields, nationalCode: '0012345679' };
const sentDocs = [
  { kind: 'nationalCard', type: 'image/png', sizeBytes: png.byteLength, sha256: sha256(png), fileName: 'card.pdf' },
  { kind: 'licence', type: 'application/pdf', sizeBytes: pdf.byteLength, sha256: sha256(pdf), fileName: 'licence.pdf' },
];

describe('PUT /ice/api/v1/account/legal', () => {
  it('shows nothing sent for a new business', async () => {
    const { token } = await newBusiness();
    expect(await getLegal(token)).toEqual({ status: 'none', reason: null, officialName: null, fields: null, documents: [], submittedAt: null, decidesAt: null, decidedAt: null });
  });

  it('takes the fields and documents by content (a PNG named .pdf sent as text/plain is a PNG), and approves at once by default', async () => {
    const { token } = await newBusiness();
    const res = await put(token, form());
    expect(res.status).toBe(200);
    const approved = { status: 'approved', reason: null, officialName: 'شرکت نمونه پارس', fields: sentFields, documents: sentDocs, submittedAt: shown, decidesAt: null, decidedAt: shown };
    expect(await res.json()).toEqual(approved);
    expect(await getLegal(token)).toEqual(approved);
    const account = (await (await ice(instance, '/api/v1/account', { token })).json()) as Record<string, unknown>;
    expect([account.legalStatus, account.officialName]).toEqual(['approved', 'شرکت نمونه پارس']);
    const again = await put(token, form());
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ code: 'legalApproved', message: 'اطلاعات حقوقی تأیید شده و قابل تغییر نیست' });
  });

  it('takes a JPEG whatever its name', async () => {
    const { token } = await newBusiness();
    const res = await put(token, form(fields, { nationalCard: { bytes: jpeg, name: 'scan' }, licence }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { documents: { type: string }[] }).documents.map((d) => d.type)).toEqual(['image/jpeg', 'application/pdf']);
  });

  it('refuses a text file named .jpg, and keeps the status none', async () => {
    const { token } = await newBusiness();
    const text = { bytes: new TextEncoder().encode('just text'), name: 'photo.jpg', type: 'image/jpeg' };
    const res = await put(token, form(fields, { nationalCard: text, licence }));
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ code: 'documentType', message: 'مدرک باید تصویر jpg یا png یا فایل pdf باشد', document: 'nationalCard' });
    expect(await getLegal(token)).toMatchObject({ status: 'none', fields: null });
  });

  it('refuses a missing or empty document', async () => {
    const { token } = await newBusiness();
    const res = await put(token, form(fields, { nationalCard: { bytes: new Uint8Array(0), name: '' } }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'documentMissing', message: 'هر دو مدرک باید بارگذاری شوند', missing: ['nationalCard', 'licence'] });
  });

  it('names each field at fault: missing, wrong check digit, unknown, a file where text belongs', async () => {
    const { token } = await newBusiness();
    const { city: _city, ...withoutCity } = fields;
    const body = form({ ...withoutCity, nationalCode: '0012345678', postalCode: '12', colour: 'red' });
    body.append('province', new Blob([png]), 'p.png');
    const res = await put(token, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 'invalidInput',
      message: 'اطلاعات ارسال‌شده ناقص یا نامعتبر است',
      errors: { colour: 'فیلد ناشناخته', province: 'این فیلد تنها یک بار فرستاده می‌شود' },
    });
    const res2 = await put(token, form({ ...withoutCity, nationalCode: '0012345678', postalCode: '12' }));
    expect(await res2.json()).toEqual({
      code: 'invalidInput',
      message: 'اطلاعات ارسال‌شده ناقص یا نامعتبر است',
      errors: { nationalCode: 'کد ملی نامعتبر است', postalCode: 'کد پستی باید ۱۰ رقم باشد و با ۰ آغاز نشود', city: 'این فیلد الزامی است' },
    });
  });

  it('refuses a body that is not multipart/form-data', async () => {
    const { token } = await newBusiness();
    const res = await put(token, JSON.stringify(fields), { 'Content-Type': 'application/json' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'invalidInput', message: 'اطلاعات ارسال‌شده ناقص یا نامعتبر است (بدنه باید multipart/form-data باشد)' });
  });

  it('refuses a document over 10 MiB with documentTooLarge', async () => {
    const { token } = await newBusiness();
    const big = new Uint8Array(11 * MiB);
    big.set(png);
    const res = await put(token, form(fields, { nationalCard: card, licence: { bytes: big, name: 'big.png' } }));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ code: 'documentTooLarge', message: 'حجم هر مدرک حداکثر ۱۰ مگابایت است', document: 'licence', limitBytes: 10 * MiB });
  });

  it('refuses a body past 20 MiB + 64 KiB with payloadTooLarge', async () => {
    const { token } = await newBusiness();
    const half = new Uint8Array(10.5 * MiB);
    half.set(png);
    const res = await put(token, form(fields, { nationalCard: { bytes: half, name: 'a.png' }, licence: { bytes: half, name: 'b.png' } }));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ code: 'payloadTooLarge', message: 'حجم درخواست بیش از حد مجاز است', limitBytes: 20 * MiB + 64 * 1024 });
  });

  it('stops reading an endless body at the limit instead of holding it all', async () => {
    const { token } = await newBusiness();
    let sentBytes = 0;
    const chunk = new Uint8Array(MiB);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sentBytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request('http://localhost/ice/api/v1/account/legal', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'multipart/form-data; boundary=xyz' },
      body: endless,
      duplex: 'half',
    } as RequestInit);
    const res = await instance.app.request(request);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'payloadTooLarge' });
    expect(sentBytes).toBeLessThan(24 * MiB);
  });

  it('refuses a declared Content-Length past the limit before reading', async () => {
    const { token } = await newBusiness();
    const res = await put(token, form(), { 'Content-Length': String(30 * MiB) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ code: 'payloadTooLarge', message: 'حجم درخواست بیش از حد مجاز است', limitBytes: 20 * MiB + 64 * 1024 });
  });

  it('journals the fields and the documents’ metadata, never their bytes', async () => {
    const { tenant, token } = await newBusiness();
    expect((await put(token, form())).status).toBe(200);
    const res = await control(instance, 'GET', `/tenants/${tenant.id}/journal?endpoint=legal-put`);
    const { entries } = (await res.json()) as { entries: { requestBody: unknown }[] };
    expect(entries[0]!.requestBody).toEqual({ ...sentFields, nationalCard: sentDocs[0], licence: sentDocs[1] });
  });

  it('journals a refused form as received: text, and each file by name and size', async () => {
    const { tenant, token } = await newBusiness();
    expect((await put(token, form({ ...fields, colour: 'red' }))).status).toBe(400);
    const res = await control(instance, 'GET', `/tenants/${tenant.id}/journal?endpoint=legal-put`);
    const { entries } = (await res.json()) as { entries: { requestBody: unknown }[] };
    expect(entries[0]!.requestBody).toEqual({
      ...fields,
      colour: 'red',
      nationalCard: { fileName: 'card.pdf', sizeBytes: png.byteLength },
      licence: { fileName: 'licence.pdf', sizeBytes: pdf.byteLength },
    });
  });

  it('answers X-Sandbox-Error without reading the documents', async () => {
    const { token } = await newBusiness();
    const res = await put(token, form(), { 'X-Sandbox-Error': 'documentType' });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ code: 'documentType', message: 'مدرک باید تصویر jpg یا png یا فایل pdf باشد' });
  });
});

describe('the legal review', () => {
  it('manual: stays pending (resending refused) until the control API approves; a second decision is refused', async () => {
    const { tenant, token, businessId } = await newBusiness({ legalReview: { decision: 'manual' } });
    const res = await put(token, form());
    expect(await res.json()).toEqual({ status: 'pending', reason: null, officialName: null, fields: sentFields, documents: sentDocs, submittedAt: shown, decidesAt: null, decidedAt: null });
    await advance(instance, tenant.id, 11 * 3600);
    expect(await getLegal(token)).toMatchObject({ status: 'pending' });
    const again = await put(token, form());
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ code: 'legalUnderReview', message: 'اطلاعات حقوقی در حال بررسی است' });

    const listed = await control(instance, 'GET', `/tenants/${tenant.id}/ice/businesses`);
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({
      businesses: [
        { id: expect.stringMatching(/^biz_/), username: 'mahak', mobile: '09120000000', businessName: 'شرکت نمونه ماهک', officialName: 'شرکت نمونه ماهک', legalStatus: 'approved', balanceRial: 10_000_000, createdAt: expect.any(String) },
        { id: businessId, username: 'legalbiz', mobile: expect.stringMatching(/^09123/), businessName: 'فروشگاه نمونه', officialName: null, legalStatus: 'pending', balanceRial: 0, createdAt: expect.any(String) },
      ],
    });

    const decide = (body: unknown) => control(instance, 'POST', `/tenants/${tenant.id}/ice/businesses/${businessId}/legal-review`, body);
    const approved = await decide({ decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(await approved.json()).toEqual({ businessId, status: 'approved', reason: null, officialName: 'شرکت نمونه پارس', fields: sentFields, documents: sentDocs, submittedAt: shown, decidesAt: null, decidedAt: shown });
    const twice = await decide({ decision: 'reject', reason: 'دیر' });
    expect(twice.status).toBe(409);
    expect(await twice.json()).toEqual({ error: 'conflict', message: `the legal review of ${businessId} is approved, not pending` });
  });

  it('rejects by the control API with its reason or a general one; the business may then send again', async () => {
    const { tenant, token, businessId } = await newBusiness({ legalReview: { decision: 'manual' } });
    const decide = (body: unknown) => control(instance, 'POST', `/tenants/${tenant.id}/ice/businesses/${businessId}/legal-review`, body);
    await put(token, form());
    expect(await (await decide({ decision: 'reject' })).json()).toMatchObject({ status: 'rejected', reason: 'مدارک ارسال‌شده تأیید نشد', officialName: null });
    expect((await put(token, form())).status).toBe(200);
    expect(await (await decide({ decision: 'reject', reason: 'تصویر کارت ملی خوانا نیست' })).json()).toMatchObject({ status: 'rejected', reason: 'تصویر کارت ملی خوانا نیست' });
    const account = (await (await ice(instance, '/api/v1/account', { token })).json()) as Record<string, unknown>;
    expect([account.legalStatus, account.legalReason]).toEqual(['rejected', 'تصویر کارت ملی خوانا نیست']);
  });

  it('sends ice.legal_review.pending when sent, then .rejected and .approved as decided, each with the view GET …/account/legal shows', async () => {
    const { tenant, token, businessId } = await newBusiness({ legalReview: { decision: 'manual' } });
    expect((await control(instance, 'PUT', `/tenants/${tenant.id}/webhooks/ice`, { url: 'http://127.0.0.1:9/hooks' })).status).toBe(200);
    const reviewEvents = async () =>
      ((await (await control(instance, 'GET', `/tenants/${tenant.id}/webhook-events?provider=ice&limit=1000`)).json()) as { events: { type: string; payload: unknown }[] }).events
        .filter((e) => e.type.startsWith('ice.legal_review.'))
        .reverse();
    const decide = (body: unknown) => control(instance, 'POST', `/tenants/${tenant.id}/ice/businesses/${businessId}/legal-review`, body);
    await put(token, form());
    const pending = await getLegal(token);
    await decide({ decision: 'reject', reason: 'تصویر کارت ملی خوانا نیست' });
    const rejected = await getLegal(token);
    await put(token, form());
    await decide({ decision: 'approve' });
    const approved = await getLegal(token);
    expect(await reviewEvents()).toEqual([
      { type: 'ice.legal_review.pending', payload: { businessId, ...(pending as object) } },
      { type: 'ice.legal_review.rejected', payload: { businessId, ...(rejected as object) } },
      { type: 'ice.legal_review.pending', payload: expect.objectContaining({ businessId, status: 'pending' }) },
      { type: 'ice.legal_review.approved', payload: { businessId, ...(approved as object) } },
    ].map((e) => expect.objectContaining(e)));
  });

  it('refuses a bad decision, an unknown business and a business never sent for review', async () => {
    const { tenant, businessId } = await newBusiness();
    const bad = await control(instance, 'POST', `/tenants/${tenant.id}/ice/businesses/${businessId}/legal-review`, { decision: 'maybe' });
    expect(bad.status).toBe(400);
    const unknown = await control(instance, 'POST', `/tenants/${tenant.id}/ice/businesses/biz_nope/legal-review`, { decision: 'approve' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'not_found', message: `business biz_nope of tenant ${tenant.id} does not exist` });
    const none = await control(instance, 'POST', `/tenants/${tenant.id}/ice/businesses/${businessId}/legal-review`, { decision: 'approve' });
    expect(none.status).toBe(409);
    expect(await none.json()).toEqual({ error: 'conflict', message: `the legal review of ${businessId} is none, not pending` });
  });

  it('delayed: decides itself when the delay has passed on the tenant clock, dated when it fell due', async () => {
    const reason = 'تصویر پروانه کسب خوانا نیست';
    const { tenant, token } = await newBusiness({ legalReview: { decision: 'reject', afterSeconds: 3600, reason } });
    const sent = (await (await put(token, form())).json()) as { status: string; decidesAt: { at: string }; submittedAt: { at: string } };
    expect(sent.status).toBe('pending');
    expect(Date.parse(sent.decidesAt.at) - Date.parse(sent.submittedAt.at)).toBe(3600_000);
    await advance(instance, tenant.id, 3599);
    expect(await getLegal(token)).toMatchObject({ status: 'pending' });
    await advance(instance, tenant.id, 7200);
    const decided = (await getLegal(token)) as { status: string; reason: string; decidedAt: { at: string } };
    expect(decided).toMatchObject({ status: 'rejected', reason, decidesAt: null });
    expect(decided.decidedAt.at).toBe(sent.decidesAt.at);
  });

  it('refuses a report request and a wallet charge before approval with legalNotApproved', async () => {
    const { token } = await newBusiness({ legalReview: { decision: 'manual' } });
    const refusal = (legalStatus: string) => ({ code: 'legalNotApproved', message: 'اطلاعات حقوقی کسب‌وکار هنوز تأیید نشده است', legalStatus });
    const report = await ice(instance, '/api/v1/reports', { token, body: { personType: 'natural', nationalCode: '0012345679', mobile: '09121234567', payer: 'person' } });
    expect(report.status).toBe(403);
    expect(await report.json()).toEqual(refusal('none'));
    await put(token, form());
    const charge = await ice(instance, '/api/v1/wallet/charges', { token, body: { amountRial: 100_000, bank: 'saman', returnUrl: 'https://example.com/back' } });
    expect(charge.status).toBe(403);
    expect(await charge.json()).toEqual(refusal('pending'));
  });

  it("keeps the ready business's approval: its legal information cannot be sent again", async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    expect(await getLegal(token)).toEqual({ status: 'approved', reason: null, officialName: 'شرکت نمونه ماهک', fields: null, documents: [], submittedAt: null, decidesAt: null, decidedAt: shown });
    expect((await put(token, form())).status).toBe(409);
  });
});

describe('twenty sends at once', () => {
  it('over a socket, bodies held half-sent: one is taken for review, the others are refused as under review', async () => {
    const { tenant, token } = await newBusiness({ legalReview: { decision: 'manual' } });
    const whole = new Response(form());
    const type = whole.headers.get('content-type')!;
    const bytes = new Uint8Array(await whole.arrayBuffer());
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const server = await listening(instance);
    try {
      // Each body sends its first half, then waits: every call is past its status check before any is stored.
      const send = () =>
        fetch(`http://127.0.0.1:${server.port}/ice/api/v1/account/legal`, {
          method: 'PUT',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': type },
          body: new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(bytes.slice(0, bytes.length / 2));
            },
            async pull(controller) {
              await gate;
              controller.enqueue(bytes.slice(bytes.length / 2));
              controller.close();
            },
          }),
          duplex: 'half',
        } as RequestInit);
      const answers = Array.from({ length: 20 }, send);
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();
      const statuses = await Promise.all(answers.map(async (r) => [(await r).status, ((await (await r).json()) as { code?: string }).code]));
      expect(statuses.map(([status]) => status).sort()).toEqual([200, ...Array(19).fill(409)]);
      expect(new Set(statuses.filter(([status]) => status === 409).map(([, code]) => code))).toEqual(new Set(['legalUnderReview']));
    } finally {
      await server.close();
    }
    const journal = (await (await control(instance, 'GET', `/tenants/${tenant.id}/journal?endpoint=legal-put`)).json()) as { entries: unknown[] };
    expect(journal.entries).toHaveLength(20);
  });
});
