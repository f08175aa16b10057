// Freepay's webhook events at a real receiver: a payment's outcome on the page (paid, failed,
// cancelled), its verify, the return of a failed payment's money and each settlement, each
// carrying the panel's view of what changed, signed, and sent only for the types the merchant takes.
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { createInstance } from '../../src/instance.js';
import { verifyWebhook } from '../../src/core/webhooks/index.js';
import { freepayEventTypes } from '../../src/providers/freepay/event-types.js';
import { control, freepayForm, json, merchant } from '../helpers.js';
import { advance, endpoint, events, freeze, receiver, settle, type Receiver } from './receiver.js';

const instance = createInstance({ db: ':memory:', worldSeed: 'test-world' });
afterAll(() => instance.close());
const receivers: Receiver[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
});

const cards = { success: '6037990000010013', insufficientFunds: '6104330000020027', deductedThenFailed: '5022290000090092' };

/** A merchant of its own on a frozen clock, its Freepay endpoint at a fresh receiver. */
async function merchantWithReceiver(freepay: Record<string, unknown> = {}) {
  const m = await merchant(instance, { freepay });
  await freeze(instance, m.id);
  const r = await receiver();
  receivers.push(r);
  const secret = await endpoint(instance, m.id, r.url, 'freepay');
  return { ...m, r, secret };
}

async function requestPayment(api: string, amount = 120_000): Promise<string> {
  const res = await freepayForm(instance, '/payment/request', { api, amount: String(amount), callback: 'http://localhost/back' });
  expect(res.status).toBe(200);
  return ((await json(res)) as { authority: string }).authority;
}

async function pay(tenantId: string, authority: string, action: { card: string } | { cancel: true }): Promise<void> {
  const res = await control(instance, 'POST', `/tenants/${tenantId}/freepay/payments/${authority}/pay`, action);
  expect(res.status).toBe(200);
  await settle(instance);
}

async function verify(api: string, authority: string, amount = 120_000): Promise<void> {
  const res = await freepayForm(instance, '/payment/verify', { api, authority, amount: String(amount) });
  expect(res.status).toBe(200);
  await settle(instance);
}

/** The panel's view of one transaction now. */
async function panelTransaction(api: string, authority: string): Promise<unknown> {
  const res = await instance.app.request(`/freepay/panel/transactions/${authority}`, { headers: { authorization: `Bearer ${api}` } });
  expect(res.status).toBe(200);
  return ((await json(res)) as { transaction: unknown }).transaction;
}

/** The deliveries' bodies, parsed, oldest first. */
const bodies = (r: Receiver) => r.received.map((x) => JSON.parse(x.body) as { id: string; type: string; provider: string; occurredAt: string; data: unknown });

describe('Freepay payment events', () => {
  test('a paid payment sends freepay.payment.paid, then its verify freepay.payment.verified, each with the panel’s view of the payment, signed', async () => {
    const m = await merchantWithReceiver();
    const authority = await requestPayment(m.api);
    await pay(m.id, authority, { card: cards.success });
    await m.r.arrived(1);
    const afterPay = await panelTransaction(m.api, authority);
    await verify(m.api, authority);
    await m.r.arrived(2);
    const afterVerify = (await panelTransaction(m.api, authority)) as { paid_at: { iso: string }; verified_at: { iso: string } };

    const [paid, verified] = bodies(m.r);
    expect(paid).toEqual({ id: expect.stringMatching(/^whe_/), type: 'freepay.payment.paid', provider: 'freepay', occurredAt: afterVerify.paid_at.iso, data: afterPay });
    expect(verified).toEqual({ id: expect.stringMatching(/^whe_/), type: 'freepay.payment.verified', provider: 'freepay', occurredAt: afterVerify.verified_at.iso, data: afterVerify });
    expect(afterVerify).toMatchObject({ authority, status: 'verified', amount: 120_000, card_pan: '603799******0013' });
    for (const delivery of m.r.received) {
      const check = verifyWebhook(m.secret, delivery.headers, Buffer.from(delivery.body));
      expect(check).toEqual({ ok: true, id: JSON.parse(delivery.body).id, type: JSON.parse(delivery.body).type, timestampSeconds: expect.any(Number) });
    }
    // A second verify answers "already verified" and changes nothing, so it sends nothing.
    await verify(m.api, authority);
    expect(m.r.received).toHaveLength(2);
  });

  test('a refused card sends freepay.payment.failed with the failure, and a cancel freepay.payment.cancelled', async () => {
    const m = await merchantWithReceiver();
    const refused = await requestPayment(m.api);
    await pay(m.id, refused, { card: cards.insufficientFunds });
    const cancelled = await requestPayment(m.api);
    await pay(m.id, cancelled, { cancel: true });
    await m.r.arrived(2);
    const [failed, cancel] = bodies(m.r);
    expect(failed).toMatchObject({ type: 'freepay.payment.failed', data: await panelTransaction(m.api, refused) });
    expect(failed!.data).toMatchObject({ status: 'failed', failure: 'insufficient_funds', failure_message: expect.any(String) });
    expect(cancel).toMatchObject({ type: 'freepay.payment.cancelled', data: await panelTransaction(m.api, cancelled) });
    expect(cancel!.data).toMatchObject({ status: 'cancelled', card_pan: null });
  });

  test('money a failed payment took sends freepay.payment.reversed, dated when it went back to the card, once the clock gets there', async () => {
    const m = await merchantWithReceiver();
    const authority = await requestPayment(m.api);
    await pay(m.id, authority, { card: cards.deductedThenFailed });
    await m.r.arrived(1);
    await advance(instance, m.id, 30 * 24 * 3600);
    // The return is noticed when the tenant's Freepay state is next read.
    const after = (await panelTransaction(m.api, authority)) as { status: string; reversed_at: { iso: string } };
    await settle(instance);
    await m.r.arrived(2);
    expect(after.status).toBe('reversed');
    expect(bodies(m.r).map((b) => b.type)).toEqual(['freepay.payment.failed', 'freepay.payment.reversed']);
    expect(bodies(m.r)[1]).toMatchObject({ occurredAt: after.reversed_at.iso, data: { authority, status: 'reversed', reversed_at: after.reversed_at } });
  });
});

