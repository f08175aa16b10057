// Helpers of the ICE report-request tests: an instance on a manual wall clock (every tenant's time
// exact), a signed-in tenant, requests by body, and the request view a test expects in whole.
import { expect } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { createInstance, type Instance } from '../../src/instance.js';
import { shownTime } from '../../src/providers/ice/time.js';
import { control } from '../helpers.js';
import { ice, iceTenant, signIn, type IceTenant } from './helpers.js';

/** 2026-11-30 10:00 in Tehran: 1405/09/09, a Monday. */
export const startIso = '2026-11-30T10:00:00+03:30';
export const startMs = Date.parse(startIso);

export function clockedInstance(): Instance {
  return createInstance({ db: ':memory:', worldSeed: 'test-world', wall: manualClock(startMs) });
}

export interface Panel {
  tenant: IceTenant;
  token: string;
}

/** A tenant of its own (with ICE overrides, e.g. `{ consentLifetimeMinutes: 5 }`), signed in. */
export async function panel(instance: Instance, ice: Record<string, unknown> = {}): Promise<Panel> {
  const tenant = await iceTenant(instance, Object.keys(ice).length ? { ice } : {});
  return { tenant, token: await signIn(instance, tenant) };
}

export const natural = (mobile: string, payer: 'credit' | 'person' = 'credit', nationalCode = '0020000014') => ({ personType: 'natural', nationalCode, mobile, payer });
export const legal = (mobile: string, payer: 'credit' | 'person' = 'credit', nationalId = '10101234508') => ({ personType: 'legal', nationalId, mobile, payer });

export async function call(instance: Instance, p: Panel, path: string, options: { method?: string; body?: unknown } = {}) {
  const res = await ice(instance, path, { token: p.token, ...options });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Requests a report and answers the created request (201 expected). */
export async function requested(instance: Instance, p: Panel, body: unknown): Promise<Record<string, unknown> & { trackingCode: string }> {
  const res = await call(instance, p, '/api/v1/reports', { body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Record<string, unknown> & { trackingCode: string };
}

export const at = (ms: number) => shownTime(ms);
export const minutes = (n: number) => n * 60_000;
export const hours = (n: number) => n * 3_600_000;

/** Sets the tenant's clock to `ms` (its catch-up runs then) and signs in again, as a session lasts 12 hours. */
export async function clockTo(instance: Instance, p: Panel, ms: number): Promise<void> {
  const res = await control(instance, 'POST', `/tenants/${p.tenant.id}/clock`, { set: new Date(ms).toISOString() });
  expect(res.status).toBe(200);
  p.token = await signIn(instance, p.tenant);
}

const stateLabels = { pending: 'در انتظار تأیید', viewable: 'قابل مشاهده', rejected: 'رد شده توسط شخص', expired: 'منقضی شده', archived: 'بایگانی', deleted: 'حذف شده' };

/** The whole request view of a natural-person request made at `requestedMs`, with `changes` over it. */
export function view(trackingCode: string, body: ReturnType<typeof natural> | ReturnType<typeof legal>, requestedMs: number, changes: Record<string, unknown> = {}) {
  const state = (changes.state as keyof typeof stateLabels | undefined) ?? 'pending';
  return {
    trackingCode,
    state,
    stateLabel: stateLabels[state],
    personType: body.personType,
    nationalCode: 'nationalCode' in body ? body.nationalCode : null,
    nationalId: 'nationalId' in body ? body.nationalId : null,
    mobile: body.mobile,
    payer: body.payer,
    payerLabel: body.payer === 'credit' ? 'پرداخت از اعتبار' : 'پرداخت توسط شخص',
    price: { reportRial: 91_750, vatRial: 8_250, totalRial: 100_000 },
    sms: 'sent',
    businessName: 'شرکت نمونه ماهک',
    requestedAt: at(requestedMs),
    consentExpiresAt: at(requestedMs + hours(24)),
    approvedAt: null,
    viewableUntil: null,
    rejectedAt: null,
    expiredAt: null,
    archivedAt: null,
    refundedAt: null,
    ...changes,
  };
}

/** The ledger rows (newest first), as GET /ice/api/v1/wallet/transactions lists them. */
export async function ledgerRows(instance: Instance, p: Panel): Promise<Record<string, unknown>[]> {
  const res = await call(instance, p, '/api/v1/wallet/transactions?size=100');
  expect(res.status).toBe(200);
  return res.body.transactions as Record<string, unknown>[];
}

export async function smsTo(instance: Instance, tenantId: string, mobile: string) {
  const res = await control(instance, 'GET', `/tenants/${tenantId}/outbox?recipient=${mobile}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { entries: { recipient: string; message: { text: string } }[] }).entries;
}
