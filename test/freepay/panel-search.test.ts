// The panel search traces a failed payment with little information (seed 002 lines 81, 123, 221):
// the whole card number, the tracking code (ref_id), the amount and a time window, alone or
// together; a parameter the search does not know is refused, never silently ignored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, freepayForm, json, merchant, sandbox } from '../helpers.js';
import { freepayCodes, panelFilters } from '../../src/providers/freepay/catalog.js';

const app = sandbox();
afterAll(() => app.close());

type Merchant = { id: string; api: string };
const panel = (m: Merchant, query: string) => app.app.request(`/freepay/panel/transactions?${query}`, { headers: { Authorization: `Bearer ${m.api}` } });
const advance = (m: Merchant, seconds: number) => control(app, 'POST', `/tenants/${m.id}/clock`, { advanceSeconds: seconds });

async function payment(m: Merchant, amount: number, card: string) {
  const { authority } = (await json(await freepayForm(app, '/payment/request', { api: m.api, amount: String(amount), callback: 'http://localhost/back' }))) as { authority: string };
  expect((await control(app, 'POST', `/tenants/${m.id}/freepay/payments/${authority}/pay`, { card })).status).toBe(200);
  return authority;
}

let m: Merchant;
// 10:00 paid 150,000 (MELLI …0013); 10:05 failed 90,000 (MELLAT 6104330000020027, not enough money);
// 10:10 paid 90,000 (another MELLAT card, same first six and last four); 10:15 paid 90,000
// (MELLI, same last four); 10:20 failed 250,000 (SEPAH, wrong PIN2). All on 1405/09/02, Tehran.
const t: Record<'paid' | 'failed' | 'twin' | 'sameLastFour' | 'pin', string> = { paid: '', failed: '', twin: '', sameLastFour: '', pin: '' };
let paidRefId = '';

beforeAll(async () => {
  m = await merchant(app);
  await control(app, 'POST', `/tenants/${m.id}/clock`, { freeze: true });
  await control(app, 'POST', `/tenants/${m.id}/clock`, { set: '2026-11-23T10:00:00+03:30' });
  t.paid = await payment(m, 150_000, '6037990000010013');
  await advance(m, 300);
  t.failed = await payment(m, 90_000, '6104330000020027');
  await advance(m, 300);
  t.twin = await payment(m, 90_000, '6104331000000027');
  await advance(m, 300);
  t.sameLastFour = await payment(m, 90_000, '6037991000030027');
  await advance(m, 300);
  t.pin = await payment(m, 250_000, '5892100000030039');
  // Another merchant's payment with the same card is never listed.
  const other = await merchant(app);
  await payment(other, 90_000, '6104330000020027');
  const found = (await json(await app.app.request(`/freepay/panel/transactions/${t.paid}`, { headers: { Authorization: `Bearer ${m.api}` } }))) as { transaction: { ref_id: string } };
  paidRefId = found.transaction.ref_id;
});

const pick = async (query: string) => {
  const res = await panel(m, query);
  const body = (await json(res)) as { status: number; total: number; transactions: { authority: string }[] };
  expect({ http: res.status, status: body.status }).toEqual({ http: 200, status: 1 });
  expect(body.total).toBe(body.transactions.length);
  return body.transactions.map((x) => x.authority);
};
const refused = async (query: string) => {
  const res = await panel(m, query);
  return { status: res.status, body: await json(res) };
};
const invalid = (detail: string) => ({ status: 400, body: { status: -1, message: `${freepayCodes.invalidInput.message} (${detail})` } });

describe('GET /freepay/panel/transactions: by card', () => {
  it('finds the whole card number as written on the card, spaced, dashed or in Persian digits: same first six and last four', async () => {
    for (const card of ['6104330000020027', '6104 3300 0002 0027', '6104-3300-0002-0027', '۶۱۰۴۳۳۰۰۰۰۰۲۰۰۲۷']) {
      // The panel keeps the card masked (first six, last four), so a card sharing both is listed too.
      expect(await pick(`card=${encodeURIComponent(card)}`)).toEqual([t.twin, t.failed]);
    }
  });

  it('finds the masked card the panel shows, and the last four digits alone', async () => {
    expect(await pick(`card=${encodeURIComponent('610433******0027')}`)).toEqual([t.twin, t.failed]);
    expect(await pick('card=0027')).toEqual([t.sameLastFour, t.twin, t.failed]);
    expect(await pick('card=6037990000010013')).toEqual([t.paid]);
    expect(await pick('card=6219860000060062')).toEqual([]);
  });

  it.each([
    ['6104330000020028', 'a wrong check digit'],
    ['610433000002002', 'fifteen digits'],
    ['61043300000200271', 'seventeen digits'],
    ['12', 'two digits'],
    ['6104330000020027x', 'a letter'],
  ])('refuses card=%s (%s) with -1', async (card) => {
    expect(await refused(`card=${card}`)).toEqual(invalid('card'));
  });
});

