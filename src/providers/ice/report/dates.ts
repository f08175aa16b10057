// Report dates: the Jalali day a report is issued on (Tehran, from the tenant clock's
// instant the caller passes) and whole months before it, written yyyy/MM/dd.
import { jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';
import { tehranJalaliDay } from '../../../core/calendar.js';

export interface Day {
  y: number;
  m: number;
  d: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** yyyy/MM/dd, zero-padded (the seed prints 1381/8/21; padded sorts and parses without surprises). */
export const slashed = (day: Day): string => `${day.y}/${pad(day.m)}/${pad(day.d)}`;

export function issueDay(issuedAtMs: number): Day {
  const day = tehranJalaliDay(issuedAtMs);
  return { y: Number(day.slice(0, 4)), m: Number(day.slice(4, 6)), d: Number(day.slice(6, 8)) };
}

/** `day` moved by whole months; a day past the target month's end becomes its last day. */
export function addMonths(day: Day, months: number): Day {
  const index = day.y * 12 + (day.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return { y, m, d: Math.min(day.d, jalaaliMonthLength(y, m)) };
}

/**
 * The day on `dayOfMonth` (1–29, a day every Jalali month has) that lies `months` whole months
 * before `today`: a month further back when that day of this month has not come yet.
 */
export function monthsBefore(today: Day, months: number, dayOfMonth: number): Day {
  const back = addMonths(today, -months - (dayOfMonth > today.d ? 1 : 0));
  return { y: back.y, m: back.m, d: dayOfMonth };
}

/** `day` moved by whole days. */
export function addDays(day: Day, days: number): Day {
  const { gy, gm, gd } = toGregorian(day.y, day.m, day.d);
  // UTC getters: jalaali-js would read a Date in the process's local zone.
  const g = new Date(Date.UTC(gy, gm - 1, gd + days));
  const j = toJalaali(g.getUTCFullYear(), g.getUTCMonth() + 1, g.getUTCDate());
  return { y: j.jy, m: j.jm, d: j.jd };
}
