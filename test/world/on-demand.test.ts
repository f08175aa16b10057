// Numbers the world does not store still answer, the same way every time, and the answers
// agree with each other: card → account → IBAN → owner → person → mobile line.
import { describe, expect, test } from 'vitest';
import {
  banks,
  completeCardNumber,
  completeNationalCode,
  isValidIban,
  mobilePrefixes,
  type World,
} from '../../src/core/world/index.js';
import { newFaker, reseed, digits } from '../../src/core/world/random.js';
import { seededWorld } from './helpers.js';

const { world } = seededWorld('on-demand');
const twin = seededWorld('on-demand').world;
const other = seededWorld('another-seed').world;

/** Valid numbers the world does not store, drawn from a fixed seed. */
const f = reseed(newFaker(), 'on-demand-test');
const unstored = <T>(make: () => T, stored: (value: T) => boolean | undefined, count: number): T[] =>
  Array.from({ length: count * 3 }, make).filter((v) => !stored(v)).slice(0, count);
const cardNumbers = unstored(
  () => completeCardNumber(f.helpers.arrayElement(banks.flatMap((b) => b.bins)) + digits(f, 9)),
  (n) => !n || world.card(n)?.stored,
  60,
) as string[];
const nationalCodes = unstored(() => completeNationalCode(digits(f, 9)), (nc) => !nc || world.person(nc)?.stored, 400) as string[];
const mobiles = unstored(
  () => `0${f.helpers.arrayElement(mobilePrefixes)}${digits(f, 7)}`,
  (m) => world.person(world.mobile(m)!.nationalCode)!.stored,
  200,
);

describe('a generated card', () => {
  test.each(cardNumbers.slice(0, 20))('%s links to its account, IBAN, owner and person', (number) => {
    const card = world.card(number)!;
    expect(card).toMatchObject({ number, state: 'ACTIVE', type: 'DEBIT', stored: false });
    const deposit = world.deposit(card.bank, card.depositNumber)!;
    expect(deposit).toMatchObject({ bank: card.bank, status: 'ACTIVE', ibanState: 'OK', stored: false });
    expect(card.ownerNationalCode).toBe(deposit.owners[0]);
    expect(isValidIban(deposit.iban)).toBe(true);
    expect(world.depositByIban(deposit.iban)).toEqual(deposit);
    expect(world.depositByIban(deposit.iban.slice(2).toLowerCase())).toEqual(deposit);
    expect(world.person(card.ownerNationalCode)).toMatchObject({ registry: 'FOUND', stored: false });
  });

  test('is the same on every call and in every world with the same seed', () => {
    for (const number of cardNumbers) {
      const card = world.card(number)!;
      expect(world.card(number)).toEqual(card);
      expect(twin.card(number)).toEqual(card);
      expect(twin.person(card.ownerNationalCode)).toEqual(world.person(card.ownerNationalCode));
    }
  });

  test('differs under another seed', () => {
    const differs = cardNumbers.filter((n) => other.card(n)!.depositNumber !== world.card(n)!.depositNumber);
    expect(differs.length).toBeGreaterThan(cardNumbers.length / 2);
  });
});

describe('a generated person and mobile line', () => {
  test('is stable, FOUND, and its military state fits its gender', () => {
    for (const nc of nationalCodes.slice(0, 50)) {
      const person = world.person(nc)!;
      expect(twin.person(nc)).toEqual(person);
      expect(person).toMatchObject({ nationalCode: nc, registry: 'FOUND', blackListed: false, stored: false });
      expect(person.military === 'NOT_APPLICABLE_FEMALE').toBe(person.gender === 'FEMALE');
    }
  });

  // A line has one owner and there are fewer mobiles than national codes, so only part of the
  // generated persons can own their line (src/core/world/mobile-link.ts explains the rule).
  test("a generated line's owner has that line as their mobile", () => {
    for (const m of mobiles) {
      const owner = world.mobile(m)!.nationalCode;
      expect(world.person(owner)!.mobile).toBe(m);
    }
  });

  test('about 38% of generated persons own their mobile; the rest hold a line of someone else', () => {
    const own = nationalCodes.filter((nc) => world.mobile(world.person(nc)!.mobile)!.nationalCode === nc);
    expect(own.length / nationalCodes.length).toBeGreaterThan(0.28);
    expect(own.length / nationalCodes.length).toBeLessThan(0.48);
  });

  test('a random national code and mobile do not match', () => {
    const matches = nationalCodes.filter((nc, i) => world.mobile(mobiles[i % mobiles.length]!)!.nationalCode === nc);
    expect(matches).toEqual([]);
  });
});

