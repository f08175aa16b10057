// The panel's transaction search as a merchant types it (GET /panel/transactions): each query
// parameter read into a PanelFilter, or -1 naming the parameter that is wrong. The help centre
// promises tracing a failed payment "with the least information" (seed 002 lines 81, 221): the
// card as printed, the tracking code, the amount, a time window. A parameter the search does not
// know is refused: ignoring it would list everything and pass a check by accident.
import { z } from '@hono/zod-openapi';
import { parseJalaliYyMmDd, tehranInstant } from '../../core/calendar.js';
import { isValidCardNumber, toAsciiDigits } from '../../core/world/numbers.js';
import { maskPan } from '../../web/index.js';
import { freepayCodes, panelFilters } from './catalog.js';
import { FreepayError } from './errors.js';
import { panelWindow, type PanelFilter } from './panel-query.js';
import type { ShownStatus } from './payments.js';

export const shownStatuses: ShownStatus[] = ['pending', 'paid', 'verified', 'failed', 'cancelled', 'expired', 'reversed'];
export const maxPerPage = 100;

const known: readonly string[] = Object.values(panelFilters);
const bad = (detail: string) => new FreepayError('invalidInput', {}, `${freepayCodes.invalidInput.message} (${detail})`);

/**
 * A bound of the time window: a Jalali day (1405/09/02, 14050902) or ISO date (whole Tehran
 * days), a Jalali date-time as the panel shows it (1405/09/02 10:30, seconds optional; `to`
 * includes the whole minute or second written), or an ISO date-time.
 */
function bound(value: string | undefined, field: string, end: boolean): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = toAsciiDigits(value.trim());
  const jalali = /^(\d{4})\/?(\d{2})\/?(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (jalali && Number(jalali[1]) < 1700) {
    const [, year, month, dayOfMonth, hour, minute, second] = jalali;
    const day = parseJalaliYyMmDd(`${year!.slice(2)}${month}${dayOfMonth}`);
    if (!day || !day.startsWith(year!)) throw bad(field);
    if (hour === undefined) return end ? tehranInstant(day, 24) : tehranInstant(day, 0);
    if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) throw bad(field);
    const atMs = tehranInstant(day, Number(hour)) + Number(minute) * 60_000 + Number(second ?? 0) * 1000;
    return end ? atMs + (second === undefined ? 60_000 : 1000) : atMs;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const ms = Date.parse(`${text}T00:00:00+03:30`);
    if (Number.isNaN(ms)) throw bad(field);
    return end ? ms + 24 * 3600 * 1000 : ms;
  }
  const ms = z.iso.datetime({ offset: true }).safeParse(text).success ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) throw bad(field);
  return end ? ms + 1 : ms;
}

function positiveInt(value: string | undefined, field: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined || value.trim() === '') return fallback;
  const text = toAsciiDigits(value.trim());
  if (!/^\d{1,15}$/.test(text) || Number(text) < 1 || Number(text) > max) throw bad(field);
  return Number(text);
}

/**
 * The card as the merchant has it: the last four digits, the whole number as printed (spaces or
 * dashes allowed, Luhn checked), or the masked form the panel shows. Payments keep only the
 * masked card (first six, last four), so a whole number is matched on those ten digits: a hash
 * of the rest would add nothing, as the ten kept in clear leave too few candidates to hide it.
 */
function cardFilter(value: string | undefined): Pick<PanelFilter, 'card' | 'cardPan'> {
  if (value === undefined) return {};
  const text = toAsciiDigits(value.trim()).replace(/[\s-]/g, '');
  if (/^\d{4}$/.test(text)) return { card: text };
  if (/^\d{16}$/.test(text) && isValidCardNumber(text)) return { card: text.slice(-4), cardPan: maskPan(text) };
  if (/^\d{6}\*{6}\d{4}$/.test(text)) return { card: text.slice(-4), cardPan: text };
  throw bad(panelFilters.card);
}

/** A code made of digits (authority, ref_id), Persian digits read as ASCII. */
function digitsFilter(value: string | undefined, field: string): string | undefined {
  const text = value === undefined ? '' : toAsciiDigits(value.trim());
  if (text === '') return undefined;
  if (!/^\d{1,32}$/.test(text)) throw bad(field);
  return text;
}

export interface PanelQuery {
  filter: PanelFilter;
  page: number;
  perPage: number;
}

export function readPanelQuery(query: Record<string, string>): PanelQuery {
  const unknown = Object.keys(query).find((name) => !known.includes(name));
  if (unknown !== undefined) throw bad(`${unknown}: not a filter; use ${known.join(', ')}`);
  const q = (name: string): string | undefined => query[name];
  const status = q(panelFilters.status);
  if (status !== undefined && !shownStatuses.includes(status as ShownStatus)) throw bad(panelFilters.status);
  const fromMs = bound(q(panelFilters.from), panelFilters.from, false);
  const toMs = bound(q(panelFilters.to), panelFilters.to, true);
  if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) throw bad(panelFilters.to);
  const amountOf = (field: string) => (q(field)?.trim() ? positiveInt(q(field), field, 0) : undefined);
  const page = positiveInt(q(panelFilters.page), panelFilters.page, 1);
  const perPage = positiveInt(q(panelFilters.perPage), panelFilters.perPage, 20, maxPerPage);
  if (page * perPage > panelWindow) {
    throw bad(`${panelFilters.page}: the panel pages through the newest ${panelWindow} transactions; narrow with ${panelFilters.from}/${panelFilters.to}`);
  }
  const orderId = q(panelFilters.orderId)?.trim();
  const filter: PanelFilter = {
    status: status as ShownStatus | undefined,
    fromMs,
    toMs,
    amount: amountOf(panelFilters.amount),
    minAmount: amountOf(panelFilters.minAmount),
    maxAmount: amountOf(panelFilters.maxAmount),
    ...cardFilter(q(panelFilters.card)),
    authority: digitsFilter(q(panelFilters.authority), panelFilters.authority),
    refId: digitsFilter(q(panelFilters.refId), panelFilters.refId),
    orderId: orderId || undefined,
  };
  return { filter, page, perPage };
}
