// Numbers as the pages print them: Persian digits (what a buyer typed may be either; the
// server reads both, see toAsciiDigits).
import { digitsEnToFa } from '@persian-tools/persian-tools';

/** `text` with every ASCII digit written as a Persian one; everything else as it is. */
export const faDigits = (text: string | number): string => digitsEnToFa(String(text));

/** A card number in groups of four, in Persian digits: ۶۰۳۷ ۹۹۱۲ ۳۴۵۶ ۷۸۹۳. */
export const faCardNumber = (card: string): string => faDigits(card.replace(/[\s-]/g, '').replace(/(.{4})(?=.)/g, '$1 '));

/** An amount in Rial, Persian digits grouped by thousands: ۱٬۲۵۰٬۰۰۰ ریال. */
export const rial = (amountRial: number): string => `${amountRial.toLocaleString('fa-IR')} ریال`;

/** The same amount in Toman (a tenth of a Rial, what people say), to one decimal: ۱۲۵٬۰۰۰ تومان. */
export const toman = (amountRial: number): string => `${(amountRial / 10).toLocaleString('fa-IR', { maximumFractionDigits: 1 })} تومان`;
