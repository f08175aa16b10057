// How the control API shows a tenant: settings as they apply (defaults filled in), wallet
// balances, today's usage and the tenant clock.
import { tehranJalaliDay } from '../core/calendar.js';
import type { AppDeps } from '../core/http.js';
import { clockOf, getTenant, type TenantRow } from '../core/tenants.js';
import { jibitSettings } from '../providers/jibit/settings.js';
import { freepayMerchant } from '../providers/freepay/merchant.js';
import { catchUpFreepay, freepayBalance } from '../providers/freepay/money.js';
import { notFound } from './errors.js';
import { maskSecret } from '../core/journal.js';

export const isoTime = (epochMs: number) => new Date(epochMs).toISOString();

export function clockView(row: TenantRow, deps: AppDeps) {
  const nowMs = clockOf(row, deps.wall).now();
  return { now: isoTime(nowMs), frozen: row.clockFrozenAtMs !== null, tehranDay: tehranJalaliDay(nowMs) };
}

export function tenantView(row: TenantRow, deps: AppDeps) {
  const settings = jibitSettings(row);
  const clock = clockView(row, deps);
  catchUpFreepay(deps, row.id, clockOf(row, deps.wall).now());
  const usedToday = Object.fromEntries(deps.meter.usageOnDay(row.id, clock.tehranDay).map((u) => [u.endpointId, u.count]));
  return {
    id: row.id,
    name: row.name,
    createdAt: isoTime(row.createdAtMs),
    clock,
    scenario: row.scenario,
    jibit: {
      apiKey: row.jibitApiKey,
      // Secrets show once, in the creation answer; the apiKey is an identifier and stays readable.
      secretKey: maskSecret(row.jibitSecretKey),
      allowedIps: settings.allowedIps,
      billing: settings.billing,
      balances: deps.meter.balances(row.id),
      dailyLimits: settings.dailyLimits,
      prices: settings.prices,
      usedToday,
    },
    freepay: {
      // Freepay's merchant key is its only credential: a secret, masked like the Jibit one.
      apiKey: row.freepayApiKey === null ? null : maskSecret(row.freepayApiKey),
      ...freepayMerchant(row),
      balances: { FREEPAY: freepayBalance(deps.db, row.id, 'FREEPAY'), FREEPAY_HELD: freepayBalance(deps.db, row.id, 'FREEPAY_HELD') },
    },
  };
}

export function requireTenant(deps: AppDeps, id: string): TenantRow {
  const row = getTenant(deps.db, id);
  if (!row) throw notFound(`tenant ${id}`);
  return row;
}
