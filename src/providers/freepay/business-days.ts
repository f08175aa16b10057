// Freepay's working days: not a Friday, not an official holiday of holidays.json. Settlements run
// on them, and the money of failed payments comes back within their working hours.
import { isFriday } from '../../core/calendar.js';
import holidays from './holidays.json' with { type: 'json' };

const holidayNames: Record<string, string> = holidays.days;

export const holidayName = (day: string): string | undefined => holidayNames[day];
export const isBusinessDay = (day: string) => !isFriday(day) && holidayNames[day] === undefined;
