// The banks of the world: Persian name, IBAN bank code, card issuer prefixes (BINs), the
// account-number format and card-to-IBAN availability, for every bank id but UNKNOWN.
import type { BankId } from './types.js';

export type KnownBankId = Exclude<BankId, 'UNKNOWN'>;

/** Digit groups of an account number and the character between them ('' = one block). */
export interface AccountFormat {
  groups: number[];
  separator: '' | '-' | '.';
}

export interface Bank {
  id: KnownBankId;
  name: string;
  /** The 3 digits after the IBAN check digits (IR kk BBB ...). */
  ibanCode: string;
  /** Card issuer prefixes; the first is the one generated cards use most. */
  bins: string[];
  account: AccountFormat;
  /** accountPattern(account), compiled once. */
  accountRegex: RegExp;
  cardToIban: 'AVAILABLE' | 'NOT_AVAILABLE';
}

const plain = (digits: number): AccountFormat => ({ groups: [digits], separator: '' });
const dashed = (...groups: number[]): AccountFormat => ({ groups, separator: '-' });
const dotted = (...groups: number[]): AccountFormat => ({ groups, separator: '.' });

type Row = [KnownBankId, string, string, string[], AccountFormat];

// BINs and IBAN codes are the published ones (checked against persian-tools in
// test/world/banks.test.ts). Account formats are plausible, not official: what matters is
// that each bank has one fixed shape, as Jibit asks for "the bank's own format".
const rows: Row[] = [
  ['MARKAZI', 'بانک مرکزی جمهوری اسلامی ایران', '010', ['636795'], plain(12)],
  ['SANAT_VA_MADAN', 'بانک صنعت و معدن', '011', ['627961'], plain(11)],
  ['MELLAT', 'بانک ملت', '012', ['610433', '991975'], plain(10)],
  ['REFAH', 'بانک رفاه کارگران', '013', ['589463'], plain(9)],
  ['MASKAN', 'بانک مسکن', '014', ['628023'], plain(14)],
  ['SEPAH', 'بانک سپه', '015', ['589210'], plain(12)],
  ['KESHAVARZI', 'بانک کشاورزی', '016', ['603770', '639217'], plain(10)],
  ['MELLI', 'بانک ملی ایران', '017', ['603799'], plain(13)],
  ['TEJARAT', 'بانک تجارت', '018', ['627353', '585983'], plain(10)],
  ['SADERAT', 'بانک صادرات ایران', '019', ['603769'], plain(10)],
  ['TOSEAH_SADERAT', 'بانک توسعه صادرات ایران', '020', ['627648', '207177'], plain(11)],
  ['POST', 'پست بانک ایران', '021', ['627760'], plain(11)],
  ['TOSEAH_TAAVON', 'بانک توسعه تعاون', '022', ['502908'], plain(12)],
  ['KARAFARIN', 'بانک کارآفرین', '053', ['627488', '502910'], plain(13)],
  ['PARSIAN', 'بانک پارسیان', '054', ['622106', '639194', '627884'], plain(12)],
  ['EGHTESAD_NOVIN', 'بانک اقتصاد نوین', '055', ['627412'], dashed(3, 3, 7, 1)],
  ['SAMAN', 'بانک سامان', '056', ['621986'], dashed(3, 3, 8, 1)],
  ['PASARGAD', 'بانک پاسارگاد', '057', ['502229', '639347'], dotted(3, 4, 8, 1)],
  ['SARMAYEH', 'بانک سرمایه', '058', ['639607'], dotted(4, 3, 6, 1)],
  ['SINA', 'بانک سینا', '059', ['639346'], dashed(3, 3, 6, 1)],
  ['MEHR_IRAN', 'بانک قرض‌الحسنه مهر ایران', '060', ['606373'], plain(11)],
  ['SHAHR', 'بانک شهر', '061', ['502806', '504706'], plain(10)],
  ['AYANDEH', 'بانک آینده', '062', ['636214'], plain(13)],
  ['GARDESHGARI', 'بانک گردشگری', '064', ['505416'], dotted(3, 3, 7, 1)],
  ['DAY', 'بانک دی', '066', ['502938'], plain(12)],
  ['IRANZAMIN', 'بانک ایران زمین', '069', ['505785'], plain(10)],
  ['RESALAT', 'بانک قرض‌الحسنه رسالت', '070', ['504172'], dotted(2, 8, 1)],
  ['MELAL', 'مؤسسه اعتباری ملل', '075', ['606256'], plain(12)],
  ['KHAVARMIANEH', 'بانک خاورمیانه', '078', ['585947'], plain(13)],
  ['NOOR', 'مؤسسه اعتباری نور', '080', ['507677'], plain(8)],
  ['IRAN_VENEZUELA', 'بانک مشترک ایران و ونزوئلا', '095', ['581874'], plain(14)],
];

/** Card-to-IBAN is switched off at these banks (card-to-iban-availability, spec/jibit.md §2.7). */
const cardToIbanOff = new Set<KnownBankId>(['MARKAZI', 'KHAVARMIANEH']);

export const banks: readonly Bank[] = rows.map(([id, name, ibanCode, bins, account]) => ({
  id,
  name,
  ibanCode,
  bins,
  account,
  accountRegex: accountPattern(account),
  cardToIban: cardToIbanOff.has(id) ? 'NOT_AVAILABLE' : 'AVAILABLE',
}));

const byId = new Map(banks.map((b) => [b.id as BankId, b]));
const byBin = new Map(banks.flatMap((b) => b.bins.map((bin) => [bin, b] as const)));
const byIbanCode = new Map(banks.map((b) => [b.ibanCode, b]));

export const bankById = (id: string): Bank | undefined => byId.get(id as BankId);
export const bankByBin = (bin: string): Bank | undefined => byBin.get(bin);
export const bankByIbanCode = (code: string): Bank | undefined => byIbanCode.get(code);

/** The regular expression an account number of this format must match. */
export function accountPattern(format: AccountFormat): RegExp {
  const sep = format.separator === '.' ? '\\.' : format.separator;
  return new RegExp(`^${format.groups.map((n) => `\\d{${n}}`).join(sep)}$`);
}

export const accountDigitCount = (format: AccountFormat): number => format.groups.reduce((a, b) => a + b, 0);

/** Lays `digits` (exactly accountDigitCount long) out in the bank's groups. */
export function formatAccount(format: AccountFormat, digits: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const n of format.groups) {
    parts.push(digits.slice(at, at + n));
    at += n;
  }
  return parts.join(format.separator);
}
