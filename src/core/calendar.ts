// Days as Tehran sees them: daily limits reset at midnight Asia/Tehran, and the Jibit daily
// report names days in the Jalali calendar. Zone rules come from Intl, never a fixed offset.
import { toJalaali, isValidJalaaliDate } from 'jalaali-js';

const tehranParts = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Tehran',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export interface TehranDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function tehranDateTime(epochMs: number): TehranDateTime {
  const parts: Record<string, number> = {};
  for (const part of tehranParts.formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const halfHourMs = 30 * 60 * 1000;
const dayByHalfHour = new Map<number, string>();

/**
 * The Jalali day in Tehran at `epochMs`, as yyyyMMdd (e.g. 14050902). Tehran's offsets
 * (+03:30, and +04:30 in the years it kept summer time) put its midnight on a UTC half hour,
 * so the day is the same throughout each UTC half hour and is computed once per half hour.
 */
export function tehranJalaliDay(epochMs: number): string {
  const bucket = Math.floor(epochMs / halfHourMs);
  let day = dayByHalfHour.get(bucket);
  if (day === undefined) {
    const t = tehranDateTime(bucket * halfHourMs);
    const j = toJalaali(t.year, t.month, t.day);
    day = `${j.jy}${pad(j.jm)}${pad(j.jd)}`;
    if (dayByHalfHour.size >= 4096) dayByHalfHour.clear();
    dayByHalfHour.set(bucket, day);
  }
  return day;
}

/**
 * Reads the daily report's `yearMonthDay`: Jalali yyMMdd as in the document's example
 * (000708 = 1400/07/08). Two-digit years below 50 are 14xx, the rest 13xx.
 * Returns the yyyyMMdd day, or undefined when the value is not a real Jalali date.
 */
export function parseJalaliYyMmDd(value: string): string | undefined {
  if (!/^\d{6}$/.test(value)) return undefined;
  const yy = Number(value.slice(0, 2));
  const jy = (yy < 50 ? 1400 : 1300) + yy;
  const jm = Number(value.slice(2, 4));
  const jd = Number(value.slice(4, 6));
  if (!isValidJalaaliDate(jy, jm, jd)) return undefined;
  return `${jy}${pad(jm)}${pad(jd)}`;
}
