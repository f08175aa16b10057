// Times as ICE answers them: ISO 8601 with Tehran's offset of that instant, and the Jalali day
// (1405/09/09) and time (14:53) the panel shows. Zone rules come from the calendar module (Intl).
import { toJalaali } from 'jalaali-js';
import { tehranDateTime } from '../../core/calendar.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-11-30T11:23:00+03:30: Tehran's wall time at `epochMs`, with its offset then. */
export function tehranIso(epochMs: number): string {
  const t = tehranDateTime(epochMs);
  const wallMs = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  const offsetMinutes = Math.round((wallMs - Math.floor(epochMs / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The Jalali day (1405/09/09) and time (14:53) in Tehran at `epochMs`. */
export function jalaliParts(epochMs: number): { date: string; time: string } {
  const t = tehranDateTime(epochMs);
  const j = toJalaali(t.year, t.month, t.day);
  return { date: `${j.jy}/${pad(j.jm)}/${pad(j.jd)}`, time: `${pad(t.hour)}:${pad(t.minute)}` };
}

/** An instant as every ICE answer shows it: `at` (ISO), `date` (Jalali), `time`. */
export const shownTime = (epochMs: number) => ({ at: tehranIso(epochMs), ...jalaliParts(epochMs) });

/** The same, or null for an instant that has not happened. */
export const shownTimeOrNull = (epochMs: number | null) => (epochMs === null ? null : shownTime(epochMs));
