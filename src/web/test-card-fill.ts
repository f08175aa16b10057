// What a test card fills in besides its number: a PIN2, a CVV2 and an expiry the form accepts on
// the tenant's clock (every test card takes any well-formed ones; see cards.ts).
import { tehranJalaliDay } from '../core/calendar.js';

/** The values a click on a test card puts in the form, ASCII digits (the page shows them in Persian). */
export interface TestCardFill {
  pin2: string;
  cvv2: string;
  expMonth: string;
  expYear: string;
}

/** Years past the tenant's today of the filled expiry: still ahead after the clock is moved on a while. */
const expiryYearsAhead = 3;

export function testCardFill(nowMs: number): TestCardFill {
  const jalaliYear = Number(tehranJalaliDay(nowMs).slice(0, 4));
  return { pin2: '12345', cvv2: '123', expMonth: '12', expYear: String((jalaliYear + expiryYearsAhead) % 100).padStart(2, '0') };
}