describe('Freepay settlement events', () => {
  test('a settlement sends freepay.settlement.done with the settlement as the panel lists it, dated at its run', async () => {
    const m = await merchantWithReceiver();
    const authority = await requestPayment(m.api, 250_000);
    await pay(m.id, authority, { card: cards.success });
    await verify(m.api, authority, 250_000);
    await advance(instance, m.id, 10 * 24 * 3600);
    const res = await instance.app.request('/freepay/panel/settlements', { headers: { authorization: `Bearer ${m.api}` } });
    const { settlements } = (await json(res)) as { settlements: { at: { iso: string } }[] };
    expect(settlements).toHaveLength(1);
    await settle(instance);
    await m.r.arrived(3);
    const done = bodies(m.r)[2];
    expect(done).toEqual({ id: expect.any(String), type: 'freepay.settlement.done', provider: 'freepay', occurredAt: settlements[0]!.at.iso, data: settlements[0] });
    expect(done!.data).toMatchObject({ amount: 250_000, payments: 1, iban: 'IR120170000001234567890123' });
  });
});

describe('the events a merchant takes', () => {
  test('webhookEvents chooses the types sent; the others are not even stored', async () => {
    const m = await merchantWithReceiver({ webhookEvents: ['freepay.payment.verified'] });
    const authority = await requestPayment(m.api);
    await pay(m.id, authority, { card: cards.success });
    await verify(m.api, authority);
    await m.r.arrived(1);
    expect(bodies(m.r).map((b) => b.type)).toEqual(['freepay.payment.verified']);
    expect((await events(instance, m.id)).map((e) => (e as { type: string }).type)).toEqual(['freepay.payment.verified']);
  });

  test('by default a merchant takes every type; [] takes none; an unknown or repeated type is refused with the reason', async () => {
    const m = await merchant(instance);
    const view = async () => ((await json(await control(instance, 'GET', `/tenants/${m.id}`))) as { freepay: { webhookEvents: string[] } }).freepay.webhookEvents;
    expect(await view()).toEqual([...freepayEventTypes]);
    const none = await control(instance, 'PATCH', `/tenants/${m.id}/freepay`, { webhookEvents: [] });
    expect(none.status).toBe(200);
    expect(await view()).toEqual([]);
    const unknown = await control(instance, 'PATCH', `/tenants/${m.id}/freepay`, { webhookEvents: ['freepay.payment.refunded'] });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await json(unknown))).toContain('webhookEvents');
    const twice = await control(instance, 'PATCH', `/tenants/${m.id}/freepay`, { webhookEvents: ['freepay.settlement.done', 'freepay.settlement.done'] });
    expect(twice.status).toBe(400);
    expect(JSON.stringify(await json(twice))).toContain('must not name an event twice');
  });
});
