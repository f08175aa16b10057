// Shaparak's blacklist: an identity (national code or national ID) on the list stops every
// merchant of it, in every tenant: request, the page (authorities issued before included),
// acting as the buyer and verify answer -4, until the identity leaves the list.
import { afterAll, describe, expect, it } from 'vitest';
import { control, freepayForm, json, merchant, sandbox } from '../helpers.js';
import { freepayCodes } from '../../src/providers/freepay/catalog.js';
import { closedMessages } from '../../src/web/index.js';

const app = sandbox();
afterAll(() => app.close());

const answered = async (res: Response) => ({ status: res.status, body: await json(res) });
const blacklisted = { status: 403, body: { status: -4, message: freepayCodes.merchantBlacklisted.message } };
const request = (m: { api: string }) => freepayForm(app, '/payment/request', { api: m.api, amount: '150000', callback: 'http://localhost:3000/callback' });
const verify = (m: { api: string }, authority: string) => freepayForm(app, '/payment/verify', { api: m.api, authority, amount: '150000' });
const payAs = (tenantId: string, authority: string) => control(app, 'POST', `/tenants/${tenantId}/freepay/payments/${authority}/pay`, { card: '6037990000010013' });
const list = (identity: string, body?: unknown) => control(app, 'PUT', `/freepay/blacklist/${identity}`, body);
const unlist = (identity: string) => control(app, 'DELETE', `/freepay/blacklist/${identity}`);

async function authorityOf(m: { api: string }): Promise<string> {
  const res = await request(m);
  return ((await json(res)) as { authority: string }).authority;
}

/** A merchant of its own identity: a company's national ID no other test uses. */
let nextId = 10100000000;
async function companyMerchant(nationalId = String(nextId++)) {
  return { ...(await merchant(app, { freepay: { nationalId } })), nationalId };
}

describe("Shaparak's blacklist on the control API", () => {
  it('PUT lists a national ID (201), again answers the same entry with the new reason (200); GET shows it; DELETE takes it off (204), then 404', async () => {
    const identity = String(nextId++);
    const first = await list(identity, { reason: 'high-risk' });
    const entry = { identity, kind: 'nationalId', reason: 'high-risk', listedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) };
    expect(await answered(first)).toEqual({ status: 201, body: entry });
    const listedAt = ((await json(await control(app, 'GET', '/freepay/blacklist'))) as { entries: { identity: string; listedAt: string }[] }).entries.find((e) => e.identity === identity)!.listedAt;
    expect(await answered(await list(identity, { reason: 'judiciary order' }))).toEqual({ status: 200, body: { ...entry, reason: 'judiciary order', listedAt } });
    expect(await answered(await list(identity))).toEqual({ status: 200, body: { ...entry, reason: 'judiciary order', listedAt } });
    const all = (await json(await control(app, 'GET', '/freepay/blacklist'))) as { entries: unknown[] };
    expect(all.entries).toContainEqual({ identity, kind: 'nationalId', reason: 'judiciary order', listedAt });
    const removed = await unlist(identity);
    expect(removed.status).toBe(204);
    expect(await removed.text()).toBe('');
    expect(await answered(await unlist(identity))).toEqual({ status: 404, body: { error: 'not_found', message: `${identity} is not on the blacklist` } });
  });

  it('lists a national code in Persian digits as ASCII, and refuses what is neither a national code nor a national ID', async () => {
    expect(await answered(await list('۰۰۸۴۵۷۵۹۴۸'))).toEqual({ status: 201, body: { identity: '0084575948', kind: 'nationalCode', reason: null, listedAt: expect.any(String) } });
    expect((await unlist('0084575948')).status).toBe(204);
    expect(await answered(await list('0084575949'))).toEqual({ status: 400, body: { error: 'invalid_request', message: '0084575949 is not a valid national code (its check digit does not match)' } });
    expect(await answered(await list('12345'))).toEqual({ status: 400, body: { error: 'invalid_request', message: '12345 is neither a national code (10 digits) nor a national ID (11 digits)' } });
    expect(await answered(await unlist('abc'))).toEqual({ status: 400, body: { error: 'invalid_request', message: 'abc is neither a national code (10 digits) nor a national ID (11 digits)' } });
  });
});

