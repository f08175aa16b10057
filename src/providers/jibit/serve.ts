// Serving a billable call: refuse up front when the daily limit or the prepaid wallet is
// spent, do the work, then count and charge in one transaction. Errors cost nothing.
import { tehranJalaliDay } from '../../core/calendar.js';
import { answer, type AppContext, type JsonAnswer } from '../../core/http.js';
import type { MeteredCall, Refusal } from '../../core/meter.js';
import { billableEndpointIds } from './catalog.js';
import { jibitError } from './errors.js';
import { jibitSettings } from './settings.js';

const billable = new Set(billableEndpointIds);
/** A spent prepaid wallet answers what the tenant chose (exhaustedWallet): the document names no code for it. */
const refusalCode = (refusal: Refusal, c: AppContext) =>
  refusal === 'limit' ? 'daily_limit.reached' : jibitSettings(callContext(c).tenant).exhaustedWallet;

/** The authenticated tenant, its clock and the endpoint, as the pipeline set them. */
export function callContext(c: AppContext) {
  const tenant = c.get('tenant');
  const clock = c.get('clock');
  const endpointId = c.get('endpointId');
  if (!tenant || !clock || !endpointId) throw new Error('Jibit call context used before authentication');
  return { tenant, clock, endpointId };
}

function meteredCall(c: AppContext): { call: MeteredCall; nowMs: number } | undefined {
  const { tenant, clock, endpointId } = callContext(c);
  if (!billable.has(endpointId)) return undefined;
  const settings = jibitSettings(tenant);
  const nowMs = clock.now();
  return {
    nowMs,
    call: {
      tenantId: tenant.id,
      endpointId,
      tehranDay: tehranJalaliDay(nowMs),
      dailyLimit: settings.dailyLimits[endpointId] ?? 0,
      priceRial: settings.prices[endpointId] ?? 0,
      billing: settings.billing,
    },
  };
}

export { answer };

/** Answers 200 with what `work` returns, metering the call when the endpoint is billable. */
export function serve<T extends object>(c: AppContext, work: () => T): JsonAnswer<T> {
  const metered = meteredCall(c);
  const { meter } = c.get('deps');
  if (metered) {
    const refusal = meter.check(metered.call);
    if (refusal) throw jibitError(refusalCode(refusal, c));
  }
  const body = work();
  if (metered) {
    const refusal = meter.commit(metered.call, metered.nowMs);
    if (refusal) throw jibitError(refusalCode(refusal, c));
    c.set('chargedRial', metered.call.priceRial);
  }
  return answer(c, body);
}