describe('GET /freepay/panel/transactions: by tracking code', () => {
  it('ref_id finds the one payment it names, in ASCII or Persian digits', async () => {
    expect(paidRefId).toMatch(/^\d{12}$/);
    expect(await pick(`ref_id=${paidRefId}`)).toEqual([t.paid]);
    const persian = paidRefId.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    expect(await pick(`ref_id=${encodeURIComponent(persian)}`)).toEqual([t.paid]);
    expect(await pick('ref_id=000000000000')).toEqual([]);
  });

  it('refuses a ref_id that is not digits', async () => {
    expect(await refused('ref_id=abc')).toEqual(invalid('ref_id'));
  });
});

describe('GET /freepay/panel/transactions: by amount and time window', () => {
  it('amount, min_amount and max_amount', async () => {
    expect(await pick('amount=90000')).toEqual([t.sameLastFour, t.twin, t.failed]);
    expect(await pick('min_amount=100000')).toEqual([t.pin, t.paid]);
    expect(await pick('min_amount=100000&max_amount=200000')).toEqual([t.paid]);
  });

  it('from and to as Jalali date-times (the panel’s own form, to inclusive), ISO date-times or days', async () => {
    expect(await pick(`from=${encodeURIComponent('1405/09/02 10:05')}&to=${encodeURIComponent('1405/09/02 10:10')}`)).toEqual([t.twin, t.failed]);
    expect(await pick(`from=${encodeURIComponent('1405/09/02 10:05:01')}&to=${encodeURIComponent('1405/09/02 10:10:00')}`)).toEqual([t.twin]);
    expect(await pick(`from=${encodeURIComponent('۱۴۰۵/۰۹/۰۲ ۱۰:۱۵')}`)).toEqual([t.pin, t.sameLastFour]);
    expect(await pick(`from=${encodeURIComponent('2026-11-23T10:04:00+03:30')}&to=${encodeURIComponent('2026-11-23T10:06:00+03:30')}`)).toEqual([t.failed]);
    expect(await pick('from=1405/09/02&to=1405/09/02')).toEqual([t.pin, t.sameLastFour, t.twin, t.failed, t.paid]);
  });

  it.each([
    ['from=1405/09/02 25:00', 'from'],
    ['to=1405/09/02 10:61', 'to'],
    ['from=1405/09/03&to=1405/09/02', 'to'],
  ])('refuses %s with -1', async (query, field) => {
    expect(await refused(query.replace(/ /g, '%20'))).toEqual(invalid(field));
  });
});

describe('GET /freepay/panel/transactions: filters together', () => {
  it('the whole card, the amount, a time window and the status narrow to the one failed payment', async () => {
    const card = encodeURIComponent('6104 3300 0002 0027');
    const window = `from=${encodeURIComponent('1405/09/02 10:00')}&to=${encodeURIComponent('1405/09/02 10:30')}`;
    expect(await pick(`card=${card}&amount=90000&${window}`)).toEqual([t.twin, t.failed]);
    expect(await pick(`card=${card}&amount=90000&${window}&status=failed`)).toEqual([t.failed]);
    expect(await pick(`card=0027&min_amount=80000&max_amount=95000&status=paid`)).toEqual([t.sameLastFour, t.twin]);
    expect(await pick(`ref_id=${paidRefId}&amount=150000&${window}`)).toEqual([t.paid]);
    expect(await pick(`ref_id=${paidRefId}&amount=90000`)).toEqual([]);
    expect(await pick(`ref_id=${paidRefId}&card=0027`)).toEqual([]);
    expect(await pick(`authority=${t.pin}&status=failed&min_amount=200000`)).toEqual([t.pin]);
  });
});

describe('GET /freepay/panel/transactions: unknown parameters', () => {
  it.each(['refid', 'cardNumber', 'tracking_code', 'Status'])('refuses %s instead of listing everything', async (name) => {
    expect(await refused(`${name}=1`)).toEqual(invalid(`${name}: not a filter; use ${Object.values(panelFilters).join(', ')}`));
  });
});
