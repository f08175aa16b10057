// When money taken by a failed payment goes back to the card: "usually in the first minutes, at
// most 72 working hours" (help centre, seed 002 lines 136, 183, 193). A working hour is any hour
// of a business day in Tehran (the settlement's calendar: not a Friday, not an official holiday),
// so 72 working hours are three whole business days' worth of time, Fridays and holidays skipped.
import { nextJalaliDay, tehranInstant, tehranJalaliDay } from '../../core/calendar.js';
import type { FailureReason } from './catalog.js';
import { isBusinessDay } from './business-days.js';

/** The latest return the help centre allows. */
export const returnWorkingHours = 72;
/** "Usually in the first minutes": the early test card's money is back this long after (tenant clock). */
export const earlyReturnMinutes = 10;

/** A Shetab discrepancy's money is back "within two working days, holidays not counted" (line 204). */
export const shetabReturnWorkingDays = 2;

/** The failures whose money was taken from the card and is held until it is returned. */
export const takesMoney = (failure: string | null): boolean =>
  failure === 'deducted_then_failed' || failure === 'deducted_returned_soon' || failure === 'shetab_discrepancy';

/** The instant `hours` working hours after `startMs`: time on Fridays and holidays does not count. */
export function afterWorkingHours(startMs: number, hours: number): number {
  let remainingMs = hours * 3600 * 1000;
  let atMs = startMs;
  for (;;) {
    const day = tehranJalaliDay(atMs);
    const dayEndMs = tehranInstant(nextJalaliDay(day), 0);
    if (isBusinessDay(day)) {
      if (remainingMs <= dayEndMs - atMs) return atMs + remainingMs;
      remainingMs -= dayEndMs - atMs;
    }
    atMs = dayEndMs;
  }
}

/** When the money of a payment failed at `failedAtMs` for `failure` goes back to the card. */
export function returnDueAtMs(failure: FailureReason, failedAtMs: number): number {
  if (failure === 'deducted_returned_soon') return failedAtMs + earlyReturnMinutes * 60 * 1000;
  // Working days on the same calendar: two whole business days' worth of working hours.
  if (failure === 'shetab_discrepancy') return afterWorkingHours(failedAtMs, shetabReturnWorkingDays * 24);
  return afterWorkingHours(failedAtMs, returnWorkingHours);
}
