// Generated postal codes and the Persian addresses behind them, placed near the capital of
// their province.
import type { Faker } from '@faker-js/faker';
import { digitsEnToFa } from '@persian-tools/persian-tools';
import { provinces, type Province } from './places.js';
import { digits, weighted } from './random.js';
import type { PostalRecord } from './types.js';

const provinceTable = provinces.map((p) => [p, p.weight] as const);

export const randomProvince = (f: Faker): Province => weighted(f, provinceTable);

/** Real codes avoid 0 and 2 in their first five digits; the world follows that habit. */
export function randomPostalCode(f: Faker): string {
  const head = Array.from({ length: 5 }, () => f.helpers.arrayElement([...'13456789'])).join('');
  let tail = digits(f, 5);
  while (tail === '00000') tail = digits(f, 5);
  return head + tail;
}

/** Up to about 6 km from the capital: inside Iran and in the right province. */
const jitter = (f: Faker, at: number) => f.number.float({ min: at - 0.06, max: at + 0.06, fractionDigits: 6 });

export function randomPostalRecord(f: Faker, code: string): PostalRecord {
  const province = randomProvince(f);
  const district = f.datatype.boolean({ probability: 0.7 }) ? province.counties[0]! : f.helpers.arrayElement(province.counties);
  const street = f.location.street();
  const alley = f.datatype.boolean({ probability: 0.5 }) ? `کوچه شهید ${f.person.lastName()}` : undefined;
  const no = String(f.number.int({ min: 1, max: 250 }));
  const level = weighted(f, [[0, 3], [1, 4], [2, 3], [3, 2], [4, 1], [5, 1], [6, 1], [8, 1]]);
  const floor = level === 0 ? 'همکف' : String(level);
  const address = [
    `استان ${province.name}`,
    `شهرستان ${district}`,
    street,
    ...(alley ? [alley] : []),
    `پلاک ${digitsEnToFa(no)}`,
    `طبقه ${digitsEnToFa(floor)}`,
  ].join('، ');
  return {
    code,
    state: 'FOUND',
    province: province.name,
    district,
    street,
    no,
    floor,
    address,
    latitude: jitter(f, province.lat),
    longitude: jitter(f, province.lon),
  };
}