describe('other generated records', () => {
  test('a postal code gets a Persian address inside Iran', () => {
    const postal = world.postal('3618721544')!;
    expect(postal).toMatchObject({ code: '3618721544', state: 'FOUND' });
    expect(postal.address).toContain(postal.province);
    expect(postal.latitude).toBeGreaterThan(25);
    expect(postal.longitude).toBeLessThan(63.3);
    expect(twin.postal('3618721544')).toEqual(postal);
  });

  test('a FIDA gets a foreigner with Jalali yyyy/MM/dd dates', () => {
    const foreigner = world.foreigner('123456789012')!;
    expect(foreigner).toMatchObject({ fida: '123456789012', blackListed: false, info: { fida: '123456789012' } });
    expect(foreigner.info.birthDate).toMatch(/^1[34]\d\d\/\d\d\/\d\d$/);
    for (const d of foreigner.info.identificationDocuments) expect(d.expirationDate > d.issueDate).toBe(true);
  });

  test('a guild code gets a licence whose holder, mobile and address agree with the world', () => {
    const { info } = world.corporation('1234512345')!;
    const holder = world.person(String(info.nationalCode))!;
    expect([info.firstName, info.lastName, info.fatherName]).toEqual([holder.firstName, holder.lastName, holder.fatherName]);
    expect(info.isMale).toBe(holder.gender === 'MALE' ? 'true' : 'false');
    expect(world.mobile(String(info.mobile))!.nationalCode).toBe(holder.nationalCode);
    expect(world.postal(String(info.postalCode))!.address).toBe(info.address);
    expect(twin.corporation('1234512345')).toEqual(world.corporation('1234512345'));
  });

  test('a valid IBAN whose account part is not in the bank format is an account that does not exist', () => {
    const bban = '0171000001234567890123'; // a 1 where ibanOf puts a 0 after the bank code
    const valid = Array.from({ length: 100 }, (_, k) => `IR${String(k).padStart(2, '0')}${bban}`).find(isValidIban)!;
    expect(world.depositByIban(valid)).toMatchObject({ bank: 'MELLI', ibanState: 'NOT_FOUND', owners: [], stored: false });
  });
});

describe('stored records win', () => {
  test.each([
    ['6104330000000052', 'LOST'],
    ['6104330000000060', 'STOLEN'],
    ['6104330000000102', 'MATCHING_UNKNOWN'],
  ])('card %s is the fixture in state %s', (number, state) => {
    expect(world.card(number)).toMatchObject({ state, stored: true, ownerNationalCode: '0010000100' });
  });

  test('the demo person, mobile and account', () => {
    expect(world.person('0123456789')).toMatchObject({ firstName: 'علی', birthDate: '13600331', stored: true });
    expect(world.mobile('09123456789')!.nationalCode).toBe('0123456789');
    expect(world.depositByIban('IR120170000001234567890123')).toMatchObject({ number: '1234567890123', stored: true });
    expect(world.mobile('09120000097')).toEqual({ mobile: '09120000097', nationalCode: '0010000097', blackListed: true });
  });

  test('the fixture NOT_FOUND records', () => {
    expect(world.postal('1111111111')!.state).toBe('NOT_FOUND');
    expect(world.corporation('1111111111')!.state).toBe('NOT_FOUND');
    expect(world.foreigner('1111111111')!.blackListed).toBe(true);
    expect(world.person('0010000070')!.registry).toBe('NOT_FOUND');
  });
});

describe('malformed input answers undefined', () => {
  const cases: [string, (w: World) => unknown][] = [
    ['card with a wrong check digit', (w) => w.card('6037991234567890')],
    ['card of an unknown issuer', (w) => w.card('1234123412341234')],
    ['card of 17 digits', (w) => w.card('60379912345678930')],
    ['account out of the bank format', (w) => w.deposit('SAMAN', '849800123456781')],
    ['account at UNKNOWN', (w) => w.deposit('UNKNOWN', '1234567890')],
    ['IBAN with wrong check digits', (w) => w.depositByIban('IR130170000001234567890123')],
    ['IBAN of an unknown bank code', (w) => w.depositByIban('IR920510000001234567890123')],
    ['national code with a wrong check digit', (w) => w.person('0123456788')],
    ['mobile without the leading 0', (w) => w.mobile('9123456789')],
    ['postal code starting with 0', (w) => w.postal('0123456789')],
    ['FIDA of 9 digits', (w) => w.foreigner('012345678')],
    ['guild code of 11 digits', (w) => w.corporation('01234567890')],
  ];
  test.each(cases)('%s', (_, lookup) => expect(lookup(world)).toBeUndefined());
});
