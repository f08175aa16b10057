// Days as Tehran sees them: daily limits reset at midnight Asia/Tehran, and the Jibit daily
// report names days in the Jalali calendar. Zone rules come from Intl, never a fixed offset.
import { toGregorian, toJalaali, isValidJalaaliDate } from 'jalaali-js';

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

/** Tehran's wall clock at `epochMs`, read from Intl: exact, and slow (tens of µs a call). */
function tehranDateTimeFromIntl(epochMs: number): TehranDateTime {
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
const offsetByHalfHour = new Map<number, number>();
/** From 1980 on Tehran's offsets (+03:30, +04:30) change only at whole UTC half hours; before, they are read from Intl each time. */
const halfHourRulesFromMs = Date.UTC(1980, 0, 1);

/**
 * Tehran's wall clock at `epochMs`. Its offset from UTC is read from Intl once per UTC half hour
 * (the zone changes offset only on a half hour) and the fields then come from the shifted time,
 * as Intl would give them: dates in answers and journals are formatted on hot paths.
 */
export function tehranDateTime(epochMs: number): TehranDateTime {
  if (!(epochMs >= halfHourRulesFromMs)) return tehranDateTimeFromIntl(epochMs);
  const bucket = Math.floor(epochMs / halfHourMs);
  let offset = offsetByHalfHour.get(bucket);
  if (offset === undefined) {
    const start = bucket * halfHourMs;
    const t = tehranDateTimeFromIntl(start);
    offset = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) - start;
    if (offsetByHalfHour.size >= 4096) offsetByHalfHour.clear();
    offsetByHalfHour.set(bucket, offset);
  }
  const wall = new Date(epochMs + offset);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

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

/** The Jalali day (yyyyMMdd) after `day`. */
export function nextJalaliDay(day: string): string {
  const { gy, gm, gd } = toGregorian(Number(day.slice(0, 4)), Number(day.slice(4, 6)), Number(day.slice(6, 8)));
  // The next Gregorian day by UTC arithmetic, handed over as numbers: a Date would be read in the
  // process's own zone, a day early west of UTC.
  const next = new Date(Date.UTC(gy, gm - 1, gd + 1));
  const j = toJalaali(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
  return `${j.jy}${pad(j.jm)}${pad(j.jd)}`;
}

/** Is the Jalali day (yyyyMMdd) a Friday? */
export function isFriday(day: string): boolean {
  const { gy, gm, gd } = toGregorian(Number(day.slice(0, 4)), Number(day.slice(4, 6)), Number(day.slice(6, 8)));
  return new Date(Date.UTC(gy, gm - 1, gd)).getUTCDay() === 5;
}

/** The instant it is `hour`:00 in Tehran on the Jalali day (yyyyMMdd), whatever Tehran's offset was then. */
export function tehranInstant(day: string, hour: number): number {
  const { gy, gm, gd } = toGregorian(Number(day.slice(0, 4)), Number(day.slice(4, 6)), Number(day.slice(6, 8)));
  const wanted = Date.UTC(gy, gm - 1, gd, hour);
  let guess = wanted - 3.5 * 3600 * 1000;
  for (let i = 0; i < 2; i++) {
    const t = tehranDateTime(guess);
    guess += wanted - Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  }
  return guess;
}

/** An instant as Tehran reads it on the Jalali calendar: 1405/09/02 10:00:00. */
export function tehranJalaliDateTime(epochMs: number): string {
  const t = tehranDateTime(epochMs);
  const j = toJalaali(t.year, t.month, t.day);
  return `${j.jy}/${pad(j.jm)}/${pad(j.jd)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}
