import { describe, expect, it, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isFriday, nextJalaliDay, parseJalaliYyMmDd, tehranDateTime, tehranInstant, tehranJalaliDateTime, tehranJalaliDay } from '../../src/core/calendar.js';

describe('Tehran days', () => {
  test.each([
    // Tehran has kept +03:30 all year since 2022: 20:29:59Z is 23:59:59 in Tehran.
    ['2026-03-20T20:29:59Z', '14041229'],
    ['2026-03-20T20:30:00Z', '14050101'],
    ['2025-11-23T20:29:59.999Z', '14040902'],
    ['2025-11-23T20:30:00Z', '14040903'],
    // Before 2022 Iran kept summer time (+04:30): midnight was 19:30Z.
    ['2021-06-30T19:29:59Z', '14000409'],
    ['2021-06-30T19:30:00Z', '14000410'],
  ])('%s is Jalali day %s in Tehran', (iso, day) => {
    expect(tehranJalaliDay(Date.parse(iso))).toBe(day);
  });

  test('reads the wall time of Tehran through Intl', () => {
    expect(tehranDateTime(Date.parse('2026-01-01T00:00:00Z'))).toEqual({ year: 2026, month: 1, day: 1, hour: 3, minute: 30, second: 0 });
  });
});

describe('daily report dates (yyMMdd, Jalali)', () => {
  test.each([
    ['000708', '14000708'],
    ['040902', '14040902'],
    ['991229', '13991229'],
    ['041230', undefined], // 1404 is not a leap year
    ['031230', '14031230'], // 1403 is a leap year
    ['001301', undefined],
    ['000732', undefined],
    ['70708', undefined],
    ['۰۰۰۷۰۸', undefined],
    ['', undefined],
  ])('%s → %s', (value, day) => {
    expect(parseJalaliYyMmDd(value)).toBe(day);
  });
});

describe('Jalali days for settlement', () => {
  it('nextJalaliDay crosses month and year ends, leap years included', () => {
    expect(nextJalaliDay('14050631')).toBe('14050701');
    expect(nextJalaliDay('14051229')).toBe('14060101');
    expect(nextJalaliDay('14031229')).toBe('14031230'); // 1403 is a leap year
    expect(nextJalaliDay('14031230')).toBe('14040101');
  });

  it('isFriday', () => {
    expect(['14050906', '14050913', '14050101'].map(isFriday)).toEqual([true, true, false]);
  });

  it('tehranInstant follows the offset of the day: +03:30 now, +04:30 in the summers Tehran kept it', () => {
    expect(new Date(tehranInstant('14050902', 10)).toISOString()).toBe('2026-11-23T06:30:00.000Z');
    expect(new Date(tehranInstant('13990501', 10)).toISOString()).toBe('2020-07-22T05:30:00.000Z');
    expect(new Date(tehranInstant('14050902', 24)).toISOString()).toBe('2026-11-23T20:30:00.000Z');
  });

  it('tehranJalaliDateTime reads an instant as Tehran does', () => {
    expect(tehranJalaliDateTime(Date.parse('2026-11-23T06:30:00Z'))).toBe('1405/09/02 10:00:00');
    expect(tehranJalaliDateTime(Date.parse('2026-11-23T20:29:59Z'))).toBe('1405/09/02 23:59:59');
    expect(tehranJalaliDateTime(Date.parse('2026-11-23T20:30:00Z'))).toBe('1405/09/03 00:00:00');
  });
});

describe('whatever time zone the process runs in', () => {
  // The day's arithmetic must not read the process's own zone: west of UTC, a UTC midnight is
  // still the day before locally.
  it.each(['America/New_York', 'Pacific/Honolulu', 'Asia/Tokyo', 'UTC'])('nextJalaliDay steps one day with TZ=%s', (tz) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', "import('./src/core/calendar.ts').then((m) => console.log([m.nextJalaliDay('14040101'), m.nextJalaliDay('14031230'), m.nextJalaliDay('14050631')].join(' ')))"], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('14040102 14040101 14050701');
  });
});

describe('tehranDateTime', () => {
  const intl = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const fromIntl = (ms: number) => {
    const p = Object.fromEntries(intl.formatToParts(new Date(ms)).filter((x) => x.type !== 'literal').map((x) => [x.type, Number(x.value)]));
    return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
  };

  test('reads the wall clock as Intl does, every 3 seconds around summer time’s start and end (2022) and midnight, and across the years', () => {
    const instants: number[] = [];
    // Summer time began 2022-03-22 00:00 (+03:30 → +04:30) and ended 2022-09-22 00:00 (back to +03:30).
    for (const edge of [Date.UTC(2022, 2, 21, 20, 30), Date.UTC(2022, 8, 21, 19, 30), Date.UTC(2026, 10, 29, 20, 30)]) {
      for (let s = -3700; s <= 3700; s += 3) instants.push(edge + s * 1000 + (s % 7) * 111);
    }
    for (let ms = Date.UTC(1975, 0, 1); ms < Date.UTC(2040, 0, 1); ms += 7_777_777_777) instants.push(ms);
    for (let i = 0; i < 5_000; i += 1) instants.push(Date.UTC(1980, 0, 1) + Math.floor(((i * 2_654_435_761) % 1_000_000) / 1_000_000 * 60 * 365.25 * 86_400_000));
    for (const ms of instants) {
      if (JSON.stringify(tehranDateTime(ms)) !== JSON.stringify(fromIntl(ms))) expect({ ms, got: tehranDateTime(ms) }).toEqual({ ms, got: fromIntl(ms) });
    }
  });
});
