// Writes src/providers/freepay/holidays.json: the official Iranian holidays of Jalali years
// 1404 to 1406, the days Freepay does not settle (besides Fridays). Solar holidays are fixed;
// lunar ones are placed with the Umm al-Qura calendar of Intl, which can differ by a day from
// the calendar Iran announces: the file is data, to be corrected by hand where it does.
import { writeFileSync } from 'node:fs';
import { toGregorian, jalaaliMonthLength } from 'jalaali-js';

const solar: Record<string, string> = {
  '0101': 'نوروز', '0102': 'نوروز', '0103': 'نوروز', '0104': 'نوروز',
  '0112': 'روز جمهوری اسلامی', '0113': 'روز طبیعت',
  '0314': 'رحلت امام خمینی', '0315': 'قیام ۱۵ خرداد',
  '1122': 'پیروزی انقلاب اسلامی', '1229': 'ملی شدن صنعت نفت',
};

// Hijri month and day → holiday.
const lunar: Record<string, string> = {
  '1-9': 'تاسوعا', '1-10': 'عاشورا', '2-20': 'اربعین',
  '2-28': 'رحلت پیامبر و شهادت امام حسن', '3-8': 'شهادت امام حسن عسکری', '3-17': 'ولادت پیامبر و امام صادق',
  '6-3': 'شهادت حضرت فاطمه', '7-13': 'ولادت امام علی', '7-27': 'مبعث', '8-15': 'ولادت امام مهدی',
  '9-21': 'شهادت امام علی', '10-1': 'عید فطر', '10-2': 'عید فطر', '10-25': 'شهادت امام صادق',
  '12-10': 'عید قربان', '12-18': 'عید غدیر',
};

const hijri = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
const pad = (n: number) => String(n).padStart(2, '0');
const days: Record<string, string> = {};
for (let jy = 1404; jy <= 1406; jy++) {
  for (let jm = 1; jm <= 12; jm++) {
    for (let jd = 1; jd <= jalaaliMonthLength(jy, jm); jd++) {
      const key = `${jy}${pad(jm)}${pad(jd)}`;
      const { gy, gm, gd } = toGregorian(jy, jm, jd);
      const parts = Object.fromEntries(hijri.formatToParts(new Date(Date.UTC(gy, gm - 1, gd))).map((p) => [p.type, p.value]));
      const names = [solar[`${pad(jm)}${pad(jd)}`], lunar[`${parts.month}-${parts.day}`]].filter(Boolean);
      // The last day of Safar: martyrdom of Imam Reza (the 29th or 30th).
      const next = Object.fromEntries(hijri.formatToParts(new Date(Date.UTC(gy, gm - 1, gd + 1))).map((p) => [p.type, p.value]));
      if (parts.month === '2' && next.month === '3') names.push('شهادت امام رضا');
      if (names.length > 0) days[key] = names.join('، ');
    }
  }
}
const file = {
  note: 'Official holidays of Iran by Jalali day (yyyyMMdd), Fridays aside. Lunar holidays placed with the Umm al-Qura calendar; correct a day by hand where the announced calendar differs. Written by scripts/freepay-holidays.ts.',
  days,
};
writeFileSync(new URL('../src/providers/freepay/holidays.json', import.meta.url), `${JSON.stringify(file, null, 2)}\n`);
console.log(`${Object.keys(days).length} holidays written`);
