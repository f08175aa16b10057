// Bounced cheques: drawn on a lending bank, bounced within the last three years, each with
// the reason a bank writes on the bounce certificate.
import type { Faker } from '@faker-js/faker';
import { digitsEnToFa } from '@persian-tools/persian-tools';
import { bankById } from '../../../core/world/banks.js';
import { digits } from '../../../core/world/random.js';
import { addDays, monthsBefore, slashed, type Day } from './dates.js';
import { lendingBanks } from './facilities.js';
import type { BouncedCheque } from './schema.js';

const reasons = ['کسری موجودی', 'کسری موجودی و عدم تطابق امضا', 'مسدود بودن حساب', 'عدم تطابق امضا', 'صدور دستور عدم پرداخت'];

/** `count` cheques, the most recently bounced first; `scaleRial` is the largest amount. */
export function bouncedChequesFor(f: Faker, count: number, today: Day, scaleRial: number): BouncedCheque[] {
  const cheques = Array.from({ length: count }, (): BouncedCheque => {
    const bank = f.helpers.arrayElement(lendingBanks);
    const due = monthsBefore(today, f.number.int({ min: 1, max: 36 }), f.number.int({ min: 1, max: 29 }));
    // Presented on the due day or up to three days later: still at least a month before today.
    const bounced = addDays(due, f.number.int({ min: 0, max: 3 }));
    return {
      sayadId: `${f.number.int({ min: 1, max: 9 })}${digits(f, 15)}`,
      chequeNumber: `${f.number.int({ min: 100_000, max: 999_999 })}/${f.number.int({ min: 10, max: 99 })}`,
      bank,
      bankName: bankById(bank)!.name,
      amountRial: f.number.int({ min: 1, max: 100 }) * Math.round(scaleRial / 100 / 100_000) * 100_000,
      dueDate: slashed(due),
      bouncedDate: slashed(bounced),
      reason: f.helpers.arrayElement(reasons),
    };
  });
  return cheques.sort((a, b) => b.bouncedDate.localeCompare(a.bouncedDate) || a.sayadId.localeCompare(b.sayadId));
}

/** The panel's sentence: the seed's own words when there are none. */
export const chequesNote = (count: number): string =>
  count === 0 ? 'شخص دارای چک برگشتی ثبت شده نمی باشد.' : `${digitsEnToFa(String(count))} فقره چک برگشتی ثبت شده است.`;