describe('a listed identity stops every gateway of it', () => {
  it('request answers -4 for the merchant and for another tenant of the same identity; a merchant of another identity still takes payments', async () => {
    const one = await companyMerchant();
    const other = await companyMerchant(one.nationalId);
    const unrelated = await companyMerchant();
    expect((await request(one)).status).toBe(200);
    expect((await list(one.nationalId)).status).toBe(201);
    expect(await answered(await request(one))).toEqual(blacklisted);
    expect(await answered(await request(other))).toEqual(blacklisted);
    expect((await answered(await request(unrelated))).body).toEqual({ status: 1, authority: expect.any(String) });
  });

  it("listing the default merchant's national code stops every tenant that kept it (an instance of its own, as it reaches them all)", async () => {
    const own = sandbox();
    try {
      const call = (m: { api: string }) => freepayForm(own, '/payment/request', { api: m.api, amount: '150000', callback: 'http://localhost:3000/callback' });
      const [a, b] = [await merchant(own), await merchant(own)];
      expect(await answered(await control(own, 'PUT', '/freepay/blacklist/0123456789'))).toEqual({
        status: 201,
        body: { identity: '0123456789', kind: 'nationalCode', reason: null, listedAt: expect.any(String) },
      });
      for (const m of [a, b, { api: 'mahak-default-freepay-key' }]) expect(await answered(await call(m))).toEqual(blacklisted);
      expect((await control(own, 'DELETE', '/freepay/blacklist/0123456789')).status).toBe(204);
      for (const m of [a, b]) expect((await call(m)).status).toBe(200);
    } finally {
      own.close();
    }
  });

  it('the page of an authority issued before the listing refuses (403, the refusal page), and so does acting as the buyer', async () => {
    const m = await companyMerchant();
    const authority = await authorityOf(m);
    expect((await list(m.nationalId)).status).toBe(201);
    const page = await app.app.request(`/freepay/payment/gateway:${authority}`);
    expect(page.status).toBe(403);
    const html = await page.text();
    expect(html).toContain(`<p class="alert" id="closed" data-reason="refused" role="alert">${closedMessages.refused}</p>`);
    expect(html).toContain(`<p id="closed-detail">${freepayCodes.merchantBlacklisted.message}</p>`);
    expect(html).not.toContain('<form');
    const submitted = await freepayForm(app, `/payment/gateway:${authority}`, { action: 'cancel' });
    expect(submitted.status).toBe(403);
    expect(await submitted.text()).toContain('data-reason="refused"');
    expect(await answered(await payAs(m.id, authority))).toEqual({
      status: 403,
      body: { error: 'merchant_blacklisted', message: `payment ${authority} cannot be made: the merchant is blacklisted, as Freepay answers with -4: ${freepayCodes.merchantBlacklisted.message}` },
    });
    // Nothing moved: once off the list the buyer pays it.
    expect((await unlist(m.nationalId)).status).toBe(204);
    expect((await app.app.request(`/freepay/payment/gateway:${authority}`)).status).toBe(200);
    expect((await payAs(m.id, authority)).status).toBe(200);
  });

  it('verify of a payment made before the listing answers -4, for the merchant and another of its identity; after leaving the list it verifies once', async () => {
    const m = await companyMerchant();
    const authority = await authorityOf(m);
    expect((await payAs(m.id, authority)).status).toBe(200);
    expect((await list(m.nationalId)).status).toBe(201);
    expect(await answered(await verify(m, authority))).toEqual(blacklisted);
    const sibling = await companyMerchant(m.nationalId);
    expect(await answered(await verify(sibling, authority))).toEqual(blacklisted);
    const tenant = (await json(await control(app, 'GET', `/tenants/${m.id}`))) as { freepay: { balances: { FREEPAY: number } } };
    expect(tenant.freepay.balances.FREEPAY).toBe(0);
    expect((await unlist(m.nationalId)).status).toBe(204);
    expect((await answered(await verify(m, authority))).body).toMatchObject({ status: 1, amount: 150000, authority });
    const after = (await json(await control(app, 'GET', `/tenants/${m.id}`))) as { freepay: { balances: { FREEPAY: number } } };
    expect(after.freepay.balances.FREEPAY).toBe(150000);
  });

  it('after leaving the list the merchant and the other of its identity take payments again', async () => {
    const one = await companyMerchant();
    const other = await companyMerchant(one.nationalId);
    expect((await list(one.nationalId)).status).toBe(201);
    expect(await answered(await request(other))).toEqual(blacklisted);
    expect((await unlist(one.nationalId)).status).toBe(204);
    for (const m of [one, other]) expect((await answered(await request(m))).body).toEqual({ status: 1, authority: expect.any(String) });
  });
});

describe("a merchant's own status: blacklisted", () => {
  it('stops its request, page and verify (earlier authorities included) but no other tenant, and active again lifts it', async () => {
    const m = await companyMerchant();
    const other = await companyMerchant(m.nationalId);
    const paid = await authorityOf(m);
    expect((await payAs(m.id, paid)).status).toBe(200);
    const open = await authorityOf(m);
    expect((await control(app, 'PATCH', `/tenants/${m.id}/freepay`, { status: 'blacklisted' })).status).toBe(200);
    expect(await answered(await request(m))).toEqual(blacklisted);
    expect((await app.app.request(`/freepay/payment/gateway:${open}`)).status).toBe(403);
    expect(await answered(await verify(m, paid))).toEqual(blacklisted);
    // Freepay's own decision about one merchant: Shaparak's list, which other merchants read, is unchanged.
    expect((await answered(await request(other))).body).toEqual({ status: 1, authority: expect.any(String) });
    expect((await control(app, 'PATCH', `/tenants/${m.id}/freepay`, { status: 'active' })).status).toBe(200);
    expect((await answered(await verify(m, paid))).body).toMatchObject({ status: 1, authority: paid });
    expect((await app.app.request(`/freepay/payment/gateway:${open}`)).status).toBe(200);
  });
});
