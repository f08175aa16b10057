// ICE's webhook events delivered to a real receiver on a loopback port: a report's states in the
// order they happened (an expiry dated at the consent deadline), a wallet charge's outcome, and
// the API onboarding, whose move to live makes the business's webhook URL the tenant's endpoint.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/index.js';
import { control } from '../helpers.js';
import { ice } from './helpers.js';
import { openCharge, payAs } from './bank-helpers.js';
import { documents, goLive } from './api-access-helpers.js';
import { endpoint, events, receiver, settle, type Receiver } from '../webhooks/receiver.js';
import { at, call, clockTo, clockedInstance, hours, natural, panel, requested, startMs, view } from './report-helpers.js';

const instance = clockedInstance();
afterAll(() => instance.close());
const receivers: Receiver[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
});
async function listening() {
  const r = await receiver(() => ({ status: 204 }));
  receivers.push(r);
  return r;
}

const iso = (ms: number) => new Date(ms).toISOString();
const parsed = (body: string) => JSON.parse(body) as Record<string, unknown>;

/** The body an ICE event arrives with; its id is the one the headers carry. */
const delivered = (id: unknown, type: string, occurredMs: number, data: unknown) => ({ id, type, provider: 'ice', occurredAt: iso(occurredMs), data });

describe('report events', () => {
  it('a rejected request arrives as ice.report.pending then ice.report.rejected, signed with the endpoint secret', async () => {
    const p = await panel(instance);
    const r = await listening();
    const secret = await endpoint(instance, p.tenant.id, r.url);
    const body = natural('09120000002');
    const { trackingCode } = await requested(instance, p, body);
    // The scripted person answers in the catch-up of the tenant's next call.
    expect((await call(instance, p, `/api/v1/reports/${trackingCode}`)).body.state).toBe('rejected');
    const [pending, rejected] = await r.arrived(2);
    await settle(instance);
    expect(r.received).toHaveLength(2);
    for (const got of [pending!, rejected!]) {
      // The manual wall clock stands at startMs, and it is what the timestamp header is taken from.
      expect(verifyWebhook(secret, got.headers, got.body, { nowMs: startMs })).toEqual({
        ok: true,
        id: got.headers['mahak-webhook-id'],
        type: got.headers['mahak-webhook-type'],
        timestampSeconds: Math.floor(startMs / 1000),
      });
    }
    expect(parsed(pending!.body)).toEqual(delivered(pending!.headers['mahak-webhook-id'], 'ice.report.pending', startMs, { ...view(trackingCode, body, startMs), deletedAt: null }));
    expect(parsed(rejected!.body)).toEqual(
      delivered(rejected!.headers['mahak-webhook-id'], 'ice.report.rejected', startMs, {
        ...view(trackingCode, body, startMs, { state: 'rejected', rejectedAt: at(startMs), refundedAt: at(startMs) }),
        deletedAt: null,
      }),
    );
  });

  it('a consent left unanswered arrives as ice.report.expired dated at the consent deadline, however far the clock went past it', async () => {
    const p = await panel(instance);
    const r = await listening();
    await endpoint(instance, p.tenant.id, r.url);
    const body = natural('09120000003');
    const { trackingCode } = await requested(instance, p, body);
    await clockTo(instance, p, startMs + hours(30));
    const [, expired] = await r.arrived(2);
    await settle(instance);
    const deadline = startMs + hours(24);
    expect(parsed(expired!.body)).toEqual(
      delivered(expired!.headers['mahak-webhook-id'], 'ice.report.expired', deadline, {
        ...view(trackingCode, body, startMs, { state: 'expired', expiredAt: at(deadline), refundedAt: at(deadline) }),
        deletedAt: null,
      }),
    );
    expect(r.received.map((got) => got.headers['mahak-webhook-type'])).toEqual(['ice.report.pending', 'ice.report.expired']);
  });

  it('a request refused for want of credit leaves no event, as it leaves no request', async () => {
    const p = await panel(instance, { reportPriceRial: 20_000_000 });
    const res = await call(instance, p, '/api/v1/reports', { body: natural('09120000003') });
    expect(res.status).toBe(402);
    expect(await events(instance, p.tenant.id)).toEqual([]);
  });
});

describe('wallet charge events', () => {
  it('a paid wallet charge arrives as ice.charge.paid with the charge as the API shows it', async () => {
    const p = await panel(instance);
    const r = await listening();
    await endpoint(instance, p.tenant.id, r.url);
    const { chargeId } = await openCharge(instance, p.token);
    expect((await payAs(instance, p.tenant.id, chargeId, { card: '6037990000010013' })).status).toBe(200);
    const [got] = await r.arrived(1);
    await settle(instance);
    const shown = (await (await ice(instance, `/api/v1/wallet/charges/${chargeId}`, { token: p.token })).json()) as Record<string, unknown>;
    expect(shown.status).toBe('paid');
    const { paymentUrl: _url, returnUrl: _return, ...charge } = shown;
    expect(parsed(got!.body)).toEqual(delivered(got!.headers['mahak-webhook-id'], 'ice.charge.paid', startMs, { ...charge, purpose: 'wallet' }));
  });

  it('a failed and a cancelled charge arrive as ice.charge.failed and ice.charge.cancelled', async () => {
    const p = await panel(instance);
    const r = await listening();
    await endpoint(instance, p.tenant.id, r.url);
    const failing = await openCharge(instance, p.token);
    await payAs(instance, p.tenant.id, failing.chargeId, { card: '6104330000020027' });
    const cancelled = await openCharge(instance, p.token);
    await payAs(instance, p.tenant.id, cancelled.chargeId, { cancel: true });
    await r.arrived(2);
    await settle(instance);
    expect(r.received.map((got) => [got.headers['mahak-webhook-type'], (parsed(got.body).data as Record<string, unknown>).chargeId])).toEqual([
      ['ice.charge.failed', failing.chargeId],
      ['ice.charge.cancelled', cancelled.chargeId],
    ]);
    expect(parsed(r.received[0]!.body).data).toMatchObject({ status: 'failed', failure: 'insufficient_funds', failureMessage: expect.any(String) });
  });
});

describe('API onboarding events', () => {
  it('going live makes the business webhook URL the tenant ICE endpoint, and ice.api_access.live arrives there', async () => {
    const p = await panel(instance);
    const r = await listening();
    await goLive(instance, p.tenant.id, p.token, { ...documents, webhookUrl: r.url });
    const [got] = await r.arrived(1);
    await settle(instance);
    const liveMs = startMs + hours(2);
    expect(parsed(got!.body)).toEqual(delivered(got!.headers['mahak-webhook-id'], 'ice.api_access.live', liveMs, { businessId: expect.any(String), requestNumber: expect.any(Number), step: 'live' }));
    const shown = await control(instance, 'GET', `/tenants/${p.tenant.id}/webhooks/ice`);
    expect(((await shown.json()) as { url: string }).url).toBe(r.url);
    // The steps before had no endpoint to go to: kept, to be redelivered once one is set.
    const kept = (await events(instance, p.tenant.id, '?provider=ice')) as { type: string; state: string }[];
    expect(kept.map((e) => [e.type, e.state]).reverse()).toEqual([
      ['ice.api_access.company', 'no_endpoint'],
      ['ice.api_access.contracts', 'no_endpoint'],
      ['ice.api_access.invoice', 'no_endpoint'],
      ['ice.api_access.documents', 'no_endpoint'],
      ['ice.api_access.going_live', 'no_endpoint'],
      ['ice.api_access.live', 'delivered'],
    ]);
  });
});
